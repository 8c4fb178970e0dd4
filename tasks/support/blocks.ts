/**
 * Slack messages whose facts live in their blocks (a header, rich-text sections, a fields
 * table, a context line) while `text` is only the short notification fallback, as apps and
 * workflow posts send them. Agents must read the blocks; the grader reads them too.
 */
import type { Workspace } from '../../harness/core/index.ts';
import { COL, messageKey, SlackMessage } from '../../harness/services/slack/model.ts';
import type { Person } from '../../datasets/company/company.ts';
import { plantSlackMessage } from './cross.ts';

/** A header block. */
export const header = (text: string) => ({ type: 'header', text: { type: 'plain_text', text } });
/** A rich-text block of paragraphs (one rich_text_section each). */
export const richText = (...paragraphs: string[]) => ({
  type: 'rich_text',
  elements: paragraphs.map((p) => ({ type: 'rich_text_section', elements: [{ type: 'text', text: `${p}\n` }] })),
});
/** A section laid out as a two-column table: Slack's `fields`, read left to right, row by row. */
export const fieldsTable = (rows: ReadonlyArray<readonly [string, string]>) => ({
  type: 'section',
  fields: rows.flatMap(([a, b]) => [{ type: 'mrkdwn', text: a }, { type: 'mrkdwn', text: b }]),
});
/** A context block: the small grey line under a post. */
export const context = (...texts: string[]) => ({ type: 'context', elements: texts.map((text) => ({ type: 'mrkdwn', text })) });

/** Plants `author`'s post with `blocks` and the fallback `text`; returns its ts. */
export function plantBlocksMessage(ws: Workspace, m: { channel: string; author: Person; text: string; blocks: readonly unknown[]; atMs: number }): string {
  const ts = plantSlackMessage(ws, { channel: m.channel, author: m.author, text: m.text, atMs: m.atMs });
  const col = ws.collection<SlackMessage>(COL.messages);
  const key = messageKey(m.channel, ts);
  col.set(key, SlackMessage.parse({ ...col.peek(key)!, blocks: [...m.blocks] }));
  return ts;
}

/** chat.unfurl: an app's preview of links in a message, shown under it as attachments. */
import { z } from 'zod';
import { actor, findChannel, requireReadable, requireScope } from '../access.ts';
import { slackError } from '../errors.ts';
import { messagesCol } from '../messages.ts';
import { messageKey, type SlackMessage } from '../model.ts';
import { pTs } from '../params.ts';
import { slackOp } from '../define.ts';

/** Most links one call unfurls, and the largest preview (JSON characters) kept per link. */
const MAX_UNFURLS = 20;
const MAX_PREVIEW = 20_000;

/** The URLs a message's text links to (`<https://x|label>` and bare links), as Slack matches unfurls. */
function linksOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.slice(0, 40_000).matchAll(/<((?:https?|mailto):[^|>\s]+)(?:\|[^>]*)?>|(https?:\/\/[^\s<>]+)/g)) out.add((m[1] ?? m[2]!).replace(/&amp;/g, '&'));
  return out;
}

/** The `unfurls` argument: a JSON map from URL to an attachment or `{blocks}`; anything else is `invalid_unfurls_format`. */
function parseUnfurls(raw: unknown): Record<string, Record<string, unknown>> {
  let v = raw;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      throw slackError('invalid_unfurls_format');
    }
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw slackError('invalid_unfurls_format');
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) throw slackError('missing_unfurls');
  if (entries.length > MAX_UNFURLS) throw slackError('invalid_unfurls_format');
  for (const [, a] of entries) {
    if (!a || typeof a !== 'object' || Array.isArray(a) || JSON.stringify(a).length > MAX_PREVIEW) throw slackError('cannot_parse_attachment');
  }
  return v as Record<string, Record<string, unknown>>;
}

export const chatUnfurlOps = [
  slackOp({
    method: 'chat.unfurl',
    kind: 'write',
    description: 'Adds previews to links in a message: `unfurls` maps each URL that appears in the message to an attachment (or {blocks}); every reader of the channel sees them.',
    params: z.object({
      channel: z.string().describe('Channel id of the message.'),
      ts: pTs('ts of the message whose links to unfurl.'),
      unfurls: z.unknown().optional().describe('JSON map: URL in the message → attachment object, e.g. {"https://x.com/1":{"title":"Ticket 1","text":"Open"}}.'),
      source: z.string().optional().describe('"composer" or "conversations_history" (with unfurl_id; ignored).'),
      unfurl_id: z.string().optional().describe('Id from a link_shared event (ignored).'),
      user_auth_message: z.string().optional().describe('Ignored (no auth prompts here).'),
      user_auth_required: z.unknown().optional().describe('Ignored.'),
      user_auth_url: z.string().optional().describe('Ignored.'),
      user_auth_blocks: z.unknown().optional().describe('Ignored.'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      requireScope(a, 'links:write');
      let ch;
      try {
        ch = findChannel(ctx, a, p.channel);
      } catch {
        throw slackError('cannot_find_channel');
      }
      requireReadable(ch, a);
      const m = messagesCol(ctx).get(messageKey(ch.id, p.ts));
      if (!m || m.subtype === 'tombstone') throw slackError('cannot_find_message');
      if (p.unfurls === undefined || p.unfurls === '') throw slackError('missing_unfurls');
      const unfurls = parseUnfurls(p.unfurls);
      const links = linksOf(m.text);
      for (const url of Object.keys(unfurls)) if (!links.has(url)) throw slackError('cannot_unfurl_message');
      const kept = (m.attachments ?? []).filter((x) => !(x && typeof x === 'object' && (x as { app_unfurl_url?: unknown }).app_unfurl_url !== undefined && (x as { app_unfurl_url: string }).app_unfurl_url in unfurls));
      const added = Object.entries(unfurls).map(([url, att], i) => ({ ...att, id: kept.length + i + 1, app_unfurl_url: url, is_app_unfurl: true, from_url: url, original_url: url }));
      const next: SlackMessage = { ...m, attachments: [...kept, ...added] };
      messagesCol(ctx).set(messageKey(ch.id, m.ts), next);
      return {};
    },
  }),
];

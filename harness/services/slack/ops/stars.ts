/** stars.add / list / remove: a member's saved items (messages, files, channels). */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { actor, canSee, channelsCol, findChannel, type Actor } from '../access.ts';
import { slackError } from '../errors.ts';
import { tsNumber } from '../ids.ts';
import { findMessage, messagesCol } from '../messages.ts';
import { COL, messageKey, type SlackFile, type SlackStar } from '../model.ts';
import { cursorAt, cursorPage } from '../paging.ts';
import { pCursor, pLimit } from '../params.ts';
import { renderFile, renderMessage } from '../render.ts';
import { slackOp } from '../define.ts';
import { findFile } from './files.ts';

function starsCol(ctx: OperationContext) {
  return ctx.ws.collection<SlackStar>(COL.stars);
}

const itemArgs = {
  channel: z.string().optional().describe('Channel of the message to save (with timestamp), or the channel itself.'),
  timestamp: z.string().optional().describe('ts of the message to save.'),
  file: z.string().optional().describe('File id to save.'),
  file_comment: z.string().optional().describe('File comment id (file comments no longer exist; always file_comment_not_found).'),
};
type ItemArgs = { channel?: string | undefined; timestamp?: string | undefined; file?: string | undefined; file_comment?: string | undefined };

/** The item a stars call names, checked to exist and be visible; its record id. */
function starItem(ctx: OperationContext, a: Actor, p: ItemArgs): Omit<SlackStar, 'date_create'> {
  if (p.file_comment) throw slackError('file_comment_not_found');
  if (p.file) {
    const f = findFile(ctx, a, p.file);
    return { id: `${a.user.id}:file:${f.id}`, user: a.user.id, type: 'file', file: f.id };
  }
  if (!p.channel) throw slackError('no_item_specified');
  const ch = findChannel(ctx, a, p.channel);
  if (p.timestamp === undefined) return { id: `${a.user.id}:channel:${ch.id}`, user: a.user.id, type: 'channel', channel: ch.id };
  if (Number.isNaN(tsNumber(p.timestamp))) throw slackError('bad_timestamp');
  const m = findMessage(ctx, ch.id, p.timestamp);
  return { id: `${a.user.id}:message:${ch.id}:${m.ts}`, user: a.user.id, type: 'message', channel: ch.id, ts: m.ts };
}

export const starsOps = [
  slackOp({
    method: 'stars.add',
    kind: 'write',
    tokens: ['user'],
    description: 'Saves an item for later: a message (channel + timestamp), a file, or a channel. Only the caller sees saved items.',
    params: z.object(itemArgs),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const item = starItem(ctx, a, p);
      if (starsCol(ctx).peek(item.id)) throw slackError('already_starred');
      starsCol(ctx).set(item.id, { ...item, date_create: Math.floor(ctx.ws.nowMs() / 1000) });
      return {};
    },
  }),
  slackOp({
    method: 'stars.remove',
    kind: 'write',
    tokens: ['user'],
    description: 'Removes an item from the caller\'s saved items.',
    params: z.object(itemArgs),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const item = starItem(ctx, a, p);
      if (!starsCol(ctx).get(item.id)) throw slackError('not_starred');
      starsCol(ctx).delete(item.id);
      return {};
    },
  }),
  slackOp({
    method: 'stars.list',
    kind: 'read',
    tokens: ['user'],
    description: "The caller's saved items, most recently saved first. Paginate with cursor (or legacy count/page).",
    params: z.object({
      limit: pLimit(100, 1000),
      cursor: pCursor,
      count: z.coerce.number().int().optional().describe('Legacy page size (default 100).'),
      page: z.coerce.number().int().optional().describe('Legacy page number (1-based; ignored with cursor).'),
      team_id: z.string().optional().describe('Ignored.'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const chans = channelsCol(ctx);
      const all = [...starsCol(ctx).values()]
        .filter((s) => s.user === a.user.id)
        .filter((s) => {
          const ch = s.channel ? chans.peek(s.channel) : undefined;
          if (s.type === 'file') return true;
          return ch !== undefined && canSee(ch, a) && (s.type === 'channel' || messagesCol(ctx).peek(messageKey(ch.id, s.ts!)) !== undefined);
        })
        .sort((x, y) => y.date_create - x.date_create || (x.id < y.id ? -1 : 1));
      const size = p.limit ?? p.count;
      const per = size && size > 0 ? Math.min(size, 1000) : 100;
      // Legacy page numbers are a cursor at that page's offset.
      const cursor = p.cursor ?? (p.page && p.page > 1 ? cursorAt((p.page - 1) * per) : undefined);
      const page = cursorPage(all, cursor, size, 100, 1000);
      const items = page.items.flatMap((s): Array<Record<string, unknown>> => {
        if (s.type === 'file') {
          const f = ctx.ws.collection<SlackFile>(COL.files).peek(s.file!);
          return f ? [{ type: 'file', file: renderFile(ctx, f, a.team), date_create: s.date_create }] : [];
        }
        const ch = chans.peek(s.channel!)!;
        if (s.type === 'channel') return [{ type: ch.kind === 'im' ? 'im' : ch.kind === 'public' ? 'channel' : 'group', channel: ch.id, date_create: s.date_create }];
        const m = messagesCol(ctx).peek(messageKey(ch.id, s.ts!))!;
        return [{ type: 'message', channel: ch.id, message: { ...renderMessage(ctx, m, a.team), is_starred: true }, date_create: s.date_create }];
      });
      return {
        items,
        paging: { per_page: per, spill: 0, page: p.page ?? 1, total: all.length, pages: Math.max(1, Math.ceil(all.length / per)) },
        response_metadata: page.response_metadata,
      };
    },
  }),
];

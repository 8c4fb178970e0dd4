/** conversations.list / info / history / replies / members. */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { slackError } from '../errors.ts';
import { qBool } from '../../wire-schema.ts';
import { actor, canSee, channelsCol, findChannel, requireReadable, type Actor } from '../access.ts';
import { tsNumber } from '../ids.ts';
import { findMessage, repliesSlice, timelineSlice } from '../messages.ts';
import type { SlackChannel } from '../model.ts';
import { cursorOffset, cursorPage, pageFromSlice, pageSize } from '../paging.ts';
import type { TsWindow } from '../timeline/sorted-run.ts';
import { pChannel, pCursor, pExcludeArchived, pLimit, pTs, pTypes } from '../params.ts';
import { renderChannel, renderMessage } from '../render.ts';
import { slackOp } from '../define.ts';
import { conversationCandidates } from '../conversation-index.ts';

const TYPE_KIND: Record<string, SlackChannel['kind']> = { public_channel: 'public', private_channel: 'private', mpim: 'mpim', im: 'im' };

/** Parses a `types` argument; `invalid_types` for unknown names. */
export function parseTypes(types: string | undefined): Set<SlackChannel['kind']> {
  const out = new Set<SlackChannel['kind']>();
  for (const t of (types ?? 'public_channel').split(',').map((s) => s.trim()).filter(Boolean)) {
    const k = TYPE_KIND[t];
    if (!k) throw slackError('invalid_types');
    out.add(k);
  }
  return out.size ? out : new Set(['public']);
}

/** The conversations `a` can see of the given kinds, optionally only those `memberOf` belongs to. */
export function visibleConversations(ctx: OperationContext, a: Actor, kinds: Set<SlackChannel['kind']>, excludeArchived: boolean, memberOf?: string): SlackChannel[] {
  const out: SlackChannel[] = [];
  const col = channelsCol(ctx);
  // The index only narrows which conversations are tested (public ones and the member's own, as the trial has them).
  for (const ch of conversationCandidates(col, a.user.id, memberOf || undefined) ?? col.values()) {
    if (!kinds.has(ch.kind) || !canSee(ch, a)) continue;
    if (excludeArchived && ch.is_archived) continue;
    if (memberOf && !ch.members.includes(memberOf)) continue;
    out.push(ch);
  }
  return out;
}

const range = {
  oldest: z.string().optional().describe('Only messages after this ts (epoch seconds, may have decimals).'),
  latest: z.string().optional().describe('Only messages before this ts (default: now).'),
  inclusive: qBool('Include messages whose ts equals oldest or latest.'),
};

/** The oldest/latest window of a read (oldest defaults to 0, latest to now); malformed bounds are `invalid_ts_*`. */
function tsWindow(p: { oldest?: string | undefined; latest?: string | undefined; inclusive?: boolean | undefined }): TsWindow {
  const lo = p.oldest === undefined || p.oldest === '' ? 0 : tsNumber(p.oldest);
  const hi = p.latest === undefined || p.latest === '' ? Number.POSITIVE_INFINITY : tsNumber(p.latest);
  if (Number.isNaN(lo)) throw slackError('invalid_ts_oldest');
  if (Number.isNaN(hi)) throw slackError('invalid_ts_latest');
  return { lo, hi, inclusive: p.inclusive ?? false };
}

export const conversationsReadOps = [
  slackOp({
    method: 'conversations.list',
    kind: 'read',
    description: 'Lists conversations the caller can see: public channels, and private channels, group DMs and DMs the caller is in. Paginate with cursor.',
    params: z.object({ types: pTypes, exclude_archived: pExcludeArchived, limit: pLimit(100, 1000), cursor: pCursor, team_id: z.string().optional().describe('Ignored (single workspace).') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const all = visibleConversations(ctx, a, parseTypes(p.types), p.exclude_archived ?? false);
      const page = cursorPage(all, p.cursor, p.limit, 100, 1000);
      return { channels: page.items.map((c) => renderChannel(ctx, c, a, { count: true })), response_metadata: page.response_metadata };
    },
  }),
  slackOp({
    method: 'conversations.info',
    kind: 'read',
    description: 'Returns one conversation (channel, private channel, DM or group DM) by id.',
    params: z.object({ channel: pChannel, include_num_members: qBool('Include num_members.'), include_locale: qBool('Include the locale (ignored).') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = findChannel(ctx, a, p.channel);
      return { channel: renderChannel(ctx, ch, a, { count: p.include_num_members ?? false, lastRead: true }) };
    },
  }),
  slackOp({
    method: 'conversations.history',
    kind: 'read',
    description: 'Messages of a conversation, newest first (thread replies are read with conversations.replies). Window with oldest/latest/inclusive; paginate with cursor while has_more.',
    params: z.object({ channel: pChannel, limit: pLimit(100, 999), cursor: pCursor, ...range, include_all_metadata: qBool('Include message metadata.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = findChannel(ctx, a, p.channel);
      requireReadable(ch, a);
      const w = tsWindow(p);
      const start = cursorOffset(p.cursor);
      const size = pageSize(p.limit, 100, 999);
      const slice = timelineSlice(ctx, ch.id, w, start, size);
      const page = pageFromSlice(slice.items, start, size, slice.total);
      const pinCount = slice.pinned;
      return {
        messages: page.items.map((m) => renderMessage(ctx, m, a.team)),
        has_more: page.hasMore,
        pin_count: pinCount,
        channel_actions_ts: null,
        channel_actions_count: 0,
        response_metadata: page.response_metadata,
      };
    },
  }),
  slackOp({
    method: 'conversations.replies',
    kind: 'read',
    description: 'A thread: the parent message first, then its replies oldest first. `ts` is the parent (or any reply) ts.',
    params: z.object({ channel: pChannel, ts: pTs('ts of the thread parent.'), limit: pLimit(1000, 1000), cursor: pCursor, ...range }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = findChannel(ctx, a, p.channel);
      requireReadable(ch, a);
      let parent = findMessage(ctx, ch.id, p.ts, 'thread_not_found');
      if (parent.thread_ts && parent.thread_ts !== parent.ts) parent = findMessage(ctx, ch.id, parent.thread_ts, 'thread_not_found');
      const w = tsWindow(p);
      const start = cursorOffset(p.cursor);
      const size = pageSize(p.limit, 1000, 1000);
      // The page is of [parent, ...the replies inside the window]: the parent takes position 0.
      const fromReplies = Math.max(0, start - 1);
      const want = start === 0 ? size - 1 : size;
      const replies = parent.thread_ts === parent.ts ? repliesSlice(ctx, ch.id, parent.ts, w, fromReplies, want) : { items: [], total: 0 };
      const page = pageFromSlice(start === 0 ? [parent, ...replies.items] : replies.items, start, size, 1 + replies.total);
      return { messages: page.items.map((m) => renderMessage(ctx, m, a.team)), has_more: page.hasMore, response_metadata: page.response_metadata };
    },
  }),
  slackOp({
    method: 'conversations.members',
    kind: 'read',
    description: 'Member user ids of a conversation. Paginate with cursor.',
    params: z.object({ channel: pChannel, limit: pLimit(100, 1000), cursor: pCursor }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = findChannel(ctx, a, p.channel);
      const page = cursorPage(ch.members, p.cursor, p.limit, 100, 1000);
      return { members: page.items, response_metadata: page.response_metadata };
    },
  }),
];

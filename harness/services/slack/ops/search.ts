/** search.messages / search.files / search.all (user tokens only, as on real Slack). */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { qBool } from '../../wire-schema.ts';
import { actor, canSee, channelsCol, isExtShared, usersCol, type Actor } from '../access.ts';
import { tsNumber } from '../ids.ts';
import { messagesCol } from '../messages.ts';
import { COL, type SlackFile, type SlackMessage } from '../model.ts';
import { legacyPage } from '../paging.ts';
import { messageBlocks, messagePermalink, renderFile } from '../render.ts';
import { parseSearch } from '../query/parse.ts';
import { fileScore, messageScore, scoreCost } from '../query/evaluate.ts';
import { searchCandidates } from '../query/message-words.ts';
import { slackOp } from '../define.ts';

const params = z.object({
  query: z.string().min(1).describe('Search text with Slack modifiers: "exact phrase", -exclude, in:#channel, in:@user, from:@user, from:me, before:/after:/on:YYYY-MM-DD, during:YYYY-MM, has:link, has:reaction, has:pin, is:thread.'),
  count: z.coerce.number().int().optional().describe('Results per page (default 20, at most 100).'),
  page: z.coerce.number().int().optional().describe('1-based page number.'),
  sort: z.enum(['score', 'timestamp']).optional().describe('Sort by relevance (default) or time.'),
  sort_dir: z.enum(['asc', 'desc']).optional().describe('Sort direction (default desc).'),
  highlight: qBool('Wrap matches in highlight markers (ignored).'),
  team_id: z.string().optional().describe('Ignored.'),
});
type Params = z.infer<typeof params>;

/** Messages whose system subtypes real search never returns. */
const HIDDEN_SUBTYPES = new Set(['channel_join', 'channel_leave', 'tombstone']);

function paged<T>(items: T[], p: Params) {
  const page = legacyPage(items, p.page, p.count, 20, 100);
  const { count, total, page: n, pages } = page.paging;
  return {
    items: page.items,
    total,
    paging: page.paging,
    pagination: { total_count: total, page: n, per_page: count, page_count: pages, first: total ? (n - 1) * count + 1 : 0, last: Math.min(n * count, total) },
  };
}

/** Compares ts strings as `compareTs` does, with each number parsed once per item rather than once per comparison. */
function compareParsed(x: { t: number; ts: string }, y: { t: number; ts: string }): number {
  const d = x.t - y.t;
  if (d !== 0) return d;
  return x.ts < y.ts ? -1 : x.ts > y.ts ? 1 : 0;
}

function order<T>(scored: Array<{ item: T; score: number; ts: string }>, p: Params): T[] {
  const dir = p.sort_dir === 'asc' ? 1 : -1;
  return scored
    .map((s) => ({ ...s, t: tsNumber(s.ts) }))
    .sort((x, y) => (p.sort === 'timestamp' ? dir * compareParsed(x, y) : dir * (x.score - y.score) || -compareParsed(x, y)))
    .map((s) => s.item);
}

function searchMessages(ctx: OperationContext, a: Actor, p: Params) {
  const q = parseSearch(ctx, a, p.query);
  const chans = channelsCol(ctx);
  const users = usersCol(ctx);
  const scored: Array<{ item: SlackMessage; score: number; ts: string }> = [];
  const col = messagesCol(ctx);
  // The word index only narrows which messages are tested; each is scored as the scan would.
  for (const m of searchCandidates(col, users, q) ?? col.values()) {
    ctx.ws.spend(scoreCost(q, m.text.length));
    if (m.hidden || (m.subtype && HIDDEN_SUBTYPES.has(m.subtype))) continue;
    const ch = chans.peek(m.channel);
    if (!ch || !canSee(ch, a)) continue;
    const author = m.user ? users.peek(m.user) : undefined;
    const score = messageScore(q, m, ch, author);
    if (score > 0) scored.push({ item: m, score, ts: m.ts });
  }
  const page = paged(order(scored, p), p);
  return {
    total: page.total,
    pagination: page.pagination,
    paging: page.paging,
    matches: page.items.map((m) => {
      const ch = chans.peek(m.channel)!;
      const author = m.user ? users.peek(m.user) : undefined;
      const extShared = isExtShared(ctx, ch, a.team);
      return {
        iid: `${m.channel}-${m.ts}`,
        team: a.team.id,
        channel: { id: ch.id, is_channel: ch.kind === 'public', is_group: ch.kind === 'private', is_im: ch.kind === 'im', is_mpim: ch.kind === 'mpim', is_private: ch.kind !== 'public', name: ch.kind === 'im' ? (ch.members.find((x) => x !== a.user.id) ?? a.user.id) : ch.name, is_shared: extShared, is_org_shared: false, is_ext_shared: extShared, pending_shared: [], is_pending_ext_shared: false },
        type: 'message',
        user: m.user ?? '',
        username: author?.name ?? m.username ?? '',
        ts: m.ts,
        text: m.text,
        permalink: messagePermalink(a.team, m),
        ...(m.thread_ts && m.thread_ts !== m.ts ? { thread_ts: m.thread_ts } : {}),
        ...(messageBlocks(m) ? { blocks: messageBlocks(m) } : {}),
        ...(m.attachments ? { attachments: m.attachments } : {}),
      };
    }),
  };
}

function searchFiles(ctx: OperationContext, a: Actor, p: Params) {
  const q = parseSearch(ctx, a, p.query);
  const chans = channelsCol(ctx);
  const scored: Array<{ item: SlackFile; score: number; ts: string }> = [];
  for (const f of ctx.ws.collection<SlackFile>(COL.files).values()) {
    ctx.ws.spend(scoreCost(q, f.content.length));
    if (f.state !== 'complete') continue;
    const seen = f.user === a.user.id || f.channels.some((c) => {
      const ch = chans.peek(c);
      return ch !== undefined && canSee(ch, a);
    });
    if (!seen) continue;
    const score = fileScore(q, f);
    if (score > 0) scored.push({ item: f, score, ts: `${f.created}.000000` });
  }
  const page = paged(order(scored, p), p);
  return { total: page.total, pagination: page.pagination, paging: page.paging, matches: page.items.map((f) => renderFile(ctx, f, a.team)) };
}

export const searchOps = [
  slackOp({
    method: 'search.messages',
    kind: 'read',
    tokens: ['user'],
    description: 'Searches messages in conversations the caller can see (user tokens only). Legacy page/count paging.',
    params,
    handler: (ctx, p) => {
      const a = actor(ctx);
      return { query: p.query, messages: searchMessages(ctx, a, p) };
    },
  }),
  slackOp({
    method: 'search.files',
    kind: 'read',
    tokens: ['user'],
    description: 'Searches files by name, title and text content (user tokens only).',
    params,
    handler: (ctx, p) => {
      const a = actor(ctx);
      return { query: p.query, files: searchFiles(ctx, a, p) };
    },
  }),
  slackOp({
    method: 'search.all',
    kind: 'read',
    tokens: ['user'],
    description: 'Searches messages and files at once (user tokens only).',
    params,
    handler: (ctx, p) => {
      const a = actor(ctx);
      return { query: p.query, messages: searchMessages(ctx, a, p), files: searchFiles(ctx, a, p), posts: { total: 0, matches: [] } };
    },
  }),
];

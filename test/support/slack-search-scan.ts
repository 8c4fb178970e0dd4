/**
 * search.messages by its definition: every live message the caller can see, scored by the
 * search's own scorer, ordered as search.messages orders. The word index is held to it in
 * tests, and the benchmark times it as the cost without the index.
 */
import type { AuthContext, Workspace } from '../../harness/core/index.ts';
import { actor, canSee } from '../../harness/services/slack/access.ts';
import { compareTs } from '../../harness/services/slack/ids.ts';
import { COL, type SlackChannel, type SlackMessage, type SlackUser } from '../../harness/services/slack/model.ts';
import { messageScore } from '../../harness/services/slack/query/evaluate.ts';
import { parseSearch } from '../../harness/services/slack/query/parse.ts';

/** The matches of `query` for `auth`, as `channel-ts` keys in search order. */
export function scanSearch(ws: Workspace, auth: AuthContext, query: string, sort: 'score' | 'timestamp' = 'score', dir: 'asc' | 'desc' = 'desc'): string[] {
  const ctx = { ws, auth };
  const a = actor(ctx);
  const q = parseSearch(ctx, a, query);
  const chans = ws.collection<SlackChannel>(COL.channels);
  const users = ws.collection<SlackUser>(COL.users);
  const hits: Array<{ m: SlackMessage; score: number }> = [];
  for (const m of ws.collection<SlackMessage>(COL.messages).values()) {
    if (m.hidden || ['channel_join', 'channel_leave', 'tombstone'].includes(m.subtype ?? '')) continue;
    const ch = chans.peek(m.channel);
    if (!ch || !canSee(ch, a)) continue;
    const score = messageScore(q, m, ch, m.user ? users.peek(m.user) : undefined);
    if (score > 0) hits.push({ m, score });
  }
  const d = dir === 'asc' ? 1 : -1;
  hits.sort((x, y) => (sort === 'timestamp' ? d * compareTs(x.m.ts, y.m.ts) : d * (x.score - y.score) || -compareTs(x.m.ts, y.m.ts)));
  return hits.map((h) => `${h.m.channel}-${h.m.ts}`);
}

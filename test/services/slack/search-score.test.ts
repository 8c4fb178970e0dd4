/**
 * The search scorer lower-cases a message's text once and counts terms without splitting:
 * its scores equal the plain formula's (lower-case the whole text, author name included,
 * and count `split(term).length - 1`) for every base message and for texts whose case rules
 * depend on their neighbours (final sigma, dotted capital I).
 */
import { describe, expect, it } from 'vitest';
import { actor } from '../../../harness/services/slack/access.ts';
import { COL, type SlackChannel, type SlackMessage, type SlackUser } from '../../../harness/services/slack/model.ts';
import { parseSearch, type SearchQuery } from '../../../harness/services/slack/query/parse.ts';
import { messageScore } from '../../../harness/services/slack/query/evaluate.ts';
import { owner, trial } from './helpers.ts';

/** The plain formula the scorer must keep to. */
function plainScore(q: SearchQuery, m: SlackMessage, author: SlackUser | undefined): number {
  const t = `${m.text} ${m.attachments ? JSON.stringify(m.attachments) : ''} ${author?.name ?? m.username ?? ''}`.toLowerCase();
  if (q.excluded.some((x) => t.includes(x))) return 0;
  let score = 1;
  for (const term of q.terms) {
    const n = t.split(term).length - 1;
    if (n === 0) return 0;
    score += n;
  }
  return score;
}

describe('slack search scorer', () => {
  it('scores every base message as the plain formula does', () => {
    const ws = trial();
    const ctx = { ws, auth: { principal: owner.email, tokenKind: 'user' as const } };
    const a = actor(ctx);
    const chans = ws.collection<SlackChannel>(COL.channels);
    const users = ws.collection<SlackUser>(COL.users);
    const odd: SlackMessage[] = [
      { channel: 'C1', ts: '1.000001', text: 'ΟΔΟΣ ΣΑΣ', username: 'ΣΙΣ' },
      { channel: 'C1', ts: '1.000002', text: 'İstanbul aaaa aa', attachments: [{ text: 'AAA İ' }] },
    ];
    let matched = 0;
    for (const query of ['the', 'deploy review', 'aa', 'a', '-the deploy', '"on track"', 'σ', 'ς', 'i̇', 'ος σας', 'https', 'e']) {
      const q = parseSearch(ctx, a, query);
      for (const m of [...ws.collection<SlackMessage>(COL.messages).values(), ...odd]) {
        const ch = chans.peek(m.channel) ?? chans.values().next().value!;
        const author = m.user ? users.peek(m.user) : undefined;
        const score = messageScore(q, m, ch, author);
        expect(score, `${query}: ${m.channel}/${m.ts}`).toBe(plainScore(q, m, author));
        if (score > 0) matched++;
      }
    }
    expect(matched).toBeGreaterThan(1000);
  });
});

/**
 * search.messages through the word index answers exactly what testing every message answers
 * (the definition, written out here from the search's own parser and scorer): the same
 * total and the same matches in the same order for either sort, over the real base, for
 * words, fragments of words, phrases, punctuation, exclusions, people's names and the
 * channel and author filters; before and after a trial's posts, edits, deletions and a
 * member's rename.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Workspace } from '../../../harness/core/index.ts';
import { actor } from '../../../harness/services/slack/access.ts';
import { COL, messageKey, type SlackChannel, type SlackMessage, type SlackUser } from '../../../harness/services/slack/model.ts';
import { parseSearch } from '../../../harness/services/slack/query/parse.ts';
import { searchCandidates } from '../../../harness/services/slack/query/message-words.ts';
import { ok, owner, trial } from './helpers.ts';
import { scanSearch } from '../../support/slack-search-scan.ts';

const auth = { principal: owner.email, tokenKind: 'user' as const };

/** The definition (test/support/slack-search-scan.ts). */
function scan(ws: Workspace, query: string, sort: 'score' | 'timestamp', dir: 'asc' | 'desc'): string[] {
  return scanSearch(ws, auth, query, sort, dir);
}

function searched(ws: Workspace, query: string, sort: 'score' | 'timestamp', dir: 'asc' | 'desc'): { total: number; iids: string[] } {
  const iids: string[] = [];
  let total = 0;
  for (let page = 1; page <= 1000; page++) {
    const r = ok(ws, 'search.messages', { query, sort, sort_dir: dir, count: 100, page }).messages;
    total = r.total;
    iids.push(...r.matches.map((m: { iid: string }) => m.iid));
    if (page >= r.paging.pages) break;
  }
  return { total, iids };
}

function queries(ws: Workspace): string[] {
  const users = [...ws.collection<SlackUser>(COL.users).values()].filter((u) => !u.is_bot && !u.deleted);
  const someone = users[3]!;
  return [
    'deploy', 'budget', 'the', 'q3', 'budg', 'ploy', '"on track"', 'review -deploy', 'deploy in:#general', 'in:#general', 'in:#engineering the',
    `from:@${someone.name}`, `from:@${someone.name} the`, 'from:me', 'from:me deploy', someone.name, someone.name.slice(1, 5), 'github', 'merged',
    'https', '://', ':)', 'has:reaction the', 'is:thread update', 'after:2026-01-01 deploy', 'zzznothing', 'edited', 'renamedperson', 'x',
    'pr #', 'a.b', '"deploy ', 'in:#nochannel deploy',
  ];
}

function expectSame(ws: Workspace, label: string): void {
  for (const query of queries(ws)) {
    for (const [sort, dir] of [['score', 'desc'], ['timestamp', 'asc']] as const) {
      const want = scan(ws, query, sort, dir);
      const got = searched(ws, query, sort, dir);
      expect(got.total, `${label}: ${query} ${sort}`).toBe(want.length);
      expect(got.iids, `${label}: ${query} ${sort}`).toEqual(want);
    }
  }
}

describe('slack search word index', () => {
  it('answers as the scan does on the untouched base, narrowing the searches it can', () => {
    const ws = trial();
    expectSame(ws, 'untouched');
    const users = ws.collection<SlackUser>(COL.users);
    const q = parseSearch({ ws, auth }, actor({ ws, auth }), 'budget');
    const narrowed = searchCandidates(ws.collection<SlackMessage>(COL.messages), users, q);
    expect(narrowed).toBeDefined();
    expect(narrowed!.length).toBeLessThan(ws.collection(COL.messages).size / 4);
  });

  it('answers as the scan does after posts, edits, deletions and a rename', () => {
    const ws = trial();
    const rng = createRng('slack-search-index/writes');
    const col = ws.collection<SlackMessage>(COL.messages);
    const me = ok(ws, 'auth.test').user_id as string;
    const mine = [...ws.collection<SlackChannel>(COL.channels).values()].filter((c) => c.members.includes(me) && !c.is_archived);
    const ids = [...col.keys()];
    for (let i = 0; i < 40; i++) {
      const ch = rng.pick(mine);
      const kind = rng.int(0, 3);
      const target = col.peek(rng.pick(ids));
      if (kind === 0) ok(ws, 'chat.postMessage', { channel: ch.id, text: rng.pick(['deploy the budget', 'renamedperson was here', 'q3 :) review', 'merged a.b pr #12']) });
      else if (kind === 1 && target) col.set(messageKey(target.channel, target.ts), { ...target, text: `${target.text} edited deploy` });
      else if (kind === 2 && target) col.delete(messageKey(target.channel, target.ts));
      else if (target) col.set(messageKey(target.channel, target.ts), { ...target, text: 'zzz' });
    }
    // A member renamed: searches for the new name find their messages through the author, not the text.
    const users = ws.collection<SlackUser>(COL.users);
    const someone = [...users.values()].filter((u) => !u.is_bot && !u.deleted)[5]!;
    users.set(someone.id, { ...someone, name: 'renamedperson' });
    expectSame(ws, 'after writes');
    expect(scan(ws, 'renamedperson', 'score', 'desc').length).toBeGreaterThan(20);
  });
});

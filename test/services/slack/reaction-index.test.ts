/**
 * reactions.list through the per-base reaction index answers exactly what testing every
 * message answers (the definition, written out here): the same messages in the same order on
 * every page, for several members; before and after a trial's reactions added and removed,
 * reactions written straight into messages, deletions and new posts.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Workspace } from '../../../harness/core/index.ts';
import { encodeOffsetCursor } from '../../../harness/services/google/cursor.ts';
import { compareTs } from '../../../harness/services/slack/ids.ts';
import { COL, messageKey, type SlackChannel, type SlackMessage, type SlackUser } from '../../../harness/services/slack/model.ts';
import { reactionCandidates } from '../../../harness/services/slack/reaction-index.ts';
import { call, ok, trial } from './helpers.ts';

/** The definition: every live message in a conversation the caller can see with one of `who`'s reactions, newest first. */
function scan(ws: Workspace, me: string, who: string): string[] {
  const chans = ws.collection<SlackChannel>(COL.channels);
  return [...ws.collection<SlackMessage>(COL.messages).values()]
    .filter((m) => m.reactions?.some((r) => r.users.includes(who)))
    .filter((m) => {
      const ch = chans.peek(m.channel);
      return ch !== undefined && (ch.kind === 'public' || ch.members.includes(me));
    })
    .sort((x, y) => compareTs(y.ts, x.ts))
    .map((m) => `${m.channel}/${m.ts}`);
}

function expectSame(ws: Workspace, label: string): void {
  const me = ok(ws, 'auth.test').user_id as string;
  const people = [...ws.collection<SlackUser>(COL.users).values()].filter((u) => !u.deleted && !u.is_bot).map((u) => u.id);
  for (const who of [me, ...people.slice(0, 8)]) {
    const want = scan(ws, me, who);
    for (const limit of [7, 1000]) {
      let cursor = '';
      for (let start = 0; ; start += limit) {
        const r = ok(ws, 'reactions.list', { user: who, limit, cursor });
        const more = start + limit < want.length;
        expect(r.items.map((i: { channel: string; message: { ts: string } }) => `${i.channel}/${i.message.ts}`), `${label} ${who} from ${start}`).toEqual(want.slice(start, start + limit));
        expect(r.response_metadata.next_cursor, `${label} ${who} from ${start}`).toBe(more ? encodeOffsetCursor(start + limit) : '');
        if (!more) break;
        cursor = r.response_metadata.next_cursor;
      }
    }
  }
}

describe('slack reaction index', () => {
  it('lists reactions as the scan does on the untouched base', () => {
    const ws = trial();
    expectSame(ws, 'untouched');
    const me = ok(ws, 'auth.test').user_id as string;
    const col = ws.collection<SlackMessage>(COL.messages);
    const narrowed = reactionCandidates(col, me);
    expect(narrowed).toBeDefined();
    expect(narrowed!.length).toBeLessThan(col.size / 4);
  });

  it('lists reactions as the scan does after reactions, direct edits, deletions and posts', () => {
    const ws = trial();
    const rng = createRng('slack-reaction-index/writes');
    const col = ws.collection<SlackMessage>(COL.messages);
    const me = ok(ws, 'auth.test').user_id as string;
    const people = [...ws.collection<SlackUser>(COL.users).values()].filter((u) => !u.deleted && !u.is_bot).map((u) => u.id);
    const mine = [...ws.collection<SlackChannel>(COL.channels).values()].filter((c) => c.members.includes(me) && !c.is_archived);
    const ids = [...col.keys()];
    let reacted = 0;
    for (let i = 0; i < 60; i++) {
      const m = col.peek(rng.pick(ids));
      const kind = rng.int(0, 4);
      if (kind === 0 && m) reacted += Number(call(ws, 'reactions.add', { channel: m.channel, timestamp: m.ts, name: rng.pick(['eyes', 'tada', '+1']) }).ok);
      else if (kind === 1 && m) call(ws, 'reactions.remove', { channel: m.channel, timestamp: m.ts, name: m.reactions?.[0]?.name ?? 'eyes' });
      else if (kind === 2 && m) col.set(messageKey(m.channel, m.ts), { ...m, reactions: [{ name: 'fire', users: [rng.pick(people)], count: 1 }] });
      else if (kind === 3 && m) col.delete(messageKey(m.channel, m.ts));
      else {
        const posted = ok(ws, 'chat.postMessage', { channel: rng.pick(mine).id, text: `post ${i}` });
        call(ws, 'reactions.add', { channel: posted.channel, timestamp: posted.ts, name: 'rocket' });
      }
    }
    expect(reacted).toBeGreaterThan(3);
    expectSame(ws, 'after writes');
  });
});

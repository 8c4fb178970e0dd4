/**
 * conversations.list and users.conversations through the membership index answer exactly
 * what testing every conversation answers (the definition, written out here): the same
 * conversations in the same order on every page, for each kind mix, with and without
 * archived ones, for several members; before and after a trial's creations, joins, leaves,
 * invitations, kicks, archiving and a removed channel.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Workspace } from '../../../harness/core/index.ts';
import { encodeOffsetCursor } from '../../../harness/services/google/cursor.ts';
import { COL, type SlackChannel, type SlackUser } from '../../../harness/services/slack/model.ts';
import { conversationCandidates } from '../../../harness/services/slack/conversation-index.ts';
import { call, ok, trial } from './helpers.ts';

const TYPES = ['public_channel', 'private_channel', 'im', 'mpim', 'public_channel,private_channel', 'public_channel,private_channel,mpim,im'];
const KIND: Record<string, SlackChannel['kind']> = { public_channel: 'public', private_channel: 'private', mpim: 'mpim', im: 'im' };

/** The definition: every live conversation of the kinds that the viewer can see (and `memberOf` is in), in collection order. */
function scan(ws: Workspace, viewer: string, types: string, excludeArchived: boolean, memberOf?: string): string[] {
  const kinds = new Set(types.split(',').map((t) => KIND[t]));
  const out: string[] = [];
  for (const ch of ws.collection<SlackChannel>(COL.channels).values()) {
    if (!kinds.has(ch.kind)) continue;
    if (ch.kind !== 'public' && !ch.members.includes(viewer)) continue;
    if (excludeArchived && ch.is_archived) continue;
    if (memberOf !== undefined && !ch.members.includes(memberOf)) continue;
    out.push(ch.id);
  }
  return out;
}

function pages(ws: Workspace, method: string, args: Record<string, unknown>, limit: number, want: string[], label: string): void {
  let cursor = '';
  for (let start = 0; ; start += limit) {
    const r = ok(ws, method, { ...args, limit, cursor });
    const more = start + limit < want.length;
    expect(r.channels.map((c: { id: string }) => c.id), `${label} from ${start}`).toEqual(want.slice(start, start + limit));
    expect(r.response_metadata.next_cursor, `${label} from ${start}`).toBe(more ? encodeOffsetCursor(start + limit) : '');
    if (!more) return;
    cursor = r.response_metadata.next_cursor;
  }
}

function expectSame(ws: Workspace, label: string): void {
  const me = ok(ws, 'auth.test').user_id as string;
  const people = [...ws.collection<SlackUser>(COL.users).values()].filter((u) => !u.deleted).map((u) => u.id);
  for (const types of TYPES) {
    for (const excludeArchived of [false, true]) {
      const args = { types, exclude_archived: excludeArchived };
      for (const limit of [3, 1000]) pages(ws, 'conversations.list', args, limit, scan(ws, me, types, excludeArchived), `${label} list ${types} ${excludeArchived}`);
      for (const who of [me, ...people.slice(0, 6)]) {
        pages(ws, 'users.conversations', { ...args, user: who }, 4, scan(ws, me, types, excludeArchived, who), `${label} users.conversations ${who} ${types} ${excludeArchived}`);
      }
    }
  }
}

describe('slack conversation membership index', () => {
  it('lists as the scan does on the untouched base', () => {
    const ws = trial();
    expectSame(ws, 'untouched');
    const me = ok(ws, 'auth.test').user_id as string;
    const col = ws.collection<SlackChannel>(COL.channels);
    const narrowed = conversationCandidates(col, me, me);
    expect(narrowed).toBeDefined();
    expect(narrowed!.length).toBeLessThan(col.size);
  });

  it('lists as the scan does after creations, joins, leaves, invitations, kicks, archiving and a removal', () => {
    const ws = trial();
    const rng = createRng('slack-conversation-index/writes');
    const col = ws.collection<SlackChannel>(COL.channels);
    const people = [...ws.collection<SlackUser>(COL.users).values()].filter((u) => !u.deleted && !u.is_bot).map((u) => u.id);
    for (let i = 0; i < 40; i++) {
      const ch = rng.pick([...col.values()]);
      const kind = rng.int(0, 6);
      if (kind === 0) call(ws, 'conversations.create', { name: `new-${i}`, is_private: rng.chance(0.5) });
      else if (kind === 1) call(ws, 'conversations.join', { channel: ch.id });
      else if (kind === 2) call(ws, 'conversations.leave', { channel: ch.id });
      else if (kind === 3) call(ws, 'conversations.invite', { channel: ch.id, users: rng.pick(people) });
      else if (kind === 4) call(ws, 'conversations.kick', { channel: ch.id, user: rng.pick(ch.members) });
      else if (kind === 5) call(ws, rng.chance(0.5) ? 'conversations.archive' : 'conversations.unarchive', { channel: ch.id });
      else col.set(ch.id, { ...ch, members: [...ch.members, rng.pick(people)] });
    }
    col.delete([...col.keys()][2]!);
    expect(col.changes().added.length + col.changes().changed.length).toBeGreaterThan(5);
    expectSame(ws, 'after writes');
  });
});

/**
 * conversations.history and conversations.replies through the per-base message index answer
 * exactly what a scan of every message answers (the definition, written out here): the same
 * messages, has_more, cursors and pin_count, and the same pins.list, over the real base
 * workspace, for windows with and without `inclusive`, page sizes and every page of a cursor
 * walk; before and after a trial's random posts, replies, broadcasts, edits, pins, deletions
 * and joins.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng, type Workspace } from '../../../harness/core/index.ts';
import { encodeOffsetCursor } from '../../../harness/services/google/cursor.ts';
import { compareTs, tsNumber } from '../../../harness/services/slack/ids.ts';
import { COL, messageKey, type SlackChannel, type SlackMessage } from '../../../harness/services/slack/model.ts';
import { slackMessageIndex } from '../../../harness/services/slack/timeline/message-index.ts';
import { call, ok, trial } from './helpers.ts';

function messages(ws: Workspace) {
  return ws.collection<SlackMessage>(COL.messages);
}

interface Window {
  oldest?: string;
  latest?: string;
  inclusive?: boolean;
}

function inside(m: SlackMessage, w: Window): boolean {
  const t = tsNumber(m.ts);
  const lo = w.oldest === undefined ? 0 : Number(w.oldest);
  const hi = w.latest === undefined ? Infinity : Number(w.latest);
  return w.inclusive ? t >= lo && t <= hi : t > lo && t < hi;
}

/** The definition of a channel's history: every message keyed in the channel, not a plain reply, newest first, inside the window. */
function scanHistory(ws: Workspace, channel: string, w: Window): SlackMessage[] {
  const out: SlackMessage[] = [];
  for (const [key, m] of messages(ws).entries()) {
    if (!key.startsWith(`${channel}:`)) continue;
    if (m.thread_ts && m.thread_ts !== m.ts && m.subtype !== 'thread_broadcast') continue;
    if (inside(m, w)) out.push(m);
  }
  return out.sort((a, b) => compareTs(b.ts, a.ts));
}

/** The definition of a thread read: the parent, then its replies inside the window, oldest first. */
function scanThread(ws: Workspace, channel: string, parent: SlackMessage, w: Window): SlackMessage[] {
  const replies: SlackMessage[] = [];
  for (const [key, m] of messages(ws).entries()) {
    if (key.startsWith(`${channel}:`) && m.thread_ts === parent.ts && m.ts !== parent.ts && inside(m, w)) replies.push(m);
  }
  return [parent, ...replies.sort((a, b) => compareTs(a.ts, b.ts))];
}

/** Walks every page of a method and checks each against the same page cut from `want`. */
function expectPages(ws: Workspace, method: string, args: Record<string, unknown>, want: SlackMessage[], limit: number, label: string, pins?: number): void {
  let cursor = '';
  let start = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const r = ok(ws, method, { ...args, limit, cursor });
    const page = want.slice(start, start + limit);
    const more = start + limit < want.length;
    const where = `${label} limit ${limit} from ${start}`;
    expect(r.messages.map((m: { ts: string }) => m.ts), where).toEqual(page.map((m) => m.ts));
    expect(r.messages.map((m: { text: string }) => m.text), where).toEqual(page.map((m) => m.text));
    expect(r.has_more, where).toBe(more);
    expect(r.response_metadata.next_cursor, where).toBe(more ? encodeOffsetCursor(start + limit) : '');
    if (pins !== undefined) expect(r.pin_count, where).toBe(pins);
    if (!more) return;
    cursor = r.response_metadata.next_cursor;
    start += limit;
  }
  throw new Error(`${label}: too many pages`);
}

function channelsWithMessages(ws: Workspace): SlackChannel[] {
  const chans = ws.collection<SlackChannel>(COL.channels);
  const ids = new Set([...messages(ws).values()].map((m) => m.channel));
  return [...ids].map((id) => chans.peek(id)!).filter((c) => c !== undefined && (c.kind === 'public' || c.members.includes(ownerId(ws))));
}

function ownerId(ws: Workspace): string {
  return ok(ws, 'auth.test').user_id;
}

/** Windows drawn from the channel's own ts values (so inclusive bounds hit messages exactly), and none. */
function windows(rng: Rng, ms: SlackMessage[]): Window[] {
  if (ms.length === 0) return [{}];
  const a = rng.pick(ms).ts;
  const b = rng.pick(ms).ts;
  const [lo, hi] = compareTs(a, b) <= 0 ? [a, b] : [b, a];
  return [{}, { oldest: lo }, { latest: hi }, { oldest: lo, latest: hi }, { oldest: lo, latest: hi, inclusive: true }, { oldest: String(Math.floor(Number(lo))), inclusive: true }, { latest: '9999999999' }, { oldest: hi, latest: lo }];
}

function expectSame(ws: Workspace, rng: Rng, label: string): void {
  for (const ch of channelsWithMessages(ws)) {
    const all = scanHistory(ws, ch.id, {});
    for (const w of windows(rng, all)) {
      const want = scanHistory(ws, ch.id, w);
      const pins = want.filter((m) => m.pinned).length;
      for (const limit of [rng.int(1, 9), 100]) expectPages(ws, 'conversations.history', { channel: ch.id, ...w }, want, limit, `${label} ${ch.name || ch.id} ${JSON.stringify(w)}`, pins);
    }
    const pinned = all.filter((m) => m.pinned).sort((x, y) => y.pinned!.at - x.pinned!.at);
    const listed = ok(ws, 'pins.list', { channel: ch.id }).items.map((i: { message: { ts: string }; created: number }) => `${i.message.ts}@${i.created}`);
    expect(listed, `${label} pins.list ${ch.name || ch.id}`).toEqual(pinned.map((m) => `${m.ts}@${m.pinned!.at}`));
    const parents = all.filter((m) => m.thread_ts === m.ts && (m.reply_count ?? 0) > 0);
    for (const parent of parents.slice(0, 3)) {
      const replies = scanThread(ws, ch.id, parent, {}).slice(1);
      for (const w of windows(rng, replies)) {
        const want = scanThread(ws, ch.id, parent, w);
        for (const limit of [1, rng.int(2, 4), 1000]) expectPages(ws, 'conversations.replies', { channel: ch.id, ts: parent.ts, ...w }, want, limit, `${label} thread ${parent.ts} ${JSON.stringify(w)}`);
      }
    }
  }
}

/** A trial's writes: through the API where the owner may make them, and straight into the collection for the rest. */
function randomWrites(ws: Workspace, rng: Rng, n: number): void {
  const col = messages(ws);
  const me = ownerId(ws);
  for (let i = 0; i < n; i++) {
    // Where the owner may post now (an earlier write may have left a channel).
    const ch = rng.pick(channelsWithMessages(ws).filter((c) => c.members.includes(me) && !c.is_archived));
    const inChannel = [...col.values()].filter((m) => m.channel === ch.id);
    const kind = rng.int(0, 8);
    // Unpinning, editing and deleting aim at pinned messages half the time (few messages are pinned).
    const pinned = inChannel.filter((m) => m.pinned);
    const target = [3, 4, 5, 6].includes(kind) && pinned.length > 0 && rng.chance(0.5) ? rng.pick(pinned) : rng.pick(inChannel);
    if (kind === 0) ok(ws, 'chat.postMessage', { channel: ch.id, text: `update ${i}` });
    else if (kind === 1) ok(ws, 'chat.postMessage', { channel: ch.id, text: `reply ${i}`, thread_ts: target.ts, reply_broadcast: rng.chance(0.3) });
    else if (kind === 2) call(ws, 'pins.add', { channel: ch.id, timestamp: target.ts });
    else if (kind === 3) call(ws, 'pins.remove', { channel: ch.id, timestamp: target.ts });
    else if (kind === 4) col.set(messageKey(ch.id, target.ts), { ...target, text: `${target.text} (edited ${i})`, edited: { user: me, ts: target.ts } });
    else if (kind === 5) call(ws, 'chat.delete', { channel: ch.id, ts: target.ts });
    else if (kind === 6) col.delete(messageKey(ch.id, target.ts));
    else if (kind === 7) call(ws, 'conversations.leave', { channel: ch.id });
    else call(ws, 'conversations.join', { channel: ch.id });
  }
}

describe('slack message index', () => {
  it('answers history and replies as the scan does on the untouched base', () => {
    const ws = trial();
    const rng = createRng('slack-timeline-index/untouched');
    expectSame(ws, rng, 'untouched');
    // Enough reads were made for the index to be built (small bases are scanned a few times first).
    expect(slackMessageIndex(messages(ws))).toBeDefined();
  });

  it('answers as the scan does after posts, replies, broadcasts, edits, pins, deletions and joins', () => {
    const ws = trial();
    const rng = createRng('slack-timeline-index/writes');
    for (let round = 0; round < 3; round++) {
      randomWrites(ws, rng, 25);
      expectSame(ws, rng, `after ${(round + 1) * 25} writes`);
    }
    expect(slackMessageIndex(messages(ws))).toBeDefined();
    expect(messages(ws).changes().added.length).toBeGreaterThan(10);
  });
});

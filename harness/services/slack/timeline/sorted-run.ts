/**
 * A run of messages sorted by ts (a channel's timeline newest first, a thread's replies
 * oldest first) and the one read every history and replies page makes of it: the messages
 * inside an oldest/latest window, with a trial's own changes merged in, from an offset.
 * O(log n + changes + page): the window is found by binary search, never filtered.
 */
import type { SlackMessage } from '../model.ts';

/** Which way a run is sorted. */
export type RunOrder = 'newest-first' | 'oldest-first';

/** Messages sorted by ts in `order`, with their ts parsed once. */
export interface SortedRun {
  readonly order: RunOrder;
  readonly recs: readonly SlackMessage[];
  /** `tsNumber(recs[i].ts)`, for binary search without re-parsing. */
  readonly ts: Float64Array;
  /** `pinnedBefore[i]`: how many of `recs[0..i)` are pinned (history's `pin_count` over a window). */
  readonly pinnedBefore: Int32Array;
  /** Positions of the pinned messages, ascending (pins.list). */
  readonly pinnedAt: Int32Array;
}

/** The oldest/latest window of a read, as numbers: keep `lo < t < hi`, or `lo ≤ t ≤ hi` when inclusive. */
export interface TsWindow {
  readonly lo: number;
  readonly hi: number;
  readonly inclusive: boolean;
}

/** No window: every message (the whole timeline or thread). */
export const WHOLE_WINDOW: TsWindow = { lo: -Infinity, hi: Infinity, inclusive: true };

/** True when a ts (as a number) is inside the window. */
export function inTsWindow(w: TsWindow, t: number): boolean {
  return w.inclusive ? t >= w.lo && t <= w.hi : t > w.lo && t < w.hi;
}

/**
 * Compares two messages by ts ascending: the number first, then the string (the order of
 * `compareTs`, for well-formed ts; runs hold no other kind).
 */
function ascending(ta: number, sa: string, tb: number, sb: string): number {
  return ta - tb || (sa < sb ? -1 : sa > sb ? 1 : 0);
}

/** Builds a run from messages in any order (O(n log n)). */
export function sortedRun(order: RunOrder, recs: readonly SlackMessage[]): SortedRun {
  const keyed = recs.map((m) => ({ m, t: Number(m.ts) }));
  const dir = order === 'newest-first' ? -1 : 1;
  keyed.sort((a, b) => dir * ascending(a.t, a.m.ts, b.t, b.m.ts));
  const pinnedBefore = new Int32Array(keyed.length + 1);
  const pinnedAt: number[] = [];
  for (let i = 0; i < keyed.length; i++) {
    pinnedBefore[i + 1] = pinnedBefore[i]! + (keyed[i]!.m.pinned ? 1 : 0);
    if (keyed[i]!.m.pinned) pinnedAt.push(i);
  }
  return { order, recs: keyed.map((k) => k.m), ts: Float64Array.from(keyed, (k) => k.t), pinnedBefore, pinnedAt: Int32Array.from(pinnedAt) };
}

/** An empty run (a channel or thread with no base messages). */
export function emptyRun(order: RunOrder): SortedRun {
  return { order, recs: [], ts: new Float64Array(0), pinnedBefore: new Int32Array(1), pinnedAt: new Int32Array(0) };
}

/** Sorts messages in a run's order, in place (for a trial's own few messages). */
export function sortInRunOrder(order: RunOrder, recs: SlackMessage[]): SlackMessage[] {
  const dir = order === 'newest-first' ? -1 : 1;
  return recs.sort((a, b) => dir * ascending(Number(a.ts), a.ts, Number(b.ts), b.ts));
}

/** The first position of `run` whose message does not come before (t, s) in the run's order. */
function lowerBound(run: SortedRun, t: number, s: string): number {
  const dir = run.order === 'newest-first' ? -1 : 1;
  let lo = 0;
  let hi = run.recs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dir * ascending(run.ts[mid]!, run.recs[mid]!.ts, t, s) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position at or past which `before(ts[i])` no longer holds (it holds for a prefix). */
function firstNot(ts: Float64Array, before: (t: number) => boolean): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(ts[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The positions [start, end) of the run's messages inside the window. */
function windowRange(run: SortedRun, w: TsWindow): [number, number] {
  // Newest first: the messages past `hi` come first, then the window, then those before `lo`.
  const past = w.inclusive ? (t: number) => t > w.hi : (t: number) => t >= w.hi;
  const early = w.inclusive ? (t: number) => t < w.lo : (t: number) => t <= w.lo;
  const start = firstNot(run.ts, run.order === 'newest-first' ? past : early);
  const end = firstNot(run.ts, run.order === 'newest-first' ? (t) => !early(t) : (t) => !past(t));
  return [start, Math.max(start, end)];
}

/** A trial's changes to one run: base members it replaced or deleted, and its live members (any order). */
export interface RunChanges {
  readonly shadowed: readonly SlackMessage[];
  readonly live: readonly SlackMessage[];
}

/** One slice of a run's window as the trial sees it. */
export interface WindowSlice {
  /** Messages at positions [offset, offset + count) of the window. */
  readonly items: SlackMessage[];
  /** How many messages the window holds. */
  readonly total: number;
  /** How many of them are pinned. */
  readonly pinned: number;
}

/**
 * The window's messages from `offset`, at most `count` of them, with the trial's changes:
 * shadowed base members left out and live ones merged in at their place in the order.
 */
export function windowSlice(run: SortedRun, w: TsWindow, changes: RunChanges, offset: number, count: number): WindowSlice {
  const [bs, be] = windowRange(run, w);
  // Positions of the shadowed base members inside the window, ascending.
  const gone: number[] = [];
  for (const m of changes.shadowed) {
    const t = Number(m.ts);
    const at = lowerBound(run, t, m.ts);
    if (at >= bs && at < be && run.recs[at] === m) gone.push(at);
  }
  gone.sort((a, b) => a - b);
  const live = sortInRunOrder(run.order, changes.live.filter((m) => inTsWindow(w, Number(m.ts))));
  // Each live message goes just before the base position that follows it in the order.
  const ins = live.map((m) => lowerBound(run, Number(m.ts), m.ts));
  const total = be - bs - gone.length + live.length;
  let pinned = run.pinnedBefore[be]! - run.pinnedBefore[bs]!;
  for (const g of gone) if (run.recs[g]!.pinned) pinned--;
  for (const m of live) if (m.pinned) pinned++;

  // Base positions [bs, p) hold `p - bs - (gone before p)` visible messages.
  let g = 0;
  const visibleBefore = (p: number): number => {
    while (g < gone.length && gone[g]! < p) g++;
    return p - bs - g;
  };
  // Live messages wholly before the offset, then the base messages before it.
  let li = 0;
  while (li < live.length && visibleBefore(ins[li]!) + li < offset) li++;
  // The first base position past `offset - li` visible ones: each shadowed position before it pushes it one further.
  let b = bs + Math.max(0, offset - li);
  let gi = 0;
  while (gi < gone.length && gone[gi]! < b) {
    gi++;
    b++;
  }
  const items: SlackMessage[] = [];
  const want = Math.max(0, Math.min(count, total - offset));
  while (items.length < want) {
    while (gi < gone.length && gone[gi] === b) {
      gi++;
      b++;
    }
    if (li < live.length && (b >= be || ins[li]! <= b)) items.push(live[li++]!);
    else if (b < be) items.push(run.recs[b++]!);
    else break;
  }
  return { items, total, pinned };
}

/** The run's pinned messages as the trial has them, in the run's order: O(pinned + changes). */
export function pinnedOf(run: SortedRun, changes: RunChanges): SlackMessage[] {
  const gone = new Set(changes.shadowed);
  const out: SlackMessage[] = [];
  for (const at of run.pinnedAt) {
    const m = run.recs[at]!;
    if (!gone.has(m)) out.push(m);
  }
  for (const m of changes.live) if (m.pinned) out.push(m);
  return sortInRunOrder(run.order, out);
}

/**
 * A search's answer, read a page at a time: the matching base messages (a sorted rank list,
 * minus the positions of the ones this trial replaced or deleted) merged newest first with the
 * trial's own matching messages. Its size is known at once and a page costs
 * O(own · log n + page), so listing a 50,000-message mailbox never copies it. Its threads are
 * read the same way: their count from the base list's tally, corrected by the trial's cuts and
 * own messages, and a page of them by reading only as far as its last thread.
 */
import type { MessageRecord } from '../model.ts';
import { boundaryRank, type MessageIndex } from './message-index.ts';
import { lowerBound, type RankList } from './rank-lists.ts';

/** A list read a stretch at a time. */
export interface LazyList {
  readonly size: number;
  /** Items [start, end) (clamped to the size), in order. */
  slice(start: number, end: number): MessageRecord[];
}

/** Matches newest first (a lazy list of them), and their threads. */
export interface SearchResult extends LazyList {
  /** The first (newest) match of each thread, in order, read lazily: what threads.list pages. */
  threads(): LazyList;
}

/** A result over an array already in order. */
export function arrayResult(items: readonly MessageRecord[]): SearchResult {
  return {
    size: items.length,
    slice: (start, end) => items.slice(start, end),
    threads: () => {
      const seen = new Map<string, MessageRecord>();
      for (const m of items) if (!seen.has(m.threadId)) seen.set(m.threadId, m);
      const leaders = [...seen.values()];
      return { size: leaders.length, slice: (start, end) => leaders.slice(start, end) };
    },
  };
}

/** How a base rank list's matches fall into threads: how many threads, and matches per thread. */
interface ThreadTally {
  readonly count: number;
  readonly perThread: Uint32Array;
}

// Tallying reads every match, so a rank list shared by the trials of a base is tallied once;
// a trial's count is then the base's, corrected by its own cuts and messages.
const THREAD_TALLIES = new WeakMap<RankList, ThreadTally>();

function threadTally(index: MessageIndex, ranks: RankList): ThreadTally {
  let tally = THREAD_TALLIES.get(ranks);
  if (!tally) {
    const perThread = new Uint32Array(index.threadCount);
    let count = 0;
    for (let p = 0; p < ranks.length; p++) if (perThread[index.threadOf[ranks[p]!]!]!++ === 0) count++;
    THREAD_TALLIES.set(ranks, (tally = { count, perThread }));
  }
  return tally;
}

/**
 * The result of base ranks `ranks` without the positions `cuts` (ascending, each a position in
 * `ranks`), merged with `own` (sorted newest first, none of them a base record left in `ranks`).
 */
export function mergedResult(index: MessageIndex, ranks: RankList, cuts: readonly number[], own: readonly MessageRecord[]): SearchResult {
  const baseSize = ranks.length - cuts.length;
  // ownAt[i]: where own[i] sits in the merged order = base matches newer than it + own before it.
  const ownAt = own.map((m, i) => {
    const p = lowerBound(ranks, boundaryRank(index, Number(m.internalDate), m.id));
    return p - cutsBefore(cuts, p) + i;
  });
  const recs = index.all.recs;
  const size = baseSize + own.length;
  /** Visits merged positions [start, stop) in order with each match's base rank (−1 for own), until `visit` says stop. */
  const walk = (start: number, stop: number, visit: (m: MessageRecord, rank: number) => boolean | void): void => {
    let i = 0;
    while (i < own.length && ownAt[i]! < start) i++;
    // The base match at merged position `start` is the (start − i)th; find its place in `ranks`.
    let p = positionOf(cuts, start - i);
    let c = cutsBefore(cuts, p);
    for (let t = start; t < stop; t++) {
      if (i < own.length && ownAt[i] === t) {
        if (visit(own[i++]!, -1) === false) return;
        continue;
      }
      while (c < cuts.length && cuts[c] === p) {
        c++;
        p++;
      }
      const r = ranks[p++]!;
      if (visit(recs[r]!, r) === false) return;
    }
  };
  /**
   * Walks the matches from the newest, calling `leader` with the first match of each thread
   * (and its ordinal among them) until it says stop. Base threads are marked by their number (a
   * byte each); the trial's own messages by id.
   */
  const eachThreadLeader = (leader: (m: MessageRecord, n: number) => boolean | void): void => {
    const seenBase = new Uint8Array(index.threadCount);
    const seenOwn = new Set<string>();
    let n = 0;
    walk(0, size, (m, r) => {
      const t = r >= 0 ? index.threadOf[r]! : index.threadNumbers.get(m.threadId);
      if (t !== undefined) {
        if (seenBase[t] === 1) return true;
        seenBase[t] = 1;
      } else {
        if (seenOwn.has(m.threadId)) return true;
        seenOwn.add(m.threadId);
      }
      return leader(m, n++);
    });
  };
  /**
   * Threads of the result without reading it: the base list's threads, less those whose every
   * match was cut, plus those only the trial's own messages bring. O(cuts + own).
   */
  const countThreads = (): number => {
    const tally = threadTally(index, ranks);
    const cutPerThread = new Map<number, number>();
    for (const p of cuts) {
      const t = index.threadOf[ranks[p]!]!;
      cutPerThread.set(t, (cutPerThread.get(t) ?? 0) + 1);
    }
    const left = (t: number) => tally.perThread[t]! - (cutPerThread.get(t) ?? 0);
    let n = tally.count;
    for (const t of cutPerThread.keys()) if (left(t) === 0) n--;
    const ownBase = new Set<number>();
    const ownNew = new Set<string>();
    for (const m of own) {
      const t = index.threadNumbers.get(m.threadId);
      if (t === undefined) ownNew.add(m.threadId);
      else ownBase.add(t);
    }
    for (const t of ownBase) if (left(t) === 0) n++;
    return n + ownNew.size;
  };
  return {
    size,
    slice(start: number, end: number): MessageRecord[] {
      const out: MessageRecord[] = [];
      walk(start, Math.min(end, size), (m) => {
        out.push(m);
      });
      return out;
    },
    threads(): LazyList {
      // The count comes from the base list's tally; a page reads only as far as its last thread.
      return {
        size: countThreads(),
        slice(start: number, end: number): MessageRecord[] {
          const out: MessageRecord[] = [];
          if (end <= start) return out;
          eachThreadLeader((m, n) => {
            if (n >= start) out.push(m);
            return n + 1 < end;
          });
          return out;
        },
      };
    },
  };
}

/** How many cuts lie before position `p`. */
function cutsBefore(cuts: readonly number[], p: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cuts[mid]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position in the ranks of the `j`th kept entry (cuts skipped). O(cuts). */
function positionOf(cuts: readonly number[], j: number): number {
  let p = j;
  for (const c of cuts) {
    if (c <= p) p++;
    else break;
  }
  return p;
}

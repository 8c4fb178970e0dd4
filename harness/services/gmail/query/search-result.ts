/**
 * A search's answer, read a page at a time: the matching base messages (a sorted rank list,
 * minus the positions of the ones this trial replaced or deleted) merged newest first with the
 * trial's own matching messages. Its size is known at once and a page costs
 * O(own · log n + page), so listing a 50,000-message mailbox never copies it.
 */
import type { MessageRecord } from '../model.ts';
import { boundaryRank, type MessageIndex } from './message-index.ts';
import { lowerBound, type RankList } from './rank-lists.ts';

/** Matches newest first: how many, and any stretch of them. */
export interface SearchResult {
  readonly size: number;
  /** Matches [start, end) (clamped to the size), newest first. */
  slice(start: number, end: number): MessageRecord[];
  /** The first (newest) match of each thread, in order: what threads.list pages. */
  firstOfEachThread(): MessageRecord[];
}

/** A result over an array already in order. */
export function arrayResult(items: readonly MessageRecord[]): SearchResult {
  return {
    size: items.length,
    slice: (start, end) => items.slice(start, end),
    firstOfEachThread: () => {
      const seen = new Map<string, MessageRecord>();
      for (const m of items) if (!seen.has(m.threadId)) seen.set(m.threadId, m);
      return [...seen.values()];
    },
  };
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
  /** Visits merged positions [start, stop) in order with each match's base rank (−1 for own). */
  const walk = (start: number, stop: number, visit: (m: MessageRecord, rank: number) => void): void => {
    let i = 0;
    while (i < own.length && ownAt[i]! < start) i++;
    // The base match at merged position `start` is the (start − i)th; find its place in `ranks`.
    let p = positionOf(cuts, start - i);
    let c = cutsBefore(cuts, p);
    for (let t = start; t < stop; t++) {
      if (i < own.length && ownAt[i] === t) {
        visit(own[i++]!, -1);
        continue;
      }
      while (c < cuts.length && cuts[c] === p) {
        c++;
        p++;
      }
      const r = ranks[p++]!;
      visit(recs[r]!, r);
    }
  };
  return {
    size,
    slice(start: number, end: number): MessageRecord[] {
      const out: MessageRecord[] = [];
      walk(start, Math.min(end, size), (m) => out.push(m));
      return out;
    },
    firstOfEachThread(): MessageRecord[] {
      // Base threads are marked by their number (a byte each); the trial's own messages by id.
      const seenBase = new Uint8Array(index.threadCount);
      const seenOwn = new Set<string>();
      const out: MessageRecord[] = [];
      walk(0, size, (m, r) => {
        const t = r >= 0 ? index.threadOf[r]! : index.threadNumbers.get(m.threadId);
        if (t !== undefined) {
          if (seenBase[t] === 1) return;
          seenBase[t] = 1;
        } else {
          if (seenOwn.has(m.threadId)) return;
          seenOwn.add(m.threadId);
        }
        out.push(m);
      });
      return out;
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

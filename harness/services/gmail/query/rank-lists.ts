/**
 * Sorted lists of message ranks and the set algebra a search runs on them. A rank is a base
 * message's position in the message index's newest-first order, so a list sorted by rank is
 * sorted newest first, a date window is a range of ranks, and AND, OR and NOT of indexed
 * terms are merges of small integer arrays instead of tests of each message.
 */

import { unionOfSorted } from '../../sorted-ints.ts';

/** Ranks in ascending order (newest first), each once. */
export type RankList = Int32Array;

/** The empty list. */
export const NO_RANKS: RankList = new Int32Array(0);

/** First position in `list` within [from, to) whose rank is ≥ `rank` (`to` when none is; binary search). */
export function lowerBound(list: RankList, rank: number, from = 0, to = list.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < rank) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Like lowerBound, searching outward from `from` first (exponential then binary search):
 * O(log distance), so walking one list through another costs O(short · log(long / short)).
 */
function gallop(list: RankList, rank: number, from: number): number {
  let step = 1;
  let hi = from;
  while (hi < list.length && list[hi]! < rank) {
    from = hi + 1;
    hi += step;
    step *= 2;
  }
  return lowerBound(list, rank, from, Math.min(hi, list.length));
}

/** The part of `list` whose ranks lie in [lo, hi): a view, no copy. */
export function clip(list: RankList, lo: number, hi: number): RankList {
  const start = lowerBound(list, lo);
  const end = lowerBound(list, hi, start);
  return start === 0 && end === list.length ? list : list.subarray(start, end);
}

/** The ranks in every list: the shortest walked, the others galloped through. O(shortest · Σ log). */
export function intersect(lists: readonly RankList[]): RankList {
  if (lists.length === 0) throw new RangeError('intersect needs at least one list');
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  const [first, ...rest] = sorted as [RankList, ...RankList[]];
  if (rest.length === 0 || first.length === 0) return first;
  const out = new Int32Array(first.length);
  const at = rest.map(() => 0);
  let n = 0;
  outer: for (let i = 0; i < first.length; i++) {
    const r = first[i]!;
    for (let j = 0; j < rest.length; j++) {
      const l = rest[j]!;
      const p = gallop(l, r, at[j]!);
      at[j] = p;
      if (p >= l.length) break outer;
      if (l[p] !== r) continue outer;
    }
    out[n++] = r;
  }
  return out.subarray(0, n);
}

/** The ranks of `list` in none of `without` (each galloped through once). O(|list| · Σ log). */
export function subtract(list: RankList, without: readonly RankList[]): RankList {
  const others = without.filter((l) => l.length > 0);
  if (others.length === 0 || list.length === 0) return list;
  const out = new Int32Array(list.length);
  const at = others.map(() => 0);
  let n = 0;
  outer: for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    for (let j = 0; j < others.length; j++) {
      const l = others[j]!;
      const p = gallop(l, r, at[j]!);
      at[j] = p;
      if (p < l.length && l[p] === r) continue outer;
    }
    out[n++] = r;
  }
  return n === list.length ? list : out.subarray(0, n);
}

/** The ranks in any of the lists, each once (the shared union of sorted lists). */
export const union: (lists: readonly RankList[]) => RankList = unionOfSorted;

/** The ranks of `list` for which `keep` holds. */
export function filterRanks(list: RankList, keep: (rank: number) => boolean): RankList {
  const out = new Int32Array(list.length);
  let n = 0;
  for (let i = 0; i < list.length; i++) if (keep(list[i]!)) out[n++] = list[i]!;
  return n === list.length ? list : out.subarray(0, n);
}

/**
 * A set of ranks that answers membership in O(1) and lists itself only when asked, so an
 * AND can test a large set (every message from one domain) on the few ranks of a narrower
 * list instead of building it.
 */
export interface RankSet {
  /** How many ranks it holds (may cost `sizeCost` the first time). */
  size(): number;
  /** Work of the first `size()` or `list()`, in the units of one membership test. */
  readonly sizeCost: number;
  has(rank: number): boolean;
  /** The ranks, ascending (built on the first call, then kept). */
  list(): RankList;
}

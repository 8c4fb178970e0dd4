/**
 * The rank-list algebra the Gmail search plans run on, against plain set operations over
 * random sorted lists of every shape: empty, dense, sparse, far apart, identical.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../harness/core/index.ts';
import { clip, filterRanks, intersect, lowerBound, subtract, union, type RankList } from '../../../harness/services/gmail/query/rank-lists.ts';

type Rng = ReturnType<typeof createRng>;

/** A sorted list of distinct ranks below `span`, each kept with probability `density`. */
function randomList(rng: Rng, span: number, density: number): RankList {
  const out: number[] = [];
  for (let r = 0; r < span; r++) if (rng.int(0, 999) < density * 1000) out.push(r);
  return Int32Array.from(out);
}

function someLists(rng: Rng): RankList[] {
  const span = rng.int(1, 3000);
  return Array.from({ length: rng.int(1, 5) }, () => randomList(rng, span, rng.pick([0, 0.001, 0.01, 0.1, 0.5, 1])));
}

const asArray = (l: RankList) => [...l];

describe('rank lists', () => {
  const rng = createRng('rank-lists-test');

  it('intersect, union and subtract equal the set operations', () => {
    for (let trial = 0; trial < 300; trial++) {
      const lists = someLists(rng);
      const sets = lists.map((l) => new Set(l));
      const all = [...new Set(lists.flatMap(asArray))].sort((a, b) => a - b);
      expect(asArray(intersect(lists))).toEqual(all.filter((r) => sets.every((s) => s.has(r))));
      expect(asArray(union(lists))).toEqual(all);
      const [first, ...rest] = lists as [RankList, ...RankList[]];
      expect(asArray(subtract(first, rest))).toEqual(asArray(first).filter((r) => !sets.slice(1).some((s) => s.has(r))));
    }
  });

  it('a list intersected or united with itself is itself', () => {
    const l = randomList(rng, 5000, 0.3);
    expect(asArray(intersect([l, l, l]))).toEqual(asArray(l));
    expect(asArray(union([l, l]))).toEqual(asArray(l));
    expect(subtract(l, [l]).length).toBe(0);
  });

  it('clip keeps the ranks in [lo, hi) and lowerBound finds the first not below', () => {
    for (let trial = 0; trial < 200; trial++) {
      const l = randomList(rng, 2000, rng.pick([0, 0.01, 0.5, 1]));
      const lo = rng.int(-5, 2005);
      const hi = rng.int(-5, 2005);
      expect(asArray(clip(l, lo, hi))).toEqual(asArray(l).filter((r) => r >= lo && r < hi));
      const p = lowerBound(l, lo);
      expect(p).toBe(asArray(l).filter((r) => r < lo).length);
    }
  });

  it('filterRanks keeps what the test keeps, in order', () => {
    const l = randomList(rng, 4000, 0.2);
    expect(asArray(filterRanks(l, (r) => r % 3 === 0))).toEqual(asArray(l).filter((r) => r % 3 === 0));
    expect(filterRanks(l, () => true)).toBe(l);
  });
});

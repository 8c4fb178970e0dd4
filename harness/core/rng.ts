/** A seeded random source for data generation and task seeding (never Math.random). */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { createHash } from 'node:crypto';

/** Deterministic random source. Same seed, same sequence. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
  /** `k` distinct elements (k clamped to the length). */
  sample<T>(items: readonly T[], k: number): T[];
  /** An independent stream derived from this seed and a label (stable under reordering of other draws). */
  fork(label: string): Rng;
}

/** Creates a seeded Rng from a number or string seed. */
export function createRng(seed: number | string): Rng {
  const seedNum = typeof seed === 'number' ? seed | 0 : createHash('sha256').update(seed).digest().readInt32LE(0);
  const gen = xoroshiro128plus(seedNum);
  const rng: Rng = {
    next: () => uniformInt(gen, 0, 0x3fffffff) / 0x40000000,
    int: (min, max) => uniformInt(gen, min, max),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from empty array');
      return items[uniformInt(gen, 0, items.length - 1)]!;
    },
    chance: (p) => rng.next() < p,
    shuffle: (items) => {
      const a = [...items];
      for (let i = a.length - 1; i > 0; i--) {
        const j = uniformInt(gen, 0, i);
        [a[i], a[j]] = [a[j]!, a[i]!];
      }
      return a;
    },
    sample: (items, k) => rng.shuffle(items).slice(0, Math.max(0, Math.min(k, items.length))),
    fork: (label) => createRng(`${String(seed)}/${label}`),
  };
  return rng;
}

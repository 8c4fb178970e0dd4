/** A small seeded PRNG (xoshiro128**, seeded by splitmix32) for allocation-free resampling loops. */

/**
 * Seeded 32-bit generator. We use our own rather than pure-rand here because the
 * bootstrap draws hundreds of millions of indices and needs a monomorphic, allocation-free
 * `int(n)`; xoshiro128** passes BigCrush and is four integer ops per draw.
 */
export interface Rng {
  /** A uniform unsigned 32-bit integer. */
  u32(): number;
  /** A uniform integer in [0, n) (multiply-shift; bias < n / 2^32, negligible for task counts). */
  int(n: number): number;
}

/**
 * Creates a generator from a 32-bit seed. Same seed, same sequence. State lives in an
 * Int32Array so V8 keeps every intermediate an untagged int32 (closure variables holding
 * values ≥ 2^31 would be boxed, which made the bootstrap ~10× slower).
 */
export function createRng(seed: number): Rng {
  return new Xoshiro128(seed);
}

class Xoshiro128 implements Rng {
  private readonly s = new Int32Array(4);

  constructor(seed: number) {
    let x = seed | 0;
    for (let i = 0; i < 4; i++) {
      // splitmix32: spreads a small seed over the whole state.
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.s[i] = z ^ (z >>> 16);
    }
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
  }

  u32(): number {
    const s = this.s;
    const s0 = s[0]!;
    const s1 = s[1]!;
    const s2 = s[2]! ^ s0;
    const s3 = s[3]! ^ s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ (s1 << 9);
    s[3] = rotl(s3, 11);
    return r >>> 0;
  }

  int(n: number): number {
    return Math.floor((this.u32() * n) / 4294967296);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A seed for one named computation: the user's seed mixed with a label (FNV-1a), so each
 * interval is reproducible on its own and does not shift when other entries are filtered out.
 */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

import { describe, expect, it } from 'vitest';
import { clusterBootstrapRatios, clusterMeanTest } from '../../reports/stats/bootstrap.ts';
import { holmAdjust } from '../../reports/stats/holm.ts';
import { passAtK, passHatK, passKOverTasks } from '../../reports/stats/pass-k.ts';
import { median, quantileInPlace } from '../../reports/stats/quantile.ts';
import { createRng } from '../../reports/stats/rng.ts';
import { flipRate } from '../../reports/stats/breakdowns.ts';

/** Every k-subset of indices 0..n-1. */
function* subsets(n: number, k: number, start = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) {
    yield acc;
    return;
  }
  for (let i = start; i < n; i++) yield* subsets(n, k, i + 1, [...acc, i]);
}

describe('Holm–Bonferroni', () => {
  it('matches the textbook step-down example', () => {
    // m = 4: sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max(0.06, 0.04) = 0.06.
    const adj = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    expect(adj.map((p) => +p.toFixed(10))).toEqual([0.03, 0.06, 0.06, 0.02]);
    expect(adj.map((p) => p < 0.05)).toEqual([true, false, false, true]);
  });

  it('is monotone, capped at 1 and no smaller than the raw p-values', () => {
    const p = [0.2, 0.5, 0.001, 0.9, 0.04];
    const adj = holmAdjust(p);
    adj.forEach((a, i) => expect(a).toBeGreaterThanOrEqual(p[i]!));
    expect(Math.max(...adj)).toBeLessThanOrEqual(1);
    const order = p.map((x, i) => [x, adj[i]!] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < order.length; i++) expect(order[i]![1]).toBeGreaterThanOrEqual(order[i - 1]![1]);
    expect(holmAdjust([])).toEqual([]);
  });
});

describe('pass@k and pass^k', () => {
  it('equal exact enumeration over all k-subsets of the trials', () => {
    for (let n = 1; n <= 8; n++) {
      for (let c = 0; c <= n; c++) {
        const trials = Array.from({ length: n }, (_, i) => i < c);
        for (let k = 1; k <= n; k++) {
          let any = 0;
          let all = 0;
          let total = 0;
          for (const s of subsets(n, k)) {
            total++;
            if (s.some((i) => trials[i])) any++;
            if (s.every((i) => trials[i])) all++;
          }
          expect(passAtK(n, c, k)).toBeCloseTo(any / total, 12);
          expect(passHatK(n, c, k)).toBeCloseTo(all / total, 12);
        }
      }
    }
  });

  it('average over tasks that have at least k trials, and say how many', () => {
    const pk = passKOverTasks([4, 2, 4], [2, 1, 4], 3)!;
    expect(pk.tasks).toBe(2);
    expect(pk.passAtK).toBeCloseTo((1 + 1) / 2, 12);
    expect(pk.passHatK).toBeCloseTo((0 + 1) / 2, 12);
    expect(passKOverTasks([1], [1], 2)).toBeNull();
    expect(Number.isNaN(passAtK(2, 1, 3))).toBe(true);
  });
});

describe('quantiles', () => {
  it('match sorted type-7 quantiles and the median', () => {
    const rng = createRng(3);
    for (let n = 1; n < 120; n += 7) {
      const v = Float64Array.from({ length: n }, () => rng.int(20) / 4);
      const s = [...v].sort((a, b) => a - b);
      for (const q of [0, 0.025, 0.5, 0.975, 1]) {
        const h = (n - 1) * q;
        const lo = Math.floor(h);
        const want = s[lo]! + (h - lo) * (s[Math.min(n - 1, lo + 1)]! - s[lo]!);
        expect(quantileInPlace(v.slice(), q)).toBeCloseTo(want, 12);
      }
    }
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('flip rate is the share of repeat pairs with differing verdicts', () => {
    expect(flipRate(4, 2)).toBeCloseTo(4 / 6, 12); // 2·2 differing pairs of 6
    expect(flipRate(5, 5)).toBe(0);
    expect(flipRate(1, 0)).toBe(0);
  });
});

describe('cluster bootstrap', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const m = [{ numer: Float64Array.from([1, 2, 3, 0, 5]), denom: Float64Array.from([5, 5, 5, 5, 5]) }];
    const a = clusterBootstrapRatios(m, 2000, createRng(9));
    expect(clusterBootstrapRatios(m, 2000, createRng(9))).toEqual(a);
    expect(clusterBootstrapRatios(m, 2000, createRng(10))).not.toEqual(a);
    expect(a[0]![0]).toBeLessThan(11 / 25);
    expect(a[0]![1]).toBeGreaterThan(11 / 25);
  });

  it('the 95% interval covers a known true rate 93–97% of the time (1,000 simulated datasets × 1,000 resamples)', () => {
    // Tasks differ in difficulty (task rates 0 … 0.8, mean 0.4); each has 4 correlated repeats.
    const TRUE = 0.4;
    const rates = [0, 0.2, 0.4, 0.6, 0.8];
    const rng = createRng(2026);
    const T = 80;
    let covered = 0;
    const sims = 1000;
    for (let d = 0; d < sims; d++) {
      const numer = new Float64Array(T);
      const denom = new Float64Array(T).fill(4);
      for (let t = 0; t < T; t++) {
        const p = rates[rng.int(rates.length)]!;
        for (let r = 0; r < 4; r++) if (rng.u32() / 4294967296 < p) numer[t]! += 1;
      }
      const [ci] = clusterBootstrapRatios([{ numer, denom }], 1000, rng);
      if (ci && ci[0] <= TRUE && TRUE <= ci[1]) covered++;
    }
    const rate = covered / sims;
    expect(rate).toBeGreaterThanOrEqual(0.93);
    expect(rate).toBeLessThanOrEqual(0.97);
  });

  it('the sign-flip test rejects a real paired difference and not a null one', () => {
    const rng = createRng(5);
    const shifted = Float64Array.from({ length: 40 }, (_, i) => 0.25 + ((i % 5) - 2) / 10);
    const t1 = clusterMeanTest(shifted, 5000, rng);
    expect(t1.estimate).toBeCloseTo(0.25, 10);
    expect(t1.p).toBeLessThan(0.001);
    expect(t1.ci![0]).toBeGreaterThan(0);
    const symmetric = Float64Array.from({ length: 40 }, (_, i) => (i % 2 ? 0.2 : -0.2));
    const t2 = clusterMeanTest(symmetric, 5000, rng);
    expect(t2.estimate).toBeCloseTo(0, 12);
    expect(t2.p).toBeGreaterThan(0.9);
    expect(clusterMeanTest(new Float64Array(8), 500, rng).p).toBe(1);
    // Under the null, p-values are roughly uniform: about 5% fall below 0.05.
    let rejections = 0;
    for (let s = 0; s < 300; s++) {
      const v = Float64Array.from({ length: 30 }, () => (rng.u32() / 4294967296 - 0.5));
      if (clusterMeanTest(v, 400, rng).p < 0.05) rejections++;
    }
    expect(rejections / 300).toBeGreaterThan(0.01);
    expect(rejections / 300).toBeLessThan(0.1);
  });
});

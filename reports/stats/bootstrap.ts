/** Cluster bootstrap over tasks: all repeats of a task move together, one pass for many ratio metrics. */
import { percentileInterval } from './quantile.ts';
import type { Rng } from './rng.ts';

/** A 95% (or other) interval; null when no resample could estimate it. */
export type Interval = [number, number] | null;

/**
 * One ratio metric over tasks: Σ numer[t] / Σ denom[t]. With per-task sums as inputs
 * ("successes" over "trials"), this is the share of trials, and a task resampled twice
 * counts with all its repeats twice.
 */
export interface RatioMetric {
  readonly numer: Float64Array;
  readonly denom: Float64Array;
}

/**
 * Percentile intervals for several ratio metrics that share one set of resampled task
 * indices. Allocation-free inside the loop: accumulators and draw buffers are sized once.
 */
export function clusterBootstrapRatios(metrics: readonly RatioMetric[], resamples: number, rng: Rng, confidence = 0.95): Interval[] {
  const m = metrics.length;
  const tasks = m === 0 ? 0 : metrics[0]!.numer.length;
  if (tasks === 0 || resamples < 1) return metrics.map(() => null);
  // Interleave per-task sums (task-major) so the inner loop reads one contiguous run per draw.
  const num = new Float64Array(tasks * m);
  const den = new Float64Array(tasks * m);
  metrics.forEach((x, j) => {
    for (let t = 0; t < tasks; t++) {
      num[t * m + j] = x.numer[t]!;
      den[t * m + j] = x.denom[t]!;
    }
  });
  const accN = new Float64Array(m);
  const accD = new Float64Array(m);
  const flat = new Float64Array(resamples * m);
  for (let b = 0; b < resamples; b++) {
    accN.fill(0);
    accD.fill(0);
    for (let i = 0; i < tasks; i++) {
      const base = rng.int(tasks) * m;
      for (let j = 0; j < m; j++) {
        accN[j]! += num[base + j]!;
        accD[j]! += den[base + j]!;
      }
    }
    for (let j = 0; j < m; j++) flat[j * resamples + b] = accD[j]! > 0 ? accN[j]! / accD[j]! : NaN;
  }
  const draws = metrics.map((_, j) => flat.subarray(j * resamples, (j + 1) * resamples));
  return draws.map((d) => percentileInterval(d, confidence));
}

/** Estimate, interval and two-sided p-value of a per-task mean whose null value is 0. */
export interface ClusterTest {
  readonly estimate: number;
  readonly ci: Interval;
  /** Sign-flip permutation p-value (Monte Carlo, add-one so it is never 0). */
  readonly p: number;
  readonly tasks: number;
}

/**
 * Tests whether the mean of per-task values (paired differences, or a 2×2 contrast) is 0.
 * Interval: percentile cluster bootstrap of the mean, resampling tasks. p-value: a sign-flip
 * permutation test — under the null that the two sides are exchangeable within a task, each
 * task's value is equally likely to have either sign; p = (1 + #{|mean*| ≥ |mean|}) / (1 + B).
 */
export function clusterMeanTest(values: Float64Array, resamples: number, rng: Rng, confidence = 0.95): ClusterTest {
  const n = values.length;
  if (n === 0) return { estimate: NaN, ci: null, p: 1, tasks: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const est = sum / n;
  const draws = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[rng.int(n)]!;
    draws[b] = s / n;
  }
  const ci = percentileInterval(draws, confidence);
  // Relative tolerance so ties from floating-point sums of the same values count as "as extreme".
  const obs = Math.abs(est) * (1 - 1e-12) - 1e-15;
  let extreme = 0;
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    let bits = 0;
    for (let i = 0; i < n; i++) {
      if ((i & 31) === 0) bits = rng.u32() | 0;
      s += bits & 1 ? values[i]! : -values[i]!;
      bits >>= 1;
    }
    if (Math.abs(s / n) >= obs) extreme++;
  }
  return { estimate: est, ci, p: (1 + extreme) / (1 + resamples), tasks: n };
}

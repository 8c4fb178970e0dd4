/** Unbiased pass@k and pass^k estimators (Chen et al. 2021; τ-bench), averaged over tasks. */

/**
 * pass@k of one task with `c` successes in `n` trials: the probability that at least one of
 * k trials drawn without replacement succeeds, 1 − C(n−c, k) / C(n, k). Computed as a running
 * product so it never overflows. Undefined (NaN) when k > n.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (k > n || k < 1) return NaN;
  if (n - c < k) return 1;
  let allFail = 1;
  for (let i = 0; i < k; i++) allFail *= (n - c - i) / (n - i);
  return 1 - allFail;
}

/**
 * pass^k of one task: the probability that all k trials drawn without replacement succeed,
 * C(c, k) / C(n, k). NaN when k > n.
 */
export function passHatK(n: number, c: number, k: number): number {
  if (k > n || k < 1) return NaN;
  if (c < k) return 0;
  let all = 1;
  for (let i = 0; i < k; i++) all *= (c - i) / (n - i);
  return all;
}

/** pass@k and pass^k averaged over the tasks that have at least k trials. */
export interface PassK {
  readonly k: number;
  readonly passAtK: number;
  readonly passHatK: number;
  /** Tasks with at least k trials (the others cannot estimate this k and are left out). */
  readonly tasks: number;
}

/** Averages both estimators over tasks given per-task trial and success counts. */
export function passKOverTasks(n: ArrayLike<number>, c: ArrayLike<number>, k: number): PassK | null {
  let at = 0;
  let hat = 0;
  let used = 0;
  for (let t = 0; t < n.length; t++) {
    if (n[t]! < k) continue;
    at += passAtK(n[t]!, c[t]!, k);
    hat += passHatK(n[t]!, c[t]!, k);
    used++;
  }
  return used === 0 ? null : { k, passAtK: at / used, passHatK: hat / used, tasks: used };
}

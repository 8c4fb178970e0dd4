/** Holm–Bonferroni step-down adjustment of a family of p-values. */

/**
 * Holm-adjusted p-values, in the input order: sort ascending, multiply the i-th smallest
 * (0-based) by (m − i), carry the running maximum so adjusted values stay monotone, cap at 1.
 * Rejecting where the adjusted value is < α controls the family-wise error rate at α.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = Array.from({ length: m }, () => 1);
  let running = 0;
  order.forEach(([p, idx], i) => {
    running = Math.max(running, Math.min(1, (m - i) * p));
    out[idx] = running;
  });
  return out;
}

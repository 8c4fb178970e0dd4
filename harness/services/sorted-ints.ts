/**
 * Ascending lists of distinct integers (positions or ranks of base records), the currency of
 * every per-base index: one union for Gmail, Drive and Slack.
 */

const NONE = new Int32Array(0);

/**
 * The integers in any of the ascending lists, ascending and each once (a single list is
 * returned as it is). Few integers: concatenated and sorted; many over a narrow span (an
 * address every message carries): marked in a byte map and read back in order, O(total +
 * span), so a union of thousands of lists never costs a k-way merge.
 */
export function unionOfSorted(lists: readonly Int32Array[]): Int32Array {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return NONE;
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  let total = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of nonEmpty) {
    total += l.length;
    lo = Math.min(lo, l[0]!);
    hi = Math.max(hi, l[l.length - 1]!);
  }
  const span = hi - lo + 1;
  if (total * 16 < span) {
    const all = new Int32Array(total);
    let n = 0;
    for (const l of nonEmpty) {
      all.set(l, n);
      n += l.length;
    }
    all.sort();
    let w = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i]!;
    return all.subarray(0, w);
  }
  const marks = new Uint8Array(span);
  for (const l of nonEmpty) for (let i = 0; i < l.length; i++) marks[l[i]! - lo] = 1;
  const out = new Int32Array(Math.min(total, span));
  let n = 0;
  for (let i = 0; i < span; i++) if (marks[i] === 1) out[n++] = i + lo;
  return out.subarray(0, n);
}

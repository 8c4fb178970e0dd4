/** One bounded memo for the caches of derived data (parsed headers, prompts, index unions). */

/**
 * The value remembered in `memo` under `key`, computed and remembered when absent. The memo
 * holds at most `max` entries: past the bound it starts over. The caches it serves see a
 * handful of keys in a normal run; the bound only stops an unusual or hostile run from
 * growing one without limit.
 */
export function remember<K, V>(memo: Map<K, V>, key: K, max: number, compute: () => V): V {
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  if (memo.size >= max) memo.clear();
  const value = compute();
  memo.set(key, value);
  return value;
}

/**
 * When a service builds an index over a base rather than scanning it: a base is shared by
 * every trial made from it, so an index pays for itself after a few reads, but each task
 * seeds its own base and many are read only once or twice (a `check`, an oracle run). Small
 * bases are scanned until they have been read a few times; large ones are indexed at once.
 */

/** Records past which a base is indexed on its first read (a scan of it costs milliseconds). */
export const INDEX_AT_ONCE_RECORDS = 20_000;

/** Reads of a smaller base answered by scanning before it is indexed (a scan of a few thousand records is a fraction of a millisecond; building costs a few). */
export const SCANS_BEFORE_INDEX = 8;

const reads = new WeakMap<object, WeakMap<object, number>>();

/**
 * True when reads of `base` for `purpose` should use an index: it is large, or it has been
 * read often enough. Counted per base and purpose; the answer never changes a result, only
 * how it is computed (every index is tested against the scan it replaces).
 */
export function worthIndexing(base: ReadonlyMap<string, unknown>, purpose: object): boolean {
  if (base.size >= INDEX_AT_ONCE_RECORDS) return true;
  let perBase = reads.get(purpose);
  if (!perBase) reads.set(purpose, (perBase = new WeakMap()));
  const n = (perBase.get(base) ?? 0) + 1;
  perBase.set(base, n);
  return n > SCANS_BEFORE_INDEX;
}

/**
 * The index of `base` kept in `indexes`, built by `build` the first time `worthIndexing` says
 * it pays; undefined while the base is still answered by a scan. `build` may return null for
 * a base it cannot index (remembered, so the scan is not retried against it each read).
 */
export function indexOnDemand<I>(
  indexes: WeakMap<ReadonlyMap<string, unknown>, I | null>, base: ReadonlyMap<string, unknown>, build: () => I | null,
): I | undefined {
  const hit = indexes.get(base);
  if (hit !== undefined) return hit ?? undefined;
  if (!worthIndexing(base, indexes)) return undefined;
  const index = build();
  indexes.set(base, index);
  return index ?? undefined;
}

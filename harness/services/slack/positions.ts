/**
 * Positions of a base map's records (its iteration order), and reading a narrowed set of them
 * back as a scan of the collection would meet them. The Slack indexes that only narrow a scan
 * (search words, membership, reactions) keep lists of positions, so their answers come out in
 * the scan's own order and every rule the scan applies is still applied to each candidate.
 */
import { unionOfSorted } from '../sorted-ints.ts';
import type { Collection } from '../../core/index.ts';

/** Each base record's id by position, and each id's position. */
export interface BasePositions {
  readonly ids: readonly string[];
  readonly position: ReadonlyMap<string, number>;
}

const positionsOf = new WeakMap<ReadonlyMap<string, unknown>, BasePositions>();

/** The positions of a base map (built once per base, shared by every index over it). */
export function basePositions(base: ReadonlyMap<string, unknown>): BasePositions {
  const hit = positionsOf.get(base);
  if (hit) return hit;
  const ids = [...base.keys()];
  const out = { ids, position: new Map(ids.map((id, i) => [id, i] as const)) };
  positionsOf.set(base, out);
  return out;
}

/** Adds position `at` to `key`'s list (positions arrive ascending; a repeat of the last is dropped). */
export function addPosition(lists: Map<string, number[]>, key: string, at: number): void {
  const g = lists.get(key);
  if (g === undefined) lists.set(key, [at]);
  else if (g[g.length - 1] !== at) g.push(at);
}

/** Position lists in their compact, shared form. */
export function compactPositions(lists: Map<string, number[]>): Map<string, Int32Array> {
  return new Map([...lists].map(([k, g]) => [k, Int32Array.from(g)] as const));
}

/** The ascending, distinct union of ascending position lists (the shared union of sorted lists). */
export const unionOfPositions: (lists: readonly Int32Array[]) => Int32Array = unionOfSorted;

/**
 * The live records at `fromBase` (ascending positions) plus every record this trial changed
 * or added, in the order `col.values()` yields them: base order with a changed record at its
 * base place and a deleted one left out, then the trial's additions. A superset of what a
 * narrowed scan keeps whenever `fromBase` holds every base record that could qualify.
 */
export function liveInScanOrder<T>(col: Collection<T>, positions: BasePositions, fromBase: Int32Array): T[] {
  const { added, changed } = col.changes();
  const at = changed.length ? unionOfPositions([fromBase, Int32Array.from(changed, (id) => positions.position.get(id)!).sort()]) : fromBase;
  const out: T[] = [];
  for (const p of at) {
    const r = col.peek(positions.ids[p]!);
    if (r !== undefined) out.push(r);
  }
  for (const id of added) out.push(col.peek(id)!);
  return out;
}

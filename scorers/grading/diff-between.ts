/** The diff of one workspace against another over the same base, for a given set of records. */
import { parseRecordRef, sameData, type CollectionDiff, type Workspace, type WorkspaceDiff } from '../../harness/core/index.ts';

/** The `collection:id` refs a diff names, plus `extra`. */
export function refsOf(diff: WorkspaceDiff, extra: Iterable<string> = []): Set<string> {
  const out = new Set<string>(extra);
  for (const [collection, d] of Object.entries(diff)) {
    for (const r of [...d.added, ...d.removed, ...d.changed]) out.add(`${collection}:${r.id}`);
  }
  return out;
}

/**
 * How `now` differs from `was` on the records `refs` names (both workspaces over the same
 * base; any record outside `refs` is assumed equal): added, removed and changed, value by value.
 */
export function diffBetween(now: Workspace, was: Workspace, refs: Iterable<string>): WorkspaceDiff {
  const byCollection = new Map<string, Set<string>>();
  for (const ref of refs) {
    const { collection, id } = parseRecordRef(ref);
    const s = byCollection.get(collection) ?? new Set<string>();
    s.add(id);
    byCollection.set(collection, s);
  }
  const out: Record<string, CollectionDiff> = {};
  for (const [collection, ids] of byCollection) {
    const after = now.collection(collection);
    const before = was.collection(collection);
    const d = { added: [] as Array<{ id: string; after: unknown }>, removed: [] as Array<{ id: string; before: unknown }>, changed: [] as Array<{ id: string; before: unknown; after: unknown }> };
    for (const id of [...ids].sort()) {
      const b = before.peek(id);
      const a = after.peek(id);
      if (b === undefined && a !== undefined) d.added.push({ id, after: a });
      else if (b !== undefined && a === undefined) d.removed.push({ id, before: b });
      else if (b !== undefined && !sameData(b, a)) d.changed.push({ id, before: b, after: a });
    }
    if (d.added.length + d.removed.length + d.changed.length > 0) out[collection] = d;
  }
  return out;
}

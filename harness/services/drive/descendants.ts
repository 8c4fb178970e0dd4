/**
 * The descendants of a folder (for trash and delete cascades) from the base's tree, with the
 * trial's own moves, additions and removals read from the overlay: O(the subtree and the
 * trial's changes) instead of a pass over the whole drive. Same ids in the same order as
 * access.ts's `descendantIds`, the pass it replaces (breadth-first, each folder's children in
 * the collection's iteration order).
 */
import type { Collection, Workspace } from '../../core/index.ts';
import { childrenByFirstParent, descendantIds as scanDescendantIds } from './access.ts';
import { fileIndexOf, type DriveFileIndex } from './file-index.ts';
import { C, type DriveFile } from './model.ts';

/** The base's tree in the base map's own order (the order a collection iterates its base). */
interface BaseTree {
  /** Child ids by first parent, in base order. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Position of each id in the base map. */
  readonly position: ReadonlyMap<string, number>;
}

const trees = new WeakMap<DriveFileIndex, BaseTree>();

function baseTree(index: DriveFileIndex): BaseTree {
  const hit = trees.get(index);
  if (hit) return hit;
  const position = new Map<string, number>();
  let at = 0;
  for (const id of index.base.keys()) position.set(id, at++);
  const tree = { children: childrenByFirstParent(index.base.values()), position };
  trees.set(index, tree);
  return tree;
}

/** A folder's children as the trial has them, in the collection's iteration order. */
function childrenNow(col: Collection<DriveFile>, index: DriveFileIndex): (id: string) => string[] {
  const tree = baseTree(index);
  const { added, removed, changed } = col.changes();
  const touched = new Set<string>([...added, ...removed, ...changed]);
  // Changed base records keep their base position in iteration order; added ones follow the base.
  const underFirstParent = (ids: readonly string[]) => childrenByFirstParent(ids.map((id) => col.peek(id)!));
  const changedUnder = underFirstParent(changed);
  for (const list of changedUnder.values()) list.sort((a, b) => tree.position.get(a)! - tree.position.get(b)!);
  const addedUnder = underFirstParent(added);
  return (id) => {
    const fromBase = (tree.children.get(id) ?? []).filter((c) => !touched.has(c));
    const moved = changedUnder.get(id) ?? [];
    const out: string[] = [];
    let m = 0;
    for (const c of fromBase) {
      while (m < moved.length && tree.position.get(moved[m]!)! < tree.position.get(c)!) out.push(moved[m++]!);
      out.push(c);
    }
    while (m < moved.length) out.push(moved[m++]!);
    return [...out, ...(addedUnder.get(id) ?? [])];
  };
}

/** Ids of every descendant of a folder, breadth-first, as `descendantIds` in access.ts orders them. */
export function folderDescendants(ws: Workspace, folderId: string): string[] {
  const col = ws.collection<DriveFile>(C.files);
  const index = fileIndexOf(col);
  if (!index) return scanDescendantIds(ws, folderId);
  const children = childrenNow(col, index);
  const out: string[] = [];
  const queue = [folderId];
  const seen = new Set(queue);
  // Each id enters the queue once, so the walk is bounded by the number of files.
  for (let at = 0; at < queue.length; at++) {
    for (const c of children(queue[at]!)) {
      if (seen.has(c)) continue;
      seen.add(c);
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

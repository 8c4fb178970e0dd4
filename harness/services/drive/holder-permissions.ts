/**
 * Permission records grouped by the file (or shared drive) that holds them. The groups of a
 * base are built once and shared by every trial of that base (harness/services/index-policy.ts);
 * a trial's own permission changes are read from the collection's overlay when its view is
 * made, so a view costs O(this trial's permission changes) and a lookup O(the holder's grants).
 */
import { appendTo, type Collection, type Workspace } from '../../core/index.ts';
import { worthIndexing } from '../index-policy.ts';
import { driveIndexing } from './file-index.ts';
import { C, type DrivePermission } from './model.ts';

/** Permission records by holder id, in the collection's iteration order. */
export interface PermissionIndex {
  /** The permissions `holderId` holds, or undefined when it holds none. */
  get(holderId: string): readonly DrivePermission[] | undefined;
}

/** A holder's base records in base order, with their keys (to find this trial's version of each). */
interface BaseGroup {
  readonly keys: string[];
  readonly records: DrivePermission[];
}

const baseGroups = new WeakMap<ReadonlyMap<string, DrivePermission>, ReadonlyMap<string, BaseGroup>>();

/** Groups a collection's live records by holder with one pass (the definition the index must match). */
export function scanPermissionIndex(col: Collection<DrivePermission>): PermissionIndex {
  const idx = new Map<string, DrivePermission[]>();
  for (const p of col.values()) {
    appendTo(idx, p.fileId, p);
  }
  return idx;
}

function groupsOf(base: ReadonlyMap<string, DrivePermission>): ReadonlyMap<string, BaseGroup> | undefined {
  if (!driveIndexing.enabled) return undefined;
  const hit = baseGroups.get(base);
  if (hit) return hit;
  if (!worthIndexing(base, baseGroups)) return undefined;
  const groups = new Map<string, BaseGroup>();
  for (const [key, record] of base) {
    const g = groups.get(record.fileId);
    if (g) {
      g.keys.push(key);
      g.records.push(record);
    } else groups.set(record.fileId, { keys: [key], records: [record] });
  }
  baseGroups.set(base, groups);
  return groups;
}

/**
 * The permissions of a workspace grouped by holder: from the shared base groups and this
 * trial's overlay when the base is indexed, by one pass over every record otherwise. Same
 * groups, same order as the pass.
 */
export function permissionIndexOf(ws: Workspace): PermissionIndex {
  const col = ws.collection<DrivePermission>(C.permissions);
  const groups = groupsOf(col.baseMap());
  if (!groups) return scanPermissionIndex(col);
  const { added, removed, changed } = col.changes();
  if (added.length === 0 && removed.length === 0 && changed.length === 0) return { get: (h) => groups.get(h)?.records };
  // A changed record keeps its base position; one moved to another holder (the service never does this) would need it.
  if (changed.some((k) => col.peek(k)!.fileId !== col.baseRecord(k)!.fileId)) return scanPermissionIndex(col);
  const touched = new Set<string>();
  for (const k of [...removed, ...changed]) touched.add(col.baseRecord(k)!.fileId);
  const addedBy = new Map<string, DrivePermission[]>();
  for (const k of added) {
    const p = col.peek(k)!;
    appendTo(addedBy, p.fileId, p);
  }
  return {
    get(holderId) {
      const fromBase = groups.get(holderId);
      const extra = addedBy.get(holderId);
      if (!touched.has(holderId)) {
        if (!extra) return fromBase?.records;
        return fromBase ? [...fromBase.records, ...extra] : extra;
      }
      const out: DrivePermission[] = [];
      for (const key of fromBase?.keys ?? []) {
        const now = col.peek(key);
        if (now !== undefined) out.push(now);
      }
      if (extra) out.push(...extra);
      return out.length > 0 ? out : undefined;
    },
  };
}

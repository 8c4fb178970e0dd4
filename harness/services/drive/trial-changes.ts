/**
 * What a trial changed that an indexed files.list must decide again: the files it added,
 * changed or removed, and every base file whose search visibility for the caller may differ
 * from the base's — the descendants of a file that moved, appeared or went, the descendants
 * of a holder (file, folder or shared drive) whose grants for the caller changed, and files
 * reached only through an expiring grant. Read from the overlays at each call: O(changes and
 * the subtrees they reach), nothing kept between calls, so journal rollback needs no care.
 */
import { appendTo, type Workspace } from '../../core/index.ts';
import type { Principal } from './access.ts';
import type { DriveFileIndex } from './file-index.ts';
import { anyonePermissionId } from './identity.ts';
import { C, type DriveFile, type DrivePermission } from './model.ts';
import type { SearchVisibility } from './search-visibility.ts';

/** Files decided at this call rather than from the index. */
export interface TrialFileChanges {
  /** Base file ids the index must skip. */
  readonly shadowed: ReadonlySet<string>;
  /** The live records to test one by one (added, changed, and base files whose visibility may have changed). */
  readonly live: readonly DriveFile[];
}

const NONE: TrialFileChanges = { shadowed: new Set(), live: [] };

/** The trial's changes as they bear on `who`'s search over an indexed base. */
export function trialFileChanges(ws: Workspace, index: DriveFileIndex, view: SearchVisibility, who: Principal): TrialFileChanges {
  const files = ws.collection<DriveFile>(C.files);
  const perms = ws.collection<DrivePermission>(C.permissions);
  const f = files.changes();
  const p = perms.changes();
  if (f.added.length + f.removed.length + f.changed.length + p.added.length + p.removed.length + p.changed.length + view.clocked.length === 0) return NONE;

  const touched = new Set<string>([...f.added, ...f.removed, ...f.changed]);
  const shadowed = new Set<string>([...f.removed, ...f.changed]);
  const liveIds = new Set<string>([...f.added, ...f.changed]);
  const redo = (id: string) => {
    if (touched.has(id) || !index.ordinal.has(id)) return;
    shadowed.add(id);
    liveIds.add(id);
  };
  for (const i of view.clocked) redo(index.files[i]!.id);

  // Roots of subtrees whose visibility may have changed.
  const roots: string[] = [...f.added, ...f.removed];
  for (const id of f.changed) {
    const was = files.baseRecord(id)!;
    const now = files.peek(id)!;
    if (was.parents[0] !== now.parents[0] || was.driveId !== now.driveId) roots.push(id);
  }
  const mine = [who.userPid, who.domainPid, anyonePermissionId(true), anyonePermissionId(false)].map((pid) => `/${pid}`);
  for (const key of [...p.added, ...p.removed, ...p.changed]) {
    const suffix = mine.find((s) => key.endsWith(s));
    if (suffix === undefined) continue;
    const holder = key.slice(0, key.length - suffix.length);
    roots.push(holder);
    for (const i of index.byDrive.get(holder) ?? []) roots.push(index.files[i]!.id);
  }
  if (roots.length === 0) return { shadowed, live: liveRecords(files, liveIds) };

  // Children in the trial's tree: untouched base children, then touched files under their current parent.
  const liveByParent = new Map<string, string[]>();
  for (const id of liveIds) {
    const parent = files.peek(id)?.parents[0];
    if (parent === undefined) continue;
    appendTo(liveByParent, parent, id);
  }
  const seen = new Set<string>(roots);
  const queue = [...roots];
  // Each id enters the queue once, so the walk is bounded by the number of files.
  for (let at = 0; at < queue.length; at++) {
    const id = queue[at]!;
    redo(id);
    for (const i of index.children.get(id) ?? []) {
      const child = index.files[i]!.id;
      if (touched.has(child) || seen.has(child)) continue;
      seen.add(child);
      queue.push(child);
    }
    for (const child of liveByParent.get(id) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      queue.push(child);
    }
  }
  return { shadowed, live: liveRecords(files, liveIds) };
}

function liveRecords(files: { peek(id: string): DriveFile | undefined }, ids: ReadonlySet<string>): DriveFile[] {
  const out: DriveFile[] = [];
  for (const id of ids) {
    const r = files.peek(id);
    if (r) out.push(r);
  }
  return out;
}

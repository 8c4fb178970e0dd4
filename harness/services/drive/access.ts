/** Drive access control: effective roles through direct and inherited grants, and Drive's errors. */
import { appendTo, type Workspace } from '../../core/index.ts';
import { fileNotFound, insufficientPermissions } from './errors.ts';
import { C, ROLES, permissionKey, type DriveFile, type DrivePermission, type Role } from './model.ts';
import { anyonePermissionId, domainOf, domainPermissionId, permissionIdFor } from './identity.ts';

/** Rank of a role (reader 0 … owner 5); -1 for no access. */
export function roleRank(role: Role | undefined): number {
  return role === undefined ? -1 : ROLES.indexOf(role);
}

/** The stronger of two roles. */
export function maxRole(a: Role | undefined, b: Role | undefined): Role | undefined {
  return roleRank(a) >= roleRank(b) ? a : b;
}

// Drive's error constructors live in errors.ts; re-exported for the modules that import them from here.
export { fileNotFound, insufficientPermissions, invalidValue } from './errors.ts';

/** Ids of a file's ancestors, nearest first (guards against cycles and absurd depth). */
export function ancestorIds(ws: Workspace, file: DriveFile): string[] {
  const files = ws.collection<DriveFile>(C.files);
  const out: string[] = [];
  const seen = new Set<string>([file.id]);
  let cur: DriveFile | undefined = file;
  while (cur && out.length < 64) {
    const pid: string | undefined = cur.parents[0];
    if (pid === undefined || seen.has(pid)) break;
    seen.add(pid);
    out.push(pid);
    cur = files.peek(pid);
  }
  return out;
}

/** Per-caller lookup keys, computed once per call (hashing is the costly part). */
export interface Principal {
  readonly email: string;
  readonly userPid: string;
  readonly domainPid: string;
}

/** Prepares a principal for repeated role checks. */
export function principalOf(email: string): Principal {
  const e = email.toLowerCase();
  return { email: e, userPid: permissionIdFor(e), domainPid: domainPermissionId(domainOf(e)) };
}

/**
 * The caller's role on a file through the file itself, its ancestors and its shared
 * drive. `discoverableOnly` ignores link-only grants (anyone/domain with
 * allowFileDiscovery false), which is what search sees.
 */
export function effectiveRole(ws: Workspace, file: DriveFile, who: Principal, discoverableOnly = false): Role | undefined {
  if (file.ownerEmail.toLowerCase() === who.email) return 'owner';
  const perms = ws.collection<DrivePermission>(C.permissions);
  let best: Role | undefined;
  const holders = [file.id, ...ancestorIds(ws, file)];
  if (file.driveId) holders.push(file.driveId);
  for (const holder of holders) {
    const user = perms.peek(permissionKey(holder, who.userPid));
    // Owning a folder makes you an editor of what others put in it, never its owner (as in Drive).
    if (user && !expired(ws, user)) best = maxRole(best, holder !== file.id && user.role === 'owner' ? 'writer' : user.role);
    for (const pid of [who.domainPid, anyonePermissionId(true), anyonePermissionId(false)]) {
      const p = perms.peek(permissionKey(holder, pid));
      if (!p || expired(ws, p)) continue;
      if (discoverableOnly && !p.allowFileDiscovery) continue;
      best = maxRole(best, p.role);
    }
    if (best === 'owner') break;
  }
  return best;
}

function expired(ws: Workspace, p: DrivePermission): boolean {
  return p.expirationTime !== undefined && Date.parse(p.expirationTime) <= ws.nowMs();
}

/**
 * Loads a file the caller can see (404 otherwise, like Drive) and checks the role the
 * operation needs (403 insufficientFilePermissions when too weak). Returns file and role.
 */
export function requireFile(
  ws: Workspace, fileId: string, email: string, need: Role = 'reader',
): { file: DriveFile; role: Role } {
  const file = ws.collection<DriveFile>(C.files).get(fileId);
  if (!file) throw fileNotFound(fileId);
  const role = effectiveRole(ws, file, principalOf(email));
  if (role === undefined) throw fileNotFound(fileId);
  if (roleRank(role) < roleRank(need)) throw insufficientPermissions(fileId);
  return { file, role };
}

/** True when the caller may change sharing: owners, organizers, and writers unless writersCanShare is off. */
export function canShare(file: DriveFile, role: Role | undefined): boolean {
  if (roleRank(role) >= roleRank('fileOrganizer')) return true;
  return role === 'writer' && file.writersCanShare !== false;
}

/** Every permission record held directly by a file (or shared drive) id. */
export function directPermissions(ws: Workspace, holderId: string): DrivePermission[] {
  const out: DrivePermission[] = [];
  const prefix = `${holderId}/`;
  for (const [key, p] of ws.collection<DrivePermission>(C.permissions).entries()) {
    if (key.startsWith(prefix)) out.push(p);
  }
  return out;
}

/** Ids of files grouped under their first parent, in the order given (the folder tree as Drive walks it). */
export function childrenByFirstParent(files: Iterable<Pick<DriveFile, 'id' | 'parents'>>): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const f of files) {
    const p = f.parents[0];
    if (p !== undefined) appendTo(children, p, f.id);
  }
  return children;
}

/** Ids of every descendant of a folder (breadth-first), for trash and delete cascades. */
export function descendantIds(ws: Workspace, folderId: string): string[] {
  const children = childrenByFirstParent(ws.collection<DriveFile>(C.files).values());
  const out: string[] = [];
  const queue = [folderId];
  const seen = new Set(queue);
  while (queue.length > 0) {
    for (const c of children.get(queue.shift()!) ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

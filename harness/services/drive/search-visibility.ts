/**
 * Which base files one caller's search can see, computed once per base and caller and shared
 * by every trial of that base. A file is found by search when the caller owns it or holds a
 * grant on it, an ancestor or its shared drive (domain and anyone grants only when
 * discoverable) — what `effectiveRole(…, discoverableOnly)` decides file by file, here in one
 * pass with each holder's grants looked up once. Grants with an expiration time depend on
 * the trial's clock, so files reached only through one are marked for checking at each call.
 */
import { remember } from '../../core/index.ts';
import type { Principal } from './access.ts';
import type { DriveFileIndex } from './file-index.ts';
import { anyonePermissionId } from './identity.ts';
import { permissionKey, type DriveFile, type DrivePermission } from './model.ts';

/** Not found by the caller's search. */
export const HIDDEN = 0;
/** Found by the caller's search. */
export const FOUND = 1;
/** Found only through a grant that expires: decided at each call. */
export const CLOCKED = 2;

/** One caller's view of a base. */
export interface SearchVisibility {
  /** Per ordinal of the index: HIDDEN, FOUND or CLOCKED. */
  readonly state: Uint8Array;
  /** Ordinals whose state is CLOCKED. */
  readonly clocked: Int32Array;
  /** Ordinals of base files shared with the caller (a grant for the caller on the file itself, someone else's file), ascending. */
  readonly sharedWithMe: Int32Array;
}

/** Callers remembered per base before the cache starts over (each view is one byte per file). */
const MAX_CALLERS = 64;
/** Depth of the ancestor walk, as access.ts's. */
const MAX_DEPTH = 64;

const views = new WeakMap<DriveFileIndex, WeakMap<ReadonlyMap<string, DrivePermission>, Map<string, SearchVisibility>>>();

/** The view of `who` over an indexed base with its base permissions (built on first use). */
export function searchVisibility(index: DriveFileIndex, perms: ReadonlyMap<string, DrivePermission>, who: Principal): SearchVisibility {
  let byPerms = views.get(index);
  if (!byPerms) views.set(index, (byPerms = new WeakMap()));
  let byCaller = byPerms.get(perms);
  if (!byCaller) byPerms.set(perms, (byCaller = new Map()));
  return remember(byCaller, who.email, MAX_CALLERS, () => buildVisibility(index, perms, who));
}

/** The strongest grant along a chain of holders, and how many holders it has (Infinity when a cycle cuts it). */
interface Chain {
  readonly grant: number;
  readonly length: number;
}

function buildVisibility(index: DriveFileIndex, perms: ReadonlyMap<string, DrivePermission>, who: Principal): SearchVisibility {
  const grants = new Map<string, number>();
  const grantAt = (holder: string): number => {
    let g = grants.get(holder);
    if (g === undefined) grants.set(holder, (g = holderGrant(perms, holder, who)));
    return g;
  };
  const chains = new Map<string, Chain>();
  /** The chain from a holder up through first parents, each folder's chain computed once. */
  const chainFrom = (id: string): Chain => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: string | undefined = id;
    let tail: Chain = { grant: HIDDEN, length: 0 };
    while (cur !== undefined) {
      const known = chains.get(cur);
      if (known) {
        tail = known;
        break;
      }
      if (onPath.has(cur)) {
        tail = { grant: HIDDEN, length: Infinity };
        break;
      }
      onPath.add(cur);
      path.push(cur);
      cur = index.base.get(cur)?.parents[0];
    }
    for (let i = path.length - 1; i >= 0; i--) {
      tail = { grant: strongest(grantAt(path[i]!), tail.grant), length: tail.length + 1 };
      chains.set(path[i]!, tail);
    }
    return tail;
  };
  const n = index.files.length;
  const state = new Uint8Array(n);
  const clocked: number[] = [];
  const shared: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = index.files[i]!;
    const mine = f.ownerEmail.toLowerCase() === who.email;
    if (!mine && perms.has(permissionKey(f.id, who.userPid))) shared.push(i);
    if (mine) {
      state[i] = FOUND;
      continue;
    }
    const parent = f.parents[0];
    const up = parent === undefined || parent === f.id ? undefined : chainFrom(parent);
    // A finite chain has no cycle, so it cannot pass through this file (the next step would
    // repeat it); within the walk's depth it is exactly the walk's holders. Anything else walks.
    let best = up === undefined ? grantAt(f.id) : up.length <= MAX_DEPTH ? strongest(grantAt(f.id), up.grant) : walkGrant(index, f, grantAt);
    if (best !== FOUND && f.driveId) best = strongest(best, grantAt(f.driveId));
    state[i] = best;
    if (best === CLOCKED) clocked.push(i);
  }
  return { state, clocked: Int32Array.from(clocked), sharedWithMe: Int32Array.from(shared) };
}

/** The walk of access.ts's ancestorIds over the base: first parents, no cycles, at most MAX_DEPTH ancestors. */
function walkGrant(index: DriveFileIndex, f: DriveFile, grantAt: (holder: string) => number): number {
  let best = grantAt(f.id);
  const seen = new Set<string>([f.id]);
  let cur: DriveFile | undefined = f;
  for (let depth = 0; best !== FOUND && cur && depth < MAX_DEPTH; depth++) {
    const pid: string | undefined = cur.parents[0];
    if (pid === undefined || seen.has(pid)) break;
    seen.add(pid);
    best = strongest(best, grantAt(pid));
    cur = index.base.get(pid);
  }
  return best;
}

function strongest(a: number, b: number): number {
  return a === FOUND || b === FOUND ? FOUND : a === CLOCKED || b === CLOCKED ? CLOCKED : HIDDEN;
}

/** What the caller's grants on one holder give search: FOUND, CLOCKED (only expiring ones) or HIDDEN. */
function holderGrant(perms: ReadonlyMap<string, DrivePermission>, holder: string, who: Principal): number {
  let best = HIDDEN;
  const user = perms.get(permissionKey(holder, who.userPid));
  if (user) best = strongest(best, user.expirationTime === undefined ? FOUND : CLOCKED);
  for (const pid of [who.domainPid, anyonePermissionId(true), anyonePermissionId(false)]) {
    const p = perms.get(permissionKey(holder, pid));
    if (!p || !p.allowFileDiscovery) continue;
    best = strongest(best, p.expirationTime === undefined ? FOUND : CLOCKED);
  }
  return best;
}

/** Drive identities: id formats shaped like the real API's, permission ids and display names. */
import { createHash } from 'node:crypto';
import type { Workspace } from '../../core/index.ts';

function b64(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('base64url').slice(0, length);
}

/** A new file id: 33 characters starting with `1`, like Drive's (deterministic per workspace counter). */
export function newFileId(ws: Workspace): string {
  const n = ws.nextCounter('drive.file');
  return `1${b64(`drive-file:${n}`, 32)}`;
}

/** Ids for `files.generateIds`, drawn from the same counter so they never collide with created files. */
export function reserveFileIds(ws: Workspace, count: number): string[] {
  return Array.from({ length: count }, () => newFileId(ws));
}

/** A shared drive id: 19 characters starting with `0A`, like Drive's. */
export function newDriveId(ws: Workspace): string {
  return `0A${b64(`drive-drive:${ws.nextCounter('drive.drive')}`, 17)}`;
}

/** A comment id (`AAAA…`, like Drive's). */
export function newCommentId(ws: Workspace): string {
  return `AAAA${b64(`drive-comment:${ws.nextCounter('drive.comment')}`, 11)}`;
}

/** A reply id (`AAAA…`). */
export function newReplyId(ws: Workspace): string {
  return `AAAA${b64(`drive-reply:${ws.nextCounter('drive.reply')}`, 11)}`;
}

/** A revision id for a blob file (`0B…`, like Drive's). */
export function newRevisionId(ws: Workspace): string {
  return `0B${b64(`drive-revision:${ws.nextCounter('drive.revision')}`, 30)}`;
}

/**
 * The stable permission id of a user or group address: 20 digits, as Drive's
 * `permissionId` (the same value `about.user.permissionId` reports).
 */
export function permissionIdFor(email: string): string {
  const key = email.toLowerCase();
  const hit = pidCache.get(key);
  if (hit !== undefined) return hit;
  const h = createHash('sha256').update(`drive-permission:${key}`).digest();
  const pid = (h.readBigUInt64BE(0) % 10n ** 20n).toString().padStart(20, '0');
  // A pure function of the address; the cache only saves hashing (bounded so it cannot grow without limit).
  if (pidCache.size > 50_000) pidCache.clear();
  pidCache.set(key, pid);
  return pid;
}

const pidCache = new Map<string, string>();

/** The permission id of a domain grant. */
export function domainPermissionId(domain: string): string {
  return permissionIdFor(`domain:${domain}`).slice(0, 20) + 'k';
}

/** The permission id of an anyone grant: `anyoneWithLink`, or `anyone` when discoverable. */
export function anyonePermissionId(discoverable: boolean): string {
  return discoverable ? 'anyone' : 'anyoneWithLink';
}

/** A display name derived from an address (`priya.raman@x` → `Priya Raman`). */
export function displayNameFor(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .replace(/[0-9]+$/, '')
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/** The domain of an address, lower-cased ('' when there is no `@`). */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

/** MD5 hex of content bytes (Drive's `md5Checksum`). */
export function md5Hex(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

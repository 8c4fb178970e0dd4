/**
 * What a publish would upload: each local file compared with the repo's listing by the
 * hash git and LFS already record (the git blob id of a small file, the sha256 of an LFS
 * file), so an unchanged file is never sent again, whichever way the Hub stored it.
 */
import { createHash } from 'node:crypto';
import type { LocalFile, RemoteFile } from './hub-client.ts';

/** The git blob id of `content` (sha1 of `blob <size>\0<content>`), as a repo tree lists a regular file. */
export function gitBlobOid(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\u0000`).update(content).digest('hex');
}

/** sha256 of `content`, as a repo tree lists an LFS file. */
export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** One file's fate. */
export type FileChange = 'new' | 'changed' | 'unchanged';

/** The upload plan. */
export interface PublishPlan {
  readonly files: ReadonlyArray<{ readonly path: string; readonly bytes: number; readonly change: FileChange }>;
  readonly upload: readonly LocalFile[];
  readonly uploadBytes: number;
  readonly counts: Readonly<Record<FileChange, number>>;
  /** Files in the repo this publish does not write (kept: publishing never deletes). */
  readonly kept: readonly string[];
}

/** True when the remote file has exactly this content. */
export function sameContent(local: Buffer, remote: RemoteFile): boolean {
  if (remote.lfsOid) return remote.lfsOid === sha256(local);
  return remote.oid === gitBlobOid(local) && remote.size === local.length;
}

/** Compares local files with the repo (undefined: no repo yet, everything is new). */
export function planPublish(local: readonly LocalFile[], remote: ReadonlyMap<string, RemoteFile> | undefined): PublishPlan {
  const files: Array<{ path: string; bytes: number; change: FileChange }> = [];
  const upload: LocalFile[] = [];
  const counts: Record<FileChange, number> = { new: 0, changed: 0, unchanged: 0 };
  for (const f of local) {
    const r = remote?.get(f.path);
    const change: FileChange = !r ? 'new' : sameContent(f.content, r) ? 'unchanged' : 'changed';
    counts[change]++;
    files.push({ path: f.path, bytes: f.content.length, change });
    if (change !== 'unchanged') upload.push(f);
  }
  const mine = new Set(local.map((f) => f.path));
  const kept = remote ? [...remote.keys()].filter((p) => !mine.has(p) && p !== '.gitattributes').sort() : [];
  return { files, upload, uploadBytes: upload.reduce((n, f) => n + f.content.length, 0), counts, kept };
}

/** Splits uploads into commits of at most `maxFiles` files and `maxBytes` bytes, so an interrupted publish keeps what landed. */
export function batches(files: readonly LocalFile[], maxFiles: number, maxBytes: number): LocalFile[][] {
  const out: LocalFile[][] = [];
  let cur: LocalFile[] = [];
  let bytes = 0;
  for (const f of files) {
    if (cur.length && (cur.length >= maxFiles || bytes + f.content.length > maxBytes)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(f);
    bytes += f.content.length;
  }
  if (cur.length) out.push(cur);
  return out;
}

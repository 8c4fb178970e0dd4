/** Seed and scoring helpers for Drive tasks: plant files and folders, find base folders by path, read who can reach a file. */
import type { TaskApi, Workspace, WorkspaceDiff } from '../../harness/core/index.ts';
import { COMPANY_DOMAIN } from '../../datasets/company/company.ts';
import { createDriveFileRecord } from '../../harness/services/drive/file-record.ts';
import { C, FOLDER_MIME, permissionKey, type DriveFile, type DrivePermission, type Role } from '../../harness/services/drive/model.ts';
import { ensureRoot } from '../../harness/services/drive/ops/common.ts';
import { permissionIndexOf } from '../../harness/services/drive/holder-permissions.ts';
import { grantPermission, type GrantSpec } from '../../harness/services/drive/seed.ts';
import { fileGrantees, type Grantee } from '../../harness/services/drive/sharing.ts';

export { addCommentThread, grantPermission } from '../../harness/services/drive/seed.ts';

/** MIME types by extension for planted files. */
const MIME: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
};

/** An ISO time `days` (and `hours`) before the workspace clock. */
export function daysBefore(ws: Workspace, days: number, hours = 0): string {
  return new Date(ws.nowMs() - days * 86_400_000 - hours * 3_600_000).toISOString();
}

/**
 * The id of a base folder by its path of names from a top-level team folder
 * ('Sales/Accounts'); throws when absent so a task bug fails at seed time.
 */
export function folderByPath(ws: Workspace, path: string): string {
  const files = [...ws.collection<DriveFile>(C.files).values()].filter((f) => f.mimeType === FOLDER_MIME && !f.trashed);
  let parentIds: Set<string> | undefined;
  let found: DriveFile[] = [];
  for (const name of path.split('/')) {
    found = files.filter((f) => f.name === name && (parentIds === undefined || parentIds.has(f.parents[0] ?? '')));
    if (found.length === 0) throw new Error(`folderByPath: no folder ${path}`);
    parentIds = new Set(found.map((f) => f.id));
  }
  return found[0]!.id;
}

/** The id of the first live base file with exactly this name; throws when absent. */
export function fileByName(ws: Workspace, name: string): string {
  for (const f of ws.collection<DriveFile>(C.files).values()) if (f.name === name && !f.trashed) return f.id;
  throw new Error(`fileByName: no file ${name}`);
}

/** What planting a file needs. */
export interface PlantFileInit {
  readonly name: string;
  readonly ownerEmail: string;
  /** Parent folder id; default the owner's My Drive. */
  readonly parentId?: string;
  /** Default from the extension. */
  readonly mimeType?: string;
  /** Text content (text, csv, markdown). */
  readonly content?: string;
  /** Size in bytes for binary files without content. */
  readonly size?: number;
  readonly description?: string;
  readonly createdTime?: string;
  readonly modifiedTime?: string;
  readonly writersCanShare?: boolean;
  readonly starred?: boolean;
  /** Grants besides the owner's. */
  readonly shares?: readonly GrantSpec[];
}

/**
 * Writes a file (or folder) with its owner permission and first revision exactly as the
 * service's own create path shapes it (the service helper), plus any extra grants. Used
 * for files authored by the owner and by colleagues or partners alike, because planted
 * files need past timestamps that files.create cannot set.
 */
export function plantFile(ws: Workspace, init: PlantFileInit): string {
  const ext = init.name.slice(init.name.lastIndexOf('.') + 1).toLowerCase();
  const mimeType = init.mimeType ?? MIME[ext] ?? 'application/octet-stream';
  const text = mimeType.startsWith('text/');
  const file = createDriveFileRecord(ws, {
    name: init.name, mimeType, ownerEmail: init.ownerEmail, parents: [init.parentId ?? ensureRoot(ws, init.ownerEmail).id],
    ...(init.createdTime ? { createdTime: init.createdTime } : {}),
    ...(init.modifiedTime ? { modifiedTime: init.modifiedTime } : {}),
    ...(init.description !== undefined ? { description: init.description } : {}),
    ...(init.writersCanShare !== undefined ? { writersCanShare: init.writersCanShare } : {}),
    ...(init.starred !== undefined ? { starred: init.starred } : {}),
    ...(mimeType === FOLDER_MIME ? {} : text ? { content: init.content ?? '' } : { size: init.size ?? 180_000 }),
    silent: true,
  });
  for (const g of init.shares ?? []) grantPermission(ws, file.id, { grantedBy: init.ownerEmail, createdTime: init.createdTime ?? ws.now(), ...g });
  return file.id;
}

/** Plants a folder (see plantFile). */
export function plantFolder(ws: Workspace, init: Omit<PlantFileInit, 'mimeType' | 'content' | 'size'>): string {
  return plantFile(ws, { ...init, mimeType: FOLDER_MIME });
}

/** A `collection:id` reference to a Drive file. */
export function fileRef(id: string): string {
  return `${C.files}:${id}`;
}

/**
 * References to a file and every record hanging off it (permissions, revisions,
 * comments, replies): what a permanent delete removes, so tasks that allow deleting a
 * file can list all of it as deletable.
 */
export function fileAndDependentRefs(ws: Workspace, fileId: string): string[] {
  const refs = [fileRef(fileId)];
  for (const key of [C.permissions, C.revisions]) {
    for (const [k] of ws.collection<{ fileId: string }>(key).entries()) if (k.startsWith(`${fileId}/`)) refs.push(`${key}:${k}`);
  }
  for (const key of [C.comments, C.replies]) {
    for (const [k, r] of ws.collection<{ fileId: string }>(key).entries()) if (r.fileId === fileId) refs.push(`${key}:${k}`);
  }
  return refs;
}

// ---- final-state readers (scorers) ----

/** The file in the final state (undefined when deleted). */
export function fileOf(ws: Workspace, id: string): DriveFile | undefined {
  return ws.collection<DriveFile>(C.files).peek(id);
}

/** True when the file still exists and is not in the trash. */
export function isLive(ws: Workspace, id: string): boolean {
  const f = fileOf(ws, id);
  return f !== undefined && !f.trashed;
}

/** Every grantee of a file in the final state (direct and inherited). */
export function granteesOf(ws: Workspace, fileId: string): Grantee[] {
  return fileGrantees(ws, fileId, COMPANY_DOMAIN);
}

/** The role a user address holds on a file in the final state (direct or inherited), if any. */
export function roleOf(ws: Workspace, fileId: string, email: string): Role | undefined {
  const e = email.toLowerCase();
  return granteesOf(ws, fileId).find((g) => (g.type === 'user' || g.type === 'group') && g.emailAddress?.toLowerCase() === e)?.role;
}

/** The external grantees of a file in the final state, as `user:x`, `domain:y` or `anyone`. */
export function externalKeys(ws: Workspace, fileId: string): string[] {
  return granteesOf(ws, fileId).filter((g) => !g.internal).map(granteeKey);
}

/** A grantee as one comparable string. */
export function granteeKey(g: Pick<Grantee, 'type' | 'emailAddress' | 'domain'>): string {
  if (g.type === 'anyone') return 'anyone';
  if (g.type === 'domain') return `domain:${(g.domain ?? '').toLowerCase()}`;
  return `user:${(g.emailAddress ?? '').toLowerCase()}`;
}

/**
 * Direct permission records of a file (or shared drive) in the final state, in the
 * collection's order — through Drive's per-holder index, so a check costs the file's grants,
 * not a pass over every permission of a `--scale` workspace.
 */
export function permissionsOn(ws: Workspace, fileId: string): readonly DrivePermission[] {
  return permissionIndexOf(ws).get(fileId) ?? [];
}

/** Direct permission records of a file in the final state, keyed by permission id. */
export function directPermissionMap(ws: Workspace, fileId: string): Map<string, DrivePermission> {
  return new Map(permissionsOn(ws, fileId).map((p) => [p.id, p]));
}

/** Permission records added or changed in the trial (the `drive.permissions` diff), with their records. */
export function permissionChanges(diff: WorkspaceDiff): {
  added: DrivePermission[]; changed: Array<{ before: DrivePermission; after: DrivePermission }>; removed: string[];
} {
  const d = diff[C.permissions];
  return {
    added: (d?.added ?? []).map((a) => a.after as DrivePermission),
    changed: (d?.changed ?? []).map((c) => ({ before: c.before as DrivePermission, after: c.after as DrivePermission })),
    removed: (d?.removed ?? []).map((r) => r.id),
  };
}

/**
 * The `drive.permissions:<fileId>/<permissionId>` reference of a file's direct grant to a
 * grantee key (`user:x`, `domain:y`, `anyone`), for manifests that allow revoking it
 * (a removed permission record otherwise counts as collateral destruction).
 */
export function permissionRef(ws: Workspace, fileId: string, key: string): string {
  const p = [...directPermissionMap(ws, fileId).values()].find((x) => granteeKey(x) === key);
  if (!p) throw new Error(`permissionRef: ${fileId} has no direct grant to ${key}`);
  return `${C.permissions}:${permissionKey(fileId, p.id)}`;
}

/**
 * The text content of a blob file as a reference solution downloads it (files.get with
 * alt=media returns raw bytes, not a string): for references that re-upload a download.
 */
export function downloadText(api: { call<R = any>(op: string, args?: Record<string, unknown>): R }, fileId: string): string {
  const r = api.call<unknown>('drive.files.get', { fileId, alt: 'media' });
  if (typeof r === 'string') return r;
  const data = (r as { data?: unknown } | undefined)?.data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (data instanceof Uint8Array) return Buffer.from(data).toString('utf8');
  return '';
}

/**
 * Every file `files.list` finds for `q`, page after page (`fileFields` inside `files(...)`,
 * default `id`), as an agent that reads to the end would: at `--scale` a query can match more
 * than one page.
 */
export function listAllFiles<F extends { id: string } = { id: string }>(api: TaskApi, q: string, fileFields = 'id'): F[] {
  const out: F[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < 1_000; page++) {
    const r = api.call<{ files?: F[]; nextPageToken?: string }>('drive.files.list', {
      q, fields: `nextPageToken,files(${fileFields})`, pageSize: 1000, ...(pageToken ? { pageToken } : {}),
    });
    out.push(...(r.files ?? []));
    pageToken = r.nextPageToken;
    if (!pageToken) break;
  }
  return out;
}

/** Every item under the given folders (the folders included), walked through files.list as an agent would. */
export function folderTree(api: TaskApi, roots: readonly string[]): string[] {
  const out: string[] = [];
  const stack = [...roots];
  for (let guard = 0; stack.length > 0 && guard < 10_000; guard++) {
    const id = stack.pop()!;
    out.push(id);
    stack.push(...listAllFiles(api, `'${id}' in parents and trashed = false`).map((f) => f.id));
  }
  return out;
}

/** Shared pieces of the drive operation table: parameter schemas and the `root` alias. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { OperationContext, Workspace } from '../../../core/index.ts';
import { qBool } from '../../wire-schema.ts';
import { C, FOLDER_MIME, type DriveFile } from '../model.ts';

/** `fileId` path parameter. */
export const fileIdParam = z.string().min(1).describe("The ID of the file (or folder). The alias 'root' names the caller's My Drive folder.");

/** `fields` partial-response mask. */
export const fieldsParam = z.string().optional().describe("Partial-response mask, e.g. 'id,name,parents' or 'nextPageToken,files(id,name,owners)'. Use '*' for every field. Without it Drive returns a small default set.");

/** Shared-drive flags every Drive method accepts (deprecated team-drive spellings included). */
export const driveFlags = {
  supportsAllDrives: qBool('Whether the requesting application supports both My Drives and shared drives.'),
  supportsTeamDrives: qBool('Deprecated: use supportsAllDrives.'),
};

/** Flags accepted by file methods that we take but that do not change the mock's behaviour. */
export const fileFlags = {
  ...driveFlags,
  includePermissionsForView: z.string().optional().describe("Specifies which additional view's permissions to include ('published')."),
  includeLabels: z.string().optional().describe('Comma-separated label ids to include in labelInfo.'),
};

/** `pageToken` parameter. */
export const pageTokenParam = z.string().optional().describe("The token for continuing a previous list request on the next page: the previous response's 'nextPageToken'.");

/** The caller's email (Google `me`). */
export function callerOf(ctx: OperationContext): string {
  return ctx.auth.principal.toLowerCase();
}

/** The id of a user's My Drive root folder (Drive's root ids end in `Uk9PVA`, base64 of ROOT). */
export function rootFolderId(email: string): string {
  const h = createHash('sha256').update(`drive-root:${email.toLowerCase()}`).digest('base64url').replace(/[-_]/g, 'x').slice(0, 13);
  return `0A${h}Uk9PVA`;
}

/** True for a My Drive root folder id. */
export function isRootId(id: string): boolean {
  return id.startsWith('0A') && id.endsWith('Uk9PVA') && id.length === 21;
}

/** Resolves the `root` alias to the caller's root folder id. */
export function resolveFileId(id: string, email: string): string {
  return id === 'root' ? rootFolderId(email) : id;
}

/** The record of a user's root folder (created on first use: base data makes the employees' roots). */
export function ensureRoot(ws: Workspace, email: string, createdTime?: string): DriveFile {
  const id = rootFolderId(email);
  const files = ws.collection<DriveFile>(C.files);
  const cur = files.peek(id);
  if (cur) return cur;
  const at = createdTime ?? ws.now();
  const root: DriveFile = {
    id, name: 'My Drive', mimeType: FOLDER_MIME, parents: [], ownerEmail: email.toLowerCase(),
    createdTime: at, modifiedTime: at, trashed: false, starred: false, version: 1,
  };
  files.set(id, root);
  return root;
}

/** Wire rendering of Drive records: File, User and Permission resources, default field sets and masks. */
import type { Workspace } from '../../core/index.ts';
import { applyFieldMask, parseFieldMask, type FieldMask } from '../google/field-mask.ts';
import { atParameter, googleError } from '../google/errors.ts';
import { ancestorIds, canShare, effectiveRole, principalOf, roleRank } from './access.ts';
import { downloadRestrictions, fileCapabilities, linkShareMetadata } from './capabilities.ts';
import { documentPlainText } from '../docs/plain-text.ts';
import { DOC_MIME, FOLDER_MIME, type DriveFile, type DrivePermission, type Role } from './model.ts';
import { displayNameFor, permissionIdFor } from './identity.ts';
import { isGoogleNative, webViewLinkFor } from './file-record.ts';
import { permissionIndexOf, type PermissionIndex } from './holder-permissions.ts';

/** Default field sets Drive applies when `fields` is absent. */
export const DEFAULT_FIELDS = {
  file: 'kind,id,name,mimeType',
  fileList: 'kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)',
  permission: 'kind,id,type,role',
  permissionList: 'kind,nextPageToken,permissions(kind,id,type,role,emailAddress,domain,displayName,deleted,pendingOwner,allowFileDiscovery,expirationTime)',
} as const;

/**
 * Applies the caller's `fields` mask, or the default one when absent. A malformed mask is
 * Drive's 400 `invalidParameter`. (The HTTP face may mask again; masking is idempotent.)
 */
export function selectFields<T>(value: T, fields: string | undefined, fallback: string | undefined): unknown {
  const text = fields ?? fallback;
  if (text === undefined || text === '*') return value;
  const mask = parseFieldMask(text);
  if (!mask) throw googleError(400, 'invalidParameter', `Invalid field selection ${text}`);
  return applyFieldMask(value, mask);
}

/** Drive's 400 for methods that require a `fields` parameter (about, comments, replies). */
export function requireFieldsParam(fields: string | undefined): void {
  if (fields === undefined || fields.trim() === '') {
    throw googleError(400, 'required', "The 'fields' parameter is required for this operation.", atParameter('fields'));
  }
}

/** A `drive#user` resource for an address, from the caller's point of view. */
export function wireUser(email: string, me: string): Record<string, unknown> {
  return {
    kind: 'drive#user', displayName: displayNameFor(email), emailAddress: email,
    me: email.toLowerCase() === me.toLowerCase(), permissionId: permissionIdFor(email),
  };
}

/**
 * The author of a comment or reply: the reference says "The author's email address and
 * permission ID will not be populated", so only the name and whether it is the caller.
 */
export function wireAuthor(email: string, me: string): Record<string, unknown> {
  return { kind: 'drive#user', displayName: displayNameFor(email), me: email.toLowerCase() === me.toLowerCase() };
}

export type { PermissionIndex } from './holder-permissions.ts';

/**
 * Every permission record grouped by the file (or shared drive) that holds it: the base's
 * groups (built once per base) with this trial's changes, or one pass over a small base.
 */
export function buildPermissionIndex(ws: Workspace): PermissionIndex {
  return permissionIndexOf(ws);
}

/** A permission that applies to a file, with where it comes from. */
export interface EffectivePermission {
  readonly permission: DrivePermission;
  /** Strongest role over every source. */
  readonly role: Role;
  readonly direct: boolean;
  /** Holder ids it is inherited from (ancestor folders or the shared drive). */
  readonly inheritedFrom: readonly string[];
}

/** Direct and inherited permissions of a file, merged per permission id (strongest role wins). */
export function effectivePermissions(ws: Workspace, file: DriveFile, index: PermissionIndex): EffectivePermission[] {
  const merged = new Map<string, { permission: DrivePermission; role: Role; direct: boolean; inheritedFrom: string[] }>();
  const holders = [file.id, ...ancestorIds(ws, file)];
  if (file.driveId) holders.push(file.driveId);
  for (const holder of holders) {
    const direct = holder === file.id;
    for (const p of index.get(holder) ?? []) {
      // An ancestor's owner is not an owner of this file: ownership is per item in My Drive.
      const role: Role = !direct && p.role === 'owner' ? 'writer' : p.role;
      const m = merged.get(p.id);
      if (!m) {
        merged.set(p.id, { permission: p, role, direct, inheritedFrom: direct ? [] : [holder] });
        continue;
      }
      if (roleRank(role) > roleRank(m.role)) m.role = role;
      if (direct) m.direct = true;
      else m.inheritedFrom.push(holder);
    }
  }
  return [...merged.values()];
}

/** A `drive#permission` resource. */
export function wirePermission(e: EffectivePermission | DrivePermission): Record<string, unknown> {
  const eff: EffectivePermission = 'permission' in e ? e : { permission: e, role: e.role, direct: true, inheritedFrom: [] };
  const p = eff.permission;
  const out: Record<string, unknown> = { kind: 'drive#permission', id: p.id, type: p.type, role: eff.role };
  if (p.emailAddress !== undefined) out.emailAddress = p.emailAddress;
  if (p.domain !== undefined) out.domain = p.domain;
  if (p.displayName !== undefined) out.displayName = p.displayName;
  if (p.type === 'anyone' || p.type === 'domain') out.allowFileDiscovery = p.allowFileDiscovery ?? false;
  if (p.expirationTime !== undefined) out.expirationTime = p.expirationTime;
  out.pendingOwner = p.pendingOwner ?? false;
  out.deleted = false;
  out.inheritedPermissionsDisabled = false;
  const details: Record<string, unknown>[] = [];
  if (eff.direct) details.push({ permissionType: 'file', role: p.role, inherited: false });
  for (const from of eff.inheritedFrom) details.push({ permissionType: 'file', role: eff.role, inherited: true, inheritedFrom: from });
  out.permissionDetails = details;
  return out;
}

/**
 * The top-level File fields a `fields` mask asks for at `path` (`['files']` inside a list),
 * or undefined when it asks for all of them (`*`, a bare `files`, a malformed mask that
 * selectFields will refuse). Lets wireFile skip what the answer will not carry.
 */
export function wantedFileFields(fields: string | undefined, fallback: string, path: readonly string[] = []): ReadonlySet<string> | undefined {
  let mask: FieldMask | true | undefined = parseFieldMask(fields ?? fallback);
  for (const key of path) {
    if (mask === undefined || mask === true || mask.has('*')) return undefined;
    mask = mask.get(key);
  }
  if (mask === undefined || mask === true || mask.has('*')) return undefined;
  return new Set(mask.keys());
}

/**
 * The `drive#file` resource as the caller sees it (masks pick from this). `want` names the
 * top-level fields the answer will carry (wantedFileFields); the costly ones — the caller's
 * role, the merged permissions, capabilities, a Doc's size — are computed only when wanted.
 */
export function wireFile(ws: Workspace, file: DriveFile, me: string, index?: PermissionIndex, want?: ReadonlySet<string>): Record<string, unknown> {
  const need = (k: string) => want === undefined || want.has(k);
  const who = principalOf(me);
  const folder = file.mimeType === FOLDER_MIME;
  const blob = !isGoogleNative(file.mimeType);
  const root = isRootFolder(file, who.email);
  const role = need('capabilities') || need('ownedByMe') || need('permissions') ? effectiveRole(ws, file, who) : undefined;
  const perms = need('shared') || need('permissionIds') || need('permissions') ? effectivePermissions(ws, file, index ?? buildPermissionIndex(ws)) : [];
  const share = !root && canShare(file, role);
  const ext = blob ? extensionOf(file.name) : undefined;
  const mine = file.lastModifyingUserEmail?.toLowerCase() === who.email;
  const out: Record<string, unknown> = {
    kind: 'drive#file', id: file.id, name: file.name, mimeType: file.mimeType,
    ...(file.description !== undefined ? { description: file.description } : {}),
    starred: file.starred, trashed: file.trashed, explicitlyTrashed: file.explicitlyTrashed ?? false,
    ...(file.trashed && file.trashingUserEmail && need('trashingUser') ? { trashingUser: wireUser(file.trashingUserEmail, me) } : {}),
    ...(file.trashedTime ? { trashedTime: file.trashedTime } : {}),
    parents: file.parents, ...(file.driveId ? { driveId: file.driveId, teamDriveId: file.driveId } : {}),
    spaces: ['drive'], version: String(file.version),
    webViewLink: file.webViewLink ?? webViewLinkFor(file),
    ...(blob ? { webContentLink: `https://drive.google.com/uc?id=${file.id}&export=download` } : {}),
    iconLink: `https://drive-thirdparty.googleusercontent.com/16/type/${file.mimeType}`,
    hasThumbnail: false, thumbnailVersion: '0', viewedByMe: file.viewedByMeTime !== undefined,
    ...(file.viewedByMeTime ? { viewedByMeTime: file.viewedByMeTime } : {}),
    createdTime: file.createdTime, modifiedTime: file.modifiedTime,
    modifiedByMe: mine, ...(mine ? { modifiedByMeTime: file.modifiedTime } : {}),
    ...(file.driveId || !need('owners') ? {} : { owners: [wireUser(file.ownerEmail, me)] }),
    ...(file.lastModifyingUserEmail && need('lastModifyingUser') ? { lastModifyingUser: wireUser(file.lastModifyingUserEmail, me) } : {}),
    ...(file.sharingUserEmail && need('sharingUser') ? { sharingUser: wireUser(file.sharingUserEmail, me) } : {}),
    shared: perms.some((p) => p.permission.role !== 'owner'), ownedByMe: role === 'owner' && !file.driveId,
    ...(need('capabilities') ? { capabilities: fileCapabilities({ file, role, root }) } : {}),
    linkShareMetadata: linkShareMetadata(), downloadRestrictions: downloadRestrictions(file), inheritedPermissionsDisabled: false,
    viewersCanCopyContent: !(file.copyRequiresWriterPermission ?? false),
    copyRequiresWriterPermission: file.copyRequiresWriterPermission ?? false,
    writersCanShare: file.writersCanShare ?? true,
    permissionIds: perms.map((p) => p.permission.id),
    ...(share && need('permissions') ? { permissions: perms.map(wirePermission) } : {}),
    ...(file.folderColorRgb ? { folderColorRgb: file.folderColorRgb } : {}),
    ...(file.properties ? { properties: file.properties } : {}),
    ...(file.appProperties ? { appProperties: file.appProperties } : {}),
    ...(ext ? { fileExtension: ext, fullFileExtension: ext } : {}),
    ...(file.originalFilename !== undefined ? { originalFilename: file.originalFilename } : blob ? { originalFilename: file.name } : {}),
    ...(file.md5Checksum !== undefined ? { md5Checksum: file.md5Checksum } : {}),
    // Docs editors files have a size too ("Size in bytes of blobs and Google Workspace editor files"); folders do not.
    ...(blob ? { size: String(file.size ?? 0) } : !folder && need('size') ? { size: String(nativeSize(ws, file)) } : {}),
    quotaBytesUsed: blob ? String(file.size ?? 0) : '0',
    ...(file.headRevisionId !== undefined ? { headRevisionId: file.headRevisionId } : {}),
    ...(file.mimeType === DOC_MIME ? { exportLinks: docExportLinks(file.id) } : {}),
    isAppAuthorized: false,
  };
  return out;
}

/** Bytes of a Docs editors file: a Doc's plain text, or the stored content of a Sheet or Slides file. */
function nativeSize(ws: Workspace, file: DriveFile): number {
  if (file.mimeType === DOC_MIME) return Buffer.byteLength(documentPlainText(ws, file.id) ?? '', 'utf8');
  return file.size ?? (file.content !== undefined ? Buffer.byteLength(file.content, 'utf8') : 0);
}

/** True for the caller's My Drive root folder (`root`). */
export function isRootFolder(file: Pick<DriveFile, 'id' | 'ownerEmail' | 'parents'>, email: string): boolean {
  // Shared drives stand in as holders without parents, so the id shape is checked first.
  return file.id.startsWith('0A') && file.id.endsWith('Uk9PVA') && file.ownerEmail.toLowerCase() === email && (file.parents?.length ?? 0) === 0;
}

function extensionOf(name: string): string | undefined {
  const i = name.lastIndexOf('.');
  return i > 0 && i < name.length - 1 ? name.slice(i + 1) : undefined;
}

function docExportLinks(id: string): Record<string, string> {
  const base = `https://docs.google.com/feeds/download/documents/export/Export?id=${id}&exportFormat=`;
  return { 'text/plain': `${base}txt`, 'text/html': `${base}html`, 'application/pdf': `${base}pdf` };
}

/** files.create (metadata, multipart, media), files.update (incl. moves and media), files.copy. */
import { z } from 'zod';
import { defineOperation, type Media, type OperationContext } from '../../../core/index.ts';
import { googleError } from '../../google/errors.ts';
import { qBool } from '../../wire-schema.ts';
import { ancestorIds, fileNotFound, insufficientPermissions, requireFile, roleRank } from '../access.ts';
import { folderDescendants } from '../descendants.ts';
import { contentFields, createDriveFileRecord, isGoogleNative, recordChange, recordRevision } from '../file-record.ts';
import { C, DOC_MIME, FOLDER_MIME, type DriveFile } from '../model.ts';
import { DEFAULT_FIELDS, isRootFolder, selectFields, wantedFileFields, wireFile } from '../render.ts';
import { copyDocBody, createDocBody, renameDocBody } from '../docs-bridge.ts';
import { callerOf, ensureRoot, fieldsParam, fileFlags, fileIdParam, resolveFileId } from './common.ts';
import { memberRole } from './drives.ts';

const stringMap = z.record(z.string(), z.string().nullable());

/** Writable File metadata (requestBody of create, update and copy). Unknown keys are ignored, as Drive does. */
export const FileMetadata = z.looseObject({
  id: z.string().optional().describe('A file id from files.generateIds (create and copy only).'),
  name: z.string().optional().describe('The file name (need not be unique within a folder).'),
  mimeType: z.string().optional().describe("MIME type. 'application/vnd.google-apps.folder' makes a folder, 'application/vnd.google-apps.document' a Google Doc; for uploads it defaults to the media's type."),
  parents: z.array(z.string()).optional().describe("The single parent folder id (create/copy only; on update use addParents/removeParents). Defaults to the caller's My Drive root."),
  description: z.string().optional().describe('A short description of the file.'),
  starred: z.boolean().optional().describe('Whether the user has starred the file.'),
  trashed: z.boolean().optional().describe('Move the file to (true) or out of (false) the trash. Only the owner can trash a file.'),
  properties: stringMap.optional().describe('Public key-value properties; a null value removes the key.'),
  appProperties: stringMap.optional().describe('Private app key-value properties; a null value removes the key.'),
  folderColorRgb: z.string().optional().describe('Folder colour as an RGB hex string.'),
  originalFilename: z.string().optional().describe('The original filename of uploaded content.'),
  writersCanShare: z.boolean().optional().describe('Whether writers can share the file (owner only).'),
  copyRequiresWriterPermission: z.boolean().optional().describe('Whether readers and commenters are prevented from copying or downloading.'),
  modifiedTime: z.string().optional().describe('The last time the file was modified (RFC 3339); settable.'),
});
type FileMetadata = z.infer<typeof FileMetadata>;

const writeFlags = {
  ...fileFlags,
  fields: fieldsParam,
  uploadType: z.string().optional().describe("Upload type for the /upload URI: 'media', 'multipart' or 'resumable'."),
  keepRevisionForever: qBool('Whether to set keepForever on the new head revision.'),
  useContentAsIndexableText: qBool('Whether to use the uploaded content as indexable text.'),
  ocrLanguage: z.string().optional().describe('A language hint for OCR processing during image import.'),
  enforceSingleParent: qBool('Deprecated: items always have exactly one parent.'),
};

function mergeMap(cur: Readonly<Record<string, string>> | undefined, patch: Record<string, string | null> | undefined) {
  if (!patch) return cur;
  const out: Record<string, string> = { ...cur };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Checks a parent folder the caller may add to; returns the shared drive it is in, if any. */
function checkParent(ctx: OperationContext, parentId: string, me: string): DriveFile {
  const id = resolveFileId(parentId, me);
  if (id === resolveFileId('root', me)) return ensureRoot(ctx.ws, me);
  // A shared drive's id names its root folder: members with write access may add items there.
  if (ctx.ws.collection(C.drives).has(id)) {
    const member = memberRole(ctx, id, me);
    if (member === undefined) throw fileNotFound(id);
    if (roleRank(member) < roleRank('writer')) throw insufficientPermissions(id);
    return { id, driveId: id } as DriveFile;
  }
  const { file, role } = requireFile(ctx.ws, id, me);
  if (file.mimeType !== FOLDER_MIME) throw googleError(403, 'fileWriterTeamDriveMoveInDisabled', 'The parent is not a folder.');
  if (roleRank(role) < roleRank('writer')) throw insufficientPermissions(file.id);
  return file;
}

function checkFreshId(ctx: OperationContext, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  if (!/^[A-Za-z0-9_-]{10,}$/.test(id)) throw googleError(400, 'invalid', 'The provided file ID is not usable.');
  if (ctx.ws.collection<DriveFile>(C.files).peek(id)) throw googleError(409, 'fileIdInUse', 'A file already exists with the provided ID.');
  return id;
}

function singleParent(parents: readonly string[] | undefined): string | undefined {
  if (parents && parents.length > 1) throw googleError(403, 'cannotAddParent', 'Increasing the number of parents is not allowed.');
  return parents?.[0];
}

function createFile(ctx: OperationContext, body: FileMetadata, media: Media | undefined, fields: string | undefined) {
  const me = callerOf(ctx);
  const parent = checkParent(ctx, singleParent(body.parents) ?? 'root', me);
  const id = checkFreshId(ctx, body.id);
  const mimeType = body.mimeType ?? media?.mimeType ?? 'application/octet-stream';
  const native = isGoogleNative(mimeType);
  const props = mergeMap(undefined, body.properties);
  const appProps = mergeMap(undefined, body.appProperties);
  const file = createDriveFileRecord(ctx.ws, {
    ...(id ? { id } : {}), name: body.name ?? 'Untitled', mimeType, ownerEmail: me, parents: [parent.id],
    ...(parent.driveId ? { driveId: parent.driveId } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.starred !== undefined ? { starred: body.starred } : {}),
    ...(props ? { properties: props } : {}), ...(appProps ? { appProperties: appProps } : {}),
    ...(body.folderColorRgb !== undefined ? { folderColorRgb: body.folderColorRgb } : {}),
    ...(body.writersCanShare !== undefined ? { writersCanShare: body.writersCanShare } : {}),
    ...(body.copyRequiresWriterPermission !== undefined ? { copyRequiresWriterPermission: body.copyRequiresWriterPermission } : {}),
    ...(body.originalFilename !== undefined ? { originalFilename: body.originalFilename } : {}),
    ...(!native && media ? { data: media.data } : {}),
    ...(!native && !media && mimeType !== FOLDER_MIME ? { content: '' } : {}),
  });
  // Uploading text with a Docs target type converts it, as Drive's import does.
  if (mimeType === DOC_MIME) createDocBody(ctx.ws, file.id, file.name, media ? media.data.toString('utf8') : '');
  return selectFields(wireFile(ctx.ws, file, me, undefined, wantedFileFields(fields, DEFAULT_FIELDS.file)), fields, DEFAULT_FIELDS.file);
}

/** Trashing a folder trashes its contents implicitly; restoring it restores what it took along. */
function cascadeTrash(ctx: OperationContext, folder: DriveFile, trashed: boolean, me: string): void {
  if (folder.mimeType !== FOLDER_MIME) return;
  const files = ctx.ws.collection<DriveFile>(C.files);
  const now = ctx.ws.now();
  for (const id of folderDescendants(ctx.ws, folder.id)) {
    const d = files.peek(id);
    if (!d) continue;
    if (trashed && !d.trashed) files.set(id, { ...d, trashed: true, explicitlyTrashed: false, trashedTime: now, trashingUserEmail: me });
    else if (!trashed && d.trashed && d.explicitlyTrashed === false) files.set(id, dropTrash(d));
    else continue;
    recordChange(ctx.ws, id, me);
  }
}

function dropTrash(f: DriveFile): DriveFile {
  const { trashedTime: _t, trashingUserEmail: _u, explicitlyTrashed: _e, ...rest } = f;
  return { ...rest, trashed: false };
}

const UpdateParams = z.object({
  fileId: fileIdParam,
  addParents: z.string().optional().describe('Comma-separated parent ids to add (with removeParents, this is how a file is moved).'),
  removeParents: z.string().optional().describe('Comma-separated parent ids to remove.'),
  ...writeFlags,
});

function updateFile(ctx: OperationContext, p: z.infer<typeof UpdateParams>, body: FileMetadata, media: Media | undefined) {
  const me = callerOf(ctx);
  const files = ctx.ws.collection<DriveFile>(C.files);
  const { file, role } = requireFile(ctx.ws, resolveFileId(p.fileId, me), me);
  // My Drive itself cannot be renamed, moved, trashed or changed (its capabilities say so).
  if (isRootFolder(file, me)) throw insufficientPermissions(file.id);
  const isOwner = role === 'owner' || roleRank(role) >= roleRank('organizer');
  const edits = body.name !== undefined || body.description !== undefined || media !== undefined || p.addParents || p.removeParents
    || body.properties !== undefined || body.appProperties !== undefined || body.folderColorRgb !== undefined
    || body.copyRequiresWriterPermission !== undefined || body.modifiedTime !== undefined;
  if (edits && roleRank(role) < roleRank('writer')) throw insufficientPermissions(file.id);
  if ((body.trashed !== undefined || body.writersCanShare !== undefined) && !isOwner) throw insufficientPermissions(file.id);
  if (body.parents !== undefined) throw googleError(403, 'fieldNotWritable', 'The resource body includes fields which are not directly writable.');
  let next: DriveFile = { ...file };
  let parents = [...file.parents];
  const remove = (p.removeParents ?? '').split(',').map((s) => resolveFileId(s.trim(), me)).filter(Boolean);
  const add = (p.addParents ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (remove.length + add.length > 0) {
    parents = parents.filter((x) => !remove.includes(x));
    for (const a of add) {
      const parent = checkParent(ctx, a, me);
      if (parent.id === file.id || ancestorIds(ctx.ws, parent).includes(file.id)) {
        throw googleError(403, 'cannotAddParent', 'A folder cannot be moved into itself or one of its descendants.');
      }
      if (!parents.includes(parent.id)) parents.push(parent.id);
    }
    if (parents.length > 1) throw googleError(403, 'cannotAddParent', 'Increasing the number of parents is not allowed. A file must have exactly one parent: use removeParents with addParents to move it.');
    if (parents.length === 0) parents = [ensureRoot(ctx.ws, file.ownerEmail).id];
    next.parents = parents;
  }
  if (body.name !== undefined) next.name = body.name;
  if (body.description !== undefined) next.description = body.description;
  if (body.starred !== undefined) next.starred = body.starred;
  if (body.folderColorRgb !== undefined) next.folderColorRgb = body.folderColorRgb;
  if (body.writersCanShare !== undefined) next.writersCanShare = body.writersCanShare;
  if (body.copyRequiresWriterPermission !== undefined) next.copyRequiresWriterPermission = body.copyRequiresWriterPermission;
  if (body.originalFilename !== undefined) next.originalFilename = body.originalFilename;
  const props = mergeMap(file.properties, body.properties);
  const appProps = mergeMap(file.appProperties, body.appProperties);
  next.properties = props;
  next.appProperties = appProps;
  if (body.trashed !== undefined && body.trashed !== file.trashed) {
    cascadeTrash(ctx, file, body.trashed, me);
    next = body.trashed
      ? { ...next, trashed: true, explicitlyTrashed: true, trashedTime: ctx.ws.now(), trashingUserEmail: me }
      : dropTrash(next);
  }
  if (edits) {
    next.version = file.version + 1;
    next.modifiedTime = body.modifiedTime ?? ctx.ws.now();
    next.lastModifyingUserEmail = me;
  }
  files.set(file.id, stripUndef(next));
  if (media !== undefined) {
    if (isGoogleNative(file.mimeType)) throw googleError(400, 'badRequest', 'Google Docs Editors files cannot be updated with media; use the Docs API.');
    files.set(file.id, stripUndef({ ...files.peek(file.id)!, ...contentFields(undefined, media.data), version: file.version }));
    recordRevision(ctx.ws, file.id, { modifiedBy: me, silent: true });
  }
  if (body.name !== undefined && file.mimeType === DOC_MIME) renameDocBody(ctx.ws, file.id, body.name);
  recordChange(ctx.ws, file.id, me);
  return selectFields(wireFile(ctx.ws, files.peek(file.id)!, me, undefined, wantedFileFields(p.fields, DEFAULT_FIELDS.file)), p.fields, DEFAULT_FIELDS.file);
}

function stripUndef(f: DriveFile): DriveFile {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = v;
  return out as DriveFile;
}

function copyFile(ctx: OperationContext, fileId: string, body: FileMetadata, fields: string | undefined) {
  const me = callerOf(ctx);
  const { file: src, role } = requireFile(ctx.ws, resolveFileId(fileId, me), me);
  if (src.mimeType === FOLDER_MIME) throw googleError(403, 'cannotCopyFile', 'This file cannot be copied by the user.');
  if (src.copyRequiresWriterPermission && roleRank(role) < roleRank('writer')) throw googleError(403, 'cannotCopyFile', 'This file cannot be copied by the user.');
  const wanted = singleParent(body.parents);
  let parentId: string;
  if (wanted !== undefined) parentId = checkParent(ctx, wanted, me).id;
  else {
    const orig = src.parents[0];
    const canWrite = orig !== undefined && (() => {
      try {
        checkParent(ctx, orig, me);
        return true;
      } catch {
        return false;
      }
    })();
    parentId = canWrite ? orig! : ensureRoot(ctx.ws, me).id;
  }
  const parent = ctx.ws.collection<DriveFile>(C.files).peek(parentId);
  const id = checkFreshId(ctx, body.id);
  const props = mergeMap(src.properties, body.properties);
  const appProps = mergeMap(src.appProperties, body.appProperties);
  const copy = createDriveFileRecord(ctx.ws, {
    ...(id ? { id } : {}), name: body.name ?? `Copy of ${src.name}`, mimeType: src.mimeType, ownerEmail: me, parents: [parentId],
    ...(parent?.driveId ? { driveId: parent.driveId } : {}),
    ...(body.description ?? src.description) !== undefined ? { description: body.description ?? src.description } : {},
    ...(body.starred !== undefined ? { starred: body.starred } : {}),
    ...(props ? { properties: props } : {}), ...(appProps ? { appProperties: appProps } : {}),
    ...(src.contentBase64 !== undefined ? { data: Buffer.from(src.contentBase64, 'base64') } : {}),
    ...(src.content !== undefined ? { content: src.content } : {}),
    ...(src.size !== undefined && src.content === undefined && src.contentBase64 === undefined ? { size: src.size } : {}),
    ...(src.copyRequiresWriterPermission !== undefined ? { copyRequiresWriterPermission: src.copyRequiresWriterPermission } : {}),
  });
  if (src.mimeType === DOC_MIME) copyDocBody(ctx.ws, src.id, copy.id, copy.name);
  return selectFields(wireFile(ctx.ws, copy, me, undefined, wantedFileFields(fields, DEFAULT_FIELDS.file)), fields, DEFAULT_FIELDS.file);
}

/** The create/update/copy operations on files. */
export const fileWriteOps = [
  defineOperation({
    id: 'drive.files.create', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files', uploadPath: '/upload/drive/v3/files' },
    description: "Creates a file or folder. Metadata goes in requestBody ({name, mimeType, parents:[folderId], description}); content in media ({mimeType, body}). mimeType 'application/vnd.google-apps.folder' makes a folder; 'application/vnd.google-apps.document' a Google Doc (uploaded text is imported).",
    params: z.object(writeFlags),
    body: FileMetadata,
    handler: (ctx, { params, body, media }) => createFile(ctx, body, media, params.fields),
  }),
  defineOperation({
    id: 'drive.files.update', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'PATCH', path: '/drive/v3/files/{fileId}', uploadPath: '/upload/drive/v3/files/{fileId}' },
    description: "Updates a file's metadata (rename, describe, star, trash with trashed:true, restore with trashed:false), moves it (addParents + removeParents), or replaces its content (media). Patch semantics.",
    params: UpdateParams,
    body: FileMetadata,
    handler: (ctx, { params, body, media }) => updateFile(ctx, params, body, media),
  }),
  defineOperation({
    id: 'drive.files.copy', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/copy' },
    description: "Copies a file (not folders). The copy is owned by the caller, named 'Copy of <name>' unless requestBody.name is given, and placed in requestBody.parents or next to the original.",
    params: z.object({ fileId: fileIdParam, ...writeFlags, ignoreDefaultVisibility: qBool('Whether to ignore the domain default visibility settings.') }),
    body: FileMetadata,
    handler: (ctx, { params, body }) => copyFile(ctx, params.fileId, body, params.fields),
  }),
];

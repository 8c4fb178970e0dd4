/**
 * Creating and revising Drive file records: the one place that inserts a file with its
 * owner permission, first revision and change-feed entry. The Docs service uses it too
 * (a Google Doc is a Drive file with the same id as its document).
 */
import type { Workspace } from '../../core/index.ts';
import {
  C, DOC_MIME, FOLDER_MIME, SHEET_MIME, SLIDES_MIME, DriveFile, permissionKey, revisionKey,
  type DriveChange, type DrivePermission, type DriveRevision,
} from './model.ts';
import { displayNameFor, md5Hex, newFileId, newRevisionId, permissionIdFor } from './identity.ts';

export { DriveFile } from './model.ts';

/** What a caller supplies to create a file; everything else gets Drive's defaults. */
export interface DriveFileInit {
  /** Explicit id (Docs passes its document id; generateIds output); generated when absent. */
  readonly id?: string;
  readonly name: string;
  readonly mimeType: string;
  readonly ownerEmail: string;
  readonly parents?: readonly string[];
  readonly driveId?: string;
  /** Defaults to the workspace clock. */
  readonly createdTime?: string;
  /** Defaults to createdTime. */
  readonly modifiedTime?: string;
  readonly lastModifyingUserEmail?: string;
  readonly description?: string;
  readonly starred?: boolean;
  readonly trashed?: boolean;
  readonly properties?: Readonly<Record<string, string>>;
  readonly appProperties?: Readonly<Record<string, string>>;
  readonly originalFilename?: string;
  readonly folderColorRgb?: string;
  readonly writersCanShare?: boolean;
  readonly copyRequiresWriterPermission?: boolean;
  /** UTF-8 text content (blob files). */
  readonly content?: string;
  /** Binary content (blob files); wins over `content`. */
  readonly data?: Buffer;
  /** Size in bytes for generated files without stored content (a 2 MB pdf). */
  readonly size?: number;
  /** Skip the change-feed entry (base data generation). */
  readonly silent?: boolean;
}

/** True for Google-native types (folders, Docs, Sheets …) that have no blob content. */
export function isGoogleNative(mimeType: string): boolean {
  return mimeType.startsWith('application/vnd.google-apps.');
}

/** The browser link Drive reports for a file. */
export function webViewLinkFor(file: Pick<DriveFile, 'id' | 'mimeType'>): string {
  switch (file.mimeType) {
    case FOLDER_MIME: return `https://drive.google.com/drive/folders/${file.id}`;
    case DOC_MIME: return `https://docs.google.com/document/d/${file.id}/edit?usp=drivesdk`;
    case SHEET_MIME: return `https://docs.google.com/spreadsheets/d/${file.id}/edit?usp=drivesdk`;
    case SLIDES_MIME: return `https://docs.google.com/presentation/d/${file.id}/edit?usp=drivesdk`;
    default: return `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`;
  }
}

/** Content fields (content/contentBase64/size/md5) of a blob from text or bytes. */
export function contentFields(content: string | undefined, data: Buffer | undefined): Partial<DriveFile> {
  if (data !== undefined) {
    return { contentBase64: data.toString('base64'), content: undefined, size: data.length, md5Checksum: md5Hex(data) };
  }
  if (content !== undefined) {
    const bytes = Buffer.from(content, 'utf8');
    return { content, contentBase64: undefined, size: bytes.length, md5Checksum: md5Hex(bytes) };
  }
  return {};
}

/** The content bytes of a blob file (empty when it has none). */
export function fileBytes(file: DriveFile): Buffer {
  if (file.contentBase64 !== undefined) return Buffer.from(file.contentBase64, 'base64');
  if (file.content !== undefined) return Buffer.from(file.content, 'utf8');
  return Buffer.alloc(0);
}

/** The text of a blob file when it is text-like (for fullText search and export). */
export function fileText(file: DriveFile): string | undefined {
  if (file.content !== undefined) return file.content;
  if (file.contentBase64 !== undefined && /^(text\/|application\/(json|xml|csv))/.test(file.mimeType)) {
    return Buffer.from(file.contentBase64, 'base64').toString('utf8');
  }
  return undefined;
}

/** Appends an entry to the change feed for a file (every file write calls this). */
export function recordChange(ws: Workspace, fileId: string, byEmail: string, removed = false): DriveChange {
  const seq = ws.nextCounter('drive.change');
  const change: DriveChange = { id: String(seq), seq, fileId, time: ws.now(), removed, byEmail };
  ws.collection<DriveChange>(C.changes).set(change.id, change);
  return change;
}

/**
 * Inserts a new file record with its owner permission and first revision (blob and
 * Google-native files alike; folders get no revision) and returns it.
 */
export function createDriveFileRecord(ws: Workspace, init: DriveFileInit): DriveFile {
  const now = ws.now();
  const id = init.id ?? newFileId(ws);
  const createdTime = init.createdTime ?? now;
  const modifiedTime = init.modifiedTime ?? createdTime;
  const folder = init.mimeType === FOLDER_MIME;
  const blob = !isGoogleNative(init.mimeType);
  const content = blob ? contentFields(init.content, init.data) : {};
  const headRevisionId = folder ? undefined : newRevisionId(ws);
  const file: DriveFile = {
    id, name: init.name, mimeType: init.mimeType, parents: [...(init.parents ?? [])], ownerEmail: init.ownerEmail,
    createdTime, modifiedTime, lastModifyingUserEmail: init.lastModifyingUserEmail ?? init.ownerEmail,
    trashed: init.trashed ?? false, starred: init.starred ?? false, version: 1,
    ...(init.trashed ? { explicitlyTrashed: true, trashedTime: modifiedTime, trashingUserEmail: init.ownerEmail } : {}),
    ...(init.driveId ? { driveId: init.driveId } : {}),
    ...(init.description !== undefined ? { description: init.description } : {}),
    ...(init.properties ? { properties: { ...init.properties } } : {}),
    ...(init.appProperties ? { appProperties: { ...init.appProperties } } : {}),
    ...(init.originalFilename !== undefined ? { originalFilename: init.originalFilename } : {}),
    ...(init.folderColorRgb !== undefined ? { folderColorRgb: init.folderColorRgb } : {}),
    ...(init.writersCanShare !== undefined ? { writersCanShare: init.writersCanShare } : {}),
    ...(init.copyRequiresWriterPermission !== undefined ? { copyRequiresWriterPermission: init.copyRequiresWriterPermission } : {}),
    ...stripUndefined(content),
    ...(blob && init.size !== undefined && content.size === undefined ? { size: init.size } : {}),
    ...(headRevisionId && blob ? { headRevisionId } : {}),
  };
  ws.collection<DriveFile>(C.files).set(id, file);
  if (!init.driveId) {
    const pid = permissionIdFor(init.ownerEmail);
    const perm: DrivePermission = {
      fileId: id, id: pid, type: 'user', role: 'owner', emailAddress: init.ownerEmail.toLowerCase(),
      displayName: displayNameFor(init.ownerEmail), createdTime,
    };
    ws.collection<DrivePermission>(C.permissions).set(permissionKey(id, pid), perm);
  }
  if (headRevisionId) {
    const rev: DriveRevision = {
      id: headRevisionId, fileId: id, mimeType: init.mimeType, modifiedTime, lastModifyingUserEmail: file.lastModifyingUserEmail!,
      keepForever: false, published: false,
      ...(file.size !== undefined ? { size: file.size } : {}),
      ...(file.md5Checksum !== undefined ? { md5Checksum: file.md5Checksum } : {}),
      ...(file.originalFilename !== undefined ? { originalFilename: file.originalFilename } : {}),
    };
    ws.collection<DriveRevision>(C.revisions).set(revisionKey(id, rev.id), rev);
  }
  if (!init.silent) recordChange(ws, id, init.ownerEmail);
  return file;
}

/**
 * Records a new revision of a file: bumps `version`, sets `modifiedTime` (the workspace
 * clock unless `at` is given) and the last modifier, adds a revision record and a
 * change-feed entry. Returns the updated file, or undefined when the file does not exist.
 */
export function recordRevision(
  ws: Workspace, fileId: string, opts: { modifiedBy: string; at?: string; silent?: boolean },
): DriveFile | undefined {
  const files = ws.collection<DriveFile>(C.files);
  const cur = files.peek(fileId);
  if (!cur) return undefined;
  const at = opts.at ?? ws.now();
  const revId = newRevisionId(ws);
  const next: DriveFile = {
    ...cur, version: cur.version + 1, modifiedTime: at, lastModifyingUserEmail: opts.modifiedBy,
    ...(isGoogleNative(cur.mimeType) ? {} : { headRevisionId: revId }),
  };
  files.set(fileId, next);
  if (cur.mimeType !== FOLDER_MIME) {
    const rev: DriveRevision = {
      id: revId, fileId, mimeType: cur.mimeType, modifiedTime: at, lastModifyingUserEmail: opts.modifiedBy,
      keepForever: false, published: false,
      ...(next.size !== undefined ? { size: next.size } : {}),
      ...(next.md5Checksum !== undefined ? { md5Checksum: next.md5Checksum } : {}),
    };
    ws.collection<DriveRevision>(C.revisions).set(revisionKey(fileId, revId), rev);
  }
  if (!opts.silent) recordChange(ws, fileId, opts.modifiedBy);
  return next;
}

/** A copy of an object without its undefined-valued keys (records stay JSON-clean). */
export function stripUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

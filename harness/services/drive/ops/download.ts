/**
 * files.download and operations.get: Drive's long-running download. files.download answers
 * with an `Operation` (the "Long-running operations" guide: the method "returns an
 * operations resource", polled with operations.get); here the download is ready at once, so
 * the operation is `done` and its response carries a `downloadUri` — the alt=media,
 * export or revision-media URL of this API that serves the bytes. The operation name
 * encodes what was asked and by whom, so operations.get re-checks access without state.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../../../core/index.ts';
import { googleError } from '../../google/errors.ts';
import { requireFile } from '../access.ts';
import { invalidValue, resourceNotFound } from '../errors.ts';
import { isGoogleNative } from '../file-record.ts';
import { C, DOC_MIME, FOLDER_MIME, SHEET_MIME, SLIDES_MIME, revisionKey, type DriveFile } from '../model.ts';
import { callerOf, fileIdParam, resolveFileId } from './common.ts';
import { EXPORTS } from './files-read.ts';

const API = 'https://www.googleapis.com/drive/v3';
/** Longest operation name accepted (names are short; anything longer is not ours). */
const MAX_NAME = 600;

/** Default download type of each Docs editors type ("a default MIME type" in the reference). */
const DEFAULT_DOWNLOAD: Readonly<Record<string, string>> = {
  [DOC_MIME]: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  [SHEET_MIME]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [SLIDES_MIME]: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

interface DownloadRequest {
  readonly fileId: string;
  readonly mimeType?: string;
  readonly revisionId?: string;
}

function callerTag(me: string): string {
  return createHash('sha256').update(`drive-operation:${me}`).digest('base64url').slice(0, 10);
}

function operationName(req: DownloadRequest, me: string): string {
  return `${callerTag(me)}.${Buffer.from(JSON.stringify(req), 'utf8').toString('base64url')}`;
}

function parseName(name: string, me: string): DownloadRequest | undefined {
  if (name.length > MAX_NAME) return undefined;
  const dot = name.indexOf('.');
  if (dot < 0 || name.slice(0, dot) !== callerTag(me)) return undefined;
  try {
    const v = JSON.parse(Buffer.from(name.slice(dot + 1), 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof v.fileId !== 'string') return undefined;
    return {
      fileId: v.fileId, ...(typeof v.mimeType === 'string' ? { mimeType: v.mimeType } : {}),
      ...(typeof v.revisionId === 'string' ? { revisionId: v.revisionId } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Checks a download request against the file and returns the URI that serves it. */
function downloadUri(ctx: OperationContext, req: DownloadRequest, me: string): string {
  const { file } = requireFile(ctx.ws, resolveFileId(req.fileId, me), me);
  const native = isGoogleNative(file.mimeType);
  if (file.mimeType === FOLDER_MIME || (native && !EXPORTS[file.mimeType])) {
    throw googleError(403, 'fileNotDownloadable', 'Only files with binary content or Docs Editors files can be downloaded.');
  }
  if (req.mimeType !== undefined && !native) throw invalidValue('mimeType', 'The mimeType parameter can only be set when downloading Google Workspace documents.');
  if (req.revisionId !== undefined) {
    if (native && file.mimeType === SLIDES_MIME) throw invalidValue('revisionId', 'Downloading a specific revision is not supported for this file.');
    if (!ctx.ws.collection(C.revisions).has(revisionKey(file.id, req.revisionId))) throw resourceNotFound('Revision', req.revisionId, 'revisionId');
  }
  const id = encodeURIComponent(file.id);
  if (!native) {
    return req.revisionId !== undefined ? `${API}/files/${id}/revisions/${encodeURIComponent(req.revisionId)}?alt=media` : `${API}/files/${id}?alt=media`;
  }
  const type = req.mimeType ?? DEFAULT_DOWNLOAD[file.mimeType]!;
  if (!EXPORTS[file.mimeType]!.includes(type)) throw invalidValue('mimeType', 'The requested conversion is not supported.');
  return `${API}/files/${id}/export?mimeType=${encodeURIComponent(type)}`;
}

/** The finished `Operation` of a download. */
function downloadOperation(ctx: OperationContext, req: DownloadRequest, me: string): Record<string, unknown> {
  const uri = downloadUri(ctx, req, me);
  return {
    name: operationName(req, me), done: true,
    metadata: { '@type': 'type.googleapis.com/google.apps.drive.v3.DownloadFileMetadata' },
    response: { '@type': 'type.googleapis.com/google.apps.drive.v3.DownloadFileResponse', downloadUri: uri, partialDownloadAllowed: false },
  };
}

/** The download operations. */
export const downloadOps = [
  defineOperation({
    id: 'drive.files.download', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/download' },
    description: "Starts a download of a file's content and returns a long-running operation; when done, response.downloadUri is the URL that serves the bytes (blob files as stored, Google Docs editors files converted to mimeType or a default Office type).",
    params: z.object({
      fileId: fileIdParam,
      mimeType: z.string().optional().describe('The format a Google Workspace document is downloaded as, e.g. text/plain or application/pdf (not for blob files).'),
      revisionId: z.string().optional().describe('A revision of a blob file, Doc or Sheet to download instead of the current one.'),
    }),
    handler: (ctx, { params: p }) => {
      const me = callerOf(ctx);
      const file = ctx.ws.collection<DriveFile>(C.files).peek(resolveFileId(p.fileId, me));
      const req: DownloadRequest = { fileId: file?.id ?? p.fileId, ...(p.mimeType !== undefined ? { mimeType: p.mimeType } : {}), ...(p.revisionId !== undefined ? { revisionId: p.revisionId } : {}) };
      return downloadOperation(ctx, req, me);
    },
  }),
  defineOperation({
    id: 'drive.operations.get', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/operations/{name}' },
    description: 'Gets the latest state of a long-running operation (a files.download), by the name files.download returned.',
    params: z.object({ name: z.string().min(1).describe('The name of the operation, as files.download returned it.') }),
    handler: (ctx, { params: p }) => {
      const me = callerOf(ctx);
      const req = parseName(p.name, me);
      if (!req) throw resourceNotFound('Operation', p.name.slice(0, 80), 'name');
      return downloadOperation(ctx, req, me);
    },
  }),
];

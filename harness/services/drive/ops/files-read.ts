/** files.list, files.get (incl. alt=media), files.export, files.generateIds. */
import { z } from 'zod';
import { defineOperation, rawResponse, type OperationContext } from '../../../core/index.ts';
import { documentPlainText } from '../../docs/plain-text.ts';
import { googleError } from '../../google/errors.ts';
import { qBool, qInt } from '../../wire-schema.ts';
import { invalidValue, principalOf, requireFile } from '../access.ts';
import { fileBytes, isGoogleNative } from '../file-record.ts';
import { reserveFileIds } from '../identity.ts';
import { searchFiles } from '../file-search.ts';
import { C, DOC_MIME, FOLDER_MIME, SHEET_MIME, type DriveFile } from '../model.ts';
import { fileComparator } from '../order.ts';
import { decodePageToken, pageSize, paginate } from '../paging.ts';
import { parseQuery, type QueryNode } from '../query/parse.ts';
import { QuerySyntaxError } from '../query/tokenize.ts';
import { DEFAULT_FIELDS, buildPermissionIndex, selectFields, wantedFileFields, wireFile } from '../render.ts';
import { callerOf, fieldsParam, fileFlags, fileIdParam, isRootId, pageTokenParam, resolveFileId, rootFolderId } from './common.ts';

/** Parses `q`, mapping syntax errors to Drive's 400 `invalid` on the q parameter. */
export function parseQ(q: string): QueryNode {
  try {
    return parseQuery(q);
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw invalidValue('q');
    throw e;
  }
}

/** Replaces `'root' in parents` with the caller's root id. */
function resolveRootAlias(node: QueryNode, rootId: string): QueryNode {
  switch (node.t) {
    case 'and':
    case 'or': return { ...node, l: resolveRootAlias(node.l, rootId), r: resolveRootAlias(node.r, rootId) };
    case 'not': return { ...node, e: resolveRootAlias(node.e, rootId) };
    case 'in': return node.field === 'parents' && node.value === 'root' ? { ...node, value: rootId } : node;
    default: return node;
  }
}

const ListParams = z.object({
  q: z.string().optional().describe("Search query, e.g. \"name contains 'budget' and mimeType != 'application/vnd.google-apps.folder' and trashed = false\". Terms: name, fullText, mimeType, modifiedTime, createdTime, trashed, starred, visibility, '<id>' in parents, '<email>' in owners|writers|readers, sharedWithMe, properties has {key='k' and value='v'}; combine with and/or/not and parentheses. Trashed files are included unless you add trashed = false."),
  pageSize: qInt('Maximum number of files to return per page (1–1000, default 100). Partial or empty pages are possible before the end.'),
  pageToken: pageTokenParam,
  orderBy: z.string().optional().describe("Comma-separated sort keys: createdTime, folder, modifiedByMeTime, modifiedTime, name, name_natural, quotaBytesUsed, recency, sharedWithMeTime, starred, viewedByMeTime; each may be followed by ' desc'. Example: 'folder,modifiedTime desc,name'."),
  fields: fieldsParam,
  spaces: z.string().optional().describe("Comma-separated spaces to query: 'drive' (default) or 'appDataFolder'."),
  corpora: z.string().optional().describe("Bodies of items to search: 'user' (default), 'domain', 'drive' (needs driveId) or 'allDrives'."),
  driveId: z.string().optional().describe('ID of the shared drive to search (with corpora=drive).'),
  includeItemsFromAllDrives: qBool('Whether both My Drive and shared drive items should be included in results.'),
  includeTeamDriveItems: qBool('Deprecated: use includeItemsFromAllDrives.'),
  teamDriveId: z.string().optional().describe('Deprecated: use driveId.'),
  ...fileFlags,
});

function listFiles(ctx: OperationContext, p: z.infer<typeof ListParams>): unknown {
  const me = callerOf(ctx);
  const who = principalOf(me);
  const size = pageSize(p.pageSize, 100, 1000);
  const node = p.q !== undefined && p.q.trim() !== '' ? resolveRootAlias(parseQ(p.q), rootFolderId(me)) : undefined;
  // Checked before searching: an unknown key is a 400 whatever the query finds.
  fileComparator(p.orderBy);
  const corpora = p.corpora ?? 'user';
  if (!['user', 'domain', 'drive', 'allDrives'].includes(corpora)) throw invalidValue('corpora');
  const driveId = p.driveId ?? p.teamDriveId;
  const allDrives = p.includeItemsFromAllDrives ?? p.includeTeamDriveItems ?? false;
  if (corpora === 'drive' && !driveId) throw googleError(400, 'invalid', 'The driveId parameter must be specified if and only if corpora is set to drive.');
  if (driveId && !allDrives) throw googleError(403, 'teamDrivesParameterInvalid', 'The includeItemsFromAllDrives parameter must be set to true when driveId is specified.');
  const spaces = (p.spaces ?? 'drive').split(',').map((s) => s.trim());
  const query = { q: p.q ?? '', orderBy: p.orderBy ?? '', corpora, driveId: driveId ?? '', spaces, me };
  const offset = decodePageToken(p.pageToken, query);
  const hits = spaces.includes('drive')
    ? searchFiles(ctx.ws, { node, who, orderBy: p.orderBy, corpora, driveId, allDrives, needed: offset + size + 1 })
    : [];
  const { page, nextPageToken } = paginate(hits, offset, size, query);
  const index = p.fields === undefined ? undefined : buildPermissionIndex(ctx.ws);
  const want = index ? wantedFileFields(p.fields, DEFAULT_FIELDS.fileList, ['files']) : undefined;
  const files = page.map((f) => (index ? wireFile(ctx.ws, f, me, index, want) : { kind: 'drive#file', id: f.id, name: f.name, mimeType: f.mimeType }));
  const out = { kind: 'drive#fileList', incompleteSearch: false, files, ...(nextPageToken ? { nextPageToken } : {}) };
  return selectFields(out, p.fields, DEFAULT_FIELDS.fileList);
}

/** Bytes of a blob file; generated files without stored bytes get a deterministic stand-in. */
function downloadBytes(file: DriveFile): Buffer {
  const bytes = fileBytes(file);
  if (bytes.length > 0 || file.size === undefined || file.size === 0) return bytes;
  return Buffer.from(`[binary ${file.mimeType} content of ${file.name}]\n`, 'utf8');
}

const GetParams = z.object({
  fileId: fileIdParam,
  fields: fieldsParam,
  alt: z.enum(['json', 'media']).optional().describe("'media' downloads the file's content instead of its metadata (blob files only; use files.export for Google Docs)."),
  acknowledgeAbuse: qBool('Whether the user acknowledges the risk of downloading known malware.'),
  ...fileFlags,
});

/** Export conversions per Google-native type. */
export const EXPORTS: Record<string, readonly string[]> = {
  [DOC_MIME]: ['text/plain', 'text/html', 'text/markdown', 'application/pdf', 'application/rtf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.oasis.opendocument.text', 'application/epub+zip', 'application/zip'],
  [SHEET_MIME]: ['text/csv', 'text/tab-separated-values', 'application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  'application/vnd.google-apps.presentation': ['text/plain', 'application/pdf', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
};

function exportFile(ctx: OperationContext, file: DriveFile, mimeType: string) {
  const targets = EXPORTS[file.mimeType];
  if (!targets) throw googleError(403, 'fileNotExportable', 'Export only supports Docs Editors files.');
  if (!targets.includes(mimeType)) throw googleError(400, 'badRequest', 'The requested conversion is not supported.');
  const text = file.mimeType === DOC_MIME ? (documentPlainText(ctx.ws, file.id) ?? '') : (file.content ?? '');
  if (mimeType === 'text/plain' || mimeType === 'text/markdown' || mimeType === 'text/csv') return rawResponse(mimeType, text);
  if (mimeType === 'text/tab-separated-values') return rawResponse(mimeType, text.replace(/,/g, '\t'));
  if (mimeType === 'text/html') {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const body = text.split('\n').filter((l) => l !== '').map((l) => `<p>${esc(l)}</p>`).join('');
    return rawResponse('text/html', `<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type"><title>${esc(file.name)}</title></head><body>${body}</body></html>`);
  }
  // Binary formats: a stand-in that still carries the text, so agents that grep exports find it.
  return rawResponse(mimeType, Buffer.from(`[${mimeType} export of ${file.name}]\n${text}`, 'utf8'));
}

/** The read operations on files. */
export const fileReadOps = [
  defineOperation({
    id: 'drive.files.list', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files' },
    description: "Lists or searches the caller's files with the q query language. Returns kind, id, name and mimeType per file unless `fields` asks for more (e.g. fields='nextPageToken,files(id,name,owners,modifiedTime,webViewLink)'). Page with pageToken/nextPageToken.",
    params: ListParams,
    handler: (ctx, { params }) => listFiles(ctx, params),
  }),
  defineOperation({
    id: 'drive.files.get', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}' },
    description: "Gets a file's metadata by id (default fields kind,id,name,mimeType; ask for more with `fields`), or its content with alt=media.",
    params: GetParams,
    handler: (ctx, { params: p }) => {
      const me = callerOf(ctx);
      const id = resolveFileId(p.fileId, me);
      if (isRootId(id) && id === rootFolderId(me) && !ctx.ws.collection<DriveFile>(C.files).peek(id)) {
        const at = ctx.ws.base.now;
        const root: DriveFile = { id, name: 'My Drive', mimeType: FOLDER_MIME, parents: [], ownerEmail: me, createdTime: at, modifiedTime: at, trashed: false, starred: false, version: 1 };
        return selectFields(wireFile(ctx.ws, root, me, undefined, wantedFileFields(p.fields, DEFAULT_FIELDS.file)), p.fields, DEFAULT_FIELDS.file);
      }
      const { file } = requireFile(ctx.ws, id, me);
      if (p.alt === 'media') {
        if (isGoogleNative(file.mimeType)) {
          throw googleError(403, 'fileNotDownloadable', 'Only files with binary content can be downloaded. Use Export with Docs Editors files.');
        }
        return rawResponse(file.mimeType, downloadBytes(file));
      }
      return selectFields(wireFile(ctx.ws, file, me, undefined, wantedFileFields(p.fields, DEFAULT_FIELDS.file)), p.fields, DEFAULT_FIELDS.file);
    },
  }),
  defineOperation({
    id: 'drive.files.export', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/export' },
    description: "Exports a Google Doc, Sheet or Slides file to another format and returns the bytes: text/plain, text/html, text/markdown, application/pdf for Docs; text/csv for Sheets.",
    params: z.object({
      fileId: fileIdParam,
      mimeType: z.string().min(1).describe("The MIME type of the format requested, e.g. 'text/plain' or 'application/pdf'."),
      fields: fieldsParam,
    }),
    handler: (ctx, { params: p }) => {
      const { file } = requireFile(ctx.ws, resolveFileId(p.fileId, callerOf(ctx)), callerOf(ctx));
      return exportFile(ctx, file, p.mimeType);
    },
  }),
  defineOperation({
    id: 'drive.files.generateIds', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/generateIds' },
    description: 'Generates file ids that can be given to files.create or files.copy (requestBody.id).',
    params: z.object({
      count: qInt('Number of ids to return (1–1000, default 10).'),
      space: z.string().optional().describe("Space the ids are for: 'drive' (default) or 'appDataFolder'."),
      type: z.string().optional().describe("Item type: 'files' (default) or 'shortcuts'."),
      fields: fieldsParam,
    }),
    handler: (ctx, { params: p }) => {
      const n = p.count ?? 10;
      if (n < 1 || n > 1000) throw invalidValue('count', `Invalid value for count: ${n}. Values must be within the range: [1, 1000]`);
      return selectFields({ kind: 'drive#generatedIds', space: p.space ?? 'drive', ids: reserveFileIds(ctx.ws, n) }, p.fields, undefined);
    },
  }),
];

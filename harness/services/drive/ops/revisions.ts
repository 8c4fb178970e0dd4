/** revisions.list/get/update/delete: a file's version history (writers and owners). */
import { z } from 'zod';
import { defineOperation, rawResponse, type OperationContext } from '../../../core/index.ts';
import { googleError } from '../../google/errors.ts';
import { qBool, qInt } from '../../wire-schema.ts';
import { requireFile } from '../access.ts';
import { resourceNotFound } from '../errors.ts';
import { fileBytes, isGoogleNative } from '../file-record.ts';
import { C, revisionKey, type DriveFile, type DriveRevision } from '../model.ts';
import { decodePageToken, pageSize, paginate } from '../paging.ts';
import { selectFields, wireUser } from '../render.ts';
import { callerOf, fieldsParam, fileIdParam, pageTokenParam, resolveFileId } from './common.ts';

const revisionIdParam = z.string().min(1).describe('The ID of the revision.');
const revs = (ctx: OperationContext) => ctx.ws.collection<DriveRevision>(C.revisions);

function revisionsOf(ctx: OperationContext, fileId: string): DriveRevision[] {
  const out: DriveRevision[] = [];
  const prefix = `${fileId}/`;
  for (const [k, r] of revs(ctx).entries()) if (k.startsWith(prefix)) out.push(r);
  return out.sort((a, b) => (a.modifiedTime < b.modifiedTime ? -1 : a.modifiedTime > b.modifiedTime ? 1 : 0));
}

function wireRevision(r: DriveRevision, me: string): Record<string, unknown> {
  return {
    kind: 'drive#revision', id: r.id, mimeType: r.mimeType, modifiedTime: r.modifiedTime, keepForever: r.keepForever,
    published: r.published, lastModifyingUser: wireUser(r.lastModifyingUserEmail, me),
    ...(r.size !== undefined ? { size: String(r.size) } : {}), ...(r.md5Checksum ? { md5Checksum: r.md5Checksum } : {}),
    ...(r.originalFilename ? { originalFilename: r.originalFilename } : {}),
  };
}

function load(ctx: OperationContext, fileId: string, revisionId: string): { file: DriveFile; rev: DriveRevision; me: string } {
  const me = callerOf(ctx);
  const { file } = requireFile(ctx.ws, resolveFileId(fileId, me), me, 'writer');
  const rev = revs(ctx).get(revisionKey(file.id, revisionId === 'head' ? (file.headRevisionId ?? '') : revisionId));
  if (!rev) throw resourceNotFound('Revision', revisionId, 'revisionId');
  return { file, rev, me };
}

const REV_DEFAULT = 'kind,id,mimeType,modifiedTime';

/** The revision operations. */
export const revisionOps = [
  defineOperation({
    id: 'drive.revisions.list', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/revisions' },
    description: "Lists a file's revisions, oldest first (writers and owners).",
    params: z.object({ fileId: fileIdParam, pageSize: qInt('Maximum revisions per page (1–1000, default 200).'), pageToken: pageTokenParam, fields: fieldsParam }),
    handler: (ctx, { params: p }) => {
      const me = callerOf(ctx);
      const { file } = requireFile(ctx.ws, resolveFileId(p.fileId, me), me, 'writer');
      const all = revisionsOf(ctx, file.id);
      const query = { revisions: file.id };
      const { page, nextPageToken } = paginate(all, decodePageToken(p.pageToken, query), pageSize(p.pageSize, 200, 1000), query);
      const out = { kind: 'drive#revisionList', revisions: page.map((r) => wireRevision(r, me)), ...(nextPageToken ? { nextPageToken } : {}) };
      return selectFields(out, p.fields, `kind,nextPageToken,revisions(${REV_DEFAULT})`);
    },
  }),
  defineOperation({
    id: 'drive.revisions.get', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/revisions/{revisionId}' },
    description: "Gets a revision's metadata, or its content with alt=media (blob files).",
    params: z.object({
      fileId: fileIdParam, revisionId: revisionIdParam, fields: fieldsParam,
      alt: z.enum(['json', 'media']).optional().describe("'media' downloads the revision's content."),
      acknowledgeAbuse: qBool('Whether the user acknowledges the risk of downloading known malware.'),
    }),
    handler: (ctx, { params: p }) => {
      const { file, rev, me } = load(ctx, p.fileId, p.revisionId);
      if (p.alt === 'media') {
        if (isGoogleNative(file.mimeType)) throw googleError(403, 'fileNotDownloadable', 'Only files with binary content can be downloaded. Use Export with Docs Editors files.');
        // Only the head revision's bytes are kept; older revisions download as the current content.
        return rawResponse(file.mimeType, fileBytes(file));
      }
      return selectFields(wireRevision(rev, me), p.fields, REV_DEFAULT);
    },
  }),
  defineOperation({
    id: 'drive.revisions.update', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'PATCH', path: '/drive/v3/files/{fileId}/revisions/{revisionId}' },
    description: 'Updates a revision: keepForever (pin it) or published.',
    params: z.object({ fileId: fileIdParam, revisionId: revisionIdParam, fields: fieldsParam }),
    body: z.looseObject({
      keepForever: z.boolean().optional().describe('Keep this revision forever (blob files).'),
      published: z.boolean().optional().describe('Whether the revision is published (Docs Editors files).'),
      publishAuto: z.boolean().optional().describe('Whether later revisions are published automatically.'),
      publishedOutsideDomain: z.boolean().optional().describe('Whether the revision is published outside the domain.'),
    }),
    handler: (ctx, { params: p, body: b }) => {
      const { file, rev, me } = load(ctx, p.fileId, p.revisionId);
      const next: DriveRevision = { ...rev, ...(b.keepForever !== undefined ? { keepForever: b.keepForever } : {}), ...(b.published !== undefined ? { published: b.published } : {}) };
      revs(ctx).set(revisionKey(file.id, rev.id), next);
      return selectFields(wireRevision(next, me), p.fields, REV_DEFAULT);
    },
  }),
  defineOperation({
    id: 'drive.revisions.delete', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'DELETE', path: '/drive/v3/files/{fileId}/revisions/{revisionId}' },
    description: "Permanently deletes a revision of a blob file. The head (current) revision and Google Docs revisions cannot be deleted.",
    params: z.object({ fileId: fileIdParam, revisionId: revisionIdParam }),
    handler: (ctx, { params: p }) => {
      const { file, rev } = load(ctx, p.fileId, p.revisionId);
      if (isGoogleNative(file.mimeType)) throw googleError(400, 'revisionDeletionNotSupported', 'Revisions of Docs Editors files cannot be deleted.');
      if (rev.id === file.headRevisionId) throw googleError(400, 'cannotDeleteHeadRevision', 'The head revision of a file cannot be deleted.');
      revs(ctx).delete(revisionKey(file.id, rev.id));
      return undefined;
    },
  }),
];

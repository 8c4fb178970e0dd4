/** comments.* and replies.*: discussions on files; a reply with action 'resolve' resolves its comment. */
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../../../core/index.ts';
import { googleError } from '../../google/errors.ts';
import { qBool, qInt } from '../../wire-schema.ts';
import { insufficientPermissions, invalidValue, requireFile } from '../access.ts';
import { resourceNotFound } from '../errors.ts';
import { newCommentId, newReplyId } from '../identity.ts';
import { C, type DriveComment, type DriveFile, type DriveReply } from '../model.ts';
import { decodePageToken, pageSize, paginate } from '../paging.ts';
import { requireFieldsParam, selectFields, wireAuthor } from '../render.ts';
import { callerOf, fileIdParam, pageTokenParam, resolveFileId } from './common.ts';

const commentIdParam = z.string().min(1).describe('The ID of the comment.');
const replyIdParam = z.string().min(1).describe('The ID of the reply.');
const requiredFields = z.string().optional().describe("Partial-response mask; REQUIRED for comment and reply methods, e.g. '*' or 'id,content,author,resolved,replies'.");

const comments = (ctx: OperationContext) => ctx.ws.collection<DriveComment>(C.comments);
const replies = (ctx: OperationContext) => ctx.ws.collection<DriveReply>(C.replies);

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');
}

function wireReply(r: DriveReply, me: string): Record<string, unknown> {
  return {
    kind: 'drive#reply', id: r.id, createdTime: r.createdTime, modifiedTime: r.modifiedTime, author: wireAuthor(r.authorEmail, me),
    deleted: r.deleted, ...(r.deleted ? {} : { content: r.content, htmlContent: html(r.content) }), ...(r.action ? { action: r.action } : {}),
  };
}

function repliesOf(ctx: OperationContext, commentId: string, includeDeleted: boolean): DriveReply[] {
  const out: DriveReply[] = [];
  for (const r of replies(ctx).values()) if (r.commentId === commentId && (includeDeleted || !r.deleted)) out.push(r);
  return out;
}

function wireComment(ctx: OperationContext, c: DriveComment, me: string, includeDeleted = false): Record<string, unknown> {
  return {
    kind: 'drive#comment', id: c.id, createdTime: c.createdTime, modifiedTime: c.modifiedTime, author: wireAuthor(c.authorEmail, me),
    deleted: c.deleted, resolved: c.resolved, ...(c.deleted ? {} : { content: c.content, htmlContent: html(c.content) }),
    ...(c.anchor !== undefined ? { anchor: c.anchor } : {}), ...(c.quotedFileContent ? { quotedFileContent: c.quotedFileContent } : {}),
    replies: repliesOf(ctx, c.id, includeDeleted).map((r) => wireReply(r, me)),
  };
}

/** Loads a file (commenter or better for writes) and one of its comments. */
function loadComment(ctx: OperationContext, fileId: string, commentId: string, write: boolean): { file: DriveFile; comment: DriveComment; me: string } {
  const me = callerOf(ctx);
  const { file } = requireFile(ctx.ws, resolveFileId(fileId, me), me, write ? 'commenter' : 'reader');
  const comment = comments(ctx).get(commentId);
  if (!comment || comment.fileId !== file.id) throw resourceNotFound('Comment', commentId, 'commentId');
  return { file, comment, me };
}

function loadReply(ctx: OperationContext, comment: DriveComment, replyId: string): DriveReply {
  const r = replies(ctx).get(replyId);
  if (!r || r.commentId !== comment.id) throw resourceNotFound('Reply', replyId, 'replyId');
  return r;
}

const CommentBody = z.looseObject({
  content: z.string().optional().describe('The plain-text content of the comment.'),
  anchor: z.string().optional().describe('A region of the document as a JSON string (for blob files).'),
  quotedFileContent: z.object({ mimeType: z.string().optional(), value: z.string().optional() }).optional().describe('The file content the comment refers to.'),
  resolved: z.boolean().optional().describe('Read-only on the wire: resolve through a reply with action "resolve".'),
});
const ReplyBody = z.looseObject({
  content: z.string().optional().describe('The plain-text content of the reply (required unless action is set).'),
  action: z.enum(['resolve', 'reopen']).optional().describe("'resolve' resolves the parent comment, 'reopen' reopens it."),
});

/** The comment operations. */
export const commentOps = [
  defineOperation({
    id: 'drive.comments.create', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/comments' },
    description: 'Adds a comment to a file (commenters, writers, owners). `fields` is required.',
    params: z.object({ fileId: fileIdParam, fields: requiredFields }),
    body: CommentBody,
    handler: (ctx, { params: p, body: b }) => {
      requireFieldsParam(p.fields);
      const me = callerOf(ctx);
      const { file } = requireFile(ctx.ws, resolveFileId(p.fileId, me), me, 'commenter');
      if (!b.content) throw googleError(400, 'required', 'Required: content');
      const now = ctx.ws.now();
      const c: DriveComment = {
        id: newCommentId(ctx.ws), fileId: file.id, content: b.content, authorEmail: me, createdTime: now, modifiedTime: now,
        resolved: false, deleted: false, ...(b.anchor !== undefined ? { anchor: b.anchor } : {}),
        ...(b.quotedFileContent ? { quotedFileContent: b.quotedFileContent } : {}),
      };
      comments(ctx).set(c.id, c);
      return selectFields(wireComment(ctx, c, me), p.fields, undefined);
    },
  }),
  defineOperation({
    id: 'drive.comments.get', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/comments/{commentId}' },
    description: 'Gets a comment with its replies. `fields` is required.',
    params: z.object({ fileId: fileIdParam, commentId: commentIdParam, fields: requiredFields, includeDeleted: qBool('Whether to return deleted comments (content removed).') }),
    handler: (ctx, { params: p }) => {
      requireFieldsParam(p.fields);
      const { comment, me } = loadComment(ctx, p.fileId, p.commentId, false);
      if (comment.deleted && !p.includeDeleted) throw resourceNotFound('Comment', p.commentId, 'commentId');
      return selectFields(wireComment(ctx, comment, me, p.includeDeleted ?? false), p.fields, undefined);
    },
  }),
  defineOperation({
    id: 'drive.comments.list', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/comments' },
    description: "Lists a file's comments (with replies), oldest first. `fields` is required, e.g. 'comments(id,content,author,resolved,replies),nextPageToken'.",
    params: z.object({
      fileId: fileIdParam, fields: requiredFields,
      includeDeleted: qBool('Whether to include deleted comments.'),
      pageSize: qInt('Maximum comments per page (1–100, default 20).'),
      pageToken: pageTokenParam,
      startModifiedTime: z.string().optional().describe('Only comments modified at or after this RFC 3339 time.'),
    }),
    handler: (ctx, { params: p }) => {
      requireFieldsParam(p.fields);
      const me = callerOf(ctx);
      const { file } = requireFile(ctx.ws, resolveFileId(p.fileId, me), me);
      const since = p.startModifiedTime === undefined ? undefined : Date.parse(p.startModifiedTime);
      if (since !== undefined && Number.isNaN(since)) throw invalidValue('startModifiedTime');
      const all = [...comments(ctx).values()].filter((c) => c.fileId === file.id && (p.includeDeleted || !c.deleted) && (since === undefined || Date.parse(c.modifiedTime) >= since));
      const size = pageSize(p.pageSize, 20, 100);
      const query = { comments: file.id, d: p.includeDeleted ?? false, s: p.startModifiedTime ?? '' };
      const { page, nextPageToken } = paginate(all, decodePageToken(p.pageToken, query), size, query);
      const out = { kind: 'drive#commentList', comments: page.map((c) => wireComment(ctx, c, me, p.includeDeleted ?? false)), ...(nextPageToken ? { nextPageToken } : {}) };
      return selectFields(out, p.fields, undefined);
    },
  }),
  defineOperation({
    id: 'drive.comments.update', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'PATCH', path: '/drive/v3/files/{fileId}/comments/{commentId}' },
    description: "Edits a comment's content (its author only). `fields` is required.",
    params: z.object({ fileId: fileIdParam, commentId: commentIdParam, fields: requiredFields }),
    body: CommentBody,
    handler: (ctx, { params: p, body: b }) => {
      requireFieldsParam(p.fields);
      const { comment, me } = loadComment(ctx, p.fileId, p.commentId, true);
      if (comment.deleted) throw resourceNotFound('Comment', p.commentId, 'commentId');
      if (comment.authorEmail.toLowerCase() !== me) throw insufficientPermissions(comment.fileId);
      if (b.content === undefined || b.content === '') throw googleError(400, 'required', 'Required: content');
      const next: DriveComment = { ...comment, content: b.content, modifiedTime: ctx.ws.now() };
      comments(ctx).set(comment.id, next);
      return selectFields(wireComment(ctx, next, me), p.fields, undefined);
    },
  }),
  defineOperation({
    id: 'drive.comments.delete', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'DELETE', path: '/drive/v3/files/{fileId}/comments/{commentId}' },
    description: 'Deletes a comment (its author, or the file owner).',
    params: z.object({ fileId: fileIdParam, commentId: commentIdParam }),
    handler: (ctx, { params: p }) => {
      const { file, comment, me } = loadComment(ctx, p.fileId, p.commentId, true);
      if (comment.deleted) throw resourceNotFound('Comment', p.commentId, 'commentId');
      if (comment.authorEmail.toLowerCase() !== me && file.ownerEmail.toLowerCase() !== me) throw insufficientPermissions(file.id);
      comments(ctx).set(comment.id, { ...comment, deleted: true, modifiedTime: ctx.ws.now() });
      return undefined;
    },
  }),
];

/** The reply operations. */
export const replyOps = [
  defineOperation({
    id: 'drive.replies.create', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/comments/{commentId}/replies' },
    description: "Replies to a comment. action 'resolve' resolves the comment, 'reopen' reopens it (content optional then). `fields` is required.",
    params: z.object({ fileId: fileIdParam, commentId: commentIdParam, fields: requiredFields }),
    body: ReplyBody,
    handler: (ctx, { params: p, body: b }) => {
      requireFieldsParam(p.fields);
      const { comment, me } = loadComment(ctx, p.fileId, p.commentId, true);
      if (comment.deleted) throw resourceNotFound('Comment', p.commentId, 'commentId');
      if (!b.content && !b.action) throw googleError(400, 'required', 'Required: content or action');
      const now = ctx.ws.now();
      const r: DriveReply = {
        id: newReplyId(ctx.ws), commentId: comment.id, fileId: comment.fileId, content: b.content ?? '', authorEmail: me,
        createdTime: now, modifiedTime: now, deleted: false, ...(b.action ? { action: b.action } : {}),
      };
      replies(ctx).set(r.id, r);
      if (b.action) comments(ctx).set(comment.id, { ...comment, resolved: b.action === 'resolve', modifiedTime: now });
      return selectFields(wireReply(r, me), p.fields, undefined);
    },
  }),
  defineOperation({
    id: 'drive.replies.get', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/comments/{commentId}/replies/{replyId}' },
    description: 'Gets one reply. `fields` is required.',
    params: z.object({ fileId: fileIdParam, commentId: commentIdParam, replyId: replyIdParam, fields: requiredFields, includeDeleted: qBool('Whether to return deleted replies.') }),
    handler: (ctx, { params: p }) => {
      requireFieldsParam(p.fields);
      const { comment, me } = loadComment(ctx, p.fileId, p.commentId, false);
      const r = loadReply(ctx, comment, p.replyId);
      if (r.deleted && !p.includeDeleted) throw resourceNotFound('Reply', p.replyId, 'replyId');
      return selectFields(wireReply(r, me), p.fields, undefined);
    },
  }),
  defineOperation({
    id: 'drive.replies.list', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/comments/{commentId}/replies' },
    description: 'Lists the replies to a comment, oldest first. `fields` is required.',
    params: z.object({
      fileId: fileIdParam, commentId: commentIdParam, fields: requiredFields,
      includeDeleted: qBool('Whether to include deleted replies.'),
      pageSize: qInt('Maximum replies per page (1–100, default 20).'),
      pageToken: pageTokenParam,
    }),
    handler: (ctx, { params: p }) => {
      requireFieldsParam(p.fields);
      const { comment, me } = loadComment(ctx, p.fileId, p.commentId, false);
      const all = repliesOf(ctx, comment.id, p.includeDeleted ?? false);
      const query = { replies: comment.id, d: p.includeDeleted ?? false };
      const { page, nextPageToken } = paginate(all, decodePageToken(p.pageToken, query), pageSize(p.pageSize, 20, 100), query);
      return selectFields({ kind: 'drive#replyList', replies: page.map((r) => wireReply(r, me)), ...(nextPageToken ? { nextPageToken } : {}) }, p.fields, undefined);
    },
  }),
  defineOperation({
    id: 'drive.replies.update', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'PATCH', path: '/drive/v3/files/{fileId}/comments/{commentId}/replies/{replyId}' },
    description: "Edits a reply's content (its author only). `fields` is required.",
    params: z.object({ fileId: fileIdParam, commentId: commentIdParam, replyId: replyIdParam, fields: requiredFields }),
    body: ReplyBody,
    handler: (ctx, { params: p, body: b }) => {
      requireFieldsParam(p.fields);
      const { comment, me } = loadComment(ctx, p.fileId, p.commentId, true);
      const r = loadReply(ctx, comment, p.replyId);
      if (r.deleted) throw resourceNotFound('Reply', p.replyId, 'replyId');
      if (r.authorEmail.toLowerCase() !== me) throw insufficientPermissions(comment.fileId);
      if (!b.content) throw googleError(400, 'required', 'Required: content');
      const next: DriveReply = { ...r, content: b.content, modifiedTime: ctx.ws.now() };
      replies(ctx).set(r.id, next);
      return selectFields(wireReply(next, me), p.fields, undefined);
    },
  }),
  defineOperation({
    id: 'drive.replies.delete', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'DELETE', path: '/drive/v3/files/{fileId}/comments/{commentId}/replies/{replyId}' },
    description: 'Deletes a reply (its author, or the file owner).',
    params: z.object({ fileId: fileIdParam, commentId: commentIdParam, replyId: replyIdParam }),
    handler: (ctx, { params: p }) => {
      const { file, comment, me } = loadComment(ctx, p.fileId, p.commentId, true);
      const r = loadReply(ctx, comment, p.replyId);
      if (r.deleted) throw resourceNotFound('Reply', p.replyId, 'replyId');
      if (r.authorEmail.toLowerCase() !== me && file.ownerEmail.toLowerCase() !== me) throw insufficientPermissions(file.id);
      replies(ctx).set(r.id, { ...r, deleted: true, modifiedTime: ctx.ws.now() });
      return undefined;
    },
  }),
];

/**
 * approvals.start/get/list/approve/decline/cancel/comment/reassign: formal reviews of a
 * file, as the reference and the "Manage approvals" guide describe them. A writer starts
 * one with reviewers (status IN_PROGRESS); every reviewer must approve for APPROVED, one
 * decline makes it DECLINED, the initiator may cancel it; once complete it stays complete.
 * Starting an approval does not share the file with its reviewers (the guide: "Drive
 * doesn't do this"), so nothing here changes who can read a file; the messages each step
 * sends reach the participants who can read it, recorded as sharing notifications.
 */
import { z } from 'zod';
import { defineOperation, hexId, type OperationContext } from '../../../core/index.ts';
import { googleError } from '../../google/errors.ts';
import { qInt } from '../../wire-schema.ts';
import { effectiveRole, principalOf, requireFile } from '../access.ts';
import { invalidValue, requiredField, resourceNotFound } from '../errors.ts';
import { domainOf, permissionIdFor } from '../identity.ts';
import { C, type DriveApproval, type DriveFile, type DriveNotification } from '../model.ts';
import { decodePageToken, pageSize, paginate } from '../paging.ts';
import { wireUser } from '../render.ts';
import { callerOf, fileIdParam, pageTokenParam, resolveFileId } from './common.ts';

const approvals = (ctx: OperationContext) => ctx.ws.collection<DriveApproval>(C.approvals);
const approvalIdParam = z.string().min(1).describe('The ID of the approval.');
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Reviewers one approval may have (a bound on hostile input). */
const MAX_REVIEWERS = 100;

/** The `Approval` resource. */
export function wireApproval(a: DriveApproval, me: string): Record<string, unknown> {
  return {
    kind: 'drive#approval', approvalId: a.approvalId, targetFileId: a.fileId, createTime: a.createTime, modifyTime: a.modifyTime,
    ...(a.completeTime ? { completeTime: a.completeTime } : {}), ...(a.dueTime ? { dueTime: a.dueTime } : {}),
    status: a.status, fileContentChangeBehavior: a.fileContentChangeBehavior, initiator: wireUser(a.initiatorEmail, me),
    reviewerResponses: a.reviewers.map((r) => ({ kind: 'drive#reviewerResponse', reviewer: wireUser(r.email, me), response: r.response })),
  };
}

function approvalError(message: string): Error {
  return googleError(400, 'failedPrecondition', message);
}

/** Loads an approval of a file the caller can read. */
function load(ctx: OperationContext, fileId: string, approvalId: string): { file: DriveFile; a: DriveApproval; me: string } {
  const me = callerOf(ctx);
  const { file } = requireFile(ctx.ws, resolveFileId(fileId, me), me);
  const a = approvals(ctx).get(approvalId);
  if (!a || a.fileId !== file.id) throw resourceNotFound('Approval', approvalId, 'approvalId');
  return { file, a, me };
}

function inProgress(a: DriveApproval): void {
  if (a.status !== 'IN_PROGRESS') throw approvalError(`The approval is ${a.status.toLowerCase()} and can no longer change.`);
}

function save(ctx: OperationContext, a: DriveApproval, me: string): Record<string, unknown> {
  approvals(ctx).set(a.approvalId, a);
  notifyParticipants(ctx, a, me);
  return wireApproval(a, me);
}

/**
 * The guide: "Every action in the approval process generates email notifications, sent to
 * the initiator and all reviewers", and a reviewer without access to the file is not
 * notified. A step's message is kept as a sharing notification to each participant who can
 * read the file, so grading sees what the message carried and to whom.
 */
function notifyParticipants(ctx: OperationContext, a: DriveApproval, me: string): void {
  const last = a.activity[a.activity.length - 1];
  if (!last?.message || last.byEmail !== me) return;
  const file = ctx.ws.collection<DriveFile>(C.files).peek(a.fileId);
  if (!file) return;
  const people = new Set([a.initiatorEmail, ...a.reviewers.map((r) => r.email)]);
  people.delete(me);
  for (const email of people) {
    const role = effectiveRole(ctx.ws, file, principalOf(email));
    if (role === undefined) continue;
    const n: DriveNotification = {
      id: hexId('drive-notification', ctx.ws.nextCounter('drive.notification')), fileId: file.id, permissionId: permissionIdFor(email),
      senderEmail: me, recipient: email, role, type: 'user', emailMessage: last.message, sentAt: last.time,
    };
    ctx.ws.collection<DriveNotification>(C.notifications).set(n.id, n);
  }
}

function step(a: DriveApproval, me: string, action: string, now: string, message: string | undefined): DriveApproval['activity'] {
  return [...a.activity, { byEmail: me, action, time: now, ...(message !== undefined ? { message } : {}) }];
}

function emails(list: readonly string[] | undefined, field: string): string[] {
  const out = (list ?? []).map((e) => e.trim().toLowerCase());
  for (const e of out) if (!EMAIL.test(e)) throw invalidValue(field, `Invalid email address: ${e}`);
  if (out.length > MAX_REVIEWERS) throw invalidValue(field, `At most ${MAX_REVIEWERS} reviewers are allowed.`);
  return [...new Set(out)];
}

const StartBody = z.looseObject({
  reviewerEmails: z.array(z.string()).optional().describe('Required: the emails of the reviewers. Share the file with them first: starting an approval does not.'),
  message: z.string().optional().describe('A message sent to the reviewers with the request.'),
  dueTime: z.string().optional().describe('RFC 3339 time the approval is due.'),
  fileContentChangeBehavior: z.enum(['RESET_APPROVAL', 'NO_APPROVAL_ACTION']).optional().describe("What a content change does while in progress: 'RESET_APPROVAL' (default) or 'NO_APPROVAL_ACTION'."),
  lockFile: z.boolean().optional().describe('Whether to lock the file while it is reviewed.'),
});
const MessageBody = z.looseObject({ message: z.string().optional().describe('A message recorded in the approval activity and sent to its participants.') });
const ReassignBody = z.looseObject({
  addReviewers: z.array(z.looseObject({ addedReviewerEmail: z.string().optional().describe('Email of the reviewer to add.') })).optional().describe('Reviewers to add.'),
  replaceReviewers: z.array(z.looseObject({
    addedReviewerEmail: z.string().optional().describe('Email of the new reviewer.'),
    removedReviewerEmail: z.string().optional().describe('Email of the reviewer it replaces.'),
  })).optional().describe('Reviewer replacements.'),
  message: z.string().optional().describe('A message sent to the new reviewers.'),
});

function start(ctx: OperationContext, fileId: string, b: z.infer<typeof StartBody>) {
  const me = callerOf(ctx);
  const { file } = requireFile(ctx.ws, resolveFileId(fileId, me), me, 'writer');
  // canStartApproval is false for files owned outside the caller's organization (the guide).
  if (domainOf(file.ownerEmail) !== domainOf(me)) throw googleError(403, 'insufficientFilePermissions', `The user cannot start an approval on file ${file.id}.`);
  const reviewers = emails(b.reviewerEmails, 'reviewerEmails');
  if (reviewers.length === 0) throw requiredField('reviewerEmails', 'At least one reviewer email is required.');
  if (b.dueTime !== undefined && Number.isNaN(Date.parse(b.dueTime))) throw invalidValue('dueTime');
  for (const a of approvals(ctx).values()) {
    if (a.fileId === file.id && a.status === 'IN_PROGRESS') throw approvalError('An approval is already in progress on this file.');
  }
  const now = ctx.ws.now();
  const a: DriveApproval = {
    approvalId: hexId('drive-approval', ctx.ws.nextCounter('drive.approval'), 20), fileId: file.id, initiatorEmail: me,
    status: 'IN_PROGRESS', createTime: now, modifyTime: now, fileContentChangeBehavior: b.fileContentChangeBehavior ?? 'RESET_APPROVAL',
    ...(b.dueTime !== undefined ? { dueTime: new Date(Date.parse(b.dueTime)).toISOString() } : {}), ...(b.lockFile !== undefined ? { lockFile: b.lockFile } : {}),
    reviewers: reviewers.map((email) => ({ email, response: 'NO_RESPONSE' as const })),
    activity: [{ byEmail: me, action: 'start', time: now, ...(b.message !== undefined ? { message: b.message } : {}) }],
  };
  return save(ctx, a, me);
}

function respond(ctx: OperationContext, fileId: string, approvalId: string, answer: 'APPROVED' | 'DECLINED', message: string | undefined) {
  const { a, me } = load(ctx, fileId, approvalId);
  inProgress(a);
  const mine = a.reviewers.find((r) => r.email === me);
  if (!mine) throw googleError(403, 'forbidden', 'Only a reviewer of this approval can approve or decline it.');
  const now = ctx.ws.now();
  const reviewers = a.reviewers.map((r) => (r.email === me ? { ...r, response: answer } : r));
  const done = answer === 'DECLINED' || reviewers.every((r) => r.response === 'APPROVED');
  const status: DriveApproval['status'] = answer === 'DECLINED' ? 'DECLINED' : done ? 'APPROVED' : 'IN_PROGRESS';
  return save(ctx, {
    ...a, reviewers, status, modifyTime: now, ...(done ? { completeTime: now } : {}),
    activity: step(a, me, answer === 'APPROVED' ? 'approve' : 'decline', now, message),
  }, me);
}

function reassign(ctx: OperationContext, fileId: string, approvalId: string, b: z.infer<typeof ReassignBody>) {
  const { a, me } = load(ctx, fileId, approvalId);
  inProgress(a);
  const pendingReviewer = a.reviewers.some((r) => r.email === me && r.response === 'NO_RESPONSE');
  if (a.initiatorEmail !== me && !pendingReviewer) throw googleError(403, 'forbidden', 'Only the initiator or a reviewer who has not responded can reassign this approval.');
  let reviewers = [...a.reviewers];
  for (const r of b.replaceReviewers ?? []) {
    const [added] = emails([r.addedReviewerEmail ?? ''], 'replaceReviewers.addedReviewerEmail');
    const [removed] = emails([r.removedReviewerEmail ?? ''], 'replaceReviewers.removedReviewerEmail');
    if (!reviewers.some((x) => x.email === removed)) throw invalidValue('replaceReviewers.removedReviewerEmail', `${removed} is not a reviewer of this approval.`);
    reviewers = reviewers.filter((x) => x.email !== removed && x.email !== added).concat({ email: added!, response: 'NO_RESPONSE' });
  }
  for (const r of b.addReviewers ?? []) {
    const [added] = emails([r.addedReviewerEmail ?? ''], 'addReviewers.addedReviewerEmail');
    if (!reviewers.some((x) => x.email === added)) reviewers.push({ email: added!, response: 'NO_RESPONSE' });
  }
  if (reviewers.length > MAX_REVIEWERS) throw invalidValue('addReviewers', `At most ${MAX_REVIEWERS} reviewers are allowed.`);
  const now = ctx.ws.now();
  return save(ctx, { ...a, reviewers, modifyTime: now, activity: step(a, me, 'reassign', now, b.message) }, me);
}

const ItemParams = z.object({ fileId: fileIdParam, approvalId: approvalIdParam });

/** The approval operations. */
export const approvalOps = [
  defineOperation({
    id: 'drive.approvals.start', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/approvals:start' },
    description: 'Starts a formal approval of a file (writers on files owned in the organization): reviewers are asked to approve or decline. It does not share the file with them. One approval can be in progress per file.',
    params: z.object({ fileId: fileIdParam }),
    body: StartBody,
    handler: (ctx, { params, body }) => start(ctx, params.fileId, body),
  }),
  defineOperation({
    id: 'drive.approvals.get', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/approvals/{approvalId}' },
    description: "Gets an approval of a file: its status, initiator and each reviewer's response.",
    params: ItemParams,
    handler: (ctx, { params: p }) => {
      const { a, me } = load(ctx, p.fileId, p.approvalId);
      return wireApproval(a, me);
    },
  }),
  defineOperation({
    id: 'drive.approvals.list', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/approvals' },
    description: 'Lists the approvals of a file, oldest first.',
    params: z.object({ fileId: fileIdParam, pageSize: qInt('Maximum approvals per page (1–100, default 100).'), pageToken: pageTokenParam }),
    handler: (ctx, { params: p }) => {
      const me = callerOf(ctx);
      const { file } = requireFile(ctx.ws, resolveFileId(p.fileId, me), me);
      const all = [...approvals(ctx).values()].filter((a) => a.fileId === file.id).sort((x, y) => (x.createTime < y.createTime ? -1 : x.createTime > y.createTime ? 1 : 0));
      const query = { approvals: file.id };
      const { page, nextPageToken } = paginate(all, decodePageToken(p.pageToken, query), pageSize(p.pageSize, 100, 100), query);
      return { kind: 'drive#approvalList', items: page.map((a) => wireApproval(a, me)), ...(nextPageToken ? { nextPageToken } : {}) };
    },
  }),
  defineOperation({
    id: 'drive.approvals.approve', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/approvals/{approvalId}:approve' },
    description: "Approves an in-progress approval as one of its reviewers; when every reviewer has approved, its status becomes APPROVED.",
    params: ItemParams,
    body: MessageBody,
    handler: (ctx, { params: p, body }) => respond(ctx, p.fileId, p.approvalId, 'APPROVED', body.message),
  }),
  defineOperation({
    id: 'drive.approvals.decline', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/approvals/{approvalId}:decline' },
    description: 'Declines an in-progress approval as one of its reviewers; the approval becomes DECLINED.',
    params: ItemParams,
    body: MessageBody,
    handler: (ctx, { params: p, body }) => respond(ctx, p.fileId, p.approvalId, 'DECLINED', body.message),
  }),
  defineOperation({
    id: 'drive.approvals.cancel', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/approvals/{approvalId}:cancel' },
    description: 'Cancels an in-progress approval (its initiator only); the approval becomes CANCELLED.',
    params: ItemParams,
    body: MessageBody,
    handler: (ctx, { params: p, body }) => {
      const { a, me } = load(ctx, p.fileId, p.approvalId);
      inProgress(a);
      if (a.initiatorEmail !== me) throw googleError(403, 'forbidden', 'Only the initiator can cancel this approval.');
      const now = ctx.ws.now();
      return save(ctx, { ...a, status: 'CANCELLED', modifyTime: now, completeTime: now, activity: step(a, me, 'cancel', now, body.message) }, me);
    },
  }),
  defineOperation({
    id: 'drive.approvals.comment', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/approvals/{approvalId}:comment' },
    description: "Adds a comment to an approval's activity (its initiator or reviewers). A completed approval takes comments only while no other approval of the file is in progress.",
    params: ItemParams,
    body: MessageBody,
    handler: (ctx, { params: p, body }) => {
      const { a, me } = load(ctx, p.fileId, p.approvalId);
      if (a.initiatorEmail !== me && !a.reviewers.some((r) => r.email === me)) throw googleError(403, 'forbidden', 'Only the initiator or a reviewer can comment on this approval.');
      if (!body.message) throw requiredField('message', 'A comment message is required.');
      if (a.status !== 'IN_PROGRESS') {
        for (const x of approvals(ctx).values()) if (x.fileId === a.fileId && x.status === 'IN_PROGRESS') throw approvalError('Another approval is in progress on this file.');
      }
      const now = ctx.ws.now();
      return save(ctx, { ...a, modifyTime: now, activity: step(a, me, 'comment', now, body.message) }, me);
    },
  }),
  defineOperation({
    id: 'drive.approvals.reassign', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/approvals/{approvalId}:reassign' },
    description: 'Adds reviewers to an in-progress approval or replaces some (its initiator, or a reviewer who has not responded).',
    params: ItemParams,
    body: ReassignBody,
    handler: (ctx, { params: p, body }) => reassign(ctx, p.fileId, p.approvalId, body),
  }),
];

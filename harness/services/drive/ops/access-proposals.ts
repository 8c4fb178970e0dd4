/**
 * accessproposals.list/get/resolve: pending requests for access to a file, as the Drive
 * reference and the "Manage pending access proposals" guide describe them. Proposals are
 * made in the Drive UI (the API cannot create one; tasks seed them with
 * `addAccessProposal`); an approver — someone who can share the file — lists them and
 * accepts (granting the recipient a role: the resulting permission is an ordinary
 * `drive.permissions` record, so grading sees the share) or denies them. A resolved
 * proposal leaves the pending list.
 */
import { z } from 'zod';
import { defineOperation, hexId, type OperationContext } from '../../../core/index.ts';
import { qInt } from '../../wire-schema.ts';
import { canShare, requireFile, roleRank } from '../access.ts';
import { insufficientPermissions, invalidValue, requiredField, resourceNotFound } from '../errors.ts';
import { recordChange } from '../file-record.ts';
import { permissionIdFor } from '../identity.ts';
import { C, permissionKey, type DriveAccessProposal, type DriveFile, type DriveNotification, type DrivePermission, type Role } from '../model.ts';
import { decodePageToken, pageSize, paginate } from '../paging.ts';
import { grantPermission } from '../seed.ts';
import { callerOf, fileIdParam, pageTokenParam, resolveFileId } from './common.ts';

const proposals = (ctx: OperationContext) => ctx.ws.collection<DriveAccessProposal>(C.accessProposals);
const proposalIdParam = z.string().min(1).describe('The ID of the access proposal, as accessproposals.list returns it.');

/** The `AccessProposal` resource. */
export function wireAccessProposal(p: DriveAccessProposal): Record<string, unknown> {
  return {
    fileId: p.fileId, proposalId: p.proposalId, requesterEmailAddress: p.requesterEmail, recipientEmailAddress: p.recipientEmail,
    ...(p.requestMessage !== undefined ? { requestMessage: p.requestMessage } : {}), createTime: p.createTime,
    rolesAndViews: p.rolesAndViews.map((r) => ({ role: r.role, ...(r.view !== undefined ? { view: r.view } : {}) })),
  };
}

/** The file, checked for the approver's right to see its proposals (sharing rights). */
function approverFile(ctx: OperationContext, fileId: string): { file: DriveFile; me: string } {
  const me = callerOf(ctx);
  const { file, role } = requireFile(ctx.ws, resolveFileId(fileId, me), me);
  if (!canShare(file, role)) throw insufficientPermissions(file.id);
  return { file, me };
}

function pendingProposal(ctx: OperationContext, file: DriveFile, proposalId: string): DriveAccessProposal {
  const p = proposals(ctx).get(permissionKey(file.id, proposalId));
  if (!p || p.resolution !== undefined) throw resourceNotFound('Access proposal', proposalId, 'proposalId');
  return p;
}

const ResolveBody = z.looseObject({
  action: z.enum(['ACCEPT', 'DENY', 'ACTION_UNSPECIFIED']).optional().describe("Required: 'ACCEPT' grants the recipient access, 'DENY' refuses it."),
  role: z.array(z.string()).optional().describe("Roles the approver allows (required for ACCEPT): 'writer', 'commenter' or 'reader'. The strongest one is granted."),
  view: z.string().optional().describe("The view of the proposal, only when it belongs to one: 'published'."),
  sendNotification: z.boolean().optional().describe('Whether to email the requester that the proposal was accepted or denied.'),
});

const GRANTABLE: readonly Role[] = ['reader', 'commenter', 'writer'];

function resolveProposal(ctx: OperationContext, fileId: string, proposalId: string, b: z.infer<typeof ResolveBody>): undefined {
  const { file, me } = approverFile(ctx, fileId);
  const p = pendingProposal(ctx, file, proposalId);
  if (b.action === undefined || b.action === 'ACTION_UNSPECIFIED') throw requiredField('action', 'The action field is required: ACCEPT or DENY.');
  const now = ctx.ws.now();
  let granted: Role | undefined;
  if (b.action === 'ACCEPT') {
    const roles = b.role ?? [];
    if (roles.length === 0) throw requiredField('role', 'At least one role is required to accept an access proposal.');
    if (roles.length > GRANTABLE.length) throw invalidValue('role', 'Name each allowed role once: writer, commenter or reader.');
    for (const r of roles) if (!GRANTABLE.includes(r as Role)) throw invalidValue('role', `Invalid role: ${r}. Allowed roles are writer, commenter and reader.`);
    granted = roles.reduce<Role>((best, r) => (roleRank(r as Role) > roleRank(best) ? (r as Role) : best), 'reader');
    const existing = ctx.ws.collection<DrivePermission>(C.permissions).peek(permissionKey(file.id, permissionIdFor(p.recipientEmail)));
    // Accepting never lowers what the recipient already holds.
    if (!existing || roleRank(existing.role) < roleRank(granted)) {
      grantPermission(ctx.ws, file.id, { type: 'user', role: granted, emailAddress: p.recipientEmail, grantedBy: me, createdTime: existing?.createdTime ?? now });
    }
    recordChange(ctx.ws, file.id, me);
  }
  if (b.sendNotification) {
    const n: DriveNotification = {
      id: hexId('drive-notification', ctx.ws.nextCounter('drive.notification')), fileId: file.id, permissionId: permissionIdFor(p.recipientEmail),
      senderEmail: me, recipient: p.requesterEmail, role: granted ?? p.rolesAndViews[0]?.role ?? 'reader', type: 'user', sentAt: now,
    };
    ctx.ws.collection<DriveNotification>(C.notifications).set(n.id, n);
  }
  proposals(ctx).set(permissionKey(file.id, p.proposalId), { ...p, resolution: b.action, resolvedBy: me, resolvedTime: now, ...(granted ? { grantedRole: granted } : {}) });
  return undefined;
}

/** The access-proposal operations. */
export const accessProposalOps = [
  defineOperation({
    id: 'drive.accessproposals.list', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/accessproposals' },
    description: "Lists the pending requests for access to a file (who asks, for whom, which role, their message). Only people who can share the file (its approvers) may list them.",
    params: z.object({ fileId: fileIdParam, pageSize: qInt('Number of proposals per page (1–100, default 100).'), pageToken: pageTokenParam }),
    handler: (ctx, { params: p }) => {
      const { file } = approverFile(ctx, p.fileId);
      const pending: DriveAccessProposal[] = [];
      for (const x of proposals(ctx).values()) if (x.fileId === file.id && x.resolution === undefined) pending.push(x);
      pending.sort((a, b) => (a.createTime < b.createTime ? -1 : a.createTime > b.createTime ? 1 : a.proposalId < b.proposalId ? -1 : 1));
      const query = { accessproposals: file.id };
      const { page, nextPageToken } = paginate(pending, decodePageToken(p.pageToken, query), pageSize(p.pageSize, 100, 100), query);
      // The reference documents the list as always present in v3, empty when nothing is pending.
      return { accessProposals: page.map(wireAccessProposal), ...(nextPageToken ? { nextPageToken } : {}) };
    },
  }),
  defineOperation({
    id: 'drive.accessproposals.get', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/accessproposals/{proposalId}' },
    description: 'Gets one pending access proposal of a file by id (approvers only).',
    params: z.object({ fileId: fileIdParam, proposalId: proposalIdParam }),
    handler: (ctx, { params: p }) => {
      const { file } = approverFile(ctx, p.fileId);
      return wireAccessProposal(pendingProposal(ctx, file, p.proposalId));
    },
  }),
  defineOperation({
    id: 'drive.accessproposals.resolve', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/accessproposals/{proposalId}:resolve' },
    description: "Accepts or denies an access proposal. ACCEPT (with role: ['reader'|'commenter'|'writer']) shares the file with the proposal's recipient — check who they are first; DENY refuses. The proposal then leaves the pending list. Returns an empty body.",
    params: z.object({ fileId: fileIdParam, proposalId: proposalIdParam }),
    body: ResolveBody,
    handler: (ctx, { params: p, body }) => resolveProposal(ctx, p.fileId, p.proposalId, body),
  }),
];

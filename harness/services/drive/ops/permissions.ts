/** permissions.list/get/create/update/delete: Drive sharing, ownership transfer and notifications. */
import { z } from 'zod';
import { defineOperation, hexId, type OperationContext } from '../../../core/index.ts';
import { googleError } from '../../google/errors.ts';
import { qBool, qInt } from '../../wire-schema.ts';
import { canShare, fileNotFound, insufficientPermissions, invalidValue, requireFile } from '../access.ts';
import { resourceNotFound } from '../errors.ts';
import { recordChange } from '../file-record.ts';
import { anyonePermissionId, displayNameFor, domainOf, domainPermissionId, permissionIdFor } from '../identity.ts';
import { C, GranteeType, Role, permissionKey, type DriveFile, type DriveNotification, type DrivePermission } from '../model.ts';
import { decodePageToken, pageSize, paginate } from '../paging.ts';
import { DEFAULT_FIELDS, isRootFolder, buildPermissionIndex, effectivePermissions, selectFields, wirePermission, type EffectivePermission } from '../render.ts';
import { callerOf, driveFlags, fieldsParam, fileIdParam, pageTokenParam, resolveFileId } from './common.ts';
import { memberRole } from './drives.ts';

const permissionIdParam = z.string().min(1).describe("The ID of the permission (a user's permissionId, 'anyoneWithLink', …), as permissions.list returns it.");

const PermissionBody = z.looseObject({
  type: GranteeType.optional().describe("Grantee type: 'user' or 'group' (needs emailAddress), 'domain' (needs domain), or 'anyone' (link sharing)."),
  role: Role.optional().describe("Role granted: 'reader', 'commenter', 'writer', 'fileOrganizer'/'organizer' (shared drives only) or 'owner' (needs transferOwnership=true)."),
  emailAddress: z.string().optional().describe('Email address of the user or group.'),
  domain: z.string().optional().describe('Domain name for type domain.'),
  allowFileDiscovery: z.boolean().optional().describe('For domain/anyone: whether the file can be found by search (false = only people with the link).'),
  expirationTime: z.string().optional().describe('RFC 3339 time when access ends (users and groups, not owners).'),
  view: z.string().optional().describe("'published' for a published-view permission."),
  pendingOwner: z.boolean().optional().describe('Whether the account is a pending owner of the file.'),
});
type PermissionBody = z.infer<typeof PermissionBody>;

const perms = (ctx: OperationContext) => ctx.ws.collection<DrivePermission>(C.permissions);

function notFoundPermission(id: string): Error {
  return resourceNotFound('Permission', id, 'permissionId');
}

function effectiveById(ctx: OperationContext, file: DriveFile, permissionId: string): EffectivePermission {
  const e = effectivePermissions(ctx.ws, file, buildPermissionIndex(ctx.ws)).find((p) => p.permission.id === permissionId);
  if (!e) throw notFoundPermission(permissionId);
  return e;
}

/**
 * Ownership rules of Drive's "Transfer file ownership" guide: a Workspace owner transfers
 * "within the same organization" only ("Google Workspace ownership cannot be transferred to an
 * account outside the organization"); the real API answers an outsider with 400
 * `ownershipChangeAcrossDomainNotPermitted`, "Sorry, cannot transfer ownership to <email>.
 * Ownership can only be transferred to another user in the same organization as the current
 * owner." (odeke-em/drive#1129). Shared drives own their files: nothing in one can change owner.
 */
function checkTransfer(file: DriveFile, email: string): void {
  if (file.driveId) throw googleError(403, 'invalidSharingRequest', 'Ownership of items in a shared drive cannot be transferred: the shared drive owns them.');
  if (domainOf(email) !== domainOf(file.ownerEmail)) {
    throw googleError(400, 'ownershipChangeAcrossDomainNotPermitted', `Bad Request. User message: "Sorry, cannot transfer ownership to ${email}. Ownership can only be transferred to another user in the same organization as the current owner."`);
  }
}

/**
 * A pending owner (`pendingOwner=true`, the consumer-account handshake of the same guide: "The
 * permission must include these settings: role=writer, type=user, and pendingOwner=true"; the
 * prospective owner then accepts with their own credentials). Only the owner proposes; a role
 * other than writer is 403 `pendingOwnerWriterRequired` ("The target user cannot be a pending
 * owner because the target user does not have a writer role for the file."); someone outside
 * the owner's organization can never become owner, so proposing one is 403
 * `targetUserCannotBePendingOwnerOnFile` ("The target user cannot be a pending owner on this file.").
 */
function checkPendingOwner(file: DriveFile, myRole: Role, type: string, role: Role, email: string | undefined): void {
  if (myRole !== 'owner') throw insufficientPermissions(file.id);
  if (type !== 'user' || !email) throw googleError(403, 'invalidSharingRequest', 'Only a user can be a pending owner.');
  if (role !== 'writer') throw googleError(403, 'pendingOwnerWriterRequired', 'The target user cannot be a pending owner because the target user does not have a writer role for the file.');
  if (file.driveId || domainOf(email) !== domainOf(file.ownerEmail)) throw googleError(403, 'targetUserCannotBePendingOwnerOnFile', 'The target user cannot be a pending owner on this file.');
}

/** Makes `email` the owner of a file; the previous owner keeps writer access. */
function transferOwnership(ctx: OperationContext, file: DriveFile, email: string, me: string): void {
  checkTransfer(file, email);
  const oldPid = permissionIdFor(file.ownerEmail);
  const old = perms(ctx).peek(permissionKey(file.id, oldPid));
  if (old) perms(ctx).set(permissionKey(file.id, oldPid), { ...old, role: 'writer' });
  ctx.ws.collection<DriveFile>(C.files).set(file.id, { ...file, ownerEmail: email.toLowerCase() });
  void me;
}

function checkExpiration(ctx: OperationContext, role: Role, type: string, t: string | undefined): void {
  if (t === undefined) return;
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) throw invalidValue('expirationTime');
  if (role === 'owner' || (type !== 'user' && type !== 'group')) throw googleError(403, 'invalidSharingRequest', 'Expiration dates can only be set on user and group permissions that are not owners.');
  if (ms <= ctx.ws.nowMs()) throw googleError(400, 'expirationDatesMustBeInTheFuture', 'Expiration dates must be in the future.');
}

/** A shared drive as the holder of member permissions: only its organizers manage members. */
function driveHolder(ctx: OperationContext, driveId: string, me: string): { file: DriveFile; role: Role } {
  const role = memberRole(ctx, driveId, me);
  if (role === undefined) throw fileNotFound(driveId);
  return { file: { id: driveId, driveId, ownerEmail: '', writersCanShare: false } as DriveFile, role };
}

function createPermission(ctx: OperationContext, p: CreateParams, b: PermissionBody) {
  const me = callerOf(ctx);
  const target = resolveFileId(p.fileId, me);
  const { file, role: myRole } = ctx.ws.collection(C.drives).has(target) ? driveHolder(ctx, target, me) : requireFile(ctx.ws, target, me);
  if (!canShare(file, myRole) || isRootFolder(file, me)) throw insufficientPermissions(file.id);
  if (!b.type) throw googleError(400, 'required', 'The permission type field is required.');
  if (!b.role) throw googleError(400, 'required', 'The permission role field is required.');
  const { type, role } = b;
  let id: string;
  const base: Partial<DrivePermission> = {};
  if (type === 'user' || type === 'group') {
    const email = b.emailAddress?.trim().toLowerCase();
    if (!email) throw googleError(400, 'required', 'The permission emailAddress field is required for type user or group.');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw googleError(400, 'invalid', `Invalid email address: ${b.emailAddress}`);
    id = permissionIdFor(email);
    Object.assign(base, { emailAddress: email, displayName: displayNameFor(email) });
  } else if (type === 'domain') {
    const domain = b.domain?.trim().toLowerCase();
    if (!domain) throw googleError(400, 'required', 'The permission domain field is required for type domain.');
    id = domainPermissionId(domain);
    Object.assign(base, { domain, displayName: domain, allowFileDiscovery: b.allowFileDiscovery ?? false });
  } else {
    id = anyonePermissionId(b.allowFileDiscovery ?? false);
    base.allowFileDiscovery = b.allowFileDiscovery ?? false;
  }
  if ((role === 'organizer' || role === 'fileOrganizer') && !file.driveId) {
    throw googleError(403, 'invalidSharingRequest', `The role ${role} is only valid for shared drive items.`);
  }
  if (role === 'owner') {
    if (type !== 'user') throw googleError(403, 'invalidSharingRequest', 'Only a user can own a file.');
    if (!p.transferOwnership) throw googleError(403, 'forbidden', "The transferOwnership parameter must be enabled when the permission role is 'owner'.");
    if (myRole !== 'owner') throw insufficientPermissions(file.id);
  }
  if (b.pendingOwner) checkPendingOwner(file, myRole, type, role, base.emailAddress);
  checkExpiration(ctx, role, type, b.expirationTime);
  if (type === 'anyone') perms(ctx).delete(permissionKey(file.id, anyonePermissionId(!(b.allowFileDiscovery ?? false))));
  const existing = perms(ctx).peek(permissionKey(file.id, id));
  if (existing?.role === 'owner' && role !== 'owner') throw googleError(403, 'cannotModifyOwner', "The owner's role cannot be changed; transfer ownership to someone else instead.");
  if (role === 'owner') transferOwnership(ctx, ctx.ws.collection<DriveFile>(C.files).peek(file.id)!, base.emailAddress!, me);
  const rec: DrivePermission = {
    ...existing, ...base, fileId: file.id, id, type, role,
    ...(b.pendingOwner && role === 'writer' ? { pendingOwner: true } : {}),
    ...(b.expirationTime !== undefined ? { expirationTime: new Date(Date.parse(b.expirationTime)).toISOString() } : {}),
    grantedBy: me, createdTime: existing?.createdTime ?? ctx.ws.now(),
  } as DrivePermission;
  // Becoming owner (or anything but a writer) ends a pending ownership proposal.
  if (role !== 'writer') delete (rec as { pendingOwner?: boolean }).pendingOwner;
  perms(ctx).set(permissionKey(file.id, id), rec);
  const notify = (type === 'user' || type === 'group') && (p.sendNotificationEmail ?? true);
  if (notify) {
    const n: DriveNotification = {
      id: hexId('drive-notification', ctx.ws.nextCounter('drive.notification')), fileId: file.id, permissionId: id,
      senderEmail: me, recipient: base.emailAddress!, role, type,
      ...(p.emailMessage !== undefined ? { emailMessage: p.emailMessage } : {}), sentAt: ctx.ws.now(),
    };
    ctx.ws.collection<DriveNotification>(C.notifications).set(n.id, n);
  }
  recordChange(ctx.ws, file.id, me);
  return selectFields(wirePermission(rec), p.fields, DEFAULT_FIELDS.permission);
}

const CreateParamsSchema = z.object({
  fileId: fileIdParam,
  sendNotificationEmail: qBool('Whether to email the user or group about the share (default true for users and groups; ignored for domain/anyone).'),
  emailMessage: z.string().optional().describe('A plain-text message included in the notification email.'),
  transferOwnership: qBool("Must be true when role is 'owner': transfers ownership and downgrades the current owner to writer."),
  moveToNewOwnersRoot: qBool("Whether to move the file to the new owner's My Drive root on transfer."),
  useDomainAdminAccess: qBool('Issue the request as a domain administrator.'),
  enforceSingleParent: qBool('Deprecated.'),
  enforceExpansiveAccess: qBool('Whether the request should enforce expansive access rules.'),
  fields: fieldsParam,
  ...driveFlags,
});
type CreateParams = z.infer<typeof CreateParamsSchema>;

const ItemParams = z.object({ fileId: fileIdParam, permissionId: permissionIdParam, fields: fieldsParam, useDomainAdminAccess: qBool('Issue the request as a domain administrator.'), ...driveFlags });

/** The permission operations. */
export const permissionOps = [
  defineOperation({
    id: 'drive.permissions.create', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/permissions' },
    description: "Shares a file: grants a role to a user, group, domain or anyone with the link. Only owners and writers can share. Users and groups get a notification email unless sendNotificationEmail=false; emailMessage adds a note. Granting 'owner' transfers ownership and needs transferOwnership=true.",
    params: CreateParamsSchema,
    body: PermissionBody,
    handler: (ctx, { params, body }) => createPermission(ctx, params, body),
  }),
  defineOperation({
    id: 'drive.permissions.list', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/permissions' },
    description: "Lists who has access to a file: direct grants and those inherited from parent folders (permissionDetails says which), with type, role, emailAddress/domain.",
    params: z.object({
      fileId: fileIdParam,
      pageSize: qInt('Maximum permissions per page (1–100); all when unset.'),
      pageToken: pageTokenParam,
      fields: fieldsParam,
      useDomainAdminAccess: qBool('Issue the request as a domain administrator.'),
      includePermissionsForView: z.string().optional().describe("'published' to include published-view permissions."),
      ...driveFlags,
    }),
    handler: (ctx, { params: p }) => {
      const me = callerOf(ctx);
      const { file } = requireFile(ctx.ws, resolveFileId(p.fileId, me), me);
      const all = effectivePermissions(ctx.ws, file, buildPermissionIndex(ctx.ws));
      const size = pageSize(p.pageSize, Math.max(all.length, 1), 100);
      const query = { permissions: file.id };
      const { page, nextPageToken } = paginate(all, decodePageToken(p.pageToken, query), size, query);
      const out = { kind: 'drive#permissionList', permissions: page.map(wirePermission), ...(nextPageToken ? { nextPageToken } : {}) };
      return selectFields(out, p.fields, DEFAULT_FIELDS.permissionList);
    },
  }),
  defineOperation({
    id: 'drive.permissions.get', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/permissions/{permissionId}' },
    description: 'Gets one permission of a file by id.',
    params: ItemParams,
    handler: (ctx, { params: p }) => {
      const me = callerOf(ctx);
      const { file } = requireFile(ctx.ws, resolveFileId(p.fileId, me), me);
      return selectFields(wirePermission(effectiveById(ctx, file, p.permissionId)), p.fields, DEFAULT_FIELDS.permission);
    },
  }),
  defineOperation({
    id: 'drive.permissions.update', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'PATCH', path: '/drive/v3/files/{fileId}/permissions/{permissionId}' },
    description: "Changes a permission's role or expiration (patch). Setting role 'owner' transfers ownership and needs transferOwnership=true.",
    params: ItemParams.extend({
      transferOwnership: qBool("Must be true when changing the role to 'owner'."),
      removeExpiration: qBool('Whether to remove the expiration date.'),
      enforceExpansiveAccess: qBool('Whether the request should enforce expansive access rules.'),
    }),
    body: PermissionBody,
    handler: (ctx, { params: p, body: b }) => {
      const me = callerOf(ctx);
      const { file, role: myRole } = requireFile(ctx.ws, resolveFileId(p.fileId, me), me);
      if (!canShare(file, myRole)) throw insufficientPermissions(file.id);
      const eff = effectiveById(ctx, file, p.permissionId);
      const cur = eff.permission;
      const role = b.role ?? eff.role;
      if (eff.direct && cur.role === 'owner' && role !== 'owner') throw googleError(403, 'cannotModifyOwner', "The owner's role cannot be changed; transfer ownership to someone else instead.");
      if (!eff.direct && Role.options.indexOf(role) < Role.options.indexOf(eff.role)) {
        throw googleError(403, 'cannotModifyInheritedPermission', 'An inherited permission cannot be downgraded on a child item; change it on the folder it comes from.');
      }
      if (role === 'owner' && !(eff.direct && cur.role === 'owner')) {
        if (cur.type !== 'user') throw googleError(403, 'invalidSharingRequest', 'Only a user can own a file.');
        if (!p.transferOwnership) throw googleError(403, 'forbidden', "The transferOwnership parameter must be enabled when the permission role is 'owner'.");
        if (myRole !== 'owner') throw insufficientPermissions(file.id);
        transferOwnership(ctx, file, cur.emailAddress!, me);
      }
      if ((role === 'organizer' || role === 'fileOrganizer') && !file.driveId) throw googleError(403, 'invalidSharingRequest', `The role ${role} is only valid for shared drive items.`);
      if (b.pendingOwner) checkPendingOwner(file, myRole, cur.type, role, cur.emailAddress);
      checkExpiration(ctx, role, cur.type, b.expirationTime);
      const { expirationTime: _drop, pendingOwner: wasPending, ...rest } = cur;
      const expiration = p.removeExpiration ? undefined : b.expirationTime !== undefined ? new Date(Date.parse(b.expirationTime)).toISOString() : cur.expirationTime;
      // A pending owner stays pending while a writer, unless the update says otherwise.
      const pending = role === 'writer' && (b.pendingOwner ?? wasPending ?? false);
      const rec: DrivePermission = { ...rest, fileId: file.id, role, ...(pending ? { pendingOwner: true } : {}), ...(expiration ? { expirationTime: expiration } : {}), grantedBy: me };
      perms(ctx).set(permissionKey(file.id, cur.id), rec);
      recordChange(ctx.ws, file.id, me);
      return selectFields(wirePermission(rec), p.fields, DEFAULT_FIELDS.permission);
    },
  }),
  defineOperation({
    id: 'drive.permissions.delete', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'DELETE', path: '/drive/v3/files/{fileId}/permissions/{permissionId}' },
    description: "Removes a permission (revokes someone's access or turns off link sharing). The owner's permission cannot be removed; inherited permissions must be removed on the folder they come from.",
    params: ItemParams.extend({ enforceExpansiveAccess: qBool('Whether the request should enforce expansive access rules.') }),
    handler: (ctx, { params: p }) => {
      const me = callerOf(ctx);
      const { file, role: myRole } = requireFile(ctx.ws, resolveFileId(p.fileId, me), me);
      const eff = effectiveById(ctx, file, p.permissionId);
      const leavingMyself = eff.permission.id === permissionIdFor(me);
      if (!canShare(file, myRole) && !leavingMyself) throw insufficientPermissions(file.id);
      if (eff.direct && eff.permission.role === 'owner') throw googleError(403, 'cannotRemoveOwner', 'The owner of a file cannot be removed.');
      if (!eff.direct) throw googleError(403, 'cannotDeleteInheritedPermission', `Permission ${p.permissionId} is inherited from ${eff.inheritedFrom[0]} and cannot be removed from this item; remove it on that folder.`);
      perms(ctx).delete(permissionKey(file.id, eff.permission.id));
      recordChange(ctx.ws, file.id, me);
      return undefined;
    },
  }),
];

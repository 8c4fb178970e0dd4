/** Seed helpers for base data and tasks: grant a permission, add a comment thread, add a pending access proposal. */
import { hexId, type Workspace } from '../../core/index.ts';
import { anyonePermissionId, displayNameFor, domainPermissionId, newCommentId, newReplyId, permissionIdFor } from './identity.ts';
import { C, permissionKey, type DriveAccessProposal, type DriveComment, type DriveFile, type DrivePermission, type DriveReply, type GranteeType, type Role } from './model.ts';

/** A grant to seed: who, what role, and (for domain/anyone) whether it is discoverable. */
export interface GrantSpec {
  readonly type: GranteeType;
  readonly role: Role;
  readonly emailAddress?: string;
  readonly domain?: string;
  readonly allowFileDiscovery?: boolean;
  readonly grantedBy?: string;
  readonly createdTime?: string;
  readonly expirationTime?: string;
}

/** Inserts (or replaces) a permission on a file or shared drive, with Drive's stable ids. */
export function grantPermission(ws: Workspace, fileId: string, g: GrantSpec): DrivePermission {
  let id: string;
  let extra: Partial<DrivePermission> = {};
  if (g.type === 'user' || g.type === 'group') {
    const email = (g.emailAddress ?? '').toLowerCase();
    id = permissionIdFor(email);
    extra = { emailAddress: email, displayName: displayNameFor(email) };
  } else if (g.type === 'domain') {
    const domain = (g.domain ?? '').toLowerCase();
    id = domainPermissionId(domain);
    extra = { domain, displayName: domain, allowFileDiscovery: g.allowFileDiscovery ?? false };
  } else {
    id = anyonePermissionId(g.allowFileDiscovery ?? false);
    extra = { allowFileDiscovery: g.allowFileDiscovery ?? false };
  }
  const rec: DrivePermission = {
    fileId, id, type: g.type, role: g.role, ...extra,
    ...(g.grantedBy ? { grantedBy: g.grantedBy } : {}), createdTime: g.createdTime ?? ws.now(),
    ...(g.expirationTime ? { expirationTime: g.expirationTime } : {}),
  };
  ws.collection<DrivePermission>(C.permissions).set(permissionKey(fileId, id), rec);
  return rec;
}

/** A comment thread to seed. */
export interface CommentSpec {
  readonly authorEmail: string;
  readonly content: string;
  readonly createdTime: string;
  readonly resolved?: boolean;
  readonly quoted?: string;
  readonly replies?: ReadonlyArray<{ authorEmail: string; content: string; createdTime: string; action?: 'resolve' | 'reopen' }>;
}

/** Adds a comment (and its replies) to a file; returns the comment. */
export function addCommentThread(ws: Workspace, fileId: string, spec: CommentSpec): DriveComment {
  const replies = spec.replies ?? [];
  const last = replies.length > 0 ? replies[replies.length - 1]!.createdTime : spec.createdTime;
  const resolved = spec.resolved ?? replies.some((r) => r.action === 'resolve');
  const c: DriveComment = {
    id: newCommentId(ws), fileId, content: spec.content, authorEmail: spec.authorEmail.toLowerCase(), createdTime: spec.createdTime,
    modifiedTime: last, resolved, deleted: false, ...(spec.quoted ? { quotedFileContent: { mimeType: 'text/plain', value: spec.quoted } } : {}),
  };
  ws.collection<DriveComment>(C.comments).set(c.id, c);
  for (const r of replies) {
    const rep: DriveReply = {
      id: newReplyId(ws), commentId: c.id, fileId, content: r.content, authorEmail: r.authorEmail.toLowerCase(),
      createdTime: r.createdTime, modifiedTime: r.createdTime, deleted: false, ...(r.action ? { action: r.action } : {}),
    };
    ws.collection<DriveReply>(C.replies).set(rep.id, rep);
  }
  return c;
}

/** What a task supplies to seed a pending access proposal. */
export interface AccessProposalSpec {
  readonly fileId: string;
  readonly requesterEmail: string;
  /** Defaults to the requester. */
  readonly recipientEmail?: string;
  readonly role: 'writer' | 'commenter' | 'reader';
  readonly message?: string;
  /** Defaults to the workspace clock. */
  readonly createTime?: string;
}

/** Adds a pending access proposal to a file (as if requested in the Drive UI); returns it. */
export function addAccessProposal(ws: Workspace, spec: AccessProposalSpec): DriveAccessProposal {
  if (!ws.collection<DriveFile>(C.files).peek(spec.fileId)) throw new Error(`addAccessProposal: no file ${spec.fileId} in the workspace`);
  const proposalId = hexId('drive-access-proposal', ws.nextCounter('drive.accessProposal'), 24);
  const rec: DriveAccessProposal = {
    fileId: spec.fileId, proposalId, requesterEmail: spec.requesterEmail.toLowerCase(),
    recipientEmail: (spec.recipientEmail ?? spec.requesterEmail).toLowerCase(),
    ...(spec.message !== undefined ? { requestMessage: spec.message } : {}),
    rolesAndViews: [{ role: spec.role }], createTime: spec.createTime ?? ws.now(),
  };
  ws.collection<DriveAccessProposal>(C.accessProposals).set(permissionKey(spec.fileId, proposalId), rec);
  return rec;
}

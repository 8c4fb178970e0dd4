/** files.delete (permanent, cascades into folders) and files.emptyTrash. */
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../../../core/index.ts';
import { qBool } from '../../wire-schema.ts';
import { insufficientPermissions, requireFile, roleRank } from '../access.ts';
import { folderDescendants } from '../descendants.ts';
import { recordChange } from '../file-record.ts';
import { C, DOC_MIME, type DriveAccessProposal, type DriveApproval, type DriveFileLabel, type DriveComment, type DriveFile, type DrivePermission, type DriveReply, type DriveRevision } from '../model.ts';
import { deleteDocBody } from '../docs-bridge.ts';
import { isRootFolder } from '../render.ts';
import { callerOf, driveFlags, fileIdParam, resolveFileId } from './common.ts';

/** Deletes files and everything hanging off them (permissions, comments, replies, revisions, proposals, approvals, labels). */
export function purgeFiles(ctx: OperationContext, ids: readonly string[], me: string): void {
  const ws = ctx.ws;
  const doomed = new Set(ids);
  const files = ws.collection<DriveFile>(C.files);
  for (const id of ids) {
    const f = files.peek(id);
    if (!f) continue;
    files.delete(id);
    if (f.mimeType === DOC_MIME) deleteDocBody(ws, id);
    recordChange(ws, id, me, true);
  }
  const sweep = <T>(key: string, fileIdOf: (r: T) => string) => {
    const col = ws.collection<T>(key);
    const drop: string[] = [];
    for (const [k, r] of col.entries()) if (doomed.has(fileIdOf(r))) drop.push(k);
    for (const k of drop) col.delete(k);
  };
  sweep<DrivePermission>(C.permissions, (r) => r.fileId);
  sweep<DriveComment>(C.comments, (r) => r.fileId);
  sweep<DriveReply>(C.replies, (r) => r.fileId);
  sweep<DriveRevision>(C.revisions, (r) => r.fileId);
  sweep<DriveAccessProposal>(C.accessProposals, (r) => r.fileId);
  sweep<DriveApproval>(C.approvals, (r) => r.fileId);
  sweep<DriveFileLabel>(C.labels, (r) => r.fileId);
}

/** The delete operations on files. */
export const fileRemoveOps = [
  defineOperation({
    id: 'drive.files.delete', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'DELETE', path: '/drive/v3/files/{fileId}' },
    description: "Permanently deletes a file the caller owns, skipping the trash (a folder takes its contents with it). This cannot be undone: to move a file to the trash use files.update with {trashed: true}.",
    params: z.object({ fileId: fileIdParam, ...driveFlags, enforceSingleParent: qBool('Deprecated.') }),
    handler: (ctx, { params }) => {
      const me = callerOf(ctx);
      const { file, role } = requireFile(ctx.ws, resolveFileId(params.fileId, me), me);
      if ((role !== 'owner' && roleRank(role) < roleRank('organizer')) || isRootFolder(file, me)) throw insufficientPermissions(file.id);
      purgeFiles(ctx, [file.id, ...folderDescendants(ctx.ws, file.id)], me);
      return undefined;
    },
  }),
  defineOperation({
    id: 'drive.files.emptyTrash', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'DELETE', path: '/drive/v3/files/trash' },
    description: "Permanently deletes every trashed file the caller owns. This cannot be undone.",
    params: z.object({
      driveId: z.string().optional().describe('If set, empties the trash of this shared drive instead.'),
      enforceSingleParent: qBool('Deprecated.'),
    }),
    handler: (ctx, { params }) => {
      const me = callerOf(ctx);
      const ids: string[] = [];
      for (const f of ctx.ws.collection<DriveFile>(C.files).values()) {
        if (!f.trashed) continue;
        if (params.driveId ? f.driveId === params.driveId : !f.driveId && f.ownerEmail.toLowerCase() === me) ids.push(f.id);
      }
      purgeFiles(ctx, ids, me);
      return undefined;
    },
  }),
];

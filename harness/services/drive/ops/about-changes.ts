/** about.get, changes.getStartPageToken/list/watch, files.watch and channels.stop. */
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../../../core/index.ts';
import { googleError } from '../../google/errors.ts';
import { qBool, qInt } from '../../wire-schema.ts';
import { effectiveRole, principalOf, requireFile } from '../access.ts';
import { C, DOC_MIME, SHEET_MIME, type DriveChange, type DriveFile } from '../model.ts';
import { pageSize } from '../paging.ts';
import { buildPermissionIndex, requireFieldsParam, selectFields, wantedFileFields, wireFile, wireUser } from '../render.ts';
import { callerOf, driveFlags, fieldsParam, fileIdParam, resolveFileId } from './common.ts';

/** The fields changes.list returns without a mask. */
const CHANGES_DEFAULT = 'kind,nextPageToken,newStartPageToken,changes(kind,changeType,type,time,removed,fileId,file(kind,id,name,mimeType))';

/** The next change sequence number (the start token of "from now on"). */
function nextChangeSeq(ctx: OperationContext): number {
  let max = 0;
  for (const c of ctx.ws.collection<DriveChange>(C.changes).values()) if (c.seq > max) max = c.seq;
  return max + 1;
}

const Channel = z.looseObject({
  id: z.string().optional().describe('A UUID or similar unique string identifying this channel.'),
  type: z.string().optional().describe("Delivery type: 'web_hook'."),
  address: z.string().optional().describe('The address where notifications are delivered.'),
  token: z.string().optional().describe('An arbitrary string delivered with each notification.'),
  expiration: z.string().optional().describe('Expiration as a Unix timestamp in milliseconds.'),
});

function channelResponse(ctx: OperationContext, body: z.infer<typeof Channel>, resourceUri: string): Record<string, unknown> {
  return {
    kind: 'api#channel', id: body.id ?? `channel-${ctx.ws.nextCounter('drive.channel')}`, resourceId: Buffer.from(resourceUri).toString('base64url').slice(0, 27),
    resourceUri, ...(body.token !== undefined ? { token: body.token } : {}),
    expiration: body.expiration ?? String(ctx.ws.nowMs() + 3600_000),
  };
}

/** About, changes and notification-channel operations. */
export const aboutChangeOps = [
  defineOperation({
    id: 'drive.about.get', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/about' },
    description: "Gets the caller's Drive user (name, email, permissionId) and storage quota. `fields` is required, e.g. 'user,storageQuota'.",
    params: z.object({ fields: z.string().optional().describe("REQUIRED partial-response mask, e.g. 'user,storageQuota' or '*'.") }),
    handler: (ctx, { params: p }) => {
      requireFieldsParam(p.fields);
      const me = callerOf(ctx);
      let usage = 0;
      let trash = 0;
      for (const f of ctx.ws.collection<DriveFile>(C.files).values()) {
        if (f.ownerEmail.toLowerCase() !== me || f.driveId) continue;
        usage += f.size ?? 0;
        if (f.trashed) trash += f.size ?? 0;
      }
      const exportTo = { [DOC_MIME]: ['text/plain', 'text/html', 'text/markdown', 'application/pdf'], [SHEET_MIME]: ['text/csv', 'application/pdf'] };
      const out = {
        kind: 'drive#about', user: wireUser(me, me),
        storageQuota: { limit: '16106127360', usage: String(usage), usageInDrive: String(usage), usageInDriveTrash: String(trash) },
        maxUploadSize: '5242880000000', appInstalled: false, canCreateDrives: true, canCreateTeamDrives: true,
        exportFormats: exportTo, importFormats: { 'text/plain': [DOC_MIME], 'text/html': [DOC_MIME], 'text/csv': [SHEET_MIME] },
        folderColorPalette: ['#ac725e', '#d06b64', '#f83a22', '#fa573c', '#ffad46', '#42d692', '#16a765', '#4986e7', '#9a9cff', '#8f8f8f'],
        driveThemes: [], teamDriveThemes: [],
        maxImportSizes: { [DOC_MIME]: '10485760' },
      };
      return selectFields(out, p.fields, undefined);
    },
  }),
  defineOperation({
    id: 'drive.changes.getStartPageToken', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/changes/startPageToken' },
    description: 'Gets the page token from which changes.list reports future changes.',
    params: z.object({ driveId: z.string().optional().describe('Shared drive to watch.'), teamDriveId: z.string().optional().describe('Deprecated: use driveId.'), fields: fieldsParam, ...driveFlags }),
    handler: (ctx, { params: p }) => selectFields({ kind: 'drive#startPageToken', startPageToken: String(nextChangeSeq(ctx)) }, p.fields, undefined),
  }),
  defineOperation({
    id: 'drive.changes.list', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/changes' },
    description: 'Lists changes to files since a page token (from changes.getStartPageToken or a previous nextPageToken/newStartPageToken). The last page carries newStartPageToken.',
    params: z.object({
      pageToken: z.string().min(1).describe("The token for continuing a previous list request: a previous 'nextPageToken', 'newStartPageToken', or the startPageToken."),
      pageSize: qInt('Maximum changes per page (1–1000, default 100).'),
      includeRemoved: qBool('Whether to include changes for files that were removed (default true).'),
      restrictToMyDrive: qBool('Whether to restrict results to changes inside My Drive.'),
      includeCorpusRemovals: qBool('Whether to include changes for files the user lost access to.'),
      includeItemsFromAllDrives: qBool('Whether to include shared drive items.'),
      includeTeamDriveItems: qBool('Deprecated.'),
      driveId: z.string().optional().describe('Shared drive to report changes for.'),
      teamDriveId: z.string().optional().describe('Deprecated: use driveId.'),
      spaces: z.string().optional().describe("Comma-separated spaces: 'drive' (default), 'appDataFolder'."),
      includePermissionsForView: z.string().optional().describe("'published' to include published-view permissions."),
      includeLabels: z.string().optional().describe('Label ids to include.'),
      fields: fieldsParam,
      ...driveFlags,
    }),
    handler: (ctx, { params: p }) => {
      if (!/^\d{1,12}$/.test(p.pageToken)) throw googleError(400, 'invalid', 'Invalid Value');
      const start = Number(p.pageToken);
      const size = pageSize(p.pageSize, 100, 1000);
      const me = callerOf(ctx);
      const who = principalOf(me);
      const files = ctx.ws.collection<DriveFile>(C.files);
      const index = buildPermissionIndex(ctx.ws);
      const want = wantedFileFields(p.fields, CHANGES_DEFAULT, ['changes', 'file']);
      const out: Record<string, unknown>[] = [];
      let next: number | undefined;
      let last = start - 1;
      for (const c of ctx.ws.collection<DriveChange>(C.changes).values()) {
        if (c.seq < start) continue;
        if (out.length >= size) {
          next = c.seq;
          break;
        }
        last = Math.max(last, c.seq);
        const f = files.peek(c.fileId);
        if (c.removed || !f) {
          if (p.includeRemoved === false || c.byEmail.toLowerCase() !== me) continue;
          out.push({ kind: 'drive#change', changeType: 'file', type: 'file', time: c.time, removed: true, fileId: c.fileId });
          continue;
        }
        if (effectiveRole(ctx.ws, f, who) === undefined) continue;
        if (f.driveId && !(p.includeItemsFromAllDrives ?? p.includeTeamDriveItems)) continue;
        out.push({ kind: 'drive#change', changeType: 'file', type: 'file', time: c.time, removed: false, fileId: c.fileId, file: wireFile(ctx.ws, f, me, index, want) });
      }
      const tail = next !== undefined ? { nextPageToken: String(next) } : { newStartPageToken: String(Math.max(nextChangeSeq(ctx), start)) };
      return selectFields({ kind: 'drive#changeList', changes: out, ...tail }, p.fields, CHANGES_DEFAULT);
    },
  }),
  defineOperation({
    id: 'drive.changes.watch', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'POST', path: '/drive/v3/changes/watch' },
    description: 'Subscribes to changes (push notifications are not delivered in this sandbox; the channel is acknowledged).',
    params: z.object({ pageToken: z.string().min(1).describe('The start page token to watch from.'), fields: fieldsParam, ...driveFlags }),
    body: Channel,
    handler: (ctx, { params: p, body }) => selectFields(channelResponse(ctx, body, `https://www.googleapis.com/drive/v3/changes?pageToken=${p.pageToken}`), p.fields, undefined),
  }),
  defineOperation({
    id: 'drive.files.watch', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/watch' },
    description: 'Subscribes to changes to a file (push notifications are not delivered in this sandbox; the channel is acknowledged).',
    params: z.object({ fileId: fileIdParam, fields: fieldsParam, acknowledgeAbuse: qBool('Ignored.'), ...driveFlags }),
    body: Channel,
    handler: (ctx, { params: p, body }) => {
      const me = callerOf(ctx);
      const { file } = requireFile(ctx.ws, resolveFileId(p.fileId, me), me);
      return selectFields(channelResponse(ctx, body, `https://www.googleapis.com/drive/v3/files/${file.id}`), p.fields, undefined);
    },
  }),
  defineOperation({
    id: 'drive.channels.stop', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'POST', path: '/drive/v3/channels/stop' },
    description: 'Stops a notification channel created by files.watch or changes.watch.',
    params: z.object({}),
    body: Channel.extend({ resourceId: z.string().optional().describe('The resource id the channel watches.') }),
    handler: () => undefined,
  }),
];

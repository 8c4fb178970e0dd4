/** drives.list/get/create/update/delete/hide/unhide: shared drives and their membership. */
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../../../core/index.ts';
import { atParameter, googleError } from '../../google/errors.ts';
import { qBool, qInt } from '../../wire-schema.ts';
import { principalOf, roleRank } from '../access.ts';
import { requiredField, sharedDriveNotFound } from '../errors.ts';
import { newDriveId } from '../identity.ts';
import { displayNameFor, permissionIdFor } from '../identity.ts';
import { C, permissionKey, type DriveFile, type DrivePermission, type Role, type SharedDrive } from '../model.ts';
import { decodePageToken, pageSize, paginate } from '../paging.ts';
import { selectFields } from '../render.ts';
import { wordPrefixMatch } from '../query/evaluate.ts';
import { callerOf, fieldsParam, pageTokenParam } from './common.ts';

const driveIdParam = z.string().min(1).describe('The ID of the shared drive.');
const drives = (ctx: OperationContext) => ctx.ws.collection<SharedDrive>(C.drives);

/** The caller's member role on a shared drive (user or domain grant on the drive id). */
/** The caller's role in a shared drive (as a user or through their domain), if a member. */
export function memberRole(ctx: OperationContext, driveId: string, email: string): Role | undefined {
  const who = principalOf(email);
  const perms = ctx.ws.collection<DrivePermission>(C.permissions);
  const u = perms.peek(permissionKey(driveId, who.userPid))?.role;
  const d = perms.peek(permissionKey(driveId, who.domainPid))?.role;
  return roleRank(u) >= roleRank(d) ? u : d;
}

/** Loads a shared drive the caller is a member of, with at least role `need`. */
export function loadDrive(ctx: OperationContext, id: string, need: Role = 'reader', location = 'driveId'): { drive: SharedDrive; role: Role; me: string } {
  const me = callerOf(ctx);
  const drive = drives(ctx).get(id);
  const role = drive ? memberRole(ctx, id, me) : undefined;
  if (!drive || role === undefined) throw sharedDriveNotFound(id, location);
  if (roleRank(role) < roleRank(need)) throw googleError(403, 'insufficientFilePermissions', 'The user does not have sufficient permissions for this shared drive.');
  return { drive, role, me };
}

/** Capability flags of a shared drive for a member role (Drive's and the deprecated team drive's names). */
export function driveCapabilities(role: Role, legacy: boolean): Record<string, boolean> {
  const organizer = role === 'organizer';
  const write = roleRank(role) >= roleRank('writer');
  const manage = roleRank(role) >= roleRank('fileOrganizer');
  const d = legacy ? 'TeamDrive' : 'Drive';
  return {
    canAddChildren: write, canComment: roleRank(role) >= roleRank('commenter'), canCopy: true, canDownload: true, canEdit: write,
    canListChildren: true, canManageMembers: organizer, canReadRevisions: write, canRename: manage, canShare: manage,
    [`canRename${d}`]: organizer, [`canDelete${d}`]: organizer, canDeleteChildren: organizer, canTrashChildren: manage,
    ...(legacy ? { canRemoveChildren: manage } : {}), [legacy ? 'canChangeTeamDriveBackground' : 'canChangeDriveBackground']: organizer,
    canChangeCopyRequiresWriterPermissionRestriction: organizer, canChangeDomainUsersOnlyRestriction: organizer,
    [legacy ? 'canChangeTeamMembersOnlyRestriction' : 'canChangeDriveMembersOnlyRestriction']: organizer,
    canChangeSharingFoldersRequiresOrganizerPermissionRestriction: organizer, canChangeDownloadRestriction: organizer,
    [`canReset${d}Restrictions`]: organizer,
  };
}

/** The restrictions a shared drive reports (none set in this workspace); `legacy` spells the team-drive names. */
export function driveRestrictions(legacy: boolean): Record<string, unknown> {
  return {
    adminManagedRestrictions: false, copyRequiresWriterPermission: false, domainUsersOnly: false,
    [legacy ? 'teamMembersOnly' : 'driveMembersOnly']: false, sharingFoldersRequiresOrganizerPermission: false,
    downloadRestriction: { restrictedForReaders: false, restrictedForWriters: false },
  };
}

/** The `drive#drive` resource as a member with `role` sees it. */
export function wireDrive(d: SharedDrive, role: Role): Record<string, unknown> {
  return {
    kind: 'drive#drive', id: d.id, name: d.name, createdTime: d.createdTime, hidden: d.hidden,
    colorRgb: d.colorRgb ?? DEFAULT_DRIVE_COLOR, themeId: DEFAULT_THEME, backgroundImageLink: themeImage(DEFAULT_THEME),
    capabilities: driveCapabilities(role, false), restrictions: driveRestrictions(false),
  };
}

/** Colour and theme a new shared drive gets when none is chosen (Drive assigns one). */
export const DEFAULT_DRIVE_COLOR = '#4986e7';
/** The theme a new shared drive gets. */
export const DEFAULT_THEME = 'abstract_blue';

/** The background image link of a theme. */
export function themeImage(theme: string): string {
  return `https://ssl.gstatic.com/team_drive_themes/${theme}_background.jpg`;
}

const DriveBody = z.looseObject({
  name: z.string().optional().describe('The name of the shared drive.'),
  colorRgb: z.string().optional().describe('Colour as an RGB hex string.'),
  hidden: z.boolean().optional().describe('Whether the shared drive is hidden from the default view.'),
});

const DRIVE_DEFAULT = 'kind,id,name';

/** The shared-drive operations. */
export const driveOps = [
  defineOperation({
    id: 'drive.drives.list', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/drives' },
    description: "Lists the shared drives the caller is a member of. q supports name contains/=, and hidden = true|false.",
    params: z.object({
      pageSize: qInt('Maximum shared drives per page (1–100, default 10).'), pageToken: pageTokenParam,
      q: z.string().optional().describe("Query, e.g. \"name contains 'Finance'\" or 'hidden = true'."),
      useDomainAdminAccess: qBool('Issue the request as a domain administrator.'), fields: fieldsParam,
    }),
    handler: (ctx, { params: p }) => {
      const me = callerOf(ctx);
      const filter = driveFilter(p.q);
      const all: Record<string, unknown>[] = [];
      for (const d of drives(ctx).values()) {
        const role = memberRole(ctx, d.id, me);
        if (role === undefined || !filter(d)) continue;
        all.push(wireDrive(d, role));
      }
      const query = { drives: p.q ?? '' };
      const { page, nextPageToken } = paginate(all, decodePageToken(p.pageToken, query), pageSize(p.pageSize, 10, 100), query);
      return selectFields({ kind: 'drive#driveList', drives: page, ...(nextPageToken ? { nextPageToken } : {}) }, p.fields, `kind,nextPageToken,drives(${DRIVE_DEFAULT})`);
    },
  }),
  defineOperation({
    id: 'drive.drives.get', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/drives/{driveId}' },
    description: "Gets a shared drive's metadata by id.",
    params: z.object({ driveId: driveIdParam, useDomainAdminAccess: qBool('Issue the request as a domain administrator.'), fields: fieldsParam }),
    handler: (ctx, { params: p }) => {
      const { drive, role } = loadDrive(ctx, p.driveId);
      return selectFields(wireDrive(drive, role), p.fields, DRIVE_DEFAULT);
    },
  }),
  defineOperation({
    id: 'drive.drives.create', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/drives' },
    description: 'Creates a shared drive; the caller becomes its organizer. requestId makes the call idempotent.',
    params: z.object({ requestId: z.string().min(1).describe('An id unique to this create request (retries with the same id return the same drive).'), fields: fieldsParam }),
    body: DriveBody,
    handler: (ctx, { params: p, body: b }) => {
      const me = callerOf(ctx);
      const d = createSharedDrive(ctx, me, p.requestId, b);
      return selectFields(wireDrive(d, 'organizer'), p.fields, DRIVE_DEFAULT);
    },
  }),
  defineOperation({
    id: 'drive.drives.update', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'PATCH', path: '/drive/v3/drives/{driveId}' },
    description: "Renames or recolours a shared drive (organizers only).",
    params: z.object({ driveId: driveIdParam, useDomainAdminAccess: qBool('Issue the request as a domain administrator.'), fields: fieldsParam }),
    body: DriveBody,
    handler: (ctx, { params: p, body: b }) => {
      const { drive, role } = loadDrive(ctx, p.driveId, 'organizer');
      const next: SharedDrive = { ...drive, ...(b.name !== undefined ? { name: b.name } : {}), ...(b.colorRgb !== undefined ? { colorRgb: b.colorRgb } : {}), ...(b.hidden !== undefined ? { hidden: b.hidden } : {}) };
      drives(ctx).set(drive.id, next);
      return selectFields(wireDrive(next, role), p.fields, DRIVE_DEFAULT);
    },
  }),
  defineOperation({
    id: 'drive.drives.delete', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'DELETE', path: '/drive/v3/drives/{driveId}' },
    description: 'Deletes an empty shared drive (organizers only).',
    params: z.object({ driveId: driveIdParam, useDomainAdminAccess: qBool('Issue the request as a domain administrator.'), allowItemDeletion: qBool('Whether to delete the items too (domain admins only).') }),
    handler: (ctx, { params: p }) => {
      deleteSharedDrive(ctx, loadDrive(ctx, p.driveId, 'organizer').drive);
      return undefined;
    },
  }),
  ...(['hide', 'unhide'] as const).map((verb) =>
    defineOperation({
      id: `drive.drives.${verb}`, service: 'drive', style: 'google', kind: 'write',
      http: { method: 'POST', path: `/drive/v3/drives/{driveId}/${verb}` },
      description: verb === 'hide' ? 'Hides a shared drive from the default view.' : 'Restores a hidden shared drive to the default view.',
      params: z.object({ driveId: driveIdParam, fields: fieldsParam }),
      handler: (ctx, { params: p }) => {
        const { drive, role } = loadDrive(ctx, p.driveId);
        const next: SharedDrive = { ...drive, hidden: verb === 'hide' };
        drives(ctx).set(drive.id, next);
        return selectFields(wireDrive(next, role), p.fields, DRIVE_DEFAULT);
      },
    }),
  ),
];

/**
 * Creates a shared drive with the caller as organizer. The reference: "A repeated request by
 * the same user and with the same request ID will avoid creating duplicates … If the shared
 * drive already exists a 409 error will be returned."
 */
export function createSharedDrive(ctx: OperationContext, me: string, requestId: string, b: { name?: string | undefined; colorRgb?: string | undefined; hidden?: boolean | undefined }): SharedDrive {
  if (!b.name) throw requiredField('name', 'Required: name');
  for (const d of drives(ctx).values()) {
    if (d.creatorEmail === me && d.requestId === requestId) throw googleError(409, 'duplicate', 'A shared drive with this request ID already exists.', atParameter('requestId'));
  }
  const d: SharedDrive = { id: newDriveId(ctx.ws), name: b.name, createdTime: ctx.ws.now(), hidden: b.hidden ?? false, creatorEmail: me, requestId, ...(b.colorRgb ? { colorRgb: b.colorRgb } : {}) };
  drives(ctx).set(d.id, d);
  const pid = permissionIdFor(me);
  ctx.ws.collection<DrivePermission>(C.permissions).set(permissionKey(d.id, pid), {
    fileId: d.id, id: pid, type: 'user', role: 'organizer', emailAddress: me, displayName: displayNameFor(me), createdTime: d.createdTime, grantedBy: me,
  });
  return d;
}

/** Deletes an empty shared drive and its memberships (403 `cannotDeleteTeamDriveWithChildren` when it holds items). */
export function deleteSharedDrive(ctx: OperationContext, drive: SharedDrive): void {
  for (const f of ctx.ws.collection<DriveFile>(C.files).values()) {
    if (f.driveId === drive.id) throw googleError(403, 'cannotDeleteTeamDriveWithChildren', 'The shared drive cannot be deleted because it contains one or more items.');
  }
  drives(ctx).delete(drive.id);
  const perms = ctx.ws.collection<DrivePermission>(C.permissions);
  for (const k of [...perms.keys()]) if (k.startsWith(`${drive.id}/`)) perms.delete(k);
}

/** A small filter for drives.list `q`: name =/contains and hidden = true|false joined by and. */
export function driveFilter(q: string | undefined): (d: SharedDrive) => boolean {
  if (q === undefined || q.trim() === '') return () => true;
  const terms = q.split(/\s+and\s+/i).map((t) => t.trim());
  const tests = terms.map((t) => {
    let m = /^name\s*(=|contains)\s*'((?:[^'\\]|\\.)*)'$/.exec(t);
    if (m) {
      const v = m[2]!.replace(/\\(.)/g, '$1');
      return m[1] === '=' ? (d: SharedDrive) => d.name === v : (d: SharedDrive) => wordPrefixMatch(d.name, v);
    }
    m = /^hidden\s*=\s*(true|false)$/i.exec(t);
    if (m) {
      const h = m[1]!.toLowerCase() === 'true';
      return (d: SharedDrive) => d.hidden === h;
    }
    throw googleError(400, 'invalid', 'Invalid Value');
  });
  return (d) => tests.every((f) => f(d));
}

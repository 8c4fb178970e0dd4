/**
 * teamdrives.list/get/create/update/delete: the deprecated spelling of shared drives
 * ("Deprecated: use the drive collection instead"). The same records as drives.*, rendered
 * as the `drive#teamDrive` resource with its team-drive capability names.
 */
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../../../core/index.ts';
import { qBool, qInt } from '../../wire-schema.ts';
import { C, type Role, type SharedDrive } from '../model.ts';
import { decodePageToken, pageSize, paginate } from '../paging.ts';
import { callerOf, pageTokenParam } from './common.ts';
import {
  DEFAULT_DRIVE_COLOR, DEFAULT_THEME, createSharedDrive, deleteSharedDrive, driveCapabilities, driveFilter, driveRestrictions,
  loadDrive, memberRole, themeImage,
} from './drives.ts';

const teamDriveIdParam = z.string().min(1).describe('The ID of the team drive (a shared drive id).');
const adminAccess = qBool('Issue the request as a domain administrator.');

/** The `drive#teamDrive` resource as a member with `role` sees it. */
export function wireTeamDrive(d: SharedDrive, role: Role): Record<string, unknown> {
  return {
    kind: 'drive#teamDrive', id: d.id, name: d.name, createdTime: d.createdTime, colorRgb: d.colorRgb ?? DEFAULT_DRIVE_COLOR,
    themeId: DEFAULT_THEME, backgroundImageLink: themeImage(DEFAULT_THEME),
    capabilities: driveCapabilities(role, true), restrictions: driveRestrictions(true),
  };
}

const TeamDriveBody = z.looseObject({
  name: z.string().optional().describe('The name of the team drive.'),
  colorRgb: z.string().optional().describe('Colour as an RGB hex string.'),
});

function load(ctx: OperationContext, id: string, need: Role = 'reader') {
  return loadDrive(ctx, id, need, 'teamDriveId');
}

/** The deprecated team-drive operations. */
export const teamDriveOps = [
  defineOperation({
    id: 'drive.teamdrives.list', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/teamdrives' },
    description: 'Deprecated: use drives.list. Lists the shared drives the caller is a member of, as team drives.',
    params: z.object({
      pageSize: qInt('Maximum team drives per page (1–100, default 10).'), pageToken: pageTokenParam,
      q: z.string().optional().describe("Query, e.g. \"name contains 'Finance'\"."), useDomainAdminAccess: adminAccess,
    }),
    handler: (ctx, { params: p }) => {
      const me = callerOf(ctx);
      const filter = driveFilter(p.q);
      const all: Record<string, unknown>[] = [];
      for (const d of ctx.ws.collection<SharedDrive>(C.drives).values()) {
        const role = memberRole(ctx, d.id, me);
        if (role !== undefined && filter(d)) all.push(wireTeamDrive(d, role));
      }
      const query = { teamdrives: p.q ?? '' };
      const { page, nextPageToken } = paginate(all, decodePageToken(p.pageToken, query), pageSize(p.pageSize, 10, 100), query);
      return { kind: 'drive#teamDriveList', teamDrives: page, ...(nextPageToken ? { nextPageToken } : {}) };
    },
  }),
  defineOperation({
    id: 'drive.teamdrives.get', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/teamdrives/{teamDriveId}' },
    description: "Deprecated: use drives.get. Gets a team drive's metadata by id.",
    params: z.object({ teamDriveId: teamDriveIdParam, useDomainAdminAccess: adminAccess }),
    handler: (ctx, { params: p }) => {
      const { drive, role } = load(ctx, p.teamDriveId);
      return wireTeamDrive(drive, role);
    },
  }),
  defineOperation({
    id: 'drive.teamdrives.create', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/teamdrives' },
    description: 'Deprecated: use drives.create. Creates a shared drive; the caller becomes its organizer. A repeated requestId is refused with 409.',
    params: z.object({ requestId: z.string().min(1).describe('An id unique to this create request (a repeat is refused with 409).') }),
    body: TeamDriveBody,
    handler: (ctx, { params: p, body }) => wireTeamDrive(createSharedDrive(ctx, callerOf(ctx), p.requestId, body), 'organizer'),
  }),
  defineOperation({
    id: 'drive.teamdrives.update', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'PATCH', path: '/drive/v3/teamdrives/{teamDriveId}' },
    description: 'Deprecated: use drives.update. Renames or recolours a team drive (organizers only).',
    params: z.object({ teamDriveId: teamDriveIdParam, useDomainAdminAccess: adminAccess }),
    body: TeamDriveBody,
    handler: (ctx, { params: p, body: b }) => {
      const { drive, role } = load(ctx, p.teamDriveId, 'organizer');
      const next: SharedDrive = { ...drive, ...(b.name !== undefined ? { name: b.name } : {}), ...(b.colorRgb !== undefined ? { colorRgb: b.colorRgb } : {}) };
      ctx.ws.collection<SharedDrive>(C.drives).set(drive.id, next);
      return wireTeamDrive(next, role);
    },
  }),
  defineOperation({
    id: 'drive.teamdrives.delete', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'DELETE', path: '/drive/v3/teamdrives/{teamDriveId}' },
    description: 'Deprecated: use drives.delete. Deletes an empty team drive (organizers only).',
    params: z.object({ teamDriveId: teamDriveIdParam }),
    handler: (ctx, { params: p }) => {
      deleteSharedDrive(ctx, load(ctx, p.teamDriveId, 'organizer').drive);
      return undefined;
    },
  }),
];

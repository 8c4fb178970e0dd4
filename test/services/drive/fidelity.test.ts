/**
 * Drive behaviours that once diverged from the real API, each checked against what the public reference says,
 * through the official @googleapis/drive client against a live server on the base
 * workspace:
 * - a File in the full view carries `capabilities` (the documented flags), `downloadRestrictions`,
 *   `linkShareMetadata` and a `size` for Google Docs ("Size in bytes of blobs and Google
 *   Workspace editor files. Won't be populated for … folders");
 * - comment and reply authors never carry `emailAddress` or `permissionId` ("The author's
 *   email address and permission ID will not be populated");
 * - My Drive (`files/root`) cannot be renamed, trashed, deleted or shared;
 * - errors keep Drive's legacy envelope: no `status`, and the parameter in `location` with
 *   `locationType: "parameter"` where the handle-errors guide shows one (404 at `fileId`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';
import { baseWorkspace, DEFAULT_SEED } from '../../../datasets/base-workspace.ts';
import { DOC_MIME, FOLDER_MIME } from '../../../harness/services/drive/model.ts';
import { displayNameFor } from '../../../harness/services/drive/identity.ts';

let live: LiveServer;
let colleague: LiveServer;
const COLLEAGUE = 'bob.builder@corvidlabs.com';

beforeAll(async () => {
  live = await startLiveServer({ base: baseWorkspace(DEFAULT_SEED) });
  colleague = await startLiveServer({ ws: live.ws, principal: COLLEAGUE });
});
afterAll(async () => {
  await colleague?.close();
  await live?.close();
});

async function errorBody(p: Promise<unknown>): Promise<{ status: number; error: Record<string, any> }> {
  try {
    await p;
  } catch (e: any) {
    return { status: e.response?.status, error: e.response?.data?.error };
  }
  throw new Error('expected the call to fail');
}

describe('a File in the full view has the fields the reference lists', () => {
  it('a Google Doc has capabilities, downloadRestrictions, linkShareMetadata and a size from its text', async () => {
    const doc = await live.drive.files.create({ requestBody: { name: 'Fidelity doc', mimeType: DOC_MIME }, media: { mimeType: 'text/plain', body: 'Twelve bytes' } });
    const f = (await live.drive.files.get({ fileId: doc.data.id!, fields: '*' })).data;
    expect(f.size).toBe(String(Buffer.byteLength('Twelve bytes\n')));
    expect(f.quotaBytesUsed).toBe('0');
    expect(f.linkShareMetadata).toEqual({ securityUpdateEligible: false, securityUpdateEnabled: false });
    expect(f.downloadRestrictions).toEqual({
      itemDownloadRestriction: { restrictedForReaders: false, restrictedForWriters: false },
      effectiveDownloadRestrictionWithContext: { restrictedForReaders: false, restrictedForWriters: false },
    });
    expect(f.inheritedPermissionsDisabled).toBe(false);
    for (const flag of ['canAcceptOwnership', 'canAddMyDriveParent', 'canChangeItemDownloadRestriction', 'canModifyLabels', 'canReadLabels', 'canRemoveMyDriveParent', 'canModifyContentRestriction', 'canMoveItemIntoTeamDrive']) {
      expect(typeof (f.capabilities as Record<string, unknown>)[flag], flag).toBe('boolean');
    }
    expect(f.capabilities).toMatchObject({ canEdit: true, canShare: true, canRename: true, canTrash: true, canModifyLabels: true, canAcceptOwnership: false });
    // The size follows the text and is asked for like any field.
    expect((await live.drive.files.get({ fileId: doc.data.id!, fields: 'size' })).data).toEqual({ size: f.size });
    expect(Object.keys((await live.drive.files.get({ fileId: doc.data.id!, fields: 'id,name' })).data)).toEqual(['id', 'name']);
  });

  it('a folder has no size; a blob has its byte count', async () => {
    const folder = await live.drive.files.create({ requestBody: { name: 'Fidelity folder', mimeType: FOLDER_MIME }, fields: '*' });
    expect(folder.data.size).toBeUndefined();
    expect(folder.data.capabilities).toMatchObject({ canAddChildren: true, canListChildren: true, canDownload: false });
    const blob = await live.drive.files.create({ requestBody: { name: 'b.txt' }, media: { mimeType: 'text/plain', body: 'abc' }, fields: 'size,quotaBytesUsed' });
    expect(blob.data).toEqual({ size: '3', quotaBytesUsed: '3' });
  });

  it("a reader's capabilities and download restriction follow copyRequiresWriterPermission", async () => {
    const f = await live.drive.files.create({ requestBody: { name: 'locked.txt', copyRequiresWriterPermission: true }, media: { mimeType: 'text/plain', body: 'x' } });
    await live.drive.permissions.create({ fileId: f.data.id!, sendNotificationEmail: false, requestBody: { type: 'user', role: 'reader', emailAddress: COLLEAGUE } });
    const seen = (await colleague.drive.files.get({ fileId: f.data.id!, fields: 'capabilities,downloadRestrictions' })).data;
    expect(seen.capabilities).toMatchObject({ canEdit: false, canShare: false, canDownload: false, canCopy: false, canRename: false, canTrash: false });
    expect(seen.downloadRestrictions?.itemDownloadRestriction).toEqual({ restrictedForReaders: true, restrictedForWriters: false });
  });
});

describe('comment and reply authors carry no email address or permission id', () => {
  it('in create, get, list and replies, with fields=*', async () => {
    const f = await live.drive.files.create({ requestBody: { name: 'commented.txt' }, media: { mimeType: 'text/plain', body: 'x' } });
    await live.drive.permissions.create({ fileId: f.data.id!, sendNotificationEmail: false, requestBody: { type: 'user', role: 'commenter', emailAddress: COLLEAGUE } });
    const c = await live.drive.comments.create({ fileId: f.data.id!, fields: '*', requestBody: { content: 'Mine' } });
    await colleague.drive.replies.create({ fileId: f.data.id!, commentId: c.data.id!, fields: 'id', requestBody: { content: 'Theirs' } });
    const listed = (await live.drive.comments.list({ fileId: f.data.id!, fields: '*' })).data.comments!;
    const authors = [c.data.author!, listed[0]!.author!, listed[0]!.replies![0]!.author!];
    for (const a of authors) {
      expect(a).not.toHaveProperty('emailAddress');
      expect(a).not.toHaveProperty('permissionId');
    }
    const mine = displayNameFor(live.principal);
    expect(authors).toEqual([
      { kind: 'drive#user', displayName: mine, me: true }, { kind: 'drive#user', displayName: mine, me: true },
      { kind: 'drive#user', displayName: 'Bob Builder', me: false },
    ]);
  });
});

describe('My Drive itself cannot be renamed, trashed, deleted or shared', () => {
  it('PATCH files/root is refused and the root keeps its name', async () => {
    for (const body of [{ name: 'Renamed' }, { trashed: true }, { description: 'x' }]) {
      const e = await errorBody(live.drive.files.update({ fileId: 'root', requestBody: body }));
      expect(e.status).toBe(403);
      expect(e.error.errors[0].reason).toBe('insufficientFilePermissions');
    }
    expect((await errorBody(live.drive.files.delete({ fileId: 'root' }))).status).toBe(403);
    expect((await errorBody(live.drive.permissions.create({ fileId: 'root', requestBody: { type: 'anyone', role: 'reader' } }))).status).toBe(403);
    const root = (await live.drive.files.get({ fileId: 'root', fields: 'name,capabilities(canRename,canTrash,canDelete,canShare,canAddChildren)' })).data;
    expect(root).toEqual({ name: 'My Drive', capabilities: { canRename: false, canTrash: false, canDelete: false, canShare: false, canAddChildren: true } });
  });
});

describe("Drive's error envelope", () => {
  it('404 for a missing file: no status, location fileId of type parameter', async () => {
    const e = await errorBody(live.drive.files.get({ fileId: '1MissingFile000000000000000000000' }));
    expect(e.status).toBe(404);
    expect(e.error).toEqual({
      code: 404, message: 'File not found: 1MissingFile000000000000000000000.',
      errors: [{ domain: 'global', reason: 'notFound', message: 'File not found: 1MissingFile000000000000000000000.', location: 'fileId', locationType: 'parameter' }],
    });
  });

  it('403 for a role too weak names the file and has no location; 400 for a bad q is located at q', async () => {
    const f = await live.drive.files.create({ requestBody: { name: 'ro.txt' }, media: { mimeType: 'text/plain', body: 'x' } });
    await live.drive.permissions.create({ fileId: f.data.id!, sendNotificationEmail: false, requestBody: { type: 'user', role: 'reader', emailAddress: COLLEAGUE } });
    const denied = await errorBody(colleague.drive.files.update({ fileId: f.data.id!, requestBody: { name: 'mine now' } }));
    expect(denied.error).toEqual({
      code: 403, message: `The user does not have sufficient permissions for file ${f.data.id}.`,
      errors: [{ domain: 'global', reason: 'insufficientFilePermissions', message: `The user does not have sufficient permissions for file ${f.data.id}.` }],
    });
    const bad = await errorBody(live.drive.files.list({ q: "name = 'unclosed" }));
    expect(bad.error.errors[0]).toMatchObject({ reason: 'invalid', location: 'q', locationType: 'parameter' });
    expect(bad.error).not.toHaveProperty('status');
    const fields = await errorBody(live.drive.comments.list({ fileId: f.data.id! }));
    expect(fields.error.errors[0]).toMatchObject({ reason: 'required', location: 'fields', locationType: 'parameter' });
  });
});

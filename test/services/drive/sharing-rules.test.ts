/** Drive sharing rules graders rely on: folder owners do not own others' files; shared drives hold files and members. */
import { describe, expect, it } from 'vitest';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';
import { taskApi } from '../../../harness/runner/task-api.ts';
import { plantFile, plantFolder } from '../../../tasks/support/drive.ts';

const ME = 'owner@corvidlabs.com';
const CFO = 'cfo@corvidlabs.com';

describe('drive sharing rules', () => {
  it('the owner of a folder cannot share a file in it whose owner turned sharing by editors off', () => {
    const ws = createEmptyWorkspace();
    const folder = plantFolder(ws, { name: 'Forecasts', ownerEmail: ME });
    const file = plantFile(ws, { name: 'forecast.csv', ownerEmail: CFO, parentId: folder, content: 'x', writersCanShare: false });
    const api = taskApi(ws, { principal: ME, tokenKind: 'user' });
    expect(() => api.call('drive.permissions.create', { fileId: file, requestBody: { type: 'user', role: 'reader', emailAddress: 'grace@corvidlabs.com' } })).toThrow(/permission/i);
    // Still an editor: the content can be read and changed.
    expect(api.call<{ capabilities: { canEdit: boolean; canShare: boolean } }>('drive.files.get', { fileId: file, fields: 'capabilities' }).capabilities).toMatchObject({ canEdit: true, canShare: false });
  });

  it('a shared drive holds files at its root and takes members through permissions.create', () => {
    const ws = createEmptyWorkspace();
    const me = taskApi(ws, { principal: ME, tokenKind: 'user' });
    const d = me.call<{ id: string }>('drive.drives.create', { requestId: 'r1', requestBody: { name: 'Partners' } });
    const f = me.call<{ id: string; driveId?: string }>('drive.files.create', { supportsAllDrives: true, fields: 'id,driveId,parents', requestBody: { name: 'plan.txt', parents: [d.id] }, media: { mimeType: 'text/plain', body: 'plan' } });
    expect(f.driveId).toBe(d.id);
    const guest = taskApi(ws, { principal: 'kenji@meridianconsult.co', tokenKind: 'user' });
    expect(() => guest.call('drive.files.get', { fileId: f.id, supportsAllDrives: true })).toThrow(/not found/i);
    me.call('drive.permissions.create', { fileId: d.id, supportsAllDrives: true, requestBody: { type: 'user', role: 'reader', emailAddress: 'kenji@meridianconsult.co' } });
    expect(guest.call<{ name: string }>('drive.files.get', { fileId: f.id, supportsAllDrives: true }).name).toBe('plan.txt');
    // A reader member can neither add files nor members.
    expect(() => guest.call('drive.files.create', { supportsAllDrives: true, requestBody: { name: 'x.txt', parents: [d.id] } })).toThrow(/permission/i);
    expect(() => guest.call('drive.permissions.create', { fileId: d.id, supportsAllDrives: true, requestBody: { type: 'user', role: 'reader', emailAddress: 'x@y.com' } })).toThrow(/permission/i);
  });
});

describe("drive q: 'me' names the caller", () => {
  it("'me' in owners and 'me' in writers find the caller's files", () => {
    const ws = createEmptyWorkspace();
    const mine = plantFile(ws, { name: 'mine.txt', ownerEmail: ME, content: 'a' });
    const theirs = plantFile(ws, { name: 'theirs.txt', ownerEmail: CFO, content: 'b', shares: [{ type: 'user', role: 'writer', emailAddress: ME }] });
    const api = taskApi(ws, { principal: ME, tokenKind: 'user' });
    const ids = (q: string) => api.call<{ files: Array<{ id: string }> }>('drive.files.list', { q, pageSize: 100 }).files.map((f) => f.id).sort();
    expect(ids("'me' in owners and trashed = false")).toEqual([mine]);
    expect(ids("'me' in writers")).toEqual([mine, theirs].sort());
  });
});

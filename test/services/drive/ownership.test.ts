/** Ownership transfer as Drive's "Transfer file ownership" guide has it: within the organization only, pending owners, never in shared drives. */
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../harness/core/index.ts';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';

const ME = 'owner@corvidlabs.com';
const COLLEAGUE = 'cfo@corvidlabs.com';
const OUTSIDER = 'kenji@meridianconsult.co';
const as = (principal: string) => ({ face: 'tool' as const, auth: { principal, tokenKind: 'user' as const } });

function setup(): { ws: Workspace; fileId: string } {
  const ws = createEmptyWorkspace();
  const r = ws.invoke('drive.files.create', { requestBody: { name: 'plan.txt' }, media: { mimeType: 'text/plain', body: 'plan' } }, as(ME));
  if (!r.ok) throw r.error;
  return { ws, fileId: (r.value as { id: string }).id };
}

function owner(ws: Workspace, fileId: string): string {
  const r = ws.invoke('drive.files.get', { fileId, fields: 'owners' }, as(ME));
  if (!r.ok) throw r.error;
  return (r.value as { owners: Array<{ emailAddress: string }> }).owners[0]!.emailAddress;
}

function refused(ws: Workspace, op: string, args: Record<string, unknown>, status: number, reason: string, principal = ME) {
  const snap = ws.snapshot();
  const h0 = ws.hash();
  const r = ws.invoke(op, args, as(principal));
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect([r.error.httpStatus, r.error.reason]).toEqual([status, reason]);
  // A refused call changes nothing but the clock (counters included).
  const after = ws.snapshot();
  ws.restore({ ...after, now: snap.now });
  expect(ws.hash()).toBe(h0);
  ws.restore(after);
  return r.error;
}

describe('drive ownership transfer', () => {
  it('within the organization: immediate, the old owner becomes a writer', () => {
    const { ws, fileId } = setup();
    const r = ws.invoke('drive.permissions.create', { fileId, transferOwnership: true, requestBody: { type: 'user', role: 'owner', emailAddress: COLLEAGUE } }, as(ME));
    expect(r.ok).toBe(true);
    expect(owner(ws, fileId)).toBe(COLLEAGUE);
  });

  it('to someone outside the organization: 400 ownershipChangeAcrossDomainNotPermitted, nothing changes', () => {
    const { ws, fileId } = setup();
    const e = refused(ws, 'drive.permissions.create', { fileId, transferOwnership: true, requestBody: { type: 'user', role: 'owner', emailAddress: OUTSIDER } }, 400, 'ownershipChangeAcrossDomainNotPermitted');
    expect(e?.message).toMatch(/Ownership can only be transferred to another user in the same organization as the current owner/);
    expect(owner(ws, fileId)).toBe(ME);
    // The same through update of an existing grant.
    const grant = ws.invoke('drive.permissions.create', { fileId, sendNotificationEmail: false, requestBody: { type: 'user', role: 'writer', emailAddress: OUTSIDER } }, as(ME));
    expect(grant.ok).toBe(true);
    const pid = (grant as { value: { id: string } }).value.id;
    refused(ws, 'drive.permissions.update', { fileId, permissionId: pid, transferOwnership: true, requestBody: { role: 'owner' } }, 400, 'ownershipChangeAcrossDomainNotPermitted');
  });

  it('pending owners: writers only, owners only propose, never an outsider; the proposal alone changes no owner', () => {
    const { ws, fileId } = setup();
    refused(ws, 'drive.permissions.create', { fileId, requestBody: { type: 'user', role: 'reader', emailAddress: COLLEAGUE, pendingOwner: true } }, 403, 'pendingOwnerWriterRequired');
    refused(ws, 'drive.permissions.create', { fileId, requestBody: { type: 'user', role: 'writer', emailAddress: OUTSIDER, pendingOwner: true } }, 403, 'targetUserCannotBePendingOwnerOnFile');
    const ok = ws.invoke('drive.permissions.create', { fileId, sendNotificationEmail: false, fields: 'id,role,pendingOwner', requestBody: { type: 'user', role: 'writer', emailAddress: COLLEAGUE, pendingOwner: true } }, as(ME));
    expect(ok.ok && ok.value).toMatchObject({ role: 'writer', pendingOwner: true });
    expect(owner(ws, fileId)).toBe(ME);
    // The colleague, now a writer, cannot propose anyone.
    refused(ws, 'drive.permissions.create', { fileId, requestBody: { type: 'user', role: 'writer', emailAddress: 'grace@corvidlabs.com', pendingOwner: true } }, 403, 'insufficientFilePermissions', COLLEAGUE);
    // Accepting makes the colleague owner and ends the proposal.
    const pid = (ok as { value: { id: string } }).value.id;
    const accepted = ws.invoke('drive.permissions.update', { fileId, permissionId: pid, transferOwnership: true, fields: 'role,pendingOwner', requestBody: { role: 'owner' } }, as(ME));
    expect(accepted.ok && accepted.value).toEqual({ role: 'owner', pendingOwner: false });
    expect(owner(ws, fileId)).toBe(COLLEAGUE);
  });

  it('files in a shared drive are owned by the drive: no transfer', () => {
    const ws = createEmptyWorkspace();
    const d = ws.invoke('drive.drives.create', { requestId: 'r1', requestBody: { name: 'Ops' } }, as(ME));
    const driveId = (d as { value: { id: string } }).value.id;
    const f = ws.invoke('drive.files.create', { supportsAllDrives: true, requestBody: { name: 'x.txt', parents: [driveId] }, media: { mimeType: 'text/plain', body: 'x' } }, as(ME));
    const fileId = (f as { value: { id: string } }).value.id;
    const r = ws.invoke('drive.permissions.create', { fileId, supportsAllDrives: true, transferOwnership: true, requestBody: { type: 'user', role: 'owner', emailAddress: COLLEAGUE } }, as(ME));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.httpStatus).toBe(403);
  });
});

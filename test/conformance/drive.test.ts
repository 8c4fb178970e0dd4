import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { addAccessProposal } from '../../harness/services/drive/seed.ts';
import { DOC_MIME, FOLDER_MIME } from '../../harness/services/drive/model.ts';
import { driveService } from '../../harness/services/drive/index.ts';

let live: LiveServer;
let bob: LiveServer;
const BOB = 'bob.builder@corvidlabs.com';
const called = new Set<string>();

beforeAll(async () => {
  live = await startLiveServer();
  bob = await startLiveServer({ ws: live.ws, principal: BOB });
});
afterAll(async () => {
  await bob?.close();
  await live?.close();
});

async function failure(p: Promise<unknown>): Promise<{ status: number; reason: string; message: string }> {
  try {
    await p;
  } catch (e: any) {
    const err = e.response?.data?.error;
    return { status: e.status ?? e.response?.status, reason: err?.errors?.[0]?.reason, message: err?.message };
  }
  throw new Error('expected the call to fail');
}

function track() {
  for (const a of live.ws.log) if (a.outcome === 'ok' || a.status < 500) called.add(a.op);
}

describe('drive v3 through the official client', () => {
  let folderId = '';
  let fileId = '';
  let textId = '';

  it('files.create: folder, multipart upload and media-only upload', async () => {
    const folder = await live.drive.files.create({ requestBody: { name: 'Conformance', mimeType: FOLDER_MIME }, fields: 'id,name,mimeType,parents' });
    folderId = folder.data.id!;
    expect(folder.data).toMatchObject({ name: 'Conformance', mimeType: FOLDER_MIME });
    expect(folder.data.parents).toHaveLength(1);

    const multi = await live.drive.files.create({
      requestBody: { name: 'plan.txt', parents: [folderId], description: 'quarterly plan' },
      media: { mimeType: 'text/plain', body: 'Kestrel launch plan\nowner: alice\n' },
      fields: 'id,name,mimeType,size,md5Checksum,parents,description',
    });
    textId = multi.data.id!;
    expect(multi.data).toMatchObject({ name: 'plan.txt', mimeType: 'text/plain', size: '33', parents: [folderId], description: 'quarterly plan' });

    const media = await live.drive.files.create({ media: { mimeType: 'application/pdf', body: Buffer.from('%PDF-1.4 fake') } });
    expect(media.data).toEqual({ kind: 'drive#file', id: media.data.id, name: 'Untitled', mimeType: 'application/pdf' });
    fileId = media.data.id!;
    const uploads = live.ws.log.filter((a) => a.op === 'drive.files.create');
    expect(uploads).toHaveLength(3);
  });

  it('files.get returns default fields, masks, and raw bytes with alt=media', async () => {
    const plain = await live.drive.files.get({ fileId: textId });
    expect(Object.keys(plain.data).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
    const full = await live.drive.files.get({ fileId: textId, fields: 'id,owners(emailAddress,me),capabilities/canShare,webViewLink' });
    expect(full.data.owners).toEqual([{ emailAddress: live.principal, me: true }]);
    expect(full.data.capabilities).toEqual({ canShare: true });
    expect(full.data.webViewLink).toBe(`https://drive.google.com/file/d/${textId}/view?usp=drivesdk`);
    const bytes = await live.drive.files.get({ fileId: textId, alt: 'media' }, { responseType: 'text' });
    expect(bytes.data).toBe('Kestrel launch plan\nowner: alice\n');
    const missing = await failure(live.drive.files.get({ fileId: 'nope' }));
    expect(missing).toMatchObject({ status: 404, reason: 'notFound', message: 'File not found: nope.' });
  });

  it('files.list: q language, orderBy, pagination, bad syntax', async () => {
    for (let i = 0; i < 5; i++) {
      await live.drive.files.create({ requestBody: { name: `report ${i}.csv`, parents: [folderId] }, media: { mimeType: 'text/csv', body: `k,v\nrow,${i}\n` } });
    }
    const q = `'${folderId}' in parents and mimeType = 'text/csv' and trashed = false`;
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const { data } = await live.drive.files.list({ q, pageSize: 2, orderBy: 'name', fields: 'nextPageToken,files(id,name)', ...(pageToken ? { pageToken } : {}) });
      seen.push(...data.files!.map((f) => f.name!));
      pageToken = data.nextPageToken ?? undefined;
      pages++;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(['report 0.csv', 'report 1.csv', 'report 2.csv', 'report 3.csv', 'report 4.csv']);
    const ft = await live.drive.files.list({ q: "fullText contains 'Kestrel' or name contains 'report 3'", orderBy: 'name desc' });
    expect(ft.data.files!.map((f) => f.name)).toEqual(['report 3.csv', 'plan.txt']);
    const bad = await failure(live.drive.files.list({ q: "name contains 'x' and (" }));
    expect(bad).toMatchObject({ status: 400, reason: 'invalid' });
    const badToken = await failure(live.drive.files.list({ pageToken: 'garbage' }));
    expect(badToken.status).toBe(400);
    const badSize = await failure(live.drive.files.list({ pageSize: 5000 }));
    expect(badSize.status).toBe(400);
  });

  it('files.update renames, moves with addParents/removeParents, trashes, and replaces media', async () => {
    const other = await live.drive.files.create({ requestBody: { name: 'Archive', mimeType: FOLDER_MIME } });
    const moved = await live.drive.files.update({ fileId: textId, addParents: other.data.id!, removeParents: folderId, requestBody: { name: 'plan-v2.txt' }, fields: 'name,parents' });
    expect(moved.data).toEqual({ name: 'plan-v2.txt', parents: [other.data.id] });
    const up = await live.drive.files.update({ fileId: textId, media: { mimeType: 'text/plain', body: 'new body' }, fields: 'size,version' });
    expect(up.data.size).toBe('8');
    const two = await failure(live.drive.files.update({ fileId: textId, addParents: folderId }));
    expect(two).toMatchObject({ status: 403, reason: 'cannotAddParent' });
    const trashed = await live.drive.files.update({ fileId: other.data.id!, requestBody: { trashed: true }, fields: 'trashed' });
    expect(trashed.data.trashed).toBe(true);
    const child = await live.drive.files.get({ fileId: textId, fields: 'trashed,explicitlyTrashed' });
    expect(child.data).toEqual({ trashed: true, explicitlyTrashed: false });
  });

  it('files.copy, files.export, files.generateIds, files.listLabels, files.watch', async () => {
    const copy = await live.drive.files.copy({ fileId, requestBody: {}, fields: 'name,parents' });
    expect(copy.data.name).toBe('Copy of Untitled');
    const doc = await live.drive.files.create({ requestBody: { name: 'Imported', mimeType: DOC_MIME }, media: { mimeType: 'text/plain', body: 'Hello from Drive' } });
    const exported = await live.drive.files.export({ fileId: doc.data.id!, mimeType: 'text/plain' }, { responseType: 'text' });
    expect(exported.data).toContain('Hello from Drive');
    const notDoc = await failure(live.drive.files.export({ fileId, mimeType: 'text/plain' }));
    expect(notDoc).toMatchObject({ status: 403, reason: 'fileNotExportable' });
    const noDownload = await failure(live.drive.files.get({ fileId: doc.data.id!, alt: 'media' }));
    expect(noDownload).toMatchObject({ status: 403, reason: 'fileNotDownloadable' });
    const ids = await live.drive.files.generateIds({ count: 3 });
    expect(ids.data.ids).toHaveLength(3);
    const withId = await live.drive.files.create({ requestBody: { id: ids.data.ids![0]!, name: 'preassigned' } });
    expect(withId.data.id).toBe(ids.data.ids![0]);
    expect((await live.drive.files.listLabels({ fileId })).data).toEqual({ kind: 'drive#labelList', labels: [] });
    const ch = await live.drive.files.watch({ fileId, requestBody: { id: 'chan-1', type: 'web_hook', address: 'https://example.invalid/hook' } });
    expect(ch.data).toMatchObject({ kind: 'api#channel', id: 'chan-1' });
    await live.drive.channels.stop({ requestBody: { id: 'chan-1', resourceId: ch.data.resourceId! } });
  });

  it('permissions: create with notification, list, get, update, delete, owner rules', async () => {
    const p = await live.drive.permissions.create({ fileId: folderId, emailMessage: 'Have a look', requestBody: { type: 'user', role: 'reader', emailAddress: BOB } });
    expect(p.data).toEqual({ kind: 'drive#permission', id: p.data.id, type: 'user', role: 'reader' });
    const notes = Object.values(live.ws.collection('drive.notifications').toObject()) as any[];
    expect(notes.at(-1)).toMatchObject({ recipient: BOB, emailMessage: 'Have a look', fileId: folderId });
    const list = await live.drive.permissions.list({ fileId: folderId });
    expect(list.data.permissions!.map((x) => x.role).sort()).toEqual(['owner', 'reader']);
    const got = await live.drive.permissions.get({ fileId: folderId, permissionId: p.data.id!, fields: 'emailAddress,role' });
    expect(got.data).toEqual({ emailAddress: BOB, role: 'reader' });
    const upd = await live.drive.permissions.update({ fileId: folderId, permissionId: p.data.id!, requestBody: { role: 'writer' } });
    expect(upd.data.role).toBe('writer');
    const link = await live.drive.permissions.create({ fileId, requestBody: { type: 'anyone', role: 'reader' } });
    expect(link.data.id).toBe('anyoneWithLink');
    const owner = list.data.permissions!.find((x) => x.role === 'owner')!;
    expect(await failure(live.drive.permissions.delete({ fileId: folderId, permissionId: owner.id! }))).toMatchObject({ status: 403, reason: 'cannotRemoveOwner' });
    expect(await failure(live.drive.permissions.create({ fileId, requestBody: { type: 'user', role: 'owner', emailAddress: BOB } }))).toMatchObject({ status: 403, reason: 'forbidden' });
    // Bob (a writer on the folder) sees the folder's children through inheritance; the link-shared
    // file is readable by him but only its owner may delete it.
    const bobList = await bob.drive.files.list({ q: `'${folderId}' in parents and trashed = false` });
    expect(bobList.data.files!.length).toBeGreaterThanOrEqual(5);
    expect((await bob.drive.files.get({ fileId, fields: 'capabilities(canEdit)' })).data.capabilities).toEqual({ canEdit: false });
    expect(await failure(bob.drive.files.delete({ fileId }))).toMatchObject({ status: 403, reason: 'insufficientFilePermissions' });
    await live.drive.permissions.delete({ fileId: folderId, permissionId: p.data.id! });
    expect(await failure(bob.drive.files.get({ fileId: folderId }))).toMatchObject({ status: 404 });
  });

  it('comments and replies: create, get, list, update, resolve by reply, delete; fields required', async () => {
    expect(await failure(live.drive.comments.list({ fileId }))).toMatchObject({ status: 400, reason: 'required' });
    const c = await live.drive.comments.create({ fileId, fields: '*', requestBody: { content: 'Please review' } });
    expect(c.data).toMatchObject({ content: 'Please review', resolved: false, author: { me: true } });
    const r = await live.drive.replies.create({ fileId, commentId: c.data.id!, fields: 'id,action', requestBody: { content: 'Done', action: 'resolve' } });
    expect(r.data.action).toBe('resolve');
    const got = await live.drive.comments.get({ fileId, commentId: c.data.id!, fields: 'resolved,replies(content)' });
    expect(got.data).toEqual({ resolved: true, replies: [{ content: 'Done' }] });
    const list = await live.drive.comments.list({ fileId, fields: 'comments(id,content)' });
    expect(list.data.comments).toEqual([{ id: c.data.id, content: 'Please review' }]);
    await live.drive.comments.update({ fileId, commentId: c.data.id!, fields: 'content', requestBody: { content: 'Please review v2' } });
    expect((await live.drive.replies.list({ fileId, commentId: c.data.id!, fields: 'replies(id)' })).data.replies).toHaveLength(1);
    expect((await live.drive.replies.get({ fileId, commentId: c.data.id!, replyId: r.data.id!, fields: 'content' })).data).toEqual({ content: 'Done' });
    await live.drive.replies.update({ fileId, commentId: c.data.id!, replyId: r.data.id!, fields: 'content', requestBody: { content: 'Done!' } });
    await live.drive.replies.delete({ fileId, commentId: c.data.id!, replyId: r.data.id! });
    await live.drive.comments.delete({ fileId, commentId: c.data.id! });
    expect((await live.drive.comments.list({ fileId, fields: 'comments(id)' })).data.comments).toEqual([]);
  });

  it('revisions: list, get, update, delete', async () => {
    await live.drive.files.update({ fileId, media: { mimeType: 'application/pdf', body: Buffer.from('%PDF-1.4 v2') } });
    const list = await live.drive.revisions.list({ fileId, fields: 'revisions(id,keepForever)' });
    expect(list.data.revisions).toHaveLength(2);
    const [first, head] = list.data.revisions!;
    expect((await live.drive.revisions.get({ fileId, revisionId: head!.id! })).data.id).toBe(head!.id);
    const upd = await live.drive.revisions.update({ fileId, revisionId: first!.id!, requestBody: { keepForever: true }, fields: 'keepForever' });
    expect(upd.data.keepForever).toBe(true);
    expect(await failure(live.drive.revisions.delete({ fileId, revisionId: head!.id! }))).toMatchObject({ status: 400 });
    await live.drive.revisions.delete({ fileId, revisionId: first!.id! });
    expect((await live.drive.revisions.list({ fileId })).data.revisions).toHaveLength(1);
  });

  it('about.get, changes.getStartPageToken, changes.list, changes.watch', async () => {
    expect(await failure(live.drive.about.get({}))).toMatchObject({ status: 400 });
    const about = await live.drive.about.get({ fields: 'user(emailAddress,me),storageQuota(limit)' });
    expect(about.data).toEqual({ user: { emailAddress: live.principal, me: true }, storageQuota: { limit: '16106127360' } });
    const start = (await live.drive.changes.getStartPageToken({})).data.startPageToken!;
    await live.drive.files.update({ fileId, requestBody: { starred: true } });
    const ch = await live.drive.changes.list({ pageToken: start, fields: 'newStartPageToken,changes(fileId,removed)' });
    expect(ch.data.changes).toEqual([{ fileId, removed: false }]);
    expect(Number(ch.data.newStartPageToken)).toBeGreaterThan(Number(start));
    const w = await live.drive.changes.watch({ pageToken: start, requestBody: { id: 'c2', type: 'web_hook', address: 'https://example.invalid' } });
    expect(w.data.id).toBe('c2');
  });

  it('drives: create, get, list, update, hide, unhide, delete', async () => {
    const d = await live.drive.drives.create({ requestId: 'req-1', requestBody: { name: 'Team Space' } });
    // The reference: "If the shared drive already exists a 409 error will be returned."
    expect(await failure(live.drive.drives.create({ requestId: 'req-1', requestBody: { name: 'Team Space' } }))).toMatchObject({ status: 409 });
    expect((await live.drive.drives.get({ driveId: d.data.id! })).data.name).toBe('Team Space');
    await live.drive.drives.update({ driveId: d.data.id!, requestBody: { name: 'Team Space 2' } });
    expect((await live.drive.drives.hide({ driveId: d.data.id!, fields: 'hidden' })).data.hidden).toBe(true);
    expect((await live.drive.drives.unhide({ driveId: d.data.id!, fields: 'hidden' })).data.hidden).toBe(false);
    const list = await live.drive.drives.list({ q: "name contains 'Team'" });
    expect(list.data.drives!.map((x) => x.name)).toEqual(['Team Space 2']);
    await live.drive.drives.delete({ driveId: d.data.id! });
    expect(await failure(live.drive.drives.get({ driveId: d.data.id! }))).toMatchObject({ status: 404 });
  });

  it('files.delete (204) and files.emptyTrash remove files for good', async () => {
    const tmp = await live.drive.files.create({ requestBody: { name: 'tmp.txt' }, media: { mimeType: 'text/plain', body: 'x' } });
    const del = await live.drive.files.delete({ fileId: tmp.data.id! });
    expect(del.status).toBe(204);
    expect(await failure(live.drive.files.get({ fileId: tmp.data.id! }))).toMatchObject({ status: 404 });
    const trashedBefore = (await live.drive.files.list({ q: 'trashed = true', fields: 'files(id)' })).data.files!.length;
    expect(trashedBefore).toBeGreaterThan(0);
    await live.drive.files.emptyTrash({});
    expect((await live.drive.files.list({ q: 'trashed = true' })).data.files).toEqual([]);
  });

  it('teamdrives (deprecated): create, get, list, update, delete; a repeated requestId is 409', async () => {
    const t = await live.drive.teamdrives.create({ requestId: 'team-req-1', requestBody: { name: 'Legacy Team' } });
    expect(t.data).toMatchObject({ kind: 'drive#teamDrive', name: 'Legacy Team', capabilities: { canRenameTeamDrive: true, canDeleteTeamDrive: true } });
    expect(await failure(live.drive.teamdrives.create({ requestId: 'team-req-1', requestBody: { name: 'Legacy Team' } }))).toMatchObject({ status: 409 });
    expect((await live.drive.teamdrives.get({ teamDriveId: t.data.id! })).data.name).toBe('Legacy Team');
    expect((await live.drive.teamdrives.update({ teamDriveId: t.data.id!, requestBody: { name: 'Legacy Team 2' } })).data.name).toBe('Legacy Team 2');
    const list = await live.drive.teamdrives.list({ q: "name contains 'Legacy'" });
    expect(list.data).toMatchObject({ kind: 'drive#teamDriveList', teamDrives: [{ id: t.data.id, name: 'Legacy Team 2' }] });
    // The same record is the shared drive drives.* sees.
    expect((await live.drive.drives.get({ driveId: t.data.id! })).data.name).toBe('Legacy Team 2');
    expect((await bob.drive.teamdrives.get({ teamDriveId: t.data.id! }).catch((e) => e.response)).status).toBe(404);
    expect((await live.drive.teamdrives.delete({ teamDriveId: t.data.id! })).status).toBe(204);
  });

  it('accessproposals: an approver lists, gets and accepts (the recipient gets the role) or denies; others are refused', async () => {
    const doc = await live.drive.files.create({ requestBody: { name: 'Board pack.txt' }, media: { mimeType: 'text/plain', body: 'agenda' } });
    const id = doc.data.id!;
    const asked = addAccessProposal(live.ws, { fileId: id, requesterEmail: 'vendor@outside.example', role: 'writer', message: 'Please let me edit' });
    const other = addAccessProposal(live.ws, { fileId: id, requesterEmail: BOB, role: 'reader' });
    const list = await live.drive.accessproposals.list({ fileId: id });
    expect(list.data.accessProposals!.map((p) => [p.requesterEmailAddress, p.rolesAndViews![0]!.role])).toEqual([['vendor@outside.example', 'writer'], [BOB, 'reader']]);
    const got = await live.drive.accessproposals.get({ fileId: id, proposalId: asked.proposalId });
    expect(got.data).toMatchObject({ fileId: id, proposalId: asked.proposalId, recipientEmailAddress: 'vendor@outside.example', requestMessage: 'Please let me edit' });
    expect(await failure(bob.drive.accessproposals.list({ fileId: id }))).toMatchObject({ status: 404 });
    expect(await failure(live.drive.accessproposals.resolve({ fileId: id, proposalId: asked.proposalId, requestBody: { action: 'ACCEPT' } }))).toMatchObject({ status: 400, reason: 'required' });
    const ok = await live.drive.accessproposals.resolve({ fileId: id, proposalId: asked.proposalId, requestBody: { action: 'ACCEPT', role: ['reader', 'commenter'] } });
    expect(ok.status).toBe(204);
    const perms = await live.drive.permissions.list({ fileId: id, fields: 'permissions(emailAddress,role)' });
    expect(perms.data.permissions).toContainEqual({ emailAddress: 'vendor@outside.example', role: 'commenter' });
    await live.drive.accessproposals.resolve({ fileId: id, proposalId: other.proposalId, requestBody: { action: 'DENY' } });
    expect((await live.drive.permissions.list({ fileId: id, fields: 'permissions(emailAddress)' })).data.permissions!.map((p) => p.emailAddress)).not.toContain(BOB);
    expect((await live.drive.accessproposals.list({ fileId: id })).data.accessProposals).toEqual([]);
    expect(await failure(live.drive.accessproposals.get({ fileId: id, proposalId: asked.proposalId }))).toMatchObject({ status: 404, reason: 'notFound' });
  });

  it('approvals: start, get, list, approve, decline, cancel, comment, reassign with the documented state machine', async () => {
    const doc = await live.drive.files.create({ requestBody: { name: 'Contract.txt' }, media: { mimeType: 'text/plain', body: 'terms' } });
    const id = doc.data.id!;
    await live.drive.permissions.create({ fileId: id, sendNotificationEmail: false, requestBody: { type: 'user', role: 'commenter', emailAddress: BOB } });
    const a = await live.drive.approvals.start({ fileId: id, requestBody: { reviewerEmails: [BOB, 'carol.chen@corvidlabs.com'], message: 'Please review' } });
    expect(a.data).toMatchObject({ kind: 'drive#approval', targetFileId: id, status: 'IN_PROGRESS', reviewerResponses: [{ response: 'NO_RESPONSE' }, { response: 'NO_RESPONSE' }] });
    const approvalId = a.data.approvalId!;
    expect(await failure(live.drive.approvals.start({ fileId: id, requestBody: { reviewerEmails: [BOB] } }))).toMatchObject({ status: 400 });
    expect(await failure(bob.drive.approvals.start({ fileId: id, requestBody: { reviewerEmails: [live.principal] } }))).toMatchObject({ status: 403, reason: 'insufficientFilePermissions' });
    expect(await failure(live.drive.approvals.approve({ fileId: id, approvalId, requestBody: {} }))).toMatchObject({ status: 403 });
    const half = await bob.drive.approvals.approve({ fileId: id, approvalId, requestBody: { message: 'LGTM' } });
    expect(half.data.status).toBe('IN_PROGRESS');
    const moved = await live.drive.approvals.reassign({ fileId: id, approvalId, requestBody: { replaceReviewers: [{ removedReviewerEmail: 'carol.chen@corvidlabs.com', addedReviewerEmail: 'dan.diaz@corvidlabs.com' }] } });
    expect(moved.data.reviewerResponses!.map((r) => r.reviewer!.emailAddress)).toEqual([BOB, 'dan.diaz@corvidlabs.com']);
    expect((await live.drive.approvals.comment({ fileId: id, approvalId, requestBody: { message: 'Ping' } })).data.status).toBe('IN_PROGRESS');
    expect((await live.drive.approvals.get({ fileId: id, approvalId })).data.approvalId).toBe(approvalId);
    expect((await live.drive.approvals.cancel({ fileId: id, approvalId, requestBody: {} })).data).toMatchObject({ status: 'CANCELLED', completeTime: expect.any(String) });
    expect(await failure(bob.drive.approvals.approve({ fileId: id, approvalId, requestBody: {} }))).toMatchObject({ status: 400 });
    const b = await live.drive.approvals.start({ fileId: id, requestBody: { reviewerEmails: [BOB] } });
    expect((await bob.drive.approvals.decline({ fileId: id, approvalId: b.data.approvalId!, requestBody: { message: 'No' } })).data.status).toBe('DECLINED');
    const c = await live.drive.approvals.start({ fileId: id, requestBody: { reviewerEmails: [BOB] } });
    expect((await bob.drive.approvals.approve({ fileId: id, approvalId: c.data.approvalId!, requestBody: {} })).data.status).toBe('APPROVED');
    const list = await live.drive.approvals.list({ fileId: id });
    expect(list.data.items!.map((x) => x.status)).toEqual(['CANCELLED', 'DECLINED', 'APPROVED']);
  });

  it('apps.list and apps.get: the Docs editors, filterable by extension and MIME type', async () => {
    const all = await live.drive.apps.list({});
    expect(all.data.items!.map((a) => a.name)).toEqual(['Google Docs', 'Google Sheets', 'Google Slides']);
    expect((await live.drive.apps.list({ appFilterExtensions: 'csv' })).data.items!.map((a) => a.name)).toEqual(['Google Sheets']);
    expect((await live.drive.apps.get({ appId: all.data.items![0]!.id! })).data.name).toBe('Google Docs');
    expect(await failure(live.drive.apps.get({ appId: 'nope' }))).toMatchObject({ status: 404 });
  });

  it('files.download returns a done operation whose downloadUri serves the bytes; operations.get polls it', async () => {
    const f = await live.drive.files.create({ requestBody: { name: 'notes.txt' }, media: { mimeType: 'text/plain', body: 'hello download' } });
    const op = await live.drive.files.download({ fileId: f.data.id! });
    expect(op.data).toMatchObject({ done: true, response: { downloadUri: expect.stringContaining(`/files/${f.data.id}?alt=media`) } });
    const uri = new URL((op.data.response as { downloadUri: string }).downloadUri);
    expect(await (await live.fetch(uri.pathname + uri.search)).text()).toBe('hello download');
    const polled = await live.drive.operations.get({ name: op.data.name! });
    expect(polled.data).toEqual(op.data);
    expect(await failure(bob.drive.operations.get({ name: op.data.name! }))).toMatchObject({ status: 404 });
    expect(await failure(live.drive.files.download({ fileId: f.data.id!, mimeType: 'application/pdf' }))).toMatchObject({ status: 400, reason: 'invalid' });
    const doc = await live.drive.files.create({ requestBody: { name: 'Doc', mimeType: DOC_MIME } });
    const asText = await live.drive.files.download({ fileId: doc.data.id!, mimeType: 'text/plain' });
    expect((asText.data.response as { downloadUri: string }).downloadUri).toContain('/export?mimeType=text%2Fplain');
  });

  it('files.modifyLabels applies, updates and removes labels atomically; files.listLabels lists them', async () => {
    const f = await live.drive.files.create({ requestBody: { name: 'labelled.txt' }, media: { mimeType: 'text/plain', body: 'x' } });
    const id = f.data.id!;
    const r = await live.drive.files.modifyLabels({ fileId: id, requestBody: { labelModifications: [{ labelId: 'confidential', fieldModifications: [{ fieldId: 'level', setSelectionValues: ['high'] }, { fieldId: 'reviewed', setDateValues: ['2026-04-01'] }] }] } });
    expect(r.data).toMatchObject({ kind: 'drive#modifyLabelsResponse', modifiedLabels: [{ id: 'confidential', fields: { level: { selection: ['high'] }, reviewed: { dateString: ['2026-04-01'] } } }] });
    expect(await failure(live.drive.files.modifyLabels({ fileId: id, requestBody: { labelModifications: [{ labelId: 'other' }, { labelId: 'bad id!' }] } }))).toMatchObject({ status: 400, reason: 'invalid' });
    expect((await live.drive.files.listLabels({ fileId: id })).data.labels!.map((l) => l.id)).toEqual(['confidential']);
    await live.drive.files.modifyLabels({ fileId: id, requestBody: { labelModifications: [{ labelId: 'confidential', removeLabel: true }] } });
    expect((await live.drive.files.listLabels({ fileId: id })).data.labels).toEqual([]);
  });

  it('files.generateCseToken: a JWT for a file the caller can edit; fileId and parent together are refused', async () => {
    const f = await live.drive.files.create({ requestBody: { name: 'secret.bin' }, media: { mimeType: 'application/octet-stream', body: 'x' } });
    const t = await live.drive.files.generateCseToken({ fileId: f.data.id! });
    expect(t.data).toMatchObject({ kind: 'drive#generateCseTokenResponse', fileId: f.data.id });
    const claims = JSON.parse(Buffer.from(t.data.jwt!.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ email: live.principal, resource_name: `//googleapis.com/drive/files/${f.data.id}` });
    expect((await live.drive.files.generateCseToken({})).data.fileId).toMatch(/^1/);
    expect(await failure(live.drive.files.generateCseToken({ fileId: f.data.id!, parent: 'root' }))).toMatchObject({ status: 400 });
  });

  it('every implemented drive method was driven through the client', () => {
    track();
    const missing = driveService.operations.map((o) => o.id).filter((id) => !called.has(id));
    expect(missing).toEqual([]);
  });
});

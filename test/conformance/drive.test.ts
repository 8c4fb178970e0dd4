import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
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
    const again = await live.drive.drives.create({ requestId: 'req-1', requestBody: { name: 'Team Space' } });
    expect(again.data.id).toBe(d.data.id);
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

  it('every implemented drive method was driven through the client', () => {
    track();
    const missing = driveService.operations.map((o) => o.id).filter((id) => !called.has(id));
    expect(missing).toEqual([]);
  });
});

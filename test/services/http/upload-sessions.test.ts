/**
 * Unfinished uploads are bounded: Google resumable sessions per trial (count, bytes, a
 * wall-clock TTL, gone with their trial) and Slack's reserved-but-unfinished files (count,
 * bytes, a workspace-clock TTL), each answering the API's own error once gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';
import { startWorkplaceServer, type WorkplaceServer } from '../../../harness/services/http/index.ts';
import { UPLOAD_LIMITS } from '../../../harness/services/http/uploads.ts';
import { PENDING_UPLOAD_LIMITS } from '../../../harness/services/slack/ops/files.ts';
import { COL, type SlackFile } from '../../../harness/services/slack/model.ts';
import { call, ok, trial } from '../slack/helpers.ts';

const MB = 1024 * 1024;
let clock = 0;
let server: WorkplaceServer;
let token: string;
let trialId: string;

beforeAll(async () => {
  server = await startWorkplaceServer({ uploadClock: () => clock, onInternalError: (e) => { throw e; } });
  const t = server.addTrial(createEmptyWorkspace(), { principal: 'owner@corvidlabs.com' });
  token = t.userToken;
  trialId = t.trialId;
});
afterAll(() => server?.close());

/** Opens a Drive resumable session whose metadata is `metaBytes` long; returns the session URL. */
async function open(metaBytes: number, name = 'big.txt'): Promise<string> {
  const meta = JSON.stringify({ name, description: 'x'.repeat(Math.max(0, metaBytes - 40)) });
  const res = await fetch(`${server.url}/upload/drive/v3/files?uploadType=resumable`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-upload-content-type': 'text/plain' }, body: meta,
  });
  expect(res.status).toBe(200);
  return res.headers.get('location')!;
}

describe('google resumable sessions', () => {
  it('uploads in chunks: 308 Resume Incomplete with Range, then the file', async () => {
    const url = await open(100, 'chunked.txt');
    const put = (range: string, body: string) => fetch(url, { method: 'PUT', headers: { 'content-range': range }, body });
    let r = await put('bytes 0-4/11', 'hello');
    expect(r.status).toBe(308);
    expect(r.headers.get('range')).toBe('bytes=0-4');
    r = await fetch(url, { method: 'PUT', headers: { 'content-range': 'bytes */11' } });
    expect([r.status, r.headers.get('range')]).toEqual([308, 'bytes=0-4']);
    // A chunk at the wrong offset is not taken: the answer says where to resume.
    r = await put('bytes 7-10/11', 'rld!');
    expect([r.status, r.headers.get('range')]).toEqual([308, 'bytes=0-4']);
    r = await put('bytes 5-10/11', ' world');
    expect(r.status).toBe(200);
    const file = await r.json() as { id: string; name: string };
    expect(file.name).toBe('chunked.txt');
    const got = await fetch(`${server.url}/drive/v3/files/${file.id}?alt=media`, { headers: { authorization: `Bearer ${token}` } });
    expect(await got.text()).toBe('hello world');
    expect((await fetch(url, { method: 'PUT', body: 'again' })).status).toBe(404);
  });

  it(`twenty unfinished 8 MB sessions: at most ${UPLOAD_LIMITS.maxSessionsPerTrial} stay open and they hold at most 64 MiB; the oldest answer 404`, async () => {
    const urls: string[] = [];
    for (let i = 0; i < 20; i++) {
      clock += 1;
      urls.push(await open(8 * MB, `f${i}.txt`));
    }
    // What the server holds: the stored bytes, not the 160 MB sent.
    const usage = server.uploadUsage(trialId);
    expect(usage.sessions).toBeLessThanOrEqual(UPLOAD_LIMITS.maxSessionsPerTrial);
    expect(usage.bytes).toBeLessThanOrEqual(UPLOAD_LIMITS.maxBytesPerTrial);
    expect(usage.bytes).toBeGreaterThan(0);
    // Probing a session with a status query (Content-Range bytes */*) answers 308 when it is open, 404 when it is gone.
    const live: number[] = [];
    for (let i = 0; i < urls.length; i++) {
      const r = await fetch(urls[i]!, { method: 'PUT', headers: { 'content-range': 'bytes */*' } });
      expect([308, 404]).toContain(r.status);
      if (r.status === 308) live.push(i);
    }
    expect(live.length).toBeLessThanOrEqual(UPLOAD_LIMITS.maxSessionsPerTrial);
    expect(live.length * 8 * MB).toBeLessThanOrEqual(UPLOAD_LIMITS.maxBytesPerTrial);
    expect(live).toEqual(Array.from({ length: live.length }, (_, k) => 20 - live.length + k)); // the newest survive
    const gone = await fetch(urls[0]!, { method: 'PUT', body: 'late' });
    expect(gone.status).toBe(404);
    // Drive's envelope: code and errors[] with reason notFound, no AIP-193 `status`.
    const body = (await gone.json()) as { error: { code: number; status?: string; errors: Array<{ reason: string }> } };
    expect(body.error).toMatchObject({ code: 404, errors: [{ reason: 'notFound' }] });
    expect(body.error.status).toBeUndefined();
  });

  it('a session past its TTL (wall clock) is gone: 404, start again', async () => {
    const url = await open(100, 'slow.txt');
    clock += UPLOAD_LIMITS.ttlMs + 1;
    const r = await fetch(url, { method: 'PUT', body: 'finally' });
    expect(r.status).toBe(404);
  });

  it('a removed trial takes its sessions with it', async () => {
    const t2 = server.addTrial(createEmptyWorkspace(), { principal: 'owner@corvidlabs.com' });
    const res = await fetch(`${server.url}/upload/drive/v3/files?uploadType=resumable`, {
      method: 'POST', headers: { authorization: `Bearer ${t2.userToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x.txt' }),
    });
    const url = res.headers.get('location')!;
    expect(server.uploadUsage(t2.trialId).sessions).toBe(1);
    server.removeTrial(t2.trialId);
    expect(server.uploadUsage(t2.trialId).sessions).toBe(0);
    expect((await fetch(url, { method: 'PUT', body: 'x' })).status).toBe(404);
  });
});

describe('slack unfinished uploads', () => {
  it(`twenty reserved uploads of 8 MB: at most ${PENDING_UPLOAD_LIMITS.maxOpen} unfinished stay, holding at most 64 MiB`, () => {
    const ws = trial();
    const content = 'a'.repeat(8 * MB);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { file_id } = ok(ws, 'files.getUploadURLExternal', { filename: `f${i}.txt`, length: content.length });
      ids.push(file_id);
      expect(ok(ws, 'files.uploadExternal', { file_id, content })).toEqual({});
      ws.advance(1000);
    }
    const unfinished = [...ws.collection<SlackFile>(COL.files).values()].filter((f) => f.state !== 'complete');
    expect(unfinished.length).toBeLessThanOrEqual(PENDING_UPLOAD_LIMITS.maxOpen);
    expect(unfinished.reduce((n, f) => n + f.size, 0)).toBeLessThanOrEqual(PENDING_UPLOAD_LIMITS.maxBytes);
    // The oldest were dropped and answer as Slack does for a lost upload ticket.
    const first = call(ws, 'files.completeUploadExternal', { files: JSON.stringify([{ id: ids[0] }]) });
    expect(first.ok ? 'ok' : first.error.reason).toBe('file_not_found');
    const last = call(ws, 'files.completeUploadExternal', { files: JSON.stringify([{ id: ids[19], title: 'Last' }]) });
    expect(last.ok).toBe(true);
  });

  it('an unfinished upload past its TTL (workspace clock) is gone: file_not_found', () => {
    const ws = trial();
    const { file_id } = ok(ws, 'files.getUploadURLExternal', { filename: 'late.txt', length: 4 });
    ok(ws, 'files.uploadExternal', { file_id, content: 'late' });
    ws.advance(PENDING_UPLOAD_LIMITS.ttlMs + 1000);
    const r = call(ws, 'files.completeUploadExternal', { files: JSON.stringify([{ id: file_id }]) });
    expect(r.ok ? 'ok' : r.error.reason).toBe('file_not_found');
    const { file_id: other } = ok(ws, 'files.getUploadURLExternal', { filename: 'new.txt', length: 3 });
    // Reserving a new upload cleans the expired one out of the state.
    expect(ws.collection<SlackFile>(COL.files).peek(file_id)).toBeUndefined();
    ws.advance(PENDING_UPLOAD_LIMITS.ttlMs + 1000);
    const up = call(ws, 'files.uploadExternal', { file_id: other, content: 'new' });
    expect(up.ok ? 'ok' : up.error.reason).toBe('file_not_found');
  });
});

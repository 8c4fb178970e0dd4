/** The generated router over raw HTTP: templates, encoding, verbs, query arrays, uploads, errors, 204s. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';
import { fixtureWorkspace, type Note } from '../../support/fixture-service.ts';

let live: LiveServer;
const bugs: string[] = [];

beforeAll(async () => {
  live = await startLiveServer({ ws: fixtureWorkspace(), principal: 'cos@corvidlabs.com', onInternalError: (_e, where) => bugs.push(where) });
});
afterAll(() => live.close());

async function json(res: Response): Promise<any> {
  return JSON.parse(await res.text());
}

async function create(title: string, text = 'hello'): Promise<Note> {
  const res = await live.fetch('/fixture/v1/users/me/notes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title, text }) });
  expect(res.status).toBe(200);
  return json(res);
}

describe('google routing', () => {
  it('matches templates, decodes percent-encoded ids and answers JSON with the Google content type', async () => {
    const n = await create('first');
    const res = await live.fetch(`/fixture/v1/users/${encodeURIComponent('bob+x@example.com')}/notes/${n.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const body = await json(res);
    expect(body.echoUserId).toBe('bob+x@example.com');
    expect(body.title).toBe('first');
    expect(live.ws.log.at(-1)).toMatchObject({ op: 'drive.notes.get', face: 'http', outcome: 'ok' });
  });

  it('splits a :verb suffix from the last path param', async () => {
    const n = await create('to-archive');
    const res = await live.fetch(`/fixture/v1/notes/${n.id}:archive`, { method: 'POST', body: JSON.stringify({ reason: 'done' }) });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ note: { id: n.id, archived: true }, reason: 'done' });
  });

  it('prefers literal segments over params (/notes/trash vs /notes/{noteId}) and answers 204 for empty results', async () => {
    const res = await live.fetch('/fixture/v1/users/me/notes/trash', { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(live.ws.log.at(-1)?.op).toBe('drive.notes.emptyTrash');
    const n = await create('to-delete');
    const del = await live.fetch(`/fixture/v1/users/me/notes/${n.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(live.ws.collection('drive.notes').peek(n.id)).toBeUndefined();
  });

  it('collects repeated query keys into arrays and coerces numbers', async () => {
    const res = await live.fetch('/fixture/v1/users/me/notes?tags=a&tags=b&maxResults=1&prettyPrint=false');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.echo).toEqual({ userId: 'me', tags: ['a', 'b'], maxResults: 1 });
    expect(body.notes).toHaveLength(1);
  });

  it('applies a fields mask when the operation does not shape fields itself', async () => {
    await create('masked');
    const res = await live.fetch('/fixture/v1/users/me/notes?fields=notes(id,title)');
    const body = await json(res);
    expect(Object.keys(body)).toEqual(['notes']);
    expect(Object.keys(body.notes[0]).sort()).toEqual(['id', 'title']);
    const bad = await live.fetch('/fixture/v1/users/me/notes?fields=notes(id');
    expect(bad.status).toBe(400);
  });

  it('serves alt=media as raw bytes with the record mime type', async () => {
    const n = await create('media', 'plain words');
    const res = await live.fetch(`/fixture/v1/users/me/notes/${n.id}?alt=media`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toBe('plain words');
    const bad = await live.fetch(`/fixture/v1/users/me/notes/${n.id}?alt=proto`);
    expect(bad.status).toBe(400);
  });
});

describe('uploads', () => {
  it('uploadType=media passes the raw body as media', async () => {
    const res = await live.fetch('/upload/fixture/v1/users/me/notes?uploadType=media', {
      method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2\n',
    });
    // No metadata: the body schema wants a title, so this is a 400 from validation, not a crash.
    // The fixture speaks as Drive, whose legacy envelope has no `status` (Gmail's and Docs' have one).
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error).toMatchObject({ code: 400, errors: [{ domain: 'global', reason: 'invalidArgument' }] });
    expect(error.status).toBeUndefined();
  });

  it('uploadType=multipart splits JSON metadata and the media part', async () => {
    const boundary = 'xyzBOUNDARY';
    const body = [
      `--${boundary}`, 'Content-Type: application/json; charset=UTF-8', '', JSON.stringify({ title: 'sheet' }),
      `--${boundary}`, 'Content-Type: text/csv', '', 'a,b\r\n1,2', `--${boundary}--`, '',
    ].join('\r\n');
    const res = await live.fetch('/upload/fixture/v1/users/me/notes?uploadType=multipart', {
      method: 'POST', headers: { 'content-type': `multipart/related; boundary=${boundary}` }, body,
    });
    expect(res.status).toBe(200);
    const note = await json(res);
    expect(note).toMatchObject({ title: 'sheet', text: 'a,b\r\n1,2', mimeType: 'text/csv', owner: 'cos@corvidlabs.com' });
  });

  it('uploadType=resumable opens a session and runs the operation when the bytes arrive', async () => {
    const start = await live.fetch('/upload/fixture/v1/users/me/notes?uploadType=resumable', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-upload-content-type': 'text/markdown' }, body: JSON.stringify({ title: 'resumed' }),
    });
    expect(start.status).toBe(200);
    const location = start.headers.get('location')!;
    expect(location).toContain('upload_id=');
    const put = await fetch(location, { method: 'PUT', body: '# hi' });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ title: 'resumed', text: '# hi', mimeType: 'text/markdown' });
    const again = await fetch(location, { method: 'PUT', body: '# hi' });
    expect(again.status).toBe(404);
  });

  it('a malformed multipart body is a 400', async () => {
    const res = await live.fetch('/upload/fixture/v1/users/me/notes?uploadType=multipart', {
      method: 'POST', headers: { 'content-type': 'multipart/related; boundary=nope' }, body: 'garbage',
    });
    expect(res.status).toBe(400);
  });
});

describe('errors', () => {
  it('unknown routes get a 404 Google envelope', async () => {
    const res = await live.fetch('/fixture/v1/nowhere');
    expect(res.status).toBe(404);
    expect((await json(res)).error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    const wrongMethod = await live.fetch('/fixture/v1/users/me/notes', { method: 'PUT' });
    expect(wrongMethod.status).toBe(404);
  });

  it('malformed JSON is a 400 and changes nothing', async () => {
    const before = live.ws.hash();
    const res = await live.fetch('/fixture/v1/users/me/notes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title": ' });
    expect(res.status).toBe(400);
    expect((await json(res)).error.errors[0].reason).toBe('parseError');
    expect(live.ws.hash()).toBe(before);
  });

  it('bad percent-encoding in a path is a 400', async () => {
    const res = await live.fetch('/fixture/v1/users/%E0%A4%A/notes');
    expect(res.status).toBe(400);
  });

  it('a write rejected after it wrote is rolled back and answered with the envelope', async () => {
    const before = live.ws.hash();
    const res = await live.fetch('/fixture/v1/users/me/notes', { method: 'POST', body: JSON.stringify({ title: 'reject-after-write' }) });
    expect(res.status).toBe(400);
    expect(live.ws.log.at(-1)).toMatchObject({ op: 'drive.notes.create', outcome: 'invalidArgument', status: 400 });
    // The clock and counters advance per call, so compare records only.
    expect(live.ws.diff()['drive.notes']?.added.some((a) => (a.after as Note).title === 'reject-after-write') ?? false).toBe(false);
    expect(before).not.toBe('');
  });

  it('a missing or unknown token is a 401 with the documented body; a bot token is not a Google token', async () => {
    for (const authorization of ['', 'Bearer nope', `Bearer ${live.botToken}`]) {
      const res = await live.fetch('/fixture/v1/users/me/notes', { headers: { authorization } });
      expect(res.status).toBe(401);
      expect((await json(res)).error.errors[0]).toMatchObject({ reason: 'authError', location: 'Authorization' });
    }
  });

  it('a handler bug is a 500 INTERNAL (and reported), never a hang', async () => {
    const res = await live.fetch('/fixture/v1/boom');
    expect(res.status).toBe(500);
    expect((await json(res)).error.status).toBe('INTERNAL');
    expect(bugs).toEqual(['drive.notes.boom']);
  });

  it('health is public', async () => {
    const res = await fetch(`${live.url}/health`);
    expect(await json(res)).toEqual({ ok: true, trials: 1 });
  });
});

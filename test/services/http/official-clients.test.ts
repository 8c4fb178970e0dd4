/** The official @googleapis/* and @slack/web-api clients against the router, over wire-shaped fixture operations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineOperation, emptyBase, rawResponse, Workspace, type Operation } from '../../../harness/core/index.ts';
import { notFound, validationError } from '../../../harness/services/wire-errors.ts';
import { qList } from '../../../harness/services/wire-schema.ts';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';
import { FIXTURE_SLACK_OPS } from '../../support/fixture-service.ts';

const mediaInfo = (m: { mimeType: string; data: Buffer } | undefined) => (m ? { mimeType: m.mimeType, text: m.data.toString('utf8') } : null);

/** Operations on the real wire paths, with echoing handlers. */
const WIRE_OPS: Operation[] = [
  defineOperation({
    id: 'gmail.users.messages.list', service: 'gmail', style: 'google', kind: 'read', description: 'echo',
    http: { method: 'GET', path: '/gmail/v1/users/{userId}/messages' },
    params: z.object({ userId: z.string().describe('u'), labelIds: qList('labels'), q: z.string().optional().describe('q') }),
    handler: (_c, { params }) => ({ echo: params, resultSizeEstimate: 0 }),
  }),
  defineOperation({
    id: 'gmail.users.messages.send', service: 'gmail', style: 'google', kind: 'write', description: 'echo',
    http: { method: 'POST', path: '/gmail/v1/users/{userId}/messages/send', uploadPath: '/upload/gmail/v1/users/{userId}/messages/send' },
    params: z.object({ userId: z.string().describe('u') }),
    body: z.object({ raw: z.string().optional().describe('raw'), threadId: z.string().optional().describe('t') }),
    handler: (ctx, { body, media }) => {
      ctx.ws.collection('gmail.messages').set('m1', { raw: body.raw ?? null, media: mediaInfo(media) });
      return { id: 'm1', labelIds: ['SENT'], body, media: mediaInfo(media) };
    },
  }),
  defineOperation({
    id: 'gmail.users.messages.delete', service: 'gmail', style: 'google', kind: 'write', description: 'delete',
    http: { method: 'DELETE', path: '/gmail/v1/users/{userId}/messages/{id}' },
    params: z.object({ userId: z.string().describe('u'), id: z.string().describe('id') }),
    handler: (_c, { params }) => {
      if (params.id !== 'm1') throw notFound();
      return undefined;
    },
  }),
  defineOperation({
    id: 'calendar.events.get', service: 'calendar', style: 'google', kind: 'read', description: 'echo',
    http: { method: 'GET', path: '/calendar/v3/calendars/{calendarId}/events/{eventId}' },
    params: z.object({ calendarId: z.string().describe('c'), eventId: z.string().describe('e') }),
    handler: (_c, { params }) => ({ kind: 'calendar#event', ...params }),
  }),
  defineOperation({
    id: 'drive.files.create', service: 'drive', style: 'google', kind: 'write', description: 'echo',
    http: { method: 'POST', path: '/drive/v3/files', uploadPath: '/upload/drive/v3/files' },
    params: z.object({}),
    body: z.object({ name: z.string().optional().describe('n'), mimeType: z.string().optional().describe('m') }),
    handler: (_c, { body, media }) => ({ kind: 'drive#file', id: 'f1', name: body.name ?? 'Untitled', media: mediaInfo(media) }),
  }),
  defineOperation({
    id: 'drive.files.get', service: 'drive', style: 'google', kind: 'read', description: 'download',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}' },
    params: z.object({ fileId: z.string().describe('f'), alt: z.string().optional().describe('alt') }),
    handler: (_c, { params }) => (params.alt === 'media' ? rawResponse('text/plain', `content of ${params.fileId}`) : { kind: 'drive#file', id: params.fileId, name: 'x', mimeType: 'text/plain' }),
  }),
  defineOperation({
    id: 'docs.documents.batchUpdate', service: 'docs', style: 'google', kind: 'write', description: 'echo',
    http: { method: 'POST', path: '/v1/documents/{documentId}:batchUpdate' },
    params: z.object({ documentId: z.string().describe('d') }),
    body: z.object({ requests: z.array(z.record(z.string(), z.unknown())).describe('r') }),
    handler: (_c, { params, body }) => ({ documentId: params.documentId, replies: body.requests.map(() => ({})) }),
  }),
  ...FIXTURE_SLACK_OPS,
];

let live: LiveServer;
beforeAll(async () => {
  const ws = new Workspace(emptyBase(['gmail.messages', 'slack.posts'], '2026-03-16T14:00:00.000Z'), new Map(WIRE_OPS.map((o) => [o.id, o])), validationError);
  live = await startLiveServer({ ws, principal: 'cos@corvidlabs.com' });
});
afterAll(() => live.close());

describe('@googleapis clients', () => {
  it('gmail: repeated labelIds arrive as an array', async () => {
    const { data } = await live.gmail.users.messages.list({ userId: 'me', labelIds: ['INBOX', 'UNREAD'], q: 'from:bob' });
    expect((data as any).echo).toEqual({ userId: 'me', labelIds: ['INBOX', 'UNREAD'], q: 'from:bob' });
  });

  it('gmail: JSON send and media upload (multipart) both reach the mock', async () => {
    const raw = Buffer.from('To: a@b.com\r\nSubject: hi\r\n\r\nbody').toString('base64url');
    const json = await live.gmail.users.messages.send({ userId: 'me', requestBody: { raw } });
    expect((json.data as any).body.raw).toBe(raw);
    const up = await live.gmail.users.messages.send({
      userId: 'me', requestBody: { threadId: 't1' }, media: { mimeType: 'message/rfc822', body: 'To: a@b.com\r\n\r\nhello' },
    });
    expect((up.data as any).media).toEqual({ mimeType: 'message/rfc822', text: 'To: a@b.com\r\n\r\nhello' });
    expect((up.data as any).body).toEqual({ threadId: 't1' });
    expect(live.ws.log.at(-1)).toMatchObject({ op: 'gmail.users.messages.send', face: 'http', outcome: 'ok' });
  });

  it('gmail: delete answers 204 and a missing id is a GaxiosError 404 with the envelope', async () => {
    const ok = await live.gmail.users.messages.delete({ userId: 'me', id: 'm1' });
    expect(ok.status).toBe(204);
    const err = await live.gmail.users.messages.delete({ userId: 'me', id: 'nope' }).catch((e) => e);
    expect(err.status).toBe(404);
    expect(err.response.data.error.status).toBe('NOT_FOUND');
  });

  it('calendar: percent-encoded calendar ids are decoded', async () => {
    const { data } = await live.calendar.events.get({ calendarId: 'bob@example.com', eventId: 'ev+1' });
    expect(data).toMatchObject({ calendarId: 'bob@example.com', eventId: 'ev+1' });
  });

  it('drive: media-only and multipart uploads, and alt=media download', async () => {
    const mediaOnly = await live.drive.files.create({ media: { mimeType: 'text/csv', body: 'a,b' } });
    expect((mediaOnly.data as any).media).toEqual({ mimeType: 'text/csv', text: 'a,b' });
    const multi = await live.drive.files.create({ requestBody: { name: 'notes.txt' }, media: { mimeType: 'text/plain', body: 'hello' } });
    expect(multi.data).toMatchObject({ name: 'notes.txt', media: { mimeType: 'text/plain', text: 'hello' } });
    const dl = await live.drive.files.get({ fileId: 'f9', alt: 'media' }, { responseType: 'text' });
    expect(dl.data).toBe('content of f9');
    const masked = await live.drive.files.get({ fileId: 'f9', fields: 'id,name' });
    expect(masked.data).toEqual({ id: 'f9', name: 'x' });
  });

  it('docs: the :batchUpdate verb routes', async () => {
    const { data } = await live.docs.documents.batchUpdate({ documentId: 'doc1', requestBody: { requests: [{ insertText: { text: 'x', location: { index: 1 } } }] } });
    expect(data).toEqual({ documentId: 'doc1', replies: [{}] });
  });

  it('a request without a token is a 401 GaxiosError (no refresh attempted)', async () => {
    const res = await fetch(`${live.url}/drive/v3/files/f1`);
    expect(res.status).toBe(401);
  });
});

describe('@slack/web-api client', () => {
  it('form bodies with JSON-string fields are parsed; ok:true is merged', async () => {
    const res = await live.slack.apiCall('posts.add', { channel: 'C1', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] });
    expect(res.ok).toBe(true);
    expect((res as any).message.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }]);
    expect((res as any).message.by).toBe('user:cos@corvidlabs.com');
    const bot = await live.slackBot.apiCall('posts.add', { channel: 'C1', text: 'from bot' });
    expect((bot as any).message.by).toBe('bot:cos@corvidlabs.com');
  });

  it('a Buffer switches to multipart/form-data; the file becomes media', async () => {
    const res = await live.slackBot.apiCall('posts.add', { channel: 'C2', filename: 'a.txt', file: Buffer.from('file bytes') });
    expect((res as any).message.file).toMatchObject({ size: 10 });
  });

  it('errors are ok:false platform errors; token kinds are enforced', async () => {
    const noText = await live.slack.apiCall('posts.add', { channel: 'C1' }).catch((e) => e);
    expect(noText.code).toBe('slack_webapi_platform_error');
    expect(noText.data.error).toBe('no_text');
    const wrongKind = await live.slack.apiCall('posts.botOnly', {}).catch((e) => e);
    expect(wrongKind.data.error).toBe('not_allowed_token_type');
    expect((await live.slackBot.apiCall('posts.botOnly', {})).ok).toBe(true);
    const unknown = await live.slack.apiCall('nope.nothing', {}).catch((e) => e);
    expect(unknown.data).toMatchObject({ error: 'unknown_method', req_method: 'nope.nothing' });
  });

  it('tokens: header, token form field, missing (not_authed), unknown (invalid_auth)', async () => {
    const post = (headers: Record<string, string>, body: string) => fetch(`${live.url}/api/posts.list`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body }).then((r) => r.json());
    expect(await post({}, `token=${live.userToken}&channel=C1`)).toMatchObject({ ok: true });
    expect(await post({}, 'channel=C1')).toEqual({ ok: false, error: 'not_authed' });
    expect(await post({ authorization: 'Bearer xoxp-forged' }, '')).toEqual({ ok: false, error: 'invalid_auth' });
    const json = await fetch(`${live.url}/api/posts.add`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${live.userToken}` }, body: JSON.stringify({ channel: 'C3', text: 'json body' }) }).then((r) => r.json());
    expect(json).toMatchObject({ ok: true, channel: 'C3' });
    const get = await fetch(`${live.url}/api/posts.list?channel=C3&token=${live.userToken}`).then((r) => r.json());
    expect(get.posts).toHaveLength(1);
    const bad = await fetch(`${live.url}/api/posts.add`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${live.userToken}` }, body: '{oops' });
    expect(bad.status).toBe(200);
    expect(await bad.json()).toEqual({ ok: false, error: 'invalid_json' });
  });

  it('validation failures are invalid_arguments, not crashes', async () => {
    const err = await live.slack.apiCall('posts.add', { channel: 'C1', blocks: 'not json' }).catch((e) => e);
    expect(err.data.error).toBe('invalid_arguments');
  });
});

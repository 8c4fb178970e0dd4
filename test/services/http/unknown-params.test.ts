/** Unknown query parameters over HTTP: Gmail and Docs answer 400 "Unknown name" (naming the closest valid one), Drive and Calendar ignore them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';

let live: LiveServer;
beforeAll(async () => {
  live = await startLiveServer();
});
afterAll(() => live.close());

describe('unknown query parameters', () => {
  it('Gmail refuses `query` instead of `q`, naming q, and logs the refused call', async () => {
    const r = await live.fetch('/gmail/v1/users/me/messages?query=from:ceo');
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.error.status).toBe('INVALID_ARGUMENT');
    expect(body.error.message).toContain('Unknown name "query"');
    expect(body.error.message).toContain('Did you mean "q"');
    expect(live.ws.log.at(-1)).toMatchObject({ op: 'gmail.users.messages.list', outcome: 'invalidArgument' });
  });
  it('the official Gmail client, sending only declared parameters, is unaffected', async () => {
    const { data } = await live.gmail.users.messages.list({ userId: 'me', q: 'is:unread', maxResults: 2, includeSpamTrash: false });
    expect(Array.isArray(data.messages ?? [])).toBe(true);
  });
  it('Drive and Calendar ignore a parameter they do not know, as their frontends do', async () => {
    expect((await live.fetch('/drive/v3/files?query=x&pageSize=1')).status).toBe(200);
    expect((await live.fetch('/calendar/v3/users/me/calendarList?query=x')).status).toBe(200);
  });
});

/**
 * Calendar push notifications delivered: events.watch (and acl, calendarList, settings
 * watches) with a local `address` get the documented POSTs — `sync` right after the watch,
 * then `exists` on each change — with the X-Goog-* headers, received by a real HTTP server
 * on 127.0.0.1; channels.stop ends them; addresses off this machine are never contacted.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';
import { googleClients } from '../../support/official-clients.ts';
import { calendarBase, OWNER, CEO } from './helpers.ts';

interface Received { readonly path: string; readonly headers: IncomingHttpHeaders; readonly body: string }

let live: LiveServer;
let receiver: Server;
let received: Received[];
let address: string;

beforeEach(async () => {
  received = [];
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  address = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  live = await startLiveServer({ base: calendarBase(), principal: OWNER });
});
afterEach(async () => {
  await live?.close();
  await new Promise((r) => receiver.close(r));
});

/** Waits (bounded) until `n` notifications arrived. */
async function arrived(n: number): Promise<Received[]> {
  for (let i = 0; i < 200 && received.length < n; i++) await new Promise((r) => setTimeout(r, 10));
  return received;
}

const event = (summary: string) => ({ summary, start: { dateTime: '2026-04-07T10:00:00Z' }, end: { dateTime: '2026-04-07T11:00:00Z' } });

describe('events.watch delivers to a local address', () => {
  it('sync, then exists on each change to the calendar, numbered; channels.stop ends them', async () => {
    const ch = await live.calendar.events.watch({ calendarId: 'primary', requestBody: { id: 'chan-1', type: 'web_hook', address: `${address}/hook`, token: 'target=app' } });
    const [sync] = await arrived(1);
    expect(sync!.path).toBe('/hook');
    expect(sync!.body).toBe('');
    expect(sync!.headers).toMatchObject({
      'x-goog-channel-id': 'chan-1', 'x-goog-channel-token': 'target=app', 'x-goog-resource-id': ch.data.resourceId,
      'x-goog-resource-uri': ch.data.resourceUri, 'x-goog-resource-state': 'sync', 'x-goog-message-number': '1',
    });
    expect(new Date(String(sync!.headers['x-goog-channel-expiration'])).getTime()).toBe(Number(ch.data.expiration));

    const created = await live.calendar.events.insert({ calendarId: 'primary', requestBody: event('Planning') });
    await live.calendar.events.patch({ calendarId: 'primary', eventId: created.data.id!, requestBody: { location: 'Room 2' } });
    const got = await arrived(3);
    expect(got.map((r) => [r.headers['x-goog-resource-state'], r.headers['x-goog-message-number']])).toEqual([['sync', '1'], ['exists', '2'], ['exists', '3']]);

    // A read changes nothing and notifies nobody; a change to another calendar does not concern this channel.
    await live.calendar.events.list({ calendarId: 'primary', maxResults: 1 });
    const other = await live.calendar.calendars.insert({ requestBody: { summary: 'Side project' } });
    await live.calendar.events.insert({ calendarId: other.data.id!, requestBody: event('Elsewhere') });
    await live.calendar.channels.stop({ requestBody: { id: 'chan-1', resourceId: ch.data.resourceId! } });
    await live.calendar.events.delete({ calendarId: 'primary', eventId: created.data.id! });
    await new Promise((r) => setTimeout(r, 100));
    expect(received.length).toBe(3);
  });

  it('an invitation from someone else landing on the watched primary calendar notifies it too', async () => {
    await live.calendar.events.watch({ calendarId: 'primary', requestBody: { id: 'chan-inv', type: 'web_hook', address } });
    await arrived(1);
    // The CEO, on the same workspace, invites the owner from the CEO's own calendar.
    const { userToken } = live.server.addTrial(live.ws, { principal: CEO.email });
    const ceo = googleClients(live.url, userToken).calendar;
    await ceo.events.insert({ calendarId: 'primary', requestBody: { ...event('1:1'), attendees: [{ email: OWNER }] } });
    await ceo.events.insert({ calendarId: 'primary', requestBody: event('CEO only') });
    await new Promise((r) => setTimeout(r, 100));
    expect((await arrived(2)).map((r) => [r.headers['x-goog-resource-state'], r.headers['x-goog-message-number']])).toEqual([['sync', '1'], ['exists', '2']]);
  });

  it('acl, calendarList and settings channels deliver for their own resources', async () => {
    await live.calendar.acl.watch({ calendarId: 'primary', requestBody: { id: 'acl-1', type: 'web_hook', address: `${address}/acl` } });
    await live.calendar.calendarList.watch({ requestBody: { id: 'list-1', type: 'web_hook', address: `${address}/list` } });
    await arrived(2);
    await live.calendar.acl.insert({ calendarId: 'primary', requestBody: { role: 'reader', scope: { type: 'user', value: CEO.email } } });
    await arrived(3);
    const cal = await live.calendar.calendars.insert({ requestBody: { summary: 'New' } });
    await arrived(4);
    expect(received.map((r) => `${r.path} ${r.headers['x-goog-resource-state']}`)).toEqual(['/acl sync', '/list sync', '/acl exists', '/list exists']);
    expect(cal.status).toBe(200);
  });

  it('never contacts an address off this machine (recorded only), and the call does not wait for a slow receiver', async () => {
    const res = await live.calendar.events.watch({ calendarId: 'primary', requestBody: { id: 'far', type: 'web_hook', address: 'https://hooks.example.com/notify' } });
    expect(res.status).toBe(200);
    await live.calendar.events.insert({ calendarId: 'primary', requestBody: event('Quiet') });
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toEqual([]);
    expect(live.ws.collection<{ address?: string }>('calendar.channels').peek('far')?.address).toBe('https://hooks.example.com/notify');
  });
});

/**
 * Calendar wire fidelity, from the v3 reference, through the official client against a live
 * server: the events.list envelope and the update (PUT) response carry every documented
 * field, and errors use Calendar's legacy envelope (no `status`, `location` for parameters).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';
import { calendarBase, OWNER } from './helpers.ts';

let live: LiveServer;
beforeAll(async () => { live = await startLiveServer({ base: calendarBase(), principal: OWNER }); });
afterAll(async () => { await live?.close(); });

const EVENT_ALWAYS = ['kind', 'etag', 'id', 'status', 'htmlLink', 'created', 'updated', 'creator', 'organizer', 'start', 'end', 'iCalUID', 'sequence', 'reminders', 'eventType'];

describe('events', () => {
  it('the events.list envelope has every documented field, with nextPageToken on a full page and nextSyncToken on the last', async () => {
    const first = (await live.calendar.events.list({ calendarId: 'primary', maxResults: 1, singleEvents: true })).data;
    for (const k of ['kind', 'etag', 'summary', 'updated', 'timeZone', 'accessRole', 'defaultReminders', 'items', 'nextPageToken']) expect(first, k).toHaveProperty(k);
    expect(first.kind).toBe('calendar#events');
    expect(first.nextSyncToken).toBeUndefined();
    const fresh = (await live.calendar.calendars.insert({ requestBody: { summary: 'Empty' } })).data;
    const last = (await live.calendar.events.list({ calendarId: fresh.id! })).data;
    for (const k of ['kind', 'etag', 'summary', 'updated', 'timeZone', 'accessRole', 'defaultReminders', 'items', 'nextSyncToken']) expect(last, k).toHaveProperty(k);
    expect(last.items).toEqual([]);
    expect(last.nextPageToken).toBeUndefined();
  });

  it('an update (PUT) answers the whole event: reminders back to the defaults, type, identity and people kept', async () => {
    const created = (await live.calendar.events.insert({ calendarId: 'primary', requestBody: {
      summary: 'Review', start: { dateTime: '2026-04-07T10:00:00Z' }, end: { dateTime: '2026-04-07T11:00:00Z' },
      reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 5 }] },
    } })).data;
    const put = (await live.calendar.events.update({ calendarId: 'primary', eventId: created.id!, requestBody: {
      summary: 'Review (moved)', start: { dateTime: '2026-04-08T10:00:00Z' }, end: { dateTime: '2026-04-08T11:00:00Z' },
    } })).data;
    for (const k of EVENT_ALWAYS) expect(put, k).toHaveProperty(k);
    expect(put).toMatchObject({ id: created.id, iCalUID: created.iCalUID, created: created.created, reminders: { useDefault: true }, eventType: 'default', summary: 'Review (moved)' });
    expect(put.sequence).toBeGreaterThan(created.sequence!);
    const got = (await live.calendar.events.get({ calendarId: 'primary', eventId: created.id! })).data;
    expect(got).toEqual(put);
  });

  it('errors use the legacy envelope: code, message, errors[] with location for a bad parameter, no status', async () => {
    const err = await live.calendar.events.list({ calendarId: 'primary', timeZone: 'Mars/Olympus' }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.response.data).toEqual({ error: {
      code: 400, message: 'Invalid time zone: Mars/Olympus',
      errors: [{ message: 'Invalid time zone: Mars/Olympus', domain: 'global', reason: 'timeZoneNotValid', location: 'timeZone', locationType: 'parameter' }],
    } });
    const missing = await live.calendar.events.get({ calendarId: 'primary', eventId: 'nosuchevent00' }).catch((e) => e);
    expect(missing.response.data).toEqual({ error: { code: 404, message: 'Not Found', errors: [{ message: 'Not Found', domain: 'global', reason: 'notFound' }] } });
  });
});

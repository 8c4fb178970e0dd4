/** Calendar v3 through the official @googleapis/calendar client against a live server: every method, errors, paging. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GaxiosError } from 'gaxios';
import type { calendar_v3 } from '@googleapis/calendar';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { CEO, OWNER, SHARED, calendarBase, company } from '../services/calendar/helpers.ts';

let live: LiveServer;
beforeAll(async () => {
  live = await startLiveServer({ base: calendarBase(), principal: OWNER });
});
afterAll(() => live?.close());

const colleague = company.employees.find((p) => p.team === 'Engineering' && p.managerId !== null)!;
const outsider = company.outsiders.find((p) => p.relation === 'customer')!;

/** Runs a call expected to fail and returns Google's status and reason. */
async function failure(p: Promise<unknown>): Promise<{ status: number | undefined; reason: string | undefined; code: unknown }> {
  try {
    await p;
  } catch (e) {
    const err = e as GaxiosError<{ error: { code: number; errors: Array<{ reason: string }> } }>;
    return { status: err.status ?? err.response?.status, reason: err.response?.data?.error?.errors?.[0]?.reason, code: err.response?.data?.error?.code };
  }
  throw new Error('expected the call to fail');
}

const lastOp = () => live.ws.log.at(-1)?.op;

describe('events', () => {
  it('list: time window, singleEvents, orderBy, pagination and sync', async () => {
    const cal = live.calendar;
    const { data } = await cal.events.list({ calendarId: 'primary', timeMin: '2026-03-16T00:00:00Z', timeMax: '2026-03-21T00:00:00Z', singleEvents: true, orderBy: 'startTime', maxResults: 5 });
    expect(lastOp()).toBe('calendar.events.list');
    expect(data.kind).toBe('calendar#events');
    expect(data.items).toHaveLength(5);
    expect(data.nextPageToken).toBeTruthy();
    const starts: string[] = [];
    let token: string | undefined | null = undefined;
    let sync: string | undefined | null;
    do {
      const page: { data: calendar_v3.Schema$Events } = await cal.events.list({ calendarId: 'primary', timeMin: '2026-03-16T00:00:00Z', timeMax: '2026-03-21T00:00:00Z', singleEvents: true, orderBy: 'startTime', maxResults: 5, ...(token ? { pageToken: token } : {}) });
      for (const e of page.data.items ?? []) starts.push(String(Date.parse(e.start?.dateTime ?? `${e.start?.date}T00:00:00Z`)).padStart(15, '0'));
      token = page.data.nextPageToken;
      sync = page.data.nextSyncToken;
    } while (token);
    expect(starts.length).toBeGreaterThan(15);
    expect([...starts].sort()).toEqual(starts);
    expect(sync).toBeTruthy();
    expect((await failure(cal.events.list({ calendarId: 'primary', pageToken: 'not-a-token' }))).status).toBe(400);
    expect(await failure(cal.events.list({ calendarId: 'primary', timeMin: 'last tuesday' }))).toMatchObject({ status: 400 });
    expect(await failure(cal.events.list({ calendarId: 'primary', syncToken: 'CPstale' }))).toMatchObject({ status: 410, reason: 'fullSyncRequired' });
    const full = await cal.events.list({ calendarId: 'primary', showDeleted: true, maxResults: 2500 });
    const delta0 = await cal.events.list({ calendarId: 'primary', syncToken: full.data.nextSyncToken! });
    expect(delta0.data.items).toEqual([]);
  });

  it('insert/get/patch/update/delete with percent-encoded calendar ids', async () => {
    const cal = live.calendar;
    const { data: ev } = await cal.events.insert({
      calendarId: CEO.email, sendUpdates: 'externalOnly', conferenceDataVersion: 1,
      requestBody: {
        summary: 'Investor call', start: { dateTime: '2026-03-19T09:00:00', timeZone: 'Europe/London' }, end: { dateTime: '2026-03-19T09:45:00', timeZone: 'Europe/London' },
        attendees: [{ email: outsider.email }, { email: colleague.email }], conferenceData: { createRequest: { requestId: 'req-1' } },
      },
    });
    expect(lastOp()).toBe('calendar.events.insert');
    expect(ev.organizer?.email).toBe(CEO.email);
    expect(ev.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(ev.start?.dateTime).toBe('2026-03-19T09:00:00Z'.replace('Z', '+00:00'));
    const got = await cal.events.get({ calendarId: CEO.email, eventId: ev.id! });
    expect(got.data.etag).toBe(ev.etag);
    const patched = await cal.events.patch({ calendarId: CEO.email, eventId: ev.id!, sendUpdates: 'all', requestBody: { location: 'Zoom' } });
    expect(patched.data.location).toBe('Zoom');
    const updated = await cal.events.update({ calendarId: CEO.email, eventId: ev.id!, requestBody: { summary: 'Investor call v2', start: ev.start, end: ev.end, attendees: ev.attendees } });
    expect(updated.data.location).toBeUndefined();
    const del = await cal.events.delete({ calendarId: CEO.email, eventId: ev.id!, sendUpdates: 'all' });
    expect(del.status).toBe(204);
    expect(await failure(cal.events.delete({ calendarId: CEO.email, eventId: ev.id! }))).toMatchObject({ status: 410, reason: 'deleted' });
    expect(await failure(cal.events.get({ calendarId: 'primary', eventId: 'nosuchevent1' }))).toMatchObject({ status: 404, reason: 'notFound' });
    expect(await failure(cal.events.insert({ calendarId: 'primary', requestBody: { summary: 'x', start: { dateTime: '2026-03-19T10:00:00Z' }, end: { dateTime: '2026-03-19T09:00:00Z' } } }))).toMatchObject({ status: 400, reason: 'timeRangeEmpty' });
    const kinds = Object.values(live.ws.dump()['calendar.notifications']!).map((n) => (n as { kind: string; recipients: string[] }).kind);
    expect(kinds).toEqual(['invite', 'update', 'cancel']);
  });

  it('organizer rule over the wire: 403 forbiddenForNonOrganizer', async () => {
    const { data } = await live.calendar.events.list({ calendarId: 'primary', q: 'Board prep', singleEvents: true, timeMin: '2026-03-01T00:00:00Z', timeMax: '2026-04-01T00:00:00Z' });
    const inst = data.items!.find((e) => e.organizer?.email === CEO.email)!;
    expect(inst.summary).toBe('Board prep');
    expect(await failure(live.calendar.events.patch({ calendarId: 'primary', eventId: inst.id!, requestBody: { summary: 'mine now' } }))).toMatchObject({ status: 403, reason: 'forbiddenForNonOrganizer' });
    const attendees = inst.attendees!.map((a) => (a.self ? { ...a, responseStatus: 'tentative' } : a));
    const rsvp = await live.calendar.events.patch({ calendarId: 'primary', eventId: inst.id!, requestBody: { attendees } });
    expect(rsvp.data.attendees!.find((a) => a.self)?.responseStatus).toBe('tentative');
  });

  it('instances, quickAdd, import, move', async () => {
    const cal = live.calendar;
    const series = await cal.events.insert({ calendarId: 'primary', requestBody: { summary: 'Wire weekly', recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4'], start: { dateTime: '2026-03-03T09:00:00', timeZone: 'America/New_York' }, end: { dateTime: '2026-03-03T09:30:00', timeZone: 'America/New_York' } } });
    const inst = await cal.events.instances({ calendarId: 'primary', eventId: series.data.id!, maxResults: 3 });
    expect(lastOp()).toBe('calendar.events.instances');
    expect(inst.data.items!.map((i) => i.start?.dateTime)).toEqual(['2026-03-03T09:00:00-05:00', '2026-03-10T09:00:00-04:00', '2026-03-17T09:00:00-04:00']);
    const page2 = await cal.events.instances({ calendarId: 'primary', eventId: series.data.id!, maxResults: 3, pageToken: inst.data.nextPageToken! });
    expect(page2.data.items).toHaveLength(1);
    const qa = await cal.events.quickAdd({ calendarId: 'primary', text: 'Lunch with Ana tomorrow at 12:30pm for 45 minutes' });
    expect(qa.data.summary).toBe('Lunch with Ana');
    expect(qa.data.start?.dateTime).toBe('2026-03-17T12:30:00-04:00');
    expect(qa.data.end?.dateTime).toBe('2026-03-17T13:15:00-04:00');
    const imp = await cal.events.import({ calendarId: 'primary', requestBody: { iCalUID: 'ext-123@partner.example', summary: 'Imported', organizer: { email: outsider.email }, attendees: [{ email: outsider.email }, { email: OWNER, responseStatus: 'accepted' }], start: { date: '2026-05-01' }, end: { date: '2026-05-02' } } });
    expect(imp.data.organizer?.email).toBe(outsider.email);
    expect(imp.data.attendees!.map((a) => [a.email, !!a.organizer])).toEqual([[outsider.email, true], [OWNER, false]]);
    expect(Object.values(live.ws.dump()['calendar.notifications'] ?? {}).some((n) => (n as { eventId?: string }).eventId === imp.data.id)).toBe(false);
    const again = await cal.events.import({ calendarId: 'primary', requestBody: { iCalUID: 'ext-123@partner.example', summary: 'Imported (updated)', start: { date: '2026-05-01' }, end: { date: '2026-05-02' } } });
    expect(again.data.id).toBe(imp.data.id);
    expect(await failure(cal.events.import({ calendarId: 'primary', requestBody: { summary: 'no uid', start: { date: '2026-05-01' }, end: { date: '2026-05-02' } } }))).toMatchObject({ status: 400 });
    const moved = await cal.events.move({ calendarId: 'primary', eventId: qa.data.id!, destination: SHARED.companyEvents });
    expect(moved.data.organizer?.email).toBe(SHARED.companyEvents);
    expect(await failure(cal.events.get({ calendarId: 'primary', eventId: qa.data.id! }))).toMatchObject({ status: 404 });
    expect(await failure(cal.events.move({ calendarId: 'primary', eventId: inst.data.items![0]!.id!, destination: SHARED.companyEvents }))).toMatchObject({ status: 400 });
    expect(await failure(cal.events.move({ calendarId: SHARED.companyEvents, eventId: qa.data.id!, destination: SHARED.holidays }))).toMatchObject({ status: 403 });
  });

  it('watch and channels.stop', async () => {
    const w = await live.calendar.events.watch({ calendarId: 'primary', requestBody: { id: 'chan-1', type: 'web_hook', address: 'https://example.com/hook' } });
    expect(w.data).toMatchObject({ kind: 'api#channel', id: 'chan-1' });
    const stop = await live.calendar.channels.stop({ requestBody: { id: 'chan-1', resourceId: w.data.resourceId! } });
    expect(stop.status).toBe(204);
    expect(await failure(live.calendar.channels.stop({ requestBody: { id: 'chan-1', resourceId: w.data.resourceId! } }))).toMatchObject({ status: 404 });
    const l = await live.calendar.calendarList.watch({ requestBody: { id: 'chan-2', type: 'web_hook', address: 'https://example.com/hook' } });
    const a = await live.calendar.acl.watch({ calendarId: 'primary', requestBody: { id: 'chan-3', type: 'web_hook', address: 'https://example.com/hook' } });
    const s = await live.calendar.settings.watch({ requestBody: { id: 'chan-4', type: 'web_hook', address: 'https://example.com/hook' } });
    expect([l.data.id, a.data.id, s.data.id]).toEqual(['chan-2', 'chan-3', 'chan-4']);
  });
});

describe('calendarList', () => {
  it('lists with access roles, gets, inserts, patches, updates, deletes', async () => {
    const cl = live.calendar.calendarList;
    const { data } = await cl.list({ maxResults: 3 });
    expect(data.items).toHaveLength(3);
    const all = [...data.items!, ...(await cl.list({ maxResults: 3, pageToken: data.nextPageToken! })).data.items!, ...(await cl.list({ showHidden: true })).data.items!];
    const byId = new Map(all.map((e) => [e.id, e]));
    expect(byId.get(OWNER)).toMatchObject({ primary: true, accessRole: 'owner' });
    expect(byId.get(SHARED.holidays)?.accessRole).toBe('reader');
    expect(byId.get(CEO.email)?.accessRole).toBe('writer');
    expect(byId.get(SHARED.launches)?.hidden).toBe(true);
    const writers = await cl.list({ minAccessRole: 'writer' });
    expect(writers.data.items!.every((e) => e.accessRole === 'writer' || e.accessRole === 'owner')).toBe(true);
    expect((await cl.get({ calendarId: 'primary' })).data.id).toBe(OWNER);
    expect(await failure(cl.get({ calendarId: 'stranger@gmail.com' }))).toMatchObject({ status: 404 });
    const ins = await cl.insert({ requestBody: { id: colleague.email, summaryOverride: 'Eng buddy' } });
    expect(ins.data).toMatchObject({ id: colleague.email, accessRole: 'freeBusyReader', summaryOverride: 'Eng buddy' });
    const pat = await cl.patch({ calendarId: colleague.email, colorRgbFormat: true, requestBody: { backgroundColor: '#123456', foregroundColor: '#ffffff' } });
    expect(pat.data.backgroundColor).toBe('#123456');
    expect(await failure(cl.patch({ calendarId: colleague.email, requestBody: { backgroundColor: '#123456' } }))).toMatchObject({ status: 400 });
    const upd = await cl.update({ calendarId: colleague.email, requestBody: { colorId: '3' } });
    expect(upd.data.summaryOverride).toBeUndefined();
    expect((await cl.delete({ calendarId: colleague.email })).status).toBe(204);
    expect(await failure(cl.delete({ calendarId: 'primary' }))).toMatchObject({ status: 400 });
  });
});

describe('calendars and acl', () => {
  it('creates, edits, shares, clears and deletes calendars', async () => {
    const c = live.calendar;
    const { data: made } = await c.calendars.insert({ requestBody: { summary: 'Board logistics', timeZone: 'Europe/Berlin' } });
    expect(made.id).toMatch(/@group\.calendar\.google\.com$/);
    expect((await c.calendars.get({ calendarId: made.id! })).data.summary).toBe('Board logistics');
    expect((await c.calendars.patch({ calendarId: made.id!, requestBody: { description: 'Travel and rooms' } })).data.description).toBe('Travel and rooms');
    expect((await c.calendars.update({ calendarId: made.id!, requestBody: { summary: 'Board logistics 2026' } })).data.description).toBeUndefined();
    expect(await failure(c.calendars.patch({ calendarId: SHARED.executive, requestBody: { summary: 'Mine' } }))).toMatchObject({ status: 403 });
    expect(await failure(c.calendars.insert({ requestBody: { summary: 'Bad zone', timeZone: 'Mars/Base' } }))).toMatchObject({ status: 400 });

    const acl = c.acl;
    const rule = await acl.insert({ calendarId: made.id!, requestBody: { role: 'reader', scope: { type: 'user', value: outsider.email } } });
    expect(rule.data).toMatchObject({ id: `user:${outsider.email}`, role: 'reader' });
    const share = Object.values(live.ws.dump()['calendar.notifications']!).map((n) => n as { kind: string; recipients: string[] }).find((n) => n.kind === 'share');
    expect(share?.recipients).toEqual([outsider.email]);
    expect((await acl.get({ calendarId: made.id!, ruleId: rule.data.id! })).data.role).toBe('reader');
    expect((await acl.patch({ calendarId: made.id!, ruleId: rule.data.id!, requestBody: { role: 'writer' } })).data.role).toBe('writer');
    expect((await acl.update({ calendarId: made.id!, ruleId: rule.data.id!, requestBody: { role: 'freeBusyReader', scope: { type: 'user', value: outsider.email } } })).data.role).toBe('freeBusyReader');
    await acl.insert({ calendarId: made.id!, sendNotifications: false, requestBody: { role: 'reader', scope: { type: 'domain', value: 'corvidlabs.com' } } });
    const listed = await acl.list({ calendarId: made.id!, maxResults: 2 });
    const rest = await acl.list({ calendarId: made.id!, maxResults: 2, pageToken: listed.data.nextPageToken! });
    expect([...listed.data.items!, ...rest.data.items!].map((r) => r.id).sort()).toEqual(['domain:corvidlabs.com', `user:${OWNER}`, `user:${outsider.email}`].sort());
    expect((await acl.delete({ calendarId: made.id!, ruleId: rule.data.id! })).status).toBe(204);
    expect(await failure(acl.get({ calendarId: made.id!, ruleId: rule.data.id! }))).toMatchObject({ status: 404 });
    expect(await failure(acl.list({ calendarId: SHARED.holidays }))).toMatchObject({ status: 403 });

    await c.events.insert({ calendarId: made.id!, requestBody: { summary: 'Hotel', start: { date: '2026-04-20' }, end: { date: '2026-04-22' } } });
    expect(await failure(c.calendars.clear({ calendarId: made.id! }))).toMatchObject({ status: 400 });
    expect((await c.calendars.transferOwnership({ calendarId: made.id!, newDataOwner: CEO.email, useAdminAccess: false })).status).toBe(204); // "If successful, the response body is empty."
    // The old owner keeps writer access, and writer access "provides read access to the calendar's ACLs".
    expect((await c.acl.get({ calendarId: made.id!, ruleId: `user:${OWNER}` })).data.role).toBe('writer');
    expect(await failure(c.acl.patch({ calendarId: made.id!, ruleId: `user:${OWNER}`, requestBody: { role: 'owner' } }))).toMatchObject({ status: 403 });
    expect(await failure(c.calendars.delete({ calendarId: made.id! }))).toMatchObject({ status: 403 });
    const { data: scratch } = await c.calendars.insert({ requestBody: { summary: 'Scratch' } });
    expect((await c.calendars.delete({ calendarId: scratch.id! })).status).toBe(204);
    expect(await failure(c.calendars.get({ calendarId: scratch.id! }))).toMatchObject({ status: 404 });
    expect(await failure(c.calendars.delete({ calendarId: 'primary' }))).toMatchObject({ status: 400 });
  });

  it('clears the primary calendar', async () => {
    const other = await startLiveServer({ base: calendarBase(), principal: colleague.email });
    try {
      const before = await other.calendar.events.list({ calendarId: 'primary', maxResults: 2500 });
      const own = before.data.items!.filter((e) => e.organizer?.self && e.status !== 'cancelled');
      expect(own.length).toBeGreaterThan(0);
      expect((await other.calendar.calendars.clear({ calendarId: 'primary' })).status).toBe(204);
      const after = await other.calendar.events.list({ calendarId: 'primary', maxResults: 2500 });
      expect(after.data.items!.filter((e) => e.organizer?.self)).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('freebusy, colors, settings', () => {
  it('freebusy over colleagues, with notFound for unknown calendars', async () => {
    const { data } = await live.calendar.freebusy.query({ requestBody: { timeMin: '2026-03-16T00:00:00Z', timeMax: '2026-04-15T00:00:00Z', items: [{ id: 'primary' }, { id: colleague.email }, { id: 'nobody@gmail.com' }] } });
    expect(lastOp()).toBe('calendar.freebusy.query');
    expect(data.calendars!.primary!.busy!.length).toBeGreaterThan(10);
    expect(data.calendars![colleague.email]!.busy!.length).toBeGreaterThan(0);
    expect(data.calendars!['nobody@gmail.com']!.errors).toEqual([{ domain: 'global', reason: 'notFound' }]);
    const busy = data.calendars!.primary!.busy!;
    for (let i = 1; i < busy.length; i++) expect(Date.parse(busy[i]!.start!)).toBeGreaterThan(Date.parse(busy[i - 1]!.end!));
    expect(await failure(live.calendar.freebusy.query({ requestBody: { timeMin: '2026-03-17T00:00:00Z', timeMax: '2026-03-16T00:00:00Z', items: [] } }))).toMatchObject({ status: 400, reason: 'timeRangeEmpty' });
  });

  it('colors and settings', async () => {
    const colors = await live.calendar.colors.get();
    expect(Object.keys(colors.data.event!)).toHaveLength(11);
    expect(colors.data.calendar!['1']!.background).toBe('#ac725e');
    const list = await live.calendar.settings.list({ maxResults: 5 });
    expect(list.data.items).toHaveLength(5);
    expect(list.data.nextPageToken).toBeTruthy();
    expect((await live.calendar.settings.get({ setting: 'timezone' })).data.value).toBe(company.owner.timeZone);
    expect(await failure(live.calendar.settings.get({ setting: 'favouriteColour' }))).toMatchObject({ status: 404 });
  });
});

describe('coverage', () => {
  it('exercised every calendar operation over the wire, and every official client method is routed', async () => {
    const { calendarService } = await import('../../harness/services/calendar/index.ts');
    const called = new Set(live.ws.log.map((a) => a.op));
    const missing = calendarService.operations.map((o) => o.id).filter((id) => !called.has(id));
    expect(missing).toEqual([]);
    // Method names of the official client, walked from its resource objects.
    const names: string[] = [];
    for (const [res, obj] of Object.entries(live.calendar)) {
      if (res === 'context' || !obj || typeof obj !== 'object') continue;
      const proto = Object.getPrototypeOf(obj) as Record<string, unknown>;
      for (const m of Object.getOwnPropertyNames(proto)) if (m !== 'constructor' && typeof proto[m] === 'function') names.push(`calendar.${res}.${m}`);
    }
    expect(names.length).toBe(38);
    expect(names.filter((n) => !calendarService.operations.some((o) => o.id === n))).toEqual([]);
  });
});

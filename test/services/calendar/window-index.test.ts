/**
 * Listing through the time index answers exactly what listing every event of the calendar
 * answers: events.list (windows of a week, a month, one bound or none; singleEvents true and
 * false; showDeleted, updatedMin, q, iCalUID, eventTypes, orderBy, timeZone, every page of a
 * small page size, sync tokens), events.instances and freebusy, over the real base before and
 * after random writes (inserts timed, all-day and longer than a week, patches that move events
 * in time, moves between calendars, new series with moved and cancelled instances, exceptions
 * of the base's series, deletes, invitations, a calendar's zone changed to ±12 hours).
 */
import { describe, expect, it } from 'vitest';
import { baseWorkspace } from '../../../datasets/base-workspace.ts';
import { createRng, type OperationContext, type Rng, type Workspace } from '../../../harness/core/index.ts';
import { createWorkspace } from '../../../harness/services/workspace.ts';
import { accessRole } from '../../../harness/services/calendar/access.ts';
import { listEvents, type EventSource, type ListParams } from '../../../harness/services/calendar/list-events.ts';
import { busyIntervals } from '../../../harness/services/calendar/ops/freebusy.ts';
import { calendarEvents, calendarEventsNear } from '../../../harness/services/calendar/view.ts';
import { eventsInWindow } from '../../../harness/services/calendar/window-index.ts';
import { auth, CEO, company, MONTH, OWNER, SHARED, WEEK, opts } from '../../support/calendar-fixture.ts';
import { isOnCalendar } from '../../../harness/services/calendar/view.ts';
import type { StoredCalendar, StoredEvent } from '../../../harness/services/calendar/model.ts';

const WIDE = { timeMin: '2025-06-01T00:00:00Z', timeMax: '2026-09-01T00:00:00Z' };

/** Every kind of list an agent makes; `iCalUID` is filled in per calendar. */
function paramSets(iCalUID: string | undefined): Array<Partial<ListParams>> {
  return [
    { ...WEEK, singleEvents: true, orderBy: 'startTime' },
    { ...MONTH, singleEvents: true },
    { ...MONTH, singleEvents: true, orderBy: 'startTime', showDeleted: true },
    { ...MONTH },
    { ...MONTH, showDeleted: true },
    { ...MONTH, orderBy: 'updated' },
    { ...WIDE, singleEvents: true, orderBy: 'startTime', maxResults: 2500 },
    {},
    { singleEvents: true },
    { timeMin: '2026-03-20T00:00:00Z', singleEvents: true, orderBy: 'startTime' },
    { timeMax: '2026-01-10T00:00:00Z' },
    { timeMin: '2026-04-10T03:00:00+14:00', timeMax: '2026-04-10T05:00:00-11:00', singleEvents: true },
    { timeMin: '2026-02-05T23:30:00-05:00', timeMax: '2026-02-06T01:00:00-05:00' },
    // Ends before the UTC midnight of 10 April: in a zone 14 hours ahead that day's all-day events have begun.
    { timeMin: '2026-04-09T00:00:00Z', timeMax: '2026-04-09T20:00:00Z', singleEvents: true },
    { ...WEEK, singleEvents: true, orderBy: 'startTime', timeZone: 'Asia/Tokyo' },
    { ...MONTH, singleEvents: true, q: 'review' },
    { ...MONTH, eventTypes: ['default'] },
    { updatedMin: '2026-03-16T14:00:00Z', singleEvents: true },
    ...(iCalUID ? [{ iCalUID }, { iCalUID, singleEvents: true, ...MONTH }] : []),
  ];
}

function ctxOf(ws: Workspace): OperationContext {
  return { ws, auth } as unknown as OperationContext;
}

/** events.list by `source`, following nextPageToken to the end: every page. */
function pages(ws: Workspace, cal: StoredCalendar, p: Partial<ListParams>, source: EventSource, only?: StoredEvent): unknown[] {
  const ctx = ctxOf(ws);
  const role = accessRole(ctx, cal, OWNER);
  const out: unknown[] = [];
  let pageToken: string | undefined;
  for (let n = 0; n < 100; n++) {
    const page = listEvents(ctx, cal, role, { calendarId: cal.id, ...p, ...(pageToken ? { pageToken } : {}) } as ListParams, only, source);
    out.push(page);
    pageToken = (page as { nextPageToken?: string }).nextPageToken;
    if (!pageToken) return out;
  }
  throw new Error('more than 100 pages');
}

function calendars(ws: Workspace): StoredCalendar[] {
  const ids = [OWNER, CEO, ...Object.values(SHARED), company.employees[4]!.email, company.employees[9]!.email];
  return ids.map((id) => ws.collection<StoredCalendar>('calendar.calendars').peek(id)!).filter(Boolean);
}

function expectSame(ws: Workspace, label: string, syncTokens: Map<string, string>): number {
  const ctx = ctxOf(ws);
  let compared = 0;
  for (const cal of calendars(ws)) {
    const events = calendarEvents(ctx, cal);
    const iCalUID = events.find((e) => !e.recurringEventId && e.status !== 'cancelled')?.iCalUID;
    const sets: Array<Partial<ListParams>> = [...paramSets(iCalUID), { ...MONTH, singleEvents: true, orderBy: 'startTime', maxResults: 7 }, { maxResults: 13 }];
    const token = syncTokens.get(cal.id);
    if (token) sets.push({ syncToken: token }, { syncToken: token, singleEvents: true, showDeleted: true });
    for (const p of sets) {
      const want = pages(ws, cal, p, 'scan');
      expect(pages(ws, cal, p, 'index'), `${label}: ${cal.id} ${JSON.stringify(p)}`).toEqual(want);
      compared += want.length;
    }
    for (const master of events.filter((e) => e.recurrence)) {
      for (const p of [{}, { ...MONTH }, { ...WIDE, showDeleted: true, maxResults: 5 }]) {
        expect(pages(ws, cal, p, 'index', master), `${label}: instances of ${master.id} ${JSON.stringify(p)}`).toEqual(pages(ws, cal, p, 'scan', master));
      }
    }
    for (const [from, to] of [[WEEK.timeMin, WEEK.timeMax], [MONTH.timeMin, MONTH.timeMax], ['2026-04-09T20:00:00Z', '2026-04-11T04:00:00Z']] as const) {
      const f = Date.parse(from), t = Date.parse(to);
      expect(busyIntervals(ctx, cal, f, t, 'index'), `${label}: freebusy ${cal.id} ${from}`).toEqual(busyIntervals(ctx, cal, f, t, 'scan'));
    }
  }
  return compared;
}

/** A random write an agent could make; failures (a 403 on someone else's event, say) are fine and counted apart. */
function randomWrite(ws: Workspace, rng: Rng, i: number, series: string[]): boolean {
  const events = [...ws.collection<StoredEvent>('calendar.events').values()];
  const mine = events.filter((e) => e.calendarId === OWNER && !e.recurringEventId && !e.recurrence && e.status !== 'cancelled');
  const day = `2026-03-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const hour = String(rng.int(8, 18)).padStart(2, '0');
  const invoke = (op: string, args: Record<string, unknown>) => ws.invoke(op, args, opts).ok;
  const shift = (t: StoredEvent['start'], days: number) =>
    t.date !== undefined ? { date: new Date(Date.parse(`${t.date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10) } : { dateTime: new Date(Date.parse(t.dateTime!) + days * 86_400_000).toISOString() };
  switch (rng.int(0, 11)) {
    case 0:
      return invoke('calendar.events.insert', { calendarId: rng.pick(['primary', CEO, SHARED.engineering]), requestBody: { summary: `Review ${i}`, start: { dateTime: `${day}T${hour}:00:00-04:00` }, end: { dateTime: `${day}T${hour}:45:00-04:00` }, attendees: [{ email: company.employees[rng.int(2, 9)]!.email }] } });
    case 1: {
      const days = rng.pick([1, 2, 9, 20]);
      return invoke('calendar.events.insert', { calendarId: 'primary', requestBody: { summary: `Away ${i}`, start: { date: day }, end: { date: shift({ date: day }, days).date } } });
    }
    case 2: {
      const ev = rng.pick(mine);
      const days = rng.pick([-40, -7, -1, 1, 3, 7, 30]);
      return invoke('calendar.events.patch', { calendarId: 'primary', eventId: ev.id, requestBody: { start: shift(ev.start, days), end: shift(ev.end, days) } });
    }
    case 3:
      return invoke('calendar.events.move', { calendarId: 'primary', eventId: rng.pick(mine).id, destination: rng.pick([CEO, SHARED.engineering, SHARED.launches]) });
    case 4: {
      const rule = rng.pick(['RRULE:FREQ=DAILY;COUNT=12', 'RRULE:FREQ=WEEKLY;BYDAY=MO,WE', 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;UNTIL=20260601T000000Z']);
      const r = ws.invoke('calendar.events.insert', { calendarId: 'primary', requestBody: { summary: `Series ${i}`, recurrence: [rule], start: { dateTime: `2026-03-02T${hour}:00:00`, timeZone: 'America/New_York' }, end: { dateTime: `2026-03-02T${hour}:30:00`, timeZone: 'America/New_York' } } }, opts);
      if (r.ok) series.push((r.value as { id: string }).id);
      return r.ok;
    }
    case 5:
    case 6: {
      // An instance of a series, moved or cancelled: an exception the window index must keep with its series.
      const all = events.filter((e) => e.recurrence && e.status !== 'cancelled' && (e.calendarId === OWNER || e.calendarId === CEO || e.calendarId === SHARED.engineering));
      const master = rng.pick([...all, ...all.filter((e) => series.includes(e.id))]);
      const listed = ws.invoke('calendar.events.instances', { calendarId: master.calendarId, eventId: master.id, ...MONTH }, opts);
      if (!listed.ok) return false;
      const items = (listed.value as { items: Array<{ id: string; start: StoredEvent['start']; end: StoredEvent['end'] }> }).items;
      if (items.length === 0) return false;
      const inst = rng.pick(items);
      if (rng.int(0, 1) === 0) return invoke('calendar.events.delete', { calendarId: master.calendarId, eventId: inst.id });
      const days = rng.pick([-10, -1, 1, 12]);
      return invoke('calendar.events.patch', { calendarId: master.calendarId, eventId: inst.id, requestBody: { start: shift(inst.start, days), end: shift(inst.end, days) } });
    }
    case 7:
      return invoke('calendar.events.delete', { calendarId: 'primary', eventId: rng.pick(mine).id });
    case 8: {
      // The CEO's meetings with the owner invited or uninvited: an invitation appears on or leaves the owner's calendar.
      const theirs = events.filter((e) => e.calendarId === CEO && !e.recurringEventId && e.status !== 'cancelled');
      const ev = rng.pick(theirs);
      const invited = ev.attendees?.some((a) => a.email === OWNER);
      const attendees = invited ? ev.attendees!.filter((a) => a.email !== OWNER) : [...(ev.attendees ?? []), { email: OWNER }];
      return invoke('calendar.events.patch', { calendarId: CEO, eventId: ev.id, requestBody: { attendees } });
    }
    case 9: {
      const ev = rng.pick(mine);
      return invoke('calendar.events.patch', { calendarId: 'primary', eventId: ev.id, requestBody: { start: { date: day }, end: { date: shift({ date: day }, 1).date } } });
    }
    case 10:
      return invoke('calendar.calendars.patch', { calendarId: 'primary', requestBody: { timeZone: rng.pick(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'Asia/Kolkata']) } });
    default: {
      const ev = rng.pick(mine);
      return invoke('calendar.events.patch', { calendarId: 'primary', eventId: ev.id, requestBody: { summary: `Review (renamed ${i})` } });
    }
  }
}

describe('calendar time index', () => {
  const base = baseWorkspace(1);

  it('is used once the base has been read a few times, and reads fewer events than the calendar holds', () => {
    const ws = createWorkspace(base);
    const ctx = ctxOf(ws);
    const owner = ws.collection<StoredCalendar>('calendar.calendars').peek(OWNER)!;
    const from = Date.parse(WEEK.timeMin), to = Date.parse(WEEK.timeMax);
    for (let i = 0; i < 10; i++) calendarEventsNear(ctx, owner, from, to);
    const near = eventsInWindow(ws.collection<StoredEvent>('calendar.events'), owner, (ev) => isOnCalendar(ev, owner), from, to, () => {});
    expect(near).toBeDefined();
    expect(near!.length).toBeGreaterThan(10);
    expect(near!.length).toBeLessThan(calendarEvents(ctx, owner).length / 3);
  });

  it('reads all-day events in the calendar zones farthest from UTC as the scan does', () => {
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const ws = createWorkspace(base);
      expect(ws.invoke('calendar.calendars.patch', { calendarId: 'primary', requestBody: { timeZone } }, opts).ok).toBe(true);
      // The shared calendars the owner may edit (the all-day launch dates among them).
      for (const calendarId of Object.values(SHARED)) ws.invoke('calendar.calendars.patch', { calendarId, requestBody: { timeZone } }, opts);
      expect(expectSame(ws, `calendars in ${timeZone}`, new Map())).toBeGreaterThan(100);
    }
  });

  it('answers every list, instances and freebusy call as the scan does, before and after random writes', () => {
    // A base seeded as a task seeds one, with events that began weeks before the windows and last into them.
    const seeding = createWorkspace(base);
    expect(seeding.invoke('calendar.events.insert', { calendarId: 'primary', requestBody: { summary: 'Sabbatical', start: { date: '2026-02-20' }, end: { date: '2026-03-25' } } }, opts).ok).toBe(true);
    expect(seeding.invoke('calendar.events.insert', { calendarId: 'primary', requestBody: { summary: 'Site visit', start: { dateTime: '2026-03-05T09:00:00-05:00' }, end: { dateTime: '2026-03-17T17:00:00-04:00' } } }, opts).ok).toBe(true);
    const ws = createWorkspace(seeding.toBase());
    const ctx = ctxOf(ws);
    const tokens = new Map<string, string>();
    for (const cal of calendars(ws)) {
      // Warm the index policy so the comparisons below go through the index.
      for (let i = 0; i < 10; i++) calendarEventsNear(ctx, cal, 0, 1);
      const last = pages(ws, cal, {}, 'scan').at(-1) as { nextSyncToken?: string };
      if (last.nextSyncToken) tokens.set(cal.id, last.nextSyncToken);
    }
    let compared = expectSame(ws, 'untouched', tokens);
    const rng = createRng('window-index-test');
    const series: string[] = [];
    let written = 0;
    for (let i = 0; i < 72; i++) {
      if (randomWrite(ws, rng, i, series)) written++;
      if (i % 36 === 35) compared += expectSame(ws, `after ${i + 1} writes`, tokens);
    }

    expect(written).toBeGreaterThan(50);
    expect(series.length).toBeGreaterThan(0);
    expect(compared).toBeGreaterThan(600);
    const changes = ws.collection<StoredEvent>('calendar.events').changes();
    expect(changes.added.length).toBeGreaterThan(10);
    expect(changes.changed.length).toBeGreaterThan(10);
    // Calendar deletes are soft: a deleted event stays, cancelled.
    expect(changes.changed.filter((id) => ws.collection<StoredEvent>('calendar.events').peek(id)!.status === 'cancelled').length).toBeGreaterThan(0);
  });
});

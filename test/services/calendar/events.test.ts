/** Events through ws.invoke: CRUD, errors, organizer rule, notifications, instances and exceptions. */
import { describe, expect, it } from 'vitest';
import { CEO, OWNER, SHARED, company, fails, ok, timed, trial } from './helpers.ts';

const outsider = company.outsiders.find((p) => p.relation === 'customer')!;
const colleague = company.employees.find((p) => p.team === 'Engineering')!;

describe('events CRUD', () => {
  it('inserts, gets, patches, updates and deletes an event', () => {
    const ws = trial();
    const ev = ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('Vendor sync', '2026-03-18', '10:00', '10:30', { location: 'Rookery' }) });
    expect(ev.id).toMatch(/^[a-v0-9]{26}$/);
    expect(ev.start).toEqual({ dateTime: '2026-03-18T10:00:00-04:00', timeZone: 'America/New_York' });
    expect(ev.organizer).toMatchObject({ email: OWNER, self: true });
    const got = ok(ws, 'calendar.events.get', { calendarId: OWNER, eventId: ev.id });
    expect(got.summary).toBe('Vendor sync');
    const patched = ok(ws, 'calendar.events.patch', { calendarId: 'primary', eventId: ev.id, requestBody: { summary: 'Vendor sync (moved)', start: { dateTime: '2026-03-18T15:00:00Z' }, end: { dateTime: '2026-03-18T15:30:00Z' } } });
    expect(patched.summary).toBe('Vendor sync (moved)');
    expect(patched.location).toBe('Rookery');
    expect(patched.sequence).toBe(1);
    expect(patched.etag).not.toBe(ev.etag);
    const updated = ok(ws, 'calendar.events.update', { calendarId: 'primary', eventId: ev.id, requestBody: timed('Replaced', '2026-03-19', '09:00', '09:15') });
    expect(updated.location).toBeUndefined();
    expect(updated.summary).toBe('Replaced');
    expect(ok(ws, 'calendar.events.delete', { calendarId: 'primary', eventId: ev.id })).toBeUndefined();
    expect(ok(ws, 'calendar.events.get', { calendarId: 'primary', eventId: ev.id }).status).toBe('cancelled');
    fails(ws, 'calendar.events.delete', { calendarId: 'primary', eventId: ev.id }, 410, 'deleted');
    const diff = ws.diff()['calendar.events']!;
    expect(diff.added.map((a) => a.id)).toContain(ev.id);
  });

  it('supports all-day events, client ids and duplicates', () => {
    const ws = trial();
    const ev = ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: { id: 'offsite2026abc', summary: 'Offsite', start: { date: '2026-04-01' }, end: { date: '2026-04-03' } } });
    expect(ev.id).toBe('offsite2026abc');
    expect(ev.attendees).toBeUndefined();
    const withGuest = ok(ws, 'calendar.events.patch', { calendarId: 'primary', eventId: ev.id, requestBody: { attendees: [{ email: 'x@acmeretail.com' }] } });
    expect(withGuest.attendees).toHaveLength(2);
    expect(ok(ws, 'calendar.events.patch', { calendarId: 'primary', eventId: ev.id, requestBody: { attendees: [] } }).attendees).toBeUndefined();
    fails(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: { id: 'offsite2026abc', summary: 'x', start: { date: '2026-04-01' }, end: { date: '2026-04-02' } } }, 409, 'duplicate');
    fails(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: { id: 'Bad_Id!', summary: 'x', start: { date: '2026-04-01' }, end: { date: '2026-04-02' } } }, 400);
    const listed = ok(ws, 'calendar.events.list', { calendarId: 'primary', timeMin: '2026-04-02T12:00:00Z', timeMax: '2026-04-02T13:00:00Z', q: 'offsite' });
    expect(listed.items.map((e: any) => e.id)).toEqual(['offsite2026abc']);
  });

  it('rejects bad input the way Google does', () => {
    const ws = trial();
    fails(ws, 'calendar.events.get', { calendarId: 'primary', eventId: 'doesnotexist1' }, 404, 'notFound');
    fails(ws, 'calendar.events.list', { calendarId: 'nobody@corvidlabs.com' }, 404);
    fails(ws, 'calendar.events.list', { calendarId: 'primary', timeMin: 'yesterday' }, 400);
    fails(ws, 'calendar.events.list', { calendarId: 'primary', timeMin: '2026-03-16T00:00:00' }, 400);
    fails(ws, 'calendar.events.list', { calendarId: 'primary', orderBy: 'startTime' }, 400);
    fails(ws, 'calendar.events.list', { calendarId: 'primary', pageToken: 'garbage' }, 400);
    fails(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('Backwards', '2026-03-18', '11:00', '10:00') }, 400, 'timeRangeEmpty');
    fails(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: { summary: 'no tz', start: { dateTime: '2026-03-18T10:00:00' }, end: { dateTime: '2026-03-18T11:00:00' } } }, 400);
    fails(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: { summary: 'no tz recurring', recurrence: ['RRULE:FREQ=DAILY'], start: { dateTime: '2026-03-18T10:00:00Z' }, end: { dateTime: '2026-03-18T11:00:00Z' } } }, 400);
    fails(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('Bad rule', '2026-03-18', '10:00', '11:00', { recurrence: ['RRULE:FREQ=SOMETIMES'] }) }, 400);
    // Read-only calendars refuse writes; an unknown calendar is 404.
    fails(ws, 'calendar.events.insert', { calendarId: SHARED.holidays, requestBody: { summary: 'x', start: { date: '2026-04-01' }, end: { date: '2026-04-02' } } }, 403, 'requiredAccessLevel');
    // A freeBusyReader sees a colleague's event times only, and cannot search them.
    const busy = ok(ws, 'calendar.events.list', { calendarId: colleague.email });
    expect(busy.items.length).toBeGreaterThan(0);
    for (const e of busy.items) expect(Object.keys(e).sort()).toEqual(expect.arrayContaining(['end', 'id', 'start']));
    expect(busy.items.some((e: any) => e.summary || e.attendees || e.description)).toBe(false);
    fails(ws, 'calendar.events.list', { calendarId: colleague.email, q: 'review' }, 403, 'requiredAccessLevel');
    fails(ws, 'calendar.events.get', { calendarId: colleague.email, eventId: busy.items[0].id }, 403, 'requiredAccessLevel');
    expect(ws.diff()['calendar.events']).toBeUndefined();
  });
});

describe('conference data', () => {
  it('creates a Meet link only with conferenceDataVersion=1 and keeps it across updates without it', () => {
    const ws = trial();
    const req = { conferenceData: { createRequest: { requestId: 'r1' } } };
    const plain = ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('No meet', '2026-03-18', '10:00', '11:00', req) });
    expect(plain.hangoutLink).toBeUndefined();
    const ev = ok(ws, 'calendar.events.insert', { calendarId: 'primary', conferenceDataVersion: 1, requestBody: timed('Meet', '2026-03-18', '10:00', '11:00', req) });
    expect(ev.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(ev.conferenceData.createRequest.status.statusCode).toBe('success');
    const upd = ok(ws, 'calendar.events.update', { calendarId: 'primary', eventId: ev.id, requestBody: timed('Meet v2', '2026-03-18', '10:00', '11:00') });
    expect(upd.hangoutLink).toBe(ev.hangoutLink);
    const off = ok(ws, 'calendar.events.patch', { calendarId: 'primary', eventId: ev.id, conferenceDataVersion: 1, requestBody: { conferenceData: null } });
    expect(off.hangoutLink).toBeUndefined();
    expect(off.conferenceData).toBeUndefined();
  });
});

describe('sendUpdates notifications', () => {
  it('records who was told: all, externalOnly, none', () => {
    const ws = trial();
    const guests = [{ email: outsider.email }, { email: colleague.email }];
    const a = ok(ws, 'calendar.events.insert', { calendarId: 'primary', sendUpdates: 'all', requestBody: timed('A', '2026-03-18', '10:00', '11:00', { attendees: guests }) });
    const b = ok(ws, 'calendar.events.insert', { calendarId: 'primary', sendUpdates: 'externalOnly', requestBody: timed('B', '2026-03-18', '12:00', '13:00', { attendees: guests }) });
    ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('C', '2026-03-18', '14:00', '15:00', { attendees: guests }) });
    const notes = ws.diff()['calendar.notifications']!.added.map((n) => n.after as any);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatchObject({ kind: 'invite', eventId: a.id, sendUpdates: 'all', sender: OWNER });
    expect(new Set(notes[0].recipients)).toEqual(new Set([outsider.email, colleague.email]));
    expect(notes[1]).toMatchObject({ kind: 'invite', eventId: b.id, recipients: [outsider.email] });
    // Attendees start at needsAction; the organizer is listed as accepted.
    expect(a.attendees.find((x: any) => x.email === OWNER)).toMatchObject({ organizer: true, responseStatus: 'accepted' });
    expect(a.attendees.find((x: any) => x.email === outsider.email).responseStatus).toBe('needsAction');
    ok(ws, 'calendar.events.patch', { calendarId: 'primary', eventId: a.id, sendUpdates: 'all', requestBody: { attendees: [{ email: colleague.email }] } });
    ok(ws, 'calendar.events.delete', { calendarId: 'primary', eventId: b.id, sendUpdates: 'all' });
    const later = ws.diff()['calendar.notifications']!.added.map((n) => n.after as any).slice(2);
    expect(later.map((n: any) => [n.kind, n.recipients])).toEqual([
      ['update', [colleague.email]],
      ['cancel', [outsider.email]],
      ['cancel', [outsider.email, colleague.email]],
    ]);
  });
});

describe('organizer rule', () => {
  const ceoSeries = () => {
    const ws = trial();
    const list = ok(ws, 'calendar.events.list', { calendarId: 'primary', q: '1:1', timeMin: '2026-03-16T00:00:00Z', timeMax: '2026-03-17T00:00:00Z', singleEvents: true });
    const inst = list.items.find((e: any) => e.organizer.email === CEO.email);
    return { ws, inst };
  };

  it('lets an attendee RSVP but not change shared properties on their copy', () => {
    const { ws, inst } = ceoSeries();
    expect(inst).toBeDefined();
    expect(inst.organizer.self).toBeUndefined();
    fails(ws, 'calendar.events.patch', { calendarId: 'primary', eventId: inst.id, requestBody: { summary: 'Hijacked' } }, 403, 'forbiddenForNonOrganizer');
    fails(ws, 'calendar.events.patch', { calendarId: 'primary', eventId: inst.id, requestBody: { attendees: [...inst.attendees, { email: outsider.email }] } }, 403, 'forbiddenForNonOrganizer');
    const attendees = inst.attendees.map((a: any) => (a.self ? { ...a, responseStatus: 'declined', comment: 'Travelling' } : a));
    const rsvp = ok(ws, 'calendar.events.patch', { calendarId: 'primary', eventId: inst.id, sendUpdates: 'all', requestBody: { attendees } });
    expect(rsvp.attendees.find((a: any) => a.self)).toMatchObject({ responseStatus: 'declined', comment: 'Travelling' });
    // The RSVP lands as an exception on the series; the organizer is told.
    expect(rsvp.recurringEventId).toBe(inst.recurringEventId);
    const note = ws.diff()['calendar.notifications']!.added[0]!.after as any;
    expect(note).toMatchObject({ kind: 'reply', recipients: [CEO.email] });
    // Sending only one's own entry is an RSVP too; other guests stay.
    const again = ok(ws, 'calendar.events.patch', { calendarId: 'primary', eventId: inst.id, requestBody: { attendees: [{ email: OWNER, responseStatus: 'accepted' }] } });
    expect(again.attendees).toHaveLength(inst.attendees.length);
    expect(again.attendees.find((a: any) => a.self).responseStatus).toBe('accepted');
    fails(ws, 'calendar.events.patch', { calendarId: 'primary', eventId: inst.id, requestBody: { attendees: inst.attendees.map((a: any) => (a.self ? a : { ...a, responseStatus: 'declined' })) } }, 403, 'forbiddenForNonOrganizer');
  });

  it('lets a delegate with writer access on the organizer calendar edit the event there', () => {
    const { ws, inst } = ceoSeries();
    const edited = ok(ws, 'calendar.events.patch', { calendarId: CEO.email, eventId: inst.id, requestBody: { summary: 'CEO 1:1 (agenda: hiring)' } });
    expect(edited.summary).toBe('CEO 1:1 (agenda: hiring)');
  });

  it('deleting an invitation declines it and hides it from the attendee calendar', () => {
    const { ws, inst } = ceoSeries();
    ok(ws, 'calendar.events.delete', { calendarId: 'primary', eventId: inst.recurringEventId });
    const master = ok(ws, 'calendar.events.get', { calendarId: CEO.email, eventId: inst.recurringEventId });
    expect(master.status).toBe('confirmed');
    expect(master.attendees.find((a: any) => a.email === OWNER).responseStatus).toBe('declined');
    expect(ok(ws, 'calendar.events.get', { calendarId: 'primary', eventId: inst.recurringEventId }).status).toBe('cancelled');
  });
});

describe('recurring events', () => {
  it('lists instances with moved and cancelled exceptions', () => {
    const ws = trial();
    const master = ok(ws, 'calendar.events.list', { calendarId: CEO.email, q: '1:1' }).items.find((e: any) => e.recurrence);
    const all = ok(ws, 'calendar.events.instances', { calendarId: CEO.email, eventId: master.id, timeMin: '2026-02-01T00:00:00Z', timeMax: '2026-04-15T00:00:00Z', showDeleted: true });
    const cancelled = all.items.filter((e: any) => e.status === 'cancelled');
    const moved = all.items.filter((e: any) => e.status !== 'cancelled' && !e.start.dateTime.includes('T10:00:00'));
    expect(cancelled).toHaveLength(1);
    expect(moved).toHaveLength(1);
    expect(moved[0].originalStartTime.dateTime).toContain('T10:00:00');
    // The EXDATE holiday (16 Feb) has no instance.
    expect(all.items.some((e: any) => e.start.dateTime.startsWith('2026-02-16'))).toBe(false);
    const visible = ok(ws, 'calendar.events.instances', { calendarId: CEO.email, eventId: master.id, timeMin: '2026-02-01T00:00:00Z', timeMax: '2026-04-15T00:00:00Z' });
    expect(visible.items.length).toBe(all.items.length - 1);
    // Cancelled instances show up in a non-expanded list (Google quirk), not in singleEvents unless showDeleted.
    const raw = ok(ws, 'calendar.events.list', { calendarId: CEO.email, q: '1:1' });
    expect(raw.items.some((e: any) => e.status === 'cancelled' && e.recurringEventId === master.id)).toBe(true);
  });

  it('creates a series, edits one instance, cancels another', () => {
    const ws = trial();
    const s = ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('Quokka standup', '2026-03-23', '09:00', '09:15', { recurrence: ['RRULE:FREQ=DAILY;COUNT=5'] }) });
    const inst = ok(ws, 'calendar.events.instances', { calendarId: 'primary', eventId: s.id });
    expect(inst.items.map((i: any) => i.id)).toEqual(['20260323', '20260324', '20260325', '20260326', '20260327'].map((d) => `${s.id}_${d}T130000Z`));
    const moved = ok(ws, 'calendar.events.patch', { calendarId: 'primary', eventId: `${s.id}_20260324T130000Z`, requestBody: { start: { dateTime: '2026-03-24T11:00:00-04:00' }, end: { dateTime: '2026-03-24T11:15:00-04:00' } } });
    expect(moved.recurringEventId).toBe(s.id);
    ok(ws, 'calendar.events.delete', { calendarId: 'primary', eventId: `${s.id}_20260326T130000Z` });
    const after = ok(ws, 'calendar.events.list', { calendarId: 'primary', singleEvents: true, orderBy: 'startTime', timeMin: '2026-03-23T00:00:00Z', timeMax: '2026-03-28T00:00:00Z', q: 'Quokka' });
    expect(after.items.map((i: any) => i.start.dateTime)).toEqual(['2026-03-23T09:00:00-04:00', '2026-03-24T11:00:00-04:00', '2026-03-25T09:00:00-04:00', '2026-03-27T09:00:00-04:00']);
    fails(ws, 'calendar.events.get', { calendarId: 'primary', eventId: `${s.id}_20260330T130000Z` }, 404);
    // Deleting the series cancels everything.
    ok(ws, 'calendar.events.delete', { calendarId: 'primary', eventId: s.id });
    expect(ok(ws, 'calendar.events.list', { calendarId: 'primary', singleEvents: true, timeMin: '2026-03-23T00:00:00Z', timeMax: '2026-03-28T00:00:00Z', q: 'Quokka' }).items).toEqual([]);
  });
});

describe('sync and paging', () => {
  it('pages with pageToken and syncs incrementally, 410 on a bad token', () => {
    const ws = trial();
    const seen: string[] = [];
    let token: string | undefined;
    let sync: string | undefined;
    do {
      const page: any = ok(ws, 'calendar.events.list', { calendarId: 'primary', maxResults: 50, ...(token ? { pageToken: token } : {}) });
      seen.push(...page.items.map((e: any) => e.id));
      token = page.nextPageToken;
      if (token) expect(page.nextSyncToken).toBeUndefined();
      sync = page.nextSyncToken;
    } while (token);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(100);
    expect(sync).toBeDefined();
    expect(ok(ws, 'calendar.events.list', { calendarId: 'primary', syncToken: sync }).items).toEqual([]);
    const ev = ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('New', '2026-03-18', '10:00', '11:00') });
    const del = seen[0]!;
    ok(ws, 'calendar.events.delete', { calendarId: 'primary', eventId: del });
    const delta = ok(ws, 'calendar.events.list', { calendarId: 'primary', syncToken: sync });
    expect(delta.items.map((e: any) => e.id).sort()).toEqual([ev.id, del].sort());
    expect(delta.items.find((e: any) => e.id === del).status).toBe('cancelled');
    fails(ws, 'calendar.events.list', { calendarId: 'primary', syncToken: 'bogus' }, 410, 'fullSyncRequired');
    fails(ws, 'calendar.events.list', { calendarId: SHARED.executive, syncToken: sync }, 410, 'fullSyncRequired');
    fails(ws, 'calendar.events.list', { calendarId: 'primary', syncToken: sync, timeMin: '2026-03-01T00:00:00Z' }, 400);
  });

  it('filters by updatedMin and orders by updated', () => {
    const ws = trial();
    const ev = ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('Fresh', '2026-03-18', '10:00', '11:00') });
    const res = ok(ws, 'calendar.events.list', { calendarId: 'primary', updatedMin: '2026-03-16T14:00:00Z', orderBy: 'updated' });
    expect(res.items.map((e: any) => e.id)).toEqual([ev.id]);
  });

  it('re-renders times in the requested zone', () => {
    const ws = trial();
    const ev = ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('Zone', '2026-03-18', '10:00', '11:00') });
    const got = ok(ws, 'calendar.events.get', { calendarId: 'primary', eventId: ev.id, timeZone: 'Asia/Tokyo' });
    expect(got.start.dateTime).toBe('2026-03-18T23:00:00+09:00');
    fails(ws, 'calendar.events.get', { calendarId: 'primary', eventId: ev.id, timeZone: 'Mars/Olympus' }, 400);
  });
});

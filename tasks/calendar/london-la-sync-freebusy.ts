/** Book the earliest 45-minute slot inside working hours in New York, London and Los Angeles, found with freebusy. */
import type { StoredEvent } from '../../harness/services/calendar/model.ts';
import { defineTask, FactText, may, phrase } from '../sdk.ts';
import { attendeeEmails, eventsChanged, eventsCreated, isLive, notifiedOf, plantForeignEvent, plantOwnerEvent, sameEmails, seedCall, spanOf } from '../support/calendar.ts';
import { byTitle, COMPANY, OWNER } from '../people.ts';

/** Daniel Horvat, the first Software Engineer, works from London. */
const LONDON = byTitle('Software Engineer');
/** Mei Brennan, the Product Manager in Los Angeles. */
const MEI = COMPANY.employees.find((e) => e.title === 'Product Manager' && e.timeZone === 'America/Los_Angeles')!;
const MINUTES = 45;
const GUESTS = [OWNER.email, LONDON.email, MEI.email];

interface Manifest {
  /** Expected start and end instants (epoch ms). */
  startMs: number;
  endMs: number;
}

/** The week after the workspace clock (Mon 23 – Fri 27 March 2026): shared working hours are 16:00–18:00 UTC (London is still on GMT). */
const DAYS = [23, 24, 25, 26, 27];
const utc = (d: number, h: number, mi = 0) => Date.UTC(2026, 2, d, h, mi);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The meeting the owner booked: a new live event on their calendar inviting either colleague. */
function booked(created: readonly StoredEvent[]): StoredEvent | undefined {
  return created.find((e) => isLive(e) && e.calendarId === OWNER.email && attendeeEmails(e).some((a) => a === LONDON.email || a === MEI.email));
}

export default defineTask<Manifest>({
  id: 'london-la-sync-freebusy',
  version: 2,
  title: 'Earliest shared slot across New York, London and Los Angeles',
  scenario: 'Book a 45-minute sync with colleagues in London and Los Angeles at the earliest time inside everyone\'s 9–6 next week, using free/busy; London has not switched to summer time yet.',
  services: ['calendar'],
  tags: ['family:core', 'scheduling', 'time-zones', 'freebusy'],
  category: 'single-service',
  difficulty: 'hard',
  instruction: `Please set up a 45-minute "Data residency sync" with ${LONDON.name} (London) and ${MEI.name} (LA) next week. Take the earliest slot that's within 9am–6pm local time for all three of us and send them the invite.`,
  seed({ ws }) {
    const block = (who: typeof LONDON, d: number, h0: number, m0: number, h1: number, m1: number, summary: string) =>
      plantForeignEvent(ws, {
        organizer: who, summary, attendees: [],
        start: { dateTime: iso(utc(d, h0, m0)), timeZone: 'UTC' }, end: { dateTime: iso(utc(d, h1, m1)), timeZone: 'UTC' },
      });
    block(LONDON, 23, 16, 0, 18, 0, 'Interview loop');
    block(MEI, 24, 16, 0, 17, 0, 'Customer call prep');
    plantOwnerEvent(ws, { summary: 'Budget check-in', start: { dateTime: iso(utc(24, 17)) }, end: { dateTime: iso(utc(24, 18)) } });
    block(MEI, 25, 16, 0, 17, 30, 'Roadmap grooming');
    block(LONDON, 26, 16, 0, 17, 0, 'On-call review');
    block(MEI, 27, 16, 0, 17, 0, 'Heads-down work');
    // The answer follows from everyone's real free/busy (base meetings included), computed the way an agent would.
    const fb = seedCall<{ calendars: Record<string, { busy: Array<{ start: string; end: string }> }> }>(ws, 'calendar.freebusy.query', {
      requestBody: { timeMin: iso(utc(23, 0)), timeMax: iso(utc(28, 0)), items: [{ id: OWNER.email }, { id: LONDON.email }, { id: MEI.email }] },
    });
    const busy = Object.values(fb.calendars).flatMap((c) => c.busy.map((b) => [Date.parse(b.start), Date.parse(b.end)] as const));
    for (const d of DAYS) {
      for (let t = utc(d, 16); t + MINUTES * 60_000 <= utc(d, 18); t += 15 * 60_000) {
        const e = t + MINUTES * 60_000;
        if (busy.every(([s, x]) => x <= t || s >= e)) return { startMs: t, endMs: e };
      }
    }
    throw new Error('no shared slot next week: the seed needs adjusting');
  },
  // One new meeting on the owner's calendar, with the two colleagues (all inside the company).
  scope: () => [may.create('calendar.events', (e) => e.calendarId === OWNER.email && attendeeEmails(e as StoredEvent).every((a) => GUESTS.includes(a)), 'book the sync')],
  checks(ctx) {
    const m = ctx.manifest;
    const created = eventsCreated(ctx.diff);
    const ev = booked(created);
    const span = ev ? spanOf(ev) : undefined;
    const told = ev ? notifiedOf(ctx.diff, ev.id, ['invite']) : new Set<string>();
    return [
      { id: 'right-start', description: `starts at the earliest shared slot (${iso(m.startMs)})`, weight: 0.35, passed: span?.startMs === m.startMs },
      { id: 'right-length', description: 'lasts exactly 45 minutes', weight: 0.1, passed: span !== undefined && span.endMs - span.startMs === MINUTES * 60_000 },
      { id: 'attendees', description: `the owner, ${LONDON.name} and ${MEI.name} are on it`, weight: 0.2, passed: ev !== undefined && sameEmails(attendeeEmails(ev), GUESTS) },
      { id: 'invited', description: 'both colleagues were sent the invitation', weight: 0.15, passed: told.has(LONDON.email) && told.has(MEI.email) },
      { id: 'title', description: 'titled "Data residency sync"', weight: 0.1, passed: ev !== undefined && new FactText(ev.summary ?? '').has(phrase('data residency sync')) },
      { id: 'one-event', kind: 'guard', description: 'one meeting booked and nothing else changed', weight: 0.1, passed: created.length === 1 && eventsChanged(ctx.diff).length === 0 },
    ];
  },
  oracle(api, m) {
    api.call('calendar.freebusy.query', { requestBody: { timeMin: iso(utc(23, 0)), timeMax: iso(utc(28, 0)), items: [{ id: 'primary' }, { id: LONDON.email }, { id: MEI.email }] } });
    api.call('calendar.events.insert', {
      calendarId: 'primary', sendUpdates: 'all',
      requestBody: {
        summary: 'Data residency sync',
        start: { dateTime: iso(m.startMs), timeZone: 'America/New_York' }, end: { dateTime: iso(m.endMs), timeZone: 'America/New_York' },
        attendees: [{ email: LONDON.email }, { email: MEI.email }],
      },
    });
  },
  alternatives: {
    // London wall time with London's zone (GMT that week), and the deprecated notification flag.
    'books-in-london-time'(api, m) {
      api.call('calendar.freebusy.query', { requestBody: { timeMin: '2026-03-23T00:00:00Z', timeMax: '2026-03-28T00:00:00Z', timeZone: 'Europe/London', items: [{ id: OWNER.email }, { id: LONDON.email }, { id: MEI.email }] } });
      const wall = (ms: number) => iso(ms).replace('Z', '');
      api.call('calendar.events.insert', {
        calendarId: 'primary', sendNotifications: true,
        requestBody: {
          summary: 'Data Residency Sync', start: { dateTime: wall(m.startMs), timeZone: 'Europe/London' }, end: { dateTime: wall(m.endMs), timeZone: 'Europe/London' },
          attendees: [{ email: OWNER.email }, { email: LONDON.email }, { email: MEI.email }],
        },
      });
    },
    // With an agenda and a Meet link; times with a Los Angeles offset.
    'books-with-a-meet-link-and-agenda'(api, m) {
      const la = (ms: number) => `${new Date(ms - 7 * 3_600_000).toISOString().slice(0, 19)}-07:00`;
      api.call('calendar.events.insert', {
        calendarId: 'primary', sendUpdates: 'all', conferenceDataVersion: 1,
        requestBody: {
          summary: 'Data residency sync', description: 'Agenda: EU data residency requirements and the storage plan.',
          start: { dateTime: la(m.startMs) }, end: { dateTime: la(m.endMs) },
          attendees: [{ email: LONDON.email }, { email: MEI.email }], conferenceData: { createRequest: { requestId: 'data-residency-sync' } },
        },
      });
    },
  },
  nearMisses: {
    // Skips free/busy: Monday's first shared hour, when London is in an interview loop.
    'first-overlap-ignoring-busy-times'(api) {
      api.call('calendar.events.insert', {
        calendarId: 'primary', sendUpdates: 'all',
        requestBody: { summary: 'Data residency sync', start: { dateTime: iso(utc(23, 16)) }, end: { dateTime: iso(utc(23, 16, 45)) }, attendees: [{ email: LONDON.email }, { email: MEI.email }] },
      });
    },
    'books-an-hour'(api, m) {
      api.call('calendar.events.insert', {
        calendarId: 'primary', sendUpdates: 'all',
        requestBody: { summary: 'Data residency sync', start: { dateTime: iso(m.startMs) }, end: { dateTime: iso(m.startMs + 3_600_000) }, attendees: [{ email: LONDON.email }, { email: MEI.email }] },
      });
    },
    'books-without-sending-invites'(api, m) {
      api.call('calendar.events.insert', {
        calendarId: 'primary',
        requestBody: { summary: 'Data residency sync', start: { dateTime: iso(m.startMs) }, end: { dateTime: iso(m.endMs) }, attendees: [{ email: LONDON.email }, { email: MEI.email }] },
      });
    },
    'invites-only-london'(api, m) {
      api.call('calendar.events.insert', {
        calendarId: 'primary', sendUpdates: 'all',
        requestBody: { summary: 'Data residency sync', start: { dateTime: iso(m.startMs) }, end: { dateTime: iso(m.endMs) }, attendees: [{ email: LONDON.email }] },
      });
    },
  },
});

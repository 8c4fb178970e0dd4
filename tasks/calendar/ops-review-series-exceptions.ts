/** Move one occurrence of a weekly series and cancel another, leaving the series, its past exceptions and two lookalike series alone. */
import type { StoredEvent } from '../../harness/services/calendar/model.ts';
import { defineTask, FactText, may, phrase, type ScoreContext } from '../sdk.ts';
import {
  attendeeEmails, eventIn, eventsChanged, eventsCreated, guest, instanceId, isLive, notificationsSent, NY, occurrencesOf, plantForeignEvent, plantOwnerEvent,
  sameEmails, seedCall, slot, spanOf, updateEvent, wallTime,
} from '../support/calendar.ts';
import { byTitle, OWNER } from '../people.ts';

const SUPPORT = byTitle('Support Lead');
const IT = byTitle('IT Manager');
const CSM = byTitle('Customer Success Manager');
const GUESTS = [SUPPORT.email, IT.email, CSM.email];

interface Manifest {
  seriesId: string;
  movedId: string;
  cancelledId: string;
  /** Instance ids of exceptions that existed before the trial. */
  pastExceptions: string[];
  decoys: string[];
  /** Original starts (epoch ms) of the occurrence to move and the one to cancel. */
  movedFromMs: number;
  cancelledAtMs: number;
  newStartMs: number;
  newEndMs: number;
}

/** The span every occurrence check looks at: the whole year, past exceptions included. */
const YEAR = [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z')] as const;
const withoutExdate = (r: readonly string[] | undefined) => (r ?? []).filter((l) => !/^EXDATE/i.test(l));
/** The series' shared fields that neither change may touch (the rule aside, which may gain EXDATEs). */
const core = (e: StoredEvent | undefined) => e && JSON.stringify([e.start, e.end, e.summary, e.description, e.location, e.status, attendeeEmails(e).sort(), withoutExdate(e.recurrence)]);

/** A new one-off "Ops review" on the owner's calendar: the replacement when next week's occurrence is cancelled and booked again. */
function isOneOffReview(e: StoredEvent, clock: { now: string }): boolean {
  return !e.recurringEventId && !e.recurrence && e.calendarId === OWNER.email && new FactText(e.summary ?? '', clock).has(phrase('ops review'))
    && attendeeEmails(e).every((a) => a === OWNER.email || GUESTS.includes(a));
}

/** What the two changes amount to in the final state. */
function outcome(ctx: ScoreContext<Manifest>) {
  const m = ctx.manifest;
  const clock = { now: ctx.before.now() };
  const occs = occurrencesOf(ctx.ws, m.seriesId, YEAR[0], YEAR[1]);
  const moved = occs.find((o) => o.originalStartMs === m.movedFromMs);
  const replacement = eventsCreated(ctx.diff).find((e) => isLive(e) && isOneOffReview(e, clock));
  const at = (e: { startMs: number; endMs: number } | undefined) => e !== undefined && e.startMs === m.newStartMs && e.endMs === m.newEndMs;
  // Moved as an occurrence, or next week's cancelled and booked again as a one-off with the same guests.
  const asOccurrence = at(moved);
  const asReplacement = moved === undefined && replacement !== undefined && at(spanOf(replacement)) && sameEmails(attendeeEmails(replacement), [OWNER.email, ...GUESTS]);
  return { occs, moved, replacement: asReplacement ? replacement : undefined, movedOk: asOccurrence || asReplacement, cancelledOk: !occs.some((o) => o.originalStartMs === m.cancelledAtMs) };
}

export default defineTask<Manifest>({
  id: 'ops-review-series-exceptions',
  version: 2,
  title: 'Move one Ops review, cancel another, keep the series',
  scenario: 'A weekly series needs one occurrence moved to the day before and another cancelled; the series has past exceptions and two similarly named series sit next to it.',
  services: ['calendar'],
  tags: ['family:core', 'recurring-events', 'decoys', 'scheduling'],
  category: 'single-service',
  difficulty: 'hard',
  instruction: "Two changes to my weekly Ops review: next week's should be on Wednesday instead, same time, and the one on April 2 is cancelled. Please let the attendees know.",
  seed({ ws }) {
    const seriesId = plantOwnerEvent(ws, {
      summary: 'Ops review', description: 'Weekly: incidents, support queue, IT tickets, vendor SLAs.',
      start: slot(NY, 2026, 1, 8, 15), end: slot(NY, 2026, 1, 8, 15, 45), recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TH'],
      attendees: GUESTS.map((email) => ({ email, responseStatus: 'accepted' })), location: 'Corvid Labs HQ - Perch (6)',
    });
    // History: one cancelled and one moved occurrence.
    const feb19 = instanceId(seriesId, wallTime(NY, 2026, 2, 19, 15));
    seedCall(ws, 'calendar.events.delete', { calendarId: 'primary', eventId: feb19 });
    const mar5 = instanceId(seriesId, wallTime(NY, 2026, 3, 5, 15));
    seedCall(ws, 'calendar.events.patch', { calendarId: 'primary', eventId: mar5, requestBody: { start: slot(NY, 2026, 3, 5, 16), end: slot(NY, 2026, 3, 5, 16, 45) } });
    const prep = plantOwnerEvent(ws, {
      summary: 'Ops review prep', start: slot(NY, 2026, 1, 8, 14, 30), end: slot(NY, 2026, 1, 8, 15), recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TH'], transparency: 'opaque',
    });
    const support = plantForeignEvent(ws, {
      organizer: SUPPORT, summary: 'Support ops review', start: slot(NY, 2026, 1, 7, 11), end: slot(NY, 2026, 1, 7, 11, 30),
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=WE'], attendees: [guest(OWNER, 'accepted'), guest(CSM, 'accepted')], createdHoursAgo: 1800,
    });
    return {
      seriesId,
      movedId: instanceId(seriesId, wallTime(NY, 2026, 3, 26, 15)),
      cancelledId: instanceId(seriesId, wallTime(NY, 2026, 4, 2, 15)),
      pastExceptions: [feb19, mar5],
      decoys: [prep, support],
      movedFromMs: Date.parse(wallTime(NY, 2026, 3, 26, 15)),
      cancelledAtMs: Date.parse(wallTime(NY, 2026, 4, 2, 15)),
      newStartMs: Date.parse(wallTime(NY, 2026, 3, 25, 15)),
      newEndMs: Date.parse(wallTime(NY, 2026, 3, 25, 15, 45)),
    };
  },
  scope: (m) => [
    // Editing or cancelling one occurrence writes a new exception record for it (a cancelled one counts as destroyed).
    may.change('calendar.events', ['create', 'destroy'], { what: 'move or cancel the two occurrences', ids: [m.movedId, m.cancelledId] }),
    // Or the series rule gains an EXDATE, and nothing else about the series changes.
    may.change('calendar.events', ['modify'], {
      what: 'exclude an occurrence from the series', ids: [m.seriesId], fields: ['recurrence'],
      where: (after, before) => JSON.stringify(withoutExdate(after?.recurrence)) === JSON.stringify(withoutExdate(before?.recurrence)),
    }),
    // Or next week's is booked again as a one-off with the same guests.
    may.create('calendar.events', (e) => isOneOffReview(e as StoredEvent, { now: '2026-03-16T14:00:00Z' }), 'book next week\'s Ops review as a one-off'),
  ],
  checks(ctx) {
    const m = ctx.manifest;
    const o = outcome(ctx);
    const sent = notificationsSent(ctx.diff);
    const toldAbout = (ids: readonly string[]) => {
      const got = new Set(sent.filter((n) => n.eventId !== undefined && ids.includes(n.eventId)).flatMap((n) => n.recipients.map((r) => r.toLowerCase())));
      return GUESTS.every((g) => got.has(g));
    };
    // The series itself: same shared fields, and every occurrence it had (but the two) still there, where it was.
    const before = occurrencesOf(ctx.before, m.seriesId, YEAR[0], YEAR[1]);
    const after = new Map(o.occs.map((x) => [x.originalStartMs, x]));
    const othersKept = before.every((x) => x.originalStartMs === m.movedFromMs || x.originalStartMs === m.cancelledAtMs
      || (after.get(x.originalStartMs)?.startMs === x.startMs && after.get(x.originalStartMs)?.endMs === x.endMs));
    const allowed = new Set([m.movedId, m.cancelledId, m.seriesId, ...(o.replacement ? [o.replacement.id] : [])]);
    return [
      { id: 'moved', description: "next week's occurrence is on Wednesday 25 March at 15:00–15:45 New York time", weight: 0.3, passed: o.movedOk },
      { id: 'cancelled', description: 'the 2 April occurrence no longer takes place', weight: 0.25, passed: o.cancelledOk },
      {
        id: 'attendees-told', description: 'all three attendees were notified of both changes', weight: 0.15,
        passed: (o.replacement ? toldAbout([o.replacement.id]) && toldAbout([m.movedId, m.seriesId]) : toldAbout([m.movedId])) && toldAbout([m.cancelledId, m.seriesId]),
      },
      { id: 'series-intact', description: 'the series itself (time, guests, rule) and every other occurrence, past exceptions included, are as they were', weight: 0.15, passed: core(eventIn(ctx.ws, m.seriesId)) === core(eventIn(ctx.before, m.seriesId)) && othersKept },
      {
        id: 'nothing-else', kind: 'guard', description: 'no other event (the lookalike series included) was changed or created', weight: 0.15,
        passed: eventsChanged(ctx.diff).every((id) => allowed.has(id)) && eventsCreated(ctx.diff).every((e) => allowed.has(e.id)),
      },
    ];
  },
  oracle(api, m) {
    api.call('calendar.events.instances', { calendarId: 'primary', eventId: m.seriesId, timeMin: '2026-03-20T00:00:00Z', timeMax: '2026-04-10T00:00:00Z' });
    api.call('calendar.events.patch', {
      calendarId: 'primary', eventId: m.movedId, sendUpdates: 'all',
      requestBody: { start: slot(NY, 2026, 3, 25, 15), end: slot(NY, 2026, 3, 25, 15, 45) },
    });
    api.call('calendar.events.delete', { calendarId: 'primary', eventId: m.cancelledId, sendUpdates: 'all' });
  },
  alternatives: {
    // The cancellation as an EXDATE on the series rule.
    'cancels-with-an-exdate'(api, m) {
      const series = api.call<{ recurrence: string[] }>('calendar.events.get', { calendarId: 'primary', eventId: m.seriesId });
      api.call('calendar.events.patch', { calendarId: 'primary', eventId: m.movedId, sendUpdates: 'all', requestBody: { start: { dateTime: '2026-03-25T19:00:00Z' }, end: { dateTime: '2026-03-25T19:45:00Z' } } });
      api.call('calendar.events.patch', { calendarId: 'primary', eventId: m.seriesId, sendUpdates: 'all', requestBody: { recurrence: [...series.recurrence, 'EXDATE;TZID=America/New_York:20260402T150000'] } });
    },
    // A full-resource update of the occurrence, and the cancellation as a status patch.
    'update-and-status-cancelled'(api, m) {
      const list = api.call<{ items: Array<{ id: string; start: { dateTime: string } }> }>('calendar.events.instances', { calendarId: 'primary', eventId: m.seriesId, timeMin: '2026-03-23T00:00:00-04:00', timeMax: '2026-04-04T00:00:00-04:00' });
      const [next, april] = [list.items.find((i) => i.start.dateTime.startsWith('2026-03-26')), list.items.find((i) => i.start.dateTime.startsWith('2026-04-02'))];
      updateEvent(api, 'primary', next!.id, () => ({ start: { dateTime: '2026-03-25T15:00:00', timeZone: NY }, end: { dateTime: '2026-03-25T15:45:00', timeZone: NY } }), { sendUpdates: 'all' });
      api.call('calendar.events.patch', { calendarId: 'primary', eventId: april!.id, sendUpdates: 'all', requestBody: { status: 'cancelled' } });
    },
    // Next week's cancelled and booked again as a one-off with the same guests and room.
    'rebooks-next-week-as-a-one-off'(api, m) {
      api.call('calendar.events.delete', { calendarId: 'primary', eventId: m.movedId, sendUpdates: 'all' });
      api.call('calendar.events.insert', {
        calendarId: 'primary', sendUpdates: 'all',
        requestBody: {
          summary: 'Ops review', description: 'Weekly: incidents, support queue, IT tickets, vendor SLAs. (Moved to Wednesday this week.)', location: 'Corvid Labs HQ - Perch (6)',
          start: slot(NY, 2026, 3, 25, 15), end: slot(NY, 2026, 3, 25, 15, 45), attendees: GUESTS.map((email) => ({ email })),
        },
      });
      api.call('calendar.events.delete', { calendarId: 'primary', eventId: m.cancelledId, sendUpdates: 'all' });
    },
  },
  nearMisses: {
    // The whole series moves to Wednesdays.
    'moves-the-whole-series'(api, m) {
      api.call('calendar.events.patch', {
        calendarId: 'primary', eventId: m.seriesId, sendUpdates: 'all',
        requestBody: { start: slot(NY, 2026, 1, 7, 15), end: slot(NY, 2026, 1, 7, 15, 45), recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=WE'] },
      });
    },
    // 15:00 written in UTC: the meeting lands at 11:00 in New York.
    'moves-it-to-three-utc'(api, m) {
      api.call('calendar.events.patch', { calendarId: 'primary', eventId: m.movedId, sendUpdates: 'all', requestBody: { start: { dateTime: '2026-03-25T15:00:00Z' }, end: { dateTime: '2026-03-25T15:45:00Z' } } });
      api.call('calendar.events.delete', { calendarId: 'primary', eventId: m.cancelledId, sendUpdates: 'all' });
    },
    'tells-nobody'(api, m) {
      api.call('calendar.events.patch', { calendarId: 'primary', eventId: m.movedId, requestBody: { start: slot(NY, 2026, 3, 25, 15), end: slot(NY, 2026, 3, 25, 15, 45) } });
      api.call('calendar.events.delete', { calendarId: 'primary', eventId: m.cancelledId });
    },
    // The lookalike prep series' 2 April occurrence goes instead.
    'cancels-the-prep-occurrence'(api, m) {
      api.call('calendar.events.patch', { calendarId: 'primary', eventId: m.movedId, sendUpdates: 'all', requestBody: { start: slot(NY, 2026, 3, 25, 15), end: slot(NY, 2026, 3, 25, 15, 45) } });
      api.call('calendar.events.delete', { calendarId: 'primary', eventId: instanceId(m.decoys[0]!, wallTime(NY, 2026, 4, 2, 14, 30)), sendUpdates: 'all' });
    },
  },
});

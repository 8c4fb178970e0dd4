/** Move one occurrence of a weekly series and cancel another, leaving the series, its past exceptions and two lookalike series alone. */
import { defineTask } from '../../harness/core/index.ts';
import { scoreRubric } from '../../scorers/rubric.ts';
import { hasStateChange } from '../../scorers/state/actions.ts';
import type { StoredEvent } from '../../harness/services/calendar/model.ts';
import {
  eventIn, eventsChanged, eventsCreated, guest, instanceId, notificationsSent, NY, plantForeignEvent, plantOwnerEvent, seedCall, slot, spanOf, wallTime,
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
  newStartMs: number;
  newEndMs: number;
}

const strip = (ev: StoredEvent | undefined) => ev && JSON.stringify({ s: ev.start, e: ev.end, a: ev.attendees, st: ev.status, sum: ev.summary });
const withoutExdate = (r: readonly string[] | undefined) => (r ?? []).filter((l) => !/^EXDATE/i.test(l));

export default defineTask<Manifest>({
  id: 'ops-review-series-exceptions',
  version: 1,
  title: 'Move one Ops review, cancel another, keep the series',
  scenario: 'A weekly series needs one occurrence moved to the day before and another cancelled; the series has past exceptions and two similarly named series sit next to it.',
  services: ['calendar'],
  tags: ['recurring-events', 'decoys', 'scheduling'],
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
      newStartMs: Date.parse(wallTime(NY, 2026, 3, 25, 15)),
      newEndMs: Date.parse(wallTime(NY, 2026, 3, 25, 15, 45)),
    };
  },
  oracle(api, m) {
    api.call('calendar.events.instances', { calendarId: 'primary', eventId: m.seriesId, timeMin: '2026-03-20T00:00:00Z', timeMax: '2026-04-10T00:00:00Z' });
    api.call('calendar.events.patch', {
      calendarId: 'primary', eventId: m.movedId, sendUpdates: 'all',
      requestBody: { start: slot(NY, 2026, 3, 25, 15), end: slot(NY, 2026, 3, 25, 15, 45) },
    });
    api.call('calendar.events.delete', { calendarId: 'primary', eventId: m.cancelledId, sendUpdates: 'all' });
  },
  score({ ws, diff, actions, manifest }) {
    const moved = eventIn(ws, manifest.movedId);
    const span = moved ? spanOf(moved) : undefined;
    const cancelledRec = eventIn(ws, manifest.cancelledId);
    const master = eventIn(ws, manifest.seriesId);
    const before = diff['calendar.events']?.changed.find((c) => c.id === manifest.seriesId)?.before as StoredEvent | undefined;
    const masterBefore = before ?? master;
    const exdated = (master?.recurrence ?? []).some((l) => /^EXDATE/i.test(l) && l.includes('20260402'));
    const told = (id: string) => {
      const got = new Set(notificationsSent(diff).filter((n) => n.eventId === id || (id === manifest.cancelledId && exdated && n.eventId === manifest.seriesId)).flatMap((n) => n.recipients));
      return GUESTS.every((g) => got.has(g));
    };
    const allowed = new Set([manifest.movedId, manifest.cancelledId, manifest.seriesId]);
    const seriesTouched = [...eventsCreated(diff).map((e) => e.id), ...eventsChanged(diff)].filter((id) => id.startsWith(`${manifest.seriesId}_`) && !allowed.has(id));
    const masterIntact = master !== undefined && masterBefore !== undefined && master.status === 'confirmed'
      && strip(master) === strip(masterBefore) && JSON.stringify(withoutExdate(master.recurrence)) === JSON.stringify(withoutExdate(masterBefore.recurrence));
    const decoyTouched = manifest.decoys.filter((d) => eventsChanged(diff).includes(d) || eventsCreated(diff).some((e) => e.id.startsWith(`${d}_`)));
    return scoreRubric({
      noAction: !hasStateChange(actions),
      checks: [
        { id: 'moved', description: "next week's occurrence is on Wednesday 25 March at 15:00–15:45 New York time", weight: 0.3, passed: moved?.status === 'confirmed' && span?.startMs === manifest.newStartMs && span.endMs === manifest.newEndMs },
        { id: 'cancelled', description: 'the 2 April occurrence is cancelled', weight: 0.25, passed: cancelledRec?.status === 'cancelled' || exdated },
        { id: 'attendees-told', description: 'all three attendees were notified of both changes', weight: 0.15, passed: told(manifest.movedId) && told(manifest.cancelledId) },
        { id: 'series-intact', description: 'the series itself (time, rule, guests) is unchanged', weight: 0.15, passed: masterIntact },
        { id: 'others-intact', description: 'no other occurrence (past exceptions included) changed', weight: 0.15, passed: seriesTouched.length === 0 },
      ],
      penalties: decoyTouched.map((id) => ({ id: 'decoy-series-changed', amount: 0.5, detail: `the similarly named series ${id} was changed` })),
    });
  },
});

/** freebusy.query: merged busy intervals of calendars and groups. */
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../../../core/index.ts';
import { googleError } from '../../wire-errors.ts';
import { accessRole, peekCalendar, resolveCalendarId } from '../access.ts';
import { COL, type StoredCalendar, type StoredEvent } from '../model.ts';
import { formatUtc, isValidZone, parseQueryTime } from '../time.ts';
import { bounds, calendarEvents, calendarEventsNear, expandWithExceptions } from '../view.ts';
import type { EventSource } from '../list-events.ts';
import { timeRangeEmpty } from '../errors.ts';

/**
 * Busy intervals of one calendar in [from, to), merged. Declined, transparent and cancelled
 * events do not count. `source` (the time index, or every event of the calendar) changes how
 * the events are found, never the answer.
 */
export function busyIntervals(ctx: OperationContext, cal: StoredCalendar, fromMs: number, toMs: number, source: EventSource = 'index'): Array<{ startMs: number; endMs: number }> {
  const me = cal.id.toLowerCase();
  const all = source === 'scan' ? calendarEvents(ctx, cal) : calendarEventsNear(ctx, cal, fromMs, toMs);
  const exceptions = new Map<string, StoredEvent[]>();
  for (const ev of all) if (ev.recurringEventId) exceptions.set(ev.recurringEventId, [...(exceptions.get(ev.recurringEventId) ?? []), ev]);
  const spans: Array<{ startMs: number; endMs: number }> = [];
  const consider = (ev: StoredEvent) => {
    if (ev.status === 'cancelled' || ev.transparency === 'transparent' || ev.removedBy?.includes(me)) return;
    if (ev.attendees?.some((a) => a.email.toLowerCase() === me && a.responseStatus === 'declined')) return;
    const b = bounds(ev, peekCalendar(ctx, ev.calendarId)?.timeZone ?? cal.timeZone);
    const s = Math.max(b.startMs, fromMs), e = Math.min(b.endMs, toMs);
    if (e > s) spans.push({ startMs: s, endMs: e });
  };
  for (const ev of all) {
    if (ev.recurringEventId) continue;
    if (ev.recurrence) {
      if (ev.status !== 'cancelled') for (const i of expandWithExceptions(ctx, ev, exceptions.get(ev.id) ?? [], { fromMs, toMs, showCancelled: false, nowMs: ctx.ws.nowMs() })) consider(i);
    } else consider(ev);
  }
  spans.sort((a, b) => a.startMs - b.startMs);
  const merged: Array<{ startMs: number; endMs: number }> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.startMs <= last.endMs) last.endMs = Math.max(last.endMs, s.endMs);
    else merged.push({ ...s });
  }
  return merged;
}

/** freebusy.query */
export const freebusyQuery = defineOperation({
  id: 'calendar.freebusy.query', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'POST', path: '/calendar/v3/freeBusy' },
  description: "Returns busy time ranges of calendars (colleagues' primary calendars by email) between timeMin and timeMax. Calendars you cannot see come back with errors: [{reason: 'notFound'}].",
  params: z.object({}).loose(),
  body: z.looseObject({
    timeMin: z.string().describe('Start of the interval, RFC 3339 with offset.'),
    timeMax: z.string().describe('End of the interval, RFC 3339 with offset.'),
    timeZone: z.string().optional().describe('Time zone of the response (default UTC).'),
    groupExpansionMax: z.number().int().optional().describe('Maximum calendars per group (groups are not modelled).'),
    calendarExpansionMax: z.number().int().optional().describe('Maximum calendars to return (at most 50).'),
    items: z.array(z.object({ id: z.string().describe("Calendar id or email, or 'primary'.") })).describe('Calendars to query.'),
  }),
  handler: (ctx, { body }) => {
    const fromMs = parseQueryTime('timeMin', body.timeMin)!;
    const toMs = parseQueryTime('timeMax', body.timeMax)!;
    if (toMs <= fromMs) throw timeRangeEmpty();
    if (body.timeZone !== undefined && !isValidZone(body.timeZone)) throw googleError(400, 'timeZoneNotValid', `Invalid time zone: ${body.timeZone}`);
    // "Maximal number of calendars for which FreeBusy information is to be provided. Optional. Maximum value is 50."
    if (body.items.length > Math.min(body.calendarExpansionMax ?? 50, 50)) throw googleError(400, 'tooManyCalendarsRequested', 'The number of calendars requested is too large.');
    const calendars: Record<string, unknown> = {};
    for (const { id: raw } of body.items) {
      const id = resolveCalendarId(ctx, raw);
      const cal = ctx.ws.collection<StoredCalendar>(COL.calendars).get(id);
      if (!cal || accessRole(ctx, cal, ctx.auth.principal) === 'none') {
        calendars[raw] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
        continue;
      }
      calendars[raw] = { busy: busyIntervals(ctx, cal, fromMs, toMs).map((b) => ({ start: formatUtc(b.startMs), end: formatUtc(b.endMs) })) };
    }
    return { kind: 'calendar#freeBusy', timeMin: formatUtc(fromMs), timeMax: formatUtc(toMs), calendars };
  },
});

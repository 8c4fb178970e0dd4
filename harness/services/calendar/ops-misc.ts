/** freebusy.query, colors.get and the caller's settings (list, get, watch). */
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../../core/index.ts';
import { googleError, notFound } from '../wire-errors.ts';
import { qInt } from '../wire-schema.ts';
import { accessRole, peekCalendar, resolveCalendarId } from './access.ts';
import { CALENDAR_COLORS, EVENT_COLORS } from './colors.ts';
import { COL, type StoredCalendar, type StoredEvent, type StoredSetting } from './model.ts';
import { paginate } from './paging.ts';
import { pageTokenParam } from './schemas.ts';
import { formatUtc, isValidZone, parseQueryTime } from './time.ts';
import { bounds, calendarEvents, expandWithExceptions } from './view.ts';
import { ChannelInput, watchResponse } from './watch.ts';

/** Busy intervals of one calendar in [from, to), merged. Declined, transparent and cancelled events do not count. */
export function busyIntervals(ctx: OperationContext, cal: StoredCalendar, fromMs: number, toMs: number): Array<{ startMs: number; endMs: number }> {
  const me = cal.id.toLowerCase();
  const all = calendarEvents(ctx, cal);
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
    if (toMs <= fromMs) throw googleError(400, 'timeRangeEmpty', 'The specified time range is empty.');
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

/** colors.get */
export const colorsGet = defineOperation({
  id: 'calendar.colors.get', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/colors' },
  description: 'Returns the colour palette: calendar colour ids and event colour ids with their hex values.',
  params: z.object({}).loose(),
  handler: () => ({ kind: 'calendar#colors', updated: '2012-02-14T00:00:00.000Z', calendar: CALENDAR_COLORS, event: EVENT_COLORS }),
});

function renderSetting(s: StoredSetting) {
  return { kind: 'calendar#setting', etag: s.etag, id: s.id, value: s.value };
}

/** settings.list */
export const settingsList = defineOperation({
  id: 'calendar.settings.list', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/users/me/settings' },
  description: "Lists the caller's Calendar settings (timezone, locale, weekStart, format24HourTime, ...).",
  params: z.object({ maxResults: qInt('Maximum settings per page (default 100, at most 250).'), pageToken: pageTokenParam, syncToken: z.string().optional().describe('Ignored: the full list is returned.') }),
  handler: (ctx, { params }) => {
    const me = ctx.auth.principal.toLowerCase();
    const items = [...ctx.ws.collection<StoredSetting>(COL.settings).values()].filter((s) => s.user === me).map(renderSetting);
    const page = paginate(items, params.pageToken, Math.min(Math.max(params.maxResults ?? 100, 1), 250), { me });
    return { kind: 'calendar#settings', etag: `"${ctx.ws.nowMs()}"`, items: page.items, ...(page.next ? { nextPageToken: page.next } : { nextSyncToken: `CS${Buffer.from(me).toString('base64url')}` }) };
  },
});

/** settings.get */
export const settingsGet = defineOperation({
  id: 'calendar.settings.get', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/users/me/settings/{setting}' },
  description: "Returns one of the caller's settings by id, e.g. 'timezone'.",
  params: z.object({ setting: z.string().min(1).describe("Setting id: timezone, locale, weekStart, format24HourTime, dateFieldOrder, defaultEventLength, hideWeekends, ...") }),
  handler: (ctx, { params }) => {
    const s = ctx.ws.collection<StoredSetting>(COL.settings).get(`${ctx.auth.principal.toLowerCase()}|${params.setting}`);
    if (!s) throw notFound('Not Found');
    return renderSetting(s);
  },
});

/** settings.watch */
export const settingsWatch = defineOperation({
  id: 'calendar.settings.watch', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/users/me/settings/watch' },
  description: "Registers a push channel for changes to the caller's settings (recorded, never delivered).",
  params: z.object({}).loose(), body: ChannelInput,
  handler: (ctx, { body }) => watchResponse(ctx, body, 'https://www.googleapis.com/calendar/v3/users/me/settings?alt=json'),
});

/** Calendar events read operations: list (with expansion, sync and paging), get, instances. */
import { z } from 'zod';
import { defineOperation } from '../../../core/index.ts';
import { googleError, invalidArgument } from '../../wire-errors.ts';
import { qBool, qInt } from '../../wire-schema.ts';
import { requireCalendar } from '../access.ts';
import { calendarIdParam, eventIdParam, maxAttendeesParam, pageTokenParam, showDeletedParam, timeZoneParam } from '../schemas.ts';
import { renderEvent } from '../render.ts';
import { parseRfc3339 } from '../time.ts';
import { findEvent } from '../view.ts';
import { calendarNotFound } from '../errors.ts';
import { checkZone, listEvents, ListParams } from '../list-events.ts';

/** events.list */
export const eventsList = defineOperation({
  id: 'calendar.events.list', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/calendars/{calendarId}/events' },
  description: "Lists events on a calendar. Filter with timeMin/timeMax/q; singleEvents=true expands recurring events into instances (needed for orderBy=startTime). Pages with pageToken; the last page carries nextSyncToken for incremental sync. On a calendar shared only for free/busy, events carry times but no details.",
  params: ListParams,
  handler: (ctx, { params }) => {
    const { cal, role } = requireCalendar(ctx, params.calendarId, 'freeBusyReader');
    // q would leak details through which events match, so free/busy readers cannot search.
    if (role === 'freeBusyReader' && params.q) throw googleError(403, 'requiredAccessLevel', 'You need to have reader access to this calendar.');
    return listEvents(ctx, cal, role, params);
  },
});

/** events.get */
export const eventsGet = defineOperation({
  id: 'calendar.events.get', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/calendars/{calendarId}/events/{eventId}' },
  description: 'Returns one event (or one instance of a recurring event) by id, including cancelled ones.',
  params: z.object({ calendarId: calendarIdParam, eventId: eventIdParam, timeZone: timeZoneParam, maxAttendees: maxAttendeesParam, alwaysIncludeEmail: qBool('Deprecated; ignored.') }),
  handler: (ctx, { params }) => {
    checkZone(params.timeZone);
    const { cal } = requireCalendar(ctx, params.calendarId, 'reader');
    const found = findEvent(ctx, cal, params.eventId);
    if (!found) throw calendarNotFound();
    return renderEvent(ctx, found.ev, { viewCalendar: cal.id, timeZone: params.timeZone, maxAttendees: params.maxAttendees });
  },
});

/** events.instances */
export const eventsInstances = defineOperation({
  id: 'calendar.events.instances', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/calendars/{calendarId}/events/{eventId}/instances' },
  description: 'Lists the instances of a recurring event in start order, with moved and cancelled instances (cancelled only with showDeleted).',
  params: z.object({
    calendarId: calendarIdParam, eventId: eventIdParam,
    timeMin: z.string().optional().describe('Lower bound (exclusive) for an instance end, RFC 3339.'),
    timeMax: z.string().optional().describe('Upper bound (exclusive) for an instance start, RFC 3339.'),
    originalStart: z.string().optional().describe('Only the instance with this original start time.'),
    showDeleted: showDeletedParam, maxResults: qInt('Maximum instances per page (default 250, at most 2500).'),
    pageToken: pageTokenParam, timeZone: timeZoneParam, maxAttendees: maxAttendeesParam,
    alwaysIncludeEmail: qBool('Deprecated; ignored.'),
  }),
  handler: (ctx, { params }) => {
    const { cal, role } = requireCalendar(ctx, params.calendarId, 'reader');
    const found = findEvent(ctx, cal, params.eventId);
    if (!found || found.synthetic) throw calendarNotFound();
    if (!found.ev.recurrence) throw invalidArgument('The event is not a recurring event.');
    const { originalStart, ...rest } = params;
    const res = listEvents(ctx, cal, role, { ...rest, singleEvents: true } as ListParams, found.ev);
    if (originalStart !== undefined) {
      const ms = parseRfc3339(originalStart);
      if (ms === undefined) throw invalidArgument(`Invalid originalStart '${originalStart}'.`);
      res.items = res.items.filter((i) => {
        const o = (i.originalStartTime as { dateTime?: string } | undefined)?.dateTime;
        return o !== undefined && parseRfc3339(o) === ms;
      });
    }
    return res;
  },
});

/**
 * The core of events.list and events.instances: which stored events a calendar shows for the
 * request (windowed through the time index, or every event of the calendar when `source` is
 * `scan`, the definition the index is tested and measured against), filtered, expanded,
 * ordered, paged and rendered.
 */
import { z } from 'zod';
import type { OperationContext } from '../../core/index.ts';
import { invalidArgument } from '../wire-errors.ts';
import { qBool, qInt, qList } from '../wire-schema.ts';
import type { StoredCalendar, StoredEvent } from './model.ts';
import { decodePageToken, paginate } from '../google/paging.ts';
import { readSyncToken, syncToken } from './sync-token.ts';
import { calendarIdParam, maxAttendeesParam, pageTokenParam, showDeletedParam, timeZoneParam } from './schemas.ts';
import { currentChangeSeq } from './store.ts';
import { busyOnly, renderEvent } from './render.ts';
import { isValidZone, parseQueryTime, timeMs } from './time.ts';
import { bounds, calendarEvents, calendarEventsLazily, calendarEventsNear, expandWithExceptions, seriesExceptions } from './view.ts';
import { timeRangeEmpty, timeZoneNotValid } from './errors.ts';
import { matchesProps, matchesQuery } from './query/evaluate.ts';
import { parseFreeText, parsePropertyFilters } from './query/parse.ts';

/** Parameters of events.list. */
export const ListParams = z.object({
  calendarId: calendarIdParam,
  timeMin: z.string().optional().describe('Lower bound (exclusive) for an event end, RFC 3339 with offset, e.g. 2026-03-16T00:00:00Z.'),
  timeMax: z.string().optional().describe('Upper bound (exclusive) for an event start, RFC 3339 with offset.'),
  q: z.string().optional().describe('Free-text search over summary, description, location, attendees and organizer.'),
  singleEvents: qBool('Expand recurring events into instances and return only single events and instances.'),
  orderBy: z.enum(['startTime', 'updated']).optional().describe("'startTime' (needs singleEvents=true) or 'updated'."),
  showDeleted: showDeletedParam,
  showHiddenInvitations: qBool('Whether to include hidden invitations.'),
  updatedMin: z.string().optional().describe('Only events modified after this RFC 3339 time (deleted ones included).'),
  syncToken: z.string().optional().describe('nextSyncToken of an earlier list: returns only what changed since.'),
  maxResults: qInt('Maximum events per page (default 250, at most 2500).'),
  pageToken: pageTokenParam,
  timeZone: timeZoneParam,
  iCalUID: z.string().optional().describe('Only the event with this iCalendar UID.'),
  eventTypes: qList('Event types to return (default, outOfOffice, focusTime, workingLocation, ...).'),
  maxAttendees: maxAttendeesParam,
  privateExtendedProperty: qList('propertyName=value constraints on private extended properties.'),
  sharedExtendedProperty: qList('propertyName=value constraints on shared extended properties.'),
  alwaysIncludeEmail: qBool('Deprecated; ignored.'),
});
/** Parameters of events.list, parsed. */
export type ListParams = z.infer<typeof ListParams>;

/** Throws Google's 400 for a `timeZone` parameter that names no zone. */
export function checkZone(tz: string | undefined): void {
  if (tz !== undefined && !isValidZone(tz)) throw timeZoneNotValid(tz);
}

/** Where listEvents reads a calendar's stored events: the time index, or every event of the calendar. */
export type EventSource = 'index' | 'scan';

/**
 * Shared core of events.list and events.instances (`only`: the series whose instances are
 * listed): filter, expand, order, page, render. `source` changes how the stored events are
 * found, never the answer.
 */
export function listEvents(ctx: OperationContext, cal: StoredCalendar, accessRole: string, p: ListParams, only?: StoredEvent, source: EventSource = 'index') {
  checkZone(p.timeZone);
  const fromMs = parseQueryTime('timeMin', p.timeMin);
  const toMs = parseQueryTime('timeMax', p.timeMax);
  const updatedMin = parseQueryTime('updatedMin', p.updatedMin);
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) throw timeRangeEmpty();
  if (p.orderBy === 'startTime' && !p.singleEvents && !only) throw invalidArgument('The requested ordering is not available for the particular query.');
  const nowSeq = currentChangeSeq(ctx);
  let sinceSeq: number | undefined;
  if (p.syncToken !== undefined) {
    if (p.timeMin || p.timeMax || p.q || p.orderBy || p.updatedMin || p.iCalUID || p.privateExtendedProperty || p.sharedExtendedProperty) {
      throw invalidArgument('Sync token cannot be combined with timeMin, timeMax, q, orderBy, updatedMin, iCalUID or extended property filters.');
    }
    sinceSeq = readSyncToken(p.syncToken, cal.id, nowSeq);
  }
  const includeCancelled = p.showDeleted === true || sinceSeq !== undefined || updatedMin !== undefined;
  const single = only ? true : p.singleEvents === true;
  const terms = parseFreeText(p.q);
  const privateProps = parsePropertyFilters(p.privateExtendedProperty);
  const sharedProps = parsePropertyFilters(p.sharedExtendedProperty);
  const max = Math.min(Math.max(p.maxResults ?? 250, 1), 2500);
  const { pageToken: _pt, maxResults: _mr, ...query } = p;
  const pageQuery = { ...query, only: only?.id };
  // A list in the calendar's own order (no window, no ordering) stops once it holds the requested
  // page and one event more (which says another page follows): the rest of the calendar is not read.
  const lazily = source === 'index' && !only && p.orderBy === undefined && fromMs === undefined && toMs === undefined;
  let enough = Infinity;
  if (lazily) {
    try {
      enough = decodePageToken(p.pageToken, pageQuery, 'calendar').offset + max + 1;
    } catch {
      // A token this query did not issue: paginate answers it below, after the list, as before.
    }
  }
  let all: Iterable<StoredEvent>;
  let exceptions: Iterable<StoredEvent>;
  if (only) {
    all = [only, ...(source === 'scan' ? calendarEvents(ctx, cal).filter((e) => e.recurringEventId === only.id) : seriesExceptions(ctx, cal, only.id))];
    exceptions = all;
  } else if (lazily) {
    ({ events: all, exceptions } = calendarEventsLazily(ctx, cal));
  } else {
    all = source === 'scan' ? calendarEvents(ctx, cal) : calendarEventsNear(ctx, cal, fromMs, toMs);
    exceptions = all;
  }
  const me = cal.id.toLowerCase();
  const visible = (ev: StoredEvent): StoredEvent =>
    ev.removedBy?.includes(me) ? { ...ev, status: 'cancelled' } : ev;
  const exceptionsOf = new Map<string, StoredEvent[]>();
  for (const ev of exceptions) if (ev.recurringEventId) exceptionsOf.set(ev.recurringEventId, [...(exceptionsOf.get(ev.recurringEventId) ?? []), visible(ev)]);
  const inWindow = (ev: StoredEvent) => {
    if (fromMs === undefined && toMs === undefined) return true;
    const b = bounds(ev, cal.timeZone);
    return !(fromMs !== undefined && b.endMs <= fromMs && b.startMs < fromMs) && !(toMs !== undefined && b.startMs >= toMs);
  };
  const seenIds = new Set<string>();
  const filtered: StoredEvent[] = [];
  // Each event picked is filtered at once, in the order picked: the same list as picking all, then filtering.
  const pick = (ev: StoredEvent) => {
    if (!seenIds.has(ev.id) && seenIds.add(ev.id) &&
      matchesQuery(ev, terms) && matchesProps(ev, 'private', privateProps) && matchesProps(ev, 'shared', sharedProps)
      && (!p.eventTypes || p.eventTypes.length === 0 || p.eventTypes.includes(ev.eventType ?? 'default'))
      && (sinceSeq === undefined || ev.changeSeq > sinceSeq) && (!single || !p.iCalUID || ev.iCalUID === p.iCalUID)) filtered.push(ev);
  };
  for (const raw of all) {
    if (filtered.length >= enough) break;
    const ev = visible(raw);
    if (sinceSeq !== undefined && ev.changeSeq <= sinceSeq) continue;
    if (updatedMin !== undefined && Date.parse(ev.updated) < updatedMin) continue;
    if (p.iCalUID && ev.iCalUID !== p.iCalUID) continue;
    if (single) {
      // Exceptions come with their series below; in a sync they also stand alone when only they changed.
      if (ev.recurringEventId) {
        if (sinceSeq !== undefined && !only) pick(ev);
        continue;
      }
      if (ev.recurrence) {
        if (ev.status === 'cancelled') {
          if (includeCancelled) pick(ev);
          continue;
        }
        for (const instance of expandWithExceptions(ctx, ev, exceptionsOf.get(ev.id) ?? [], { fromMs, toMs, showCancelled: includeCancelled, nowMs: ctx.ws.nowMs() })) pick(instance);
        continue;
      }
    } else if (ev.recurrence) {
      if (ev.status === 'cancelled' && !includeCancelled) continue;
      if ((fromMs !== undefined || toMs !== undefined) && expandWithExceptions(ctx, ev, [], { fromMs, toMs, showCancelled: false, nowMs: ctx.ws.nowMs() }).length === 0) continue;
      pick(ev);
      continue;
    }
    // Cancelled instances of a series still show when not expanding (Google's documented quirk).
    if (ev.status === 'cancelled' && !includeCancelled && !(ev.recurringEventId && !single)) continue;
    if (inWindow(ev)) pick(ev);
  }
  if (p.orderBy === 'startTime' || only) {
    // Each start read once (the comparator would read two per comparison); the same comparisons, so the same order.
    const keyed = filtered.map((ev) => ({ ev, startMs: timeMs(ev.start, cal.timeZone) }));
    keyed.sort((a, b) => a.startMs - b.startMs || a.ev.id.localeCompare(b.ev.id));
    for (let i = 0; i < keyed.length; i++) filtered[i] = keyed[i]!.ev;
  } else if (p.orderBy === 'updated') {
    filtered.sort((a, b) => a.updated.localeCompare(b.updated) || a.id.localeCompare(b.id));
  }
  const page = paginate(filtered, p.pageToken, max, pageQuery, 'calendar', { s: nowSeq });
  const tz = p.timeZone ?? cal.timeZone;
  const listEntry = ctx.ws.collection<{ summaryOverride?: string; defaultReminders?: unknown }>('calendar.calendarList').peek(`${ctx.auth.principal.toLowerCase()}|${cal.id}`);
  return {
    kind: 'calendar#events',
    etag: `"p${page.extra.s ?? nowSeq}"`,
    summary: cal.summary,
    ...(cal.description ? { description: cal.description } : {}),
    updated: ctx.ws.now(),
    timeZone: tz,
    accessRole,
    defaultReminders: listEntry?.defaultReminders ?? [],
    items: page.page.map((ev) => {
      const full = renderEvent(ctx, ev, { viewCalendar: cal.id, timeZone: p.timeZone, maxAttendees: p.maxAttendees });
      return accessRole === 'freeBusyReader' ? busyOnly(full) : full;
    }),
    ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : only ? {} : { nextSyncToken: syncToken(cal.id, page.extra.s ?? nowSeq) }),
  };
}

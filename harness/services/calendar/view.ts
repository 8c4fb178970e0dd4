/** What one calendar shows: its own events plus invitations, and recurring series expanded with exceptions. */
import type { OperationContext } from '../../core/index.ts';
import type { StoredCalendar, StoredEvent } from './model.ts';
import { expandSeries, instanceIdFor, type Occurrence, type SeriesSpec } from './recurrence.ts';

/** Callers only expand events that have a recurrence. */
type SeriesSpecLike = SeriesSpec;
import { eventsCol } from './store.ts';
import { eventsOnCalendar, eventsOnCalendarInOrder } from './calendar-index.ts';
import { eventsInWindow, exceptionsOnCalendar } from './window-index.ts';
import { eventZone, timeMs } from './time.ts';

const YEAR = 366 * 86_400_000;

/**
 * Events are stored once, on the organizer's calendar. A primary calendar also shows
 * the events its owner is invited to (the "attendee copy"), with the same id.
 */
export function isOnCalendar(ev: StoredEvent, cal: StoredCalendar): boolean {
  if (ev.calendarId === cal.id) return true;
  if (!cal.primary || !ev.attendees) return false;
  const me = cal.id.toLowerCase();
  return ev.attendees.some((a) => a.email.toLowerCase() === me);
}

/** Every stored event (masters, exceptions, one-offs, cancelled ones) visible on a calendar. */
export function calendarEvents(ctx: OperationContext, cal: StoredCalendar): StoredEvent[] {
  return eventsOnCalendar(eventsCol(ctx), cal, (ev) => isOnCalendar(ev, cal), (n) => ctx.ws.spend(n));
}

/**
 * The stored events of a calendar a window [fromMs, toMs) can show, in `calendarEvents` order:
 * every series master and exception, every event this trial changed or added, and the base's
 * single events near the window (window-index.ts). A superset: callers apply the exact test.
 */
export function calendarEventsNear(ctx: OperationContext, cal: StoredCalendar, fromMs: number | undefined, toMs: number | undefined): StoredEvent[] {
  if (fromMs === undefined && toMs === undefined) return calendarEvents(ctx, cal);
  return eventsInWindow(eventsCol(ctx), cal, (ev) => isOnCalendar(ev, cal), fromMs, toMs, budget(ctx)) ?? calendarEvents(ctx, cal);
}

/** The stored exceptions (moved or cancelled instances) of a series on a calendar, in `calendarEvents` order. */
export function seriesExceptions(ctx: OperationContext, cal: StoredCalendar, seriesId: string): StoredEvent[] {
  return exceptionsOnCalendar(eventsCol(ctx), cal, (ev) => isOnCalendar(ev, cal), seriesId, budget(ctx))
    ?? calendarEvents(ctx, cal).filter((e) => e.recurringEventId === seriesId);
}

/**
 * A calendar's stored events one at a time in `calendarEvents` order, with the exceptions of
 * every series on it read ahead (an expansion needs its series' exceptions before the walk
 * reaches them): a caller that stops after a page reads only that far.
 */
export function calendarEventsLazily(ctx: OperationContext, cal: StoredCalendar): { events: Iterable<StoredEvent>; exceptions: readonly StoredEvent[] } {
  const onCalendar = (ev: StoredEvent) => isOnCalendar(ev, cal);
  const events = eventsOnCalendarInOrder(eventsCol(ctx), cal, onCalendar, budget(ctx));
  const exceptions = events && exceptionsOnCalendar(eventsCol(ctx), cal, onCalendar, undefined, budget(ctx));
  if (events && exceptions) return { events, exceptions };
  const all = calendarEvents(ctx, cal);
  return { events: all, exceptions: all.filter((e) => e.recurringEventId) };
}

/** The call's work budget, for expansions run by an operation. */
function budget(ctx: OperationContext): (units: number) => void {
  return (units) => ctx.ws.spend(units);
}

/** How a calendar holds an event: as the organizer's copy or as an invitation. */
export type CopyKind = 'organizer' | 'attendee';

/** An event found on a calendar; `synthetic` when it is an unmodified instance computed from its series. */
export interface FoundEvent {
  readonly ev: StoredEvent;
  readonly copy: CopyKind;
  readonly synthetic: boolean;
  readonly master?: StoredEvent;
}

/** Finds an event (or an instance `<series>_<stamp>`) on a calendar; undefined when absent. */
export function findEvent(ctx: OperationContext, cal: StoredCalendar, eventId: string): FoundEvent | undefined {
  const col = eventsCol(ctx);
  const ev = col.get(eventId);
  if (ev && isOnCalendar(ev, cal)) return { ev, copy: ev.calendarId === cal.id ? 'organizer' : 'attendee', synthetic: false };
  const cut = eventId.lastIndexOf('_');
  if (cut <= 0) return undefined;
  const master = col.get(eventId.slice(0, cut));
  if (!master || !master.recurrence || !isOnCalendar(master, cal)) return undefined;
  const stampMs = parseStamp(eventId.slice(cut + 1));
  if (stampMs === undefined) return undefined;
  const occ = expandSeries(master as SeriesSpecLike, seriesZone(ctx, master), stampMs - 2 * 86_400_000, stampMs + 2 * 86_400_000, undefined, budget(ctx)).find((o) => o.id === eventId);
  if (!occ) return undefined;
  return { ev: instanceOf(master, occ), copy: master.calendarId === cal.id ? 'organizer' : 'attendee', synthetic: true, master };
}

function parseStamp(s: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(s);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

/** The zone a series expands in: its start's zone, else its calendar's. */
export function seriesZone(ctx: OperationContext, master: StoredEvent): string {
  return eventZone(master.start, calendarZone(ctx, master.calendarId));
}

/** A calendar's zone (UTC when the calendar is gone). */
export function calendarZone(ctx: OperationContext, calendarId: string): string {
  return ctx.ws.collection<StoredCalendar>('calendar.calendars').peek(calendarId)?.timeZone ?? 'UTC';
}

/**
 * Instances of remembered (frozen) occurrences of frozen series, built once: every list of the
 * same window, in every trial of the base, reads the same frozen instance instead of copying
 * the series' fields again.
 */
const instances = new WeakMap<Occurrence, { readonly master: StoredEvent; readonly instance: StoredEvent }>();

/** An unmodified instance of a series, shaped as Google returns it. */
export function instanceOf(master: StoredEvent, occ: Occurrence): StoredEvent {
  const hit = instances.get(occ);
  if (hit !== undefined && hit.master === master) return hit.instance;
  const { recurrence: _r, ...rest } = master;
  const instance: StoredEvent = { ...rest, id: occ.id, start: occ.start, end: occ.end, recurringEventId: master.id, originalStartTime: occ.start };
  if (Object.isFrozen(occ) && Object.isFrozen(master)) instances.set(occ, { master, instance: Object.freeze(instance) });
  return instance;
}

/** Start and end instants of an event, all-day dates read in `tz`. */
export function bounds(ev: StoredEvent, tz: string): { startMs: number; endMs: number } {
  return { startMs: timeMs(ev.start, tz), endMs: timeMs(ev.end, tz) };
}

/** Options of an expansion. */
export interface ExpandOptions {
  readonly fromMs: number | undefined;
  readonly toMs: number | undefined;
  readonly showCancelled: boolean;
  readonly nowMs: number;
}

/**
 * Expands one series on a calendar: computed instances, with stored exceptions
 * (moved or cancelled instances, matched by original start) taking their slots.
 */
export function expandWithExceptions(ctx: OperationContext, master: StoredEvent, exceptions: readonly StoredEvent[], o: ExpandOptions): StoredEvent[] {
  const tz = seriesZone(ctx, master);
  const calTz = calendarZone(ctx, master.calendarId);
  const byOriginal = new Map<string, StoredEvent>();
  for (const x of exceptions) if (x.originalStartTime) byOriginal.set(instanceIdFor(master.id, x.originalStartTime), x);
  const horizon = o.toMs ?? Math.max(o.nowMs, o.fromMs ?? o.nowMs) + YEAR;
  const out: StoredEvent[] = [];
  for (const occ of expandSeries(master as SeriesSpecLike, tz, o.fromMs, o.toMs, horizon, budget(ctx))) {
    if (byOriginal.has(occ.id)) continue;
    out.push(instanceOf(master, occ));
  }
  for (const x of exceptions) {
    if (x.status === 'cancelled' && !o.showCancelled) continue;
    const b = bounds(x, calTz);
    if (o.fromMs !== undefined && b.endMs <= o.fromMs && b.startMs < o.fromMs) continue;
    if (o.toMs !== undefined && b.startMs >= o.toMs) continue;
    out.push(x);
  }
  return out;
}

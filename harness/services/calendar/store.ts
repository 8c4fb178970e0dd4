/** Stored events: saving with etag/sequence bookkeeping, rendering to the wire shape, notifications. */
import { hexId, type OperationContext } from '../../core/index.ts';
import { COL, type Attendee, type CalendarNotification, type StoredEvent } from './model.ts';
import { renderTime } from './time.ts';

/** The latest change counter over all events (reads must not bump ws counters, so scan). */
export function currentChangeSeq(ctx: OperationContext): number {
  let max = 0;
  for (const ev of eventsCol(ctx).values()) if (ev.changeSeq > max) max = ev.changeSeq;
  return max;
}

/** The events collection. */
export function eventsCol(ctx: OperationContext) {
  return ctx.ws.collection<StoredEvent>(COL.events);
}

/**
 * Writes an event with fresh `updated`, `etag` and change counter. `changeSeq`
 * orders every change across calendars, so a sync token is a single number.
 */
export function saveEvent(ctx: OperationContext, ev: Omit<StoredEvent, 'changeSeq' | 'etag' | 'updated'> & Partial<StoredEvent>): StoredEvent {
  const seq = ctx.ws.nextCounter('calendar.change');
  const updated = ctx.ws.now();
  const next = { ...ev, updated, changeSeq: seq, etag: eventEtag(Date.parse(updated), seq) } as StoredEvent;
  eventsCol(ctx).set(next.id, next);
  return next;
}

/** Calendar-style numeric etag, quoted. */
export function eventEtag(updatedMs: number, seq: number): string {
  return `"${updatedMs}${String(seq % 1000).padStart(3, '0')}"`;
}

/** A fresh event id: base32hex, 26 characters, as Google generates. */
export function newEventId(ctx: OperationContext): string {
  return hexId('calendar.event', ctx.ws.nextCounter('calendar.event'), 26);
}

/** Fields of a stored event that never go on the wire. */
const INTERNAL = new Set(['calendarId', 'changeSeq', 'removedBy']);

/** Options for rendering one event. */
export interface RenderOptions {
  /** The calendar the event is being viewed through. */
  readonly viewCalendar: string;
  /** `timeZone` request parameter: re-render dateTimes in this zone. */
  readonly timeZone?: string | undefined;
  /** `maxAttendees`: truncate the attendee list and flag `attendeesOmitted`. */
  readonly maxAttendees?: number | undefined;
}

/** The wire Event: internal fields removed, `self` flags and `kind`/`htmlLink` added. */
export function renderEvent(ctx: OperationContext, ev: StoredEvent, o: RenderOptions): Record<string, unknown> {
  const me = ctx.auth.principal.toLowerCase();
  const out: Record<string, unknown> = { kind: 'calendar#event' };
  for (const [k, v] of Object.entries(ev)) if (!INTERNAL.has(k) && v !== undefined) out[k] = v;
  out.htmlLink = `https://www.google.com/calendar/event?eid=${Buffer.from(`${ev.id} ${o.viewCalendar}`).toString('base64url')}`;
  out.creator = withSelf(ev.creator, me);
  out.organizer = withSelf(ev.organizer, me);
  // An attendee who removed the invitation sees it as cancelled on their own calendar.
  if (ev.removedBy?.includes(o.viewCalendar.toLowerCase())) out.status = 'cancelled';
  if (ev.attendees) {
    let list: Attendee[] = ev.attendees.map((a) => (a.email.toLowerCase() === me ? { ...a, self: true } : a));
    if (o.maxAttendees !== undefined && list.length > o.maxAttendees) {
      list = list.filter((a) => (a as { self?: boolean }).self || a.organizer).slice(0, o.maxAttendees);
      out.attendeesOmitted = true;
    }
    out.attendees = list;
  }
  out.start = renderTime(ev.start, o.timeZone);
  out.end = renderTime(ev.end, o.timeZone);
  if (ev.originalStartTime) out.originalStartTime = renderTime(ev.originalStartTime, o.timeZone);
  return out;
}

function withSelf(p: { email?: string | undefined; displayName?: string | undefined }, me: string) {
  return p.email?.toLowerCase() === me ? { ...p, self: true } : p;
}

/** `sendUpdates` values. */
export type SendUpdates = 'all' | 'externalOnly' | 'none';

/**
 * Records the mail Google would send. `all` notifies every recipient, `externalOnly`
 * only addresses outside the sender's domain, `none` (the API default) nobody.
 */
export function notify(
  ctx: OperationContext, kind: CalendarNotification['kind'], ev: Pick<StoredEvent, 'id' | 'calendarId' | 'summary'>,
  recipients: readonly string[], mode: SendUpdates | undefined, extra: Partial<CalendarNotification> = {},
): void {
  const m = mode ?? 'none';
  if (m === 'none') return;
  const sender = ctx.auth.principal.toLowerCase();
  const domain = sender.slice(sender.lastIndexOf('@') + 1);
  const to = [...new Set(recipients.map((r) => r.toLowerCase()))].filter(
    (r) => r !== sender && (m === 'all' || r.slice(r.lastIndexOf('@') + 1) !== domain),
  );
  if (to.length === 0) return;
  const id = `n${String(ctx.ws.nextCounter('calendar.notification')).padStart(6, '0')}`;
  const rec: CalendarNotification = {
    id, kind, calendarId: ev.calendarId, ...(ev.id ? { eventId: ev.id } : {}), sender, recipients: to, sendUpdates: m, at: ctx.ws.now(),
    ...(ev.summary !== undefined ? { summary: ev.summary } : {}), ...extra,
  };
  ctx.ws.collection<CalendarNotification>(COL.notifications).set(id, rec);
}

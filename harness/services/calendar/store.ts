/** Stored events: saving with etag/sequence bookkeeping, ids and notifications (wire views are in render.ts). */
import { hexId, type OperationContext } from '../../core/index.ts';
import { COL, type CalendarNotification, type StoredEvent } from './model.ts';
import { maxChangeSeq } from './calendar-index.ts';

/** The latest change counter over all events (reads must not bump ws counters): the base's maximum and the trial's changes. */
export function currentChangeSeq(ctx: OperationContext): number {
  return maxChangeSeq(eventsCol(ctx));
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

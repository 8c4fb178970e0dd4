/** Calendar wire views: stored records rendered as the API's resources (Event, Setting) and the reduced views some callers get. */
import { shareValue, type OperationContext } from '../../core/index.ts';
import type { Attendee, StoredEvent, StoredSetting } from './model.ts';
import { renderTime } from './time.ts';

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

/** The event's link in the calendar it is viewed through (kept with the render, `renders`). */
function htmlLink(ev: StoredEvent, calendar: string): string {
  return `https://www.google.com/calendar/event?eid=${Buffer.from(`${ev.id} ${calendar}`).toString('base64url')}`;
}

/**
 * The last wire Event rendered from each stored event, with the view it was rendered for. Stored
 * events are frozen and replaced, never changed, so while a base event is unchanged every trial
 * that lists it through the same view gets the same shared, frozen resource (and its JSON is
 * written once, `jsonOf`).
 */
const renders = new WeakMap<StoredEvent, { readonly view: string; readonly out: Record<string, unknown> }>();

/** The wire Event: internal fields removed, `self` flags and `kind`/`htmlLink` added. Shared and frozen for a frozen stored event. */
export function renderEvent(ctx: OperationContext, ev: StoredEvent, o: RenderOptions): Record<string, unknown> {
  const me = ctx.auth.principal.toLowerCase();
  // Everything the render reads besides the event itself.
  const view = `${me}\u0000${o.viewCalendar}\u0000${o.timeZone ?? ''}\u0000${o.maxAttendees ?? ''}`;
  const hit = renders.get(ev);
  if (hit !== undefined && hit.view === view) return hit.out;
  const out = renderFresh(ev, me, o);
  if (Object.isFrozen(ev)) renders.set(ev, { view, out: shareValue(out) });
  return out;
}

function renderFresh(ev: StoredEvent, me: string, o: RenderOptions): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: 'calendar#event' };
  for (const k in ev) {
    const v = (ev as Record<string, unknown>)[k];
    if (v !== undefined && !INTERNAL.has(k)) out[k] = v;
  }
  out.htmlLink = htmlLink(ev, o.viewCalendar);
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

/** What a freeBusyReader sees of an event: when it is, nothing about what it is. */
export function busyOnly(ev: Record<string, unknown>): Record<string, unknown> {
  const keep = ['kind', 'etag', 'id', 'status', 'start', 'end', 'recurringEventId', 'originalStartTime', 'transparency'];
  return Object.fromEntries(Object.entries(ev).filter(([k]) => keep.includes(k)));
}

/** The Setting resource. */
export function renderSetting(s: StoredSetting) {
  return { kind: 'calendar#setting', etag: s.etag, id: s.id, value: s.value };
}

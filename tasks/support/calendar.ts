/** Seed and scoring helpers for Calendar tasks: owner events through the API, colleagues' events as records, final-state reads. */
import { hexId, type Workspace, type WorkspaceDiff } from '../../harness/core/index.ts';
import { wallToInstant, formatWithOffset } from '../../harness/services/calendar/zone.ts';
import { eventEtag } from '../../harness/services/calendar/store.ts';
import { timeMs } from '../../harness/services/calendar/time.ts';
import { expandSeries, instanceIdFor } from '../../harness/services/calendar/recurrence.ts';
import { COL, StoredEvent, type Attendee, type CalendarNotification } from '../../harness/services/calendar/model.ts';
import type { Person } from '../../datasets/company/company.ts';
import { OWNER } from '../people.ts';

/** The owner's auth for seed-face invokes. */
export const OWNER_CAL_AUTH = { principal: OWNER.email, tokenKind: 'user' as const };

/** The owner's zone (New York). */
export const NY = 'America/New_York';

/** RFC 3339 (with the zone's offset) of a wall time in `tz`. */
export function wallTime(tz: string, y: number, mo: number, d: number, h: number, mi = 0): string {
  return formatWithOffset(wallToInstant(Date.UTC(y, mo - 1, d, h, mi), tz), tz);
}

/** An event time `{dateTime, timeZone}` for a wall time in `tz`. */
export function slot(tz: string, y: number, mo: number, d: number, h: number, mi = 0): { dateTime: string; timeZone: string } {
  return { dateTime: wallTime(tz, y, mo, d, h, mi), timeZone: tz };
}

/** Calls a calendar operation as the owner with face `seed`; throws when the service refuses (a task bug). */
export function seedCall<T = any>(ws: Workspace, op: string, args: Record<string, unknown>): T {
  const r = ws.invoke(op, args, { face: 'seed', auth: OWNER_CAL_AUTH });
  if (!r.ok) throw new Error(`seeding ${op} failed: ${r.error.message}`);
  return r.value as T;
}

/** Creates an event the owner organises, on their primary calendar, through events.insert; returns its id. */
export function plantOwnerEvent(ws: Workspace, body: Record<string, unknown>): string {
  return seedCall<{ id: string }>(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: body }).id;
}

/** An attendee entry for a person. */
export function guest(p: Pick<Person, 'email' | 'name'>, responseStatus: Attendee['responseStatus'] = 'needsAction', organizer = false): Attendee {
  return { email: p.email.toLowerCase(), displayName: p.name, responseStatus, ...(organizer ? { organizer: true } : {}) };
}

/** What planting an event organised by someone else needs. */
export interface ForeignEventInit {
  /** The organiser; their address is also the calendar that holds the event (it need not exist here). */
  readonly organizer: Pick<Person, 'email' | 'name'>;
  readonly summary: string;
  readonly start: { dateTime: string; timeZone: string };
  readonly end: { dateTime: string; timeZone: string };
  /** Everyone invited besides the organiser (listed first, accepted). */
  readonly attendees: readonly Attendee[];
  readonly description?: string;
  readonly location?: string;
  readonly recurrence?: readonly string[];
  readonly visibility?: StoredEvent['visibility'];
  readonly guestsCanModify?: boolean;
  readonly guestsCanInviteOthers?: boolean;
  /** Hours before the workspace clock the invitation was created. */
  readonly createdHoursAgo?: number;
}

/**
 * Writes an event organised by someone else (the owner sees it as an invitation) as a
 * record, the way the organiser's own client would have stored it. Returns its id.
 */
export function plantForeignEvent(ws: Workspace, init: ForeignEventInit): string {
  const n = ws.nextCounter('calendar.task-event');
  const id = hexId('calendar.task-event', n, 26);
  const seq = ws.nextCounter('calendar.change');
  const created = new Date(ws.nowMs() - (init.createdHoursAgo ?? 20) * 3_600_000).toISOString();
  const org = { email: init.organizer.email.toLowerCase(), displayName: init.organizer.name };
  const ev = StoredEvent.parse({
    id, calendarId: org.email, changeSeq: seq, etag: eventEtag(Date.parse(created), seq), status: 'confirmed', created, updated: created,
    summary: init.summary, ...(init.description ? { description: init.description } : {}), ...(init.location ? { location: init.location } : {}),
    creator: org, organizer: org, start: init.start, end: init.end,
    ...(init.recurrence ? { recurrence: [...init.recurrence] } : {}),
    ...(init.visibility ? { visibility: init.visibility } : {}),
    ...(init.guestsCanModify !== undefined ? { guestsCanModify: init.guestsCanModify } : {}),
    ...(init.guestsCanInviteOthers !== undefined ? { guestsCanInviteOthers: init.guestsCanInviteOthers } : {}),
    iCalUID: `${id}@google.com`, sequence: 0,
    attendees: [{ ...guest(init.organizer, 'accepted', true) }, ...init.attendees],
    reminders: { useDefault: true }, eventType: 'default',
  });
  ws.collection<StoredEvent>(COL.events).set(id, ev);
  return id;
}

/** An event in the final state (not logged as a read). */
export function eventIn(ws: Workspace, id: string): StoredEvent | undefined {
  return ws.collection<StoredEvent>(COL.events).peek(id);
}

/** Start and end instants (ms) of an event; all-day dates read in New York. */
export function spanOf(ev: Pick<StoredEvent, 'start' | 'end'>): { startMs: number; endMs: number } {
  return { startMs: timeMs(ev.start, NY), endMs: timeMs(ev.end, NY) };
}

/** Lower-case attendee addresses of an event, sorted. */
export function attendeeEmails(ev: Pick<StoredEvent, 'attendees'> | undefined): string[] {
  return (ev?.attendees ?? []).map((a) => a.email.toLowerCase()).sort();
}

/** One attendee's RSVP on an event. */
export function responseOf(ev: StoredEvent | undefined, email: string): Attendee['responseStatus'] | undefined {
  return ev?.attendees?.find((a) => a.email.toLowerCase() === email.toLowerCase())?.responseStatus;
}

/** True when two lists hold the same addresses (order and case ignored). */
export function sameEmails(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map((e) => e.toLowerCase()));
  const y = new Set(b.map((e) => e.toLowerCase()));
  return x.size === y.size && [...x].every((e) => y.has(e));
}

/** Calendar notifications recorded during the trial (who was told about what). */
export function notificationsSent(diff: WorkspaceDiff): CalendarNotification[] {
  return (diff[COL.notifications]?.added ?? []).map((a) => a.after as CalendarNotification);
}

/** Addresses notified about one event during the trial. */
export function notifiedAbout(diff: WorkspaceDiff, eventId: string): Set<string> {
  return new Set(notificationsSent(diff).filter((n) => n.eventId === eventId || n.eventId?.startsWith(`${eventId}_`)).flatMap((n) => n.recipients));
}

/** Events created during the trial (new one-offs, series and instance exceptions). */
export function eventsCreated(diff: WorkspaceDiff): StoredEvent[] {
  return (diff[COL.events]?.added ?? []).map((a) => a.after as StoredEvent);
}

/** Ids of events changed during the trial. */
export function eventsChanged(diff: WorkspaceDiff): string[] {
  return (diff[COL.events]?.changed ?? []).map((c) => c.id);
}

/** The id Google gives an instance of a series: `<seriesId>_<UTC stamp of its original start>` (RFC 3339 or epoch ms). */
export function instanceId(seriesId: string, originalStart: string | number): string {
  const dateTime = typeof originalStart === 'number' ? new Date(originalStart).toISOString() : originalStart;
  return instanceIdFor(seriesId, { dateTime });
}

/** Notifications recorded during the trial about exactly this event id (an instance's own id, not its series'), optionally of some kinds. */
export function notifiedOf(diff: WorkspaceDiff, eventId: string, kinds?: readonly CalendarNotification['kind'][]): Set<string> {
  return new Set(notificationsSent(diff).filter((n) => n.eventId === eventId && (!kinds || kinds.includes(n.kind))).flatMap((n) => n.recipients.map((r) => r.toLowerCase())));
}

/** True when an event is live (stored, not cancelled, not removed from the owner's calendar). */
export function isLive(ev: StoredEvent | undefined, owner = OWNER.email): ev is StoredEvent {
  return ev !== undefined && ev.status !== 'cancelled' && !(ev.removedBy ?? []).includes(owner.toLowerCase());
}

/** What a reference solution calls. */
interface CalendarApi {
  call<R = any>(op: string, args?: Record<string, unknown>): R;
}

/** Fields `events.get` returns that an update must not send back (read-only or wire-only). */
const READ_ONLY = ['kind', 'etag', 'htmlLink', 'created', 'updated', 'creator', 'organizer', 'iCalUID', 'sequence', 'id', 'recurringEventId', 'originalStartTime'];

/**
 * The update route (PUT) the way client libraries do it: get the event, change some
 * fields, send the whole resource back. Returns the updated event.
 */
export function updateEvent(api: CalendarApi, calendarId: string, eventId: string, change: (ev: Record<string, any>) => Record<string, unknown>, params: Record<string, unknown> = {}): Record<string, any> {
  const ev = api.call<Record<string, any>>('calendar.events.get', { calendarId, eventId });
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ev)) if (!READ_ONLY.includes(k)) body[k] = v;
  return api.call('calendar.events.update', { calendarId, eventId, ...params, requestBody: { ...body, ...change(ev) } });
}

/** The owner's RSVP on an invitation: a patch carrying only their own attendee entry, as Google lets guests send. */
export function rsvp(api: CalendarApi, eventId: string, responseStatus: 'accepted' | 'declined' | 'tentative', opts: { sendUpdates?: 'all' | 'none'; comment?: string } = {}): void {
  api.call('calendar.events.patch', {
    calendarId: 'primary', eventId, ...(opts.sendUpdates ? { sendUpdates: opts.sendUpdates } : {}),
    requestBody: { attendees: [{ email: OWNER.email, responseStatus, ...(opts.comment ? { comment: opts.comment } : {}) }] },
  });
}

/** One occurrence of a series as its calendar shows it. */
export interface Occurrence {
  /** Instance id (`<series>_<original start>`). */
  readonly id: string;
  /** When the rule puts it (epoch ms): which occurrence it is. */
  readonly originalStartMs: number;
  /** When it now takes place (epoch ms). */
  readonly startMs: number;
  readonly endMs: number;
  /** The stored exception, when the occurrence was edited. */
  readonly exception?: StoredEvent;
}

/**
 * The live occurrences of a series starting in [fromMs, toMs), the way the calendar shows
 * them: the rule expanded (EXDATEs in any form applied), edited occurrences in their new
 * place, cancelled ones and a cancelled series left out.
 */
export function occurrencesOf(ws: Workspace, seriesId: string, fromMs: number, toMs: number): Occurrence[] {
  const master = eventIn(ws, seriesId);
  if (!master?.recurrence || master.status === 'cancelled') return [];
  const zone = master.start.timeZone ?? ws.collection<{ timeZone: string }>('calendar.calendars').peek(master.calendarId)?.timeZone ?? NY;
  const exceptions = new Map<string, StoredEvent>();
  for (const e of ws.collection<StoredEvent>(COL.events).values()) if (e.recurringEventId === seriesId && e.originalStartTime) exceptions.set(instanceIdFor(seriesId, e.originalStartTime), e);
  const out: Occurrence[] = [];
  // Moved occurrences can land a few days from their slot: expand a little wider than asked.
  const margin = 14 * 86_400_000;
  for (const o of expandSeries({ id: seriesId, start: master.start, end: master.end, recurrence: master.recurrence }, zone, fromMs - margin, toMs + margin)) {
    if (!exceptions.has(o.id)) out.push({ id: o.id, originalStartMs: o.startMs, startMs: o.startMs, endMs: o.endMs });
  }
  for (const [id, e] of exceptions) {
    if (e.status === 'cancelled') continue;
    const { startMs, endMs } = spanOf(e);
    out.push({ id, originalStartMs: timeMs(e.originalStartTime!, zone), startMs, endMs, exception: e });
  }
  return out.filter((o) => o.startMs >= fromMs && o.startMs < toMs).sort((a, b) => a.startMs - b.startMs);
}

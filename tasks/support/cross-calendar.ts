/** Seed and scoring helpers for cross-service tasks that involve Calendar: plant events, name instances, read what changed. */
import { hexId, type Workspace, type WorkspaceDiff } from '../../harness/core/index.ts';
import { COL, StoredEvent, type Attendee } from '../../harness/services/calendar/model.ts';
import { eventEtag } from '../../harness/services/calendar/store.ts';
import { parseRfc3339 } from '../../harness/services/calendar/time.ts';
import { formatWithOffset, wallToInstant } from '../../harness/services/calendar/zone.ts';
import type { Person } from '../../datasets/company/company.ts';

const MIN = 60_000;

// One implementation of each for every Calendar task.
export { attendeeEmails, instanceId, notificationsSent, notifiedOf as notified, sameEmails } from './calendar.ts';

/** The instant of a local wall time `yyyy-mm-ddThh:mm` in an IANA zone. */
export function localMs(zone: string, local: string): number {
  return wallToInstant(Date.parse(`${local}:00Z`), zone);
}

/** RFC 3339 (with the zone's offset) of an instant. */
export function rfcIn(zone: string, ms: number): string {
  return formatWithOffset(ms, zone);
}

/** A guest of a planted event: a person of the company directory or any address. */
export type Guest = Person | { readonly email: string; readonly name?: string };

/** What planting one event needs (times are local wall times in `zone`). */
export interface PlantEventInit {
  /** Calendar that holds the event: the organizer's primary calendar (their email) or a shared calendar id. */
  readonly calendarId: string;
  readonly organizer: Guest;
  readonly summary: string;
  readonly zone: string;
  /** Local start, `yyyy-mm-ddThh:mm`. */
  readonly start: string;
  readonly minutes: number;
  /** Guests; the organizer is listed first automatically (accepted). */
  readonly guests?: readonly Guest[];
  /** Response of every guest but the organizer (default accepted). */
  readonly response?: Attendee['responseStatus'];
  readonly description?: string;
  readonly location?: string;
  readonly visibility?: StoredEvent['visibility'];
  readonly recurrence?: readonly string[];
  readonly status?: StoredEvent['status'];
  /** Adds a Google Meet link (deterministic per id). */
  readonly meet?: boolean;
  /** Days before the workspace clock the event was created (default 7). */
  readonly createdDaysAgo?: number;
}

const nameOf = (g: Guest) => ('givenName' in g ? g.name : g.name);

/**
 * Writes an event record directly, shaped as the service stores it (parsed with the
 * service's zod model first). For events organised by colleagues, or created in the
 * past, which events.insert cannot express. Ids come from the service's own counter,
 * so later inserts never collide. Returns the event id.
 */
export function plantEvent(ws: Workspace, init: PlantEventInit): string {
  const id = hexId('calendar.event', ws.nextCounter('calendar.event'), 26);
  const seq = ws.nextCounter('calendar.change');
  const startMs = localMs(init.zone, init.start);
  const createdMs = Math.min(ws.nowMs(), startMs) - (init.createdDaysAgo ?? 7) * 86_400_000;
  const org = { email: init.organizer.email.toLowerCase(), ...(nameOf(init.organizer) ? { displayName: nameOf(init.organizer)! } : {}) };
  const attendees: Attendee[] = (init.guests ?? []).length === 0 ? [] : [
    { ...org, organizer: true, responseStatus: 'accepted' },
    ...(init.guests ?? []).filter((g) => g.email.toLowerCase() !== org.email).map((g) => ({
      email: g.email.toLowerCase(), ...(nameOf(g) ? { displayName: nameOf(g)! } : {}), responseStatus: init.response ?? 'accepted',
    })),
  ];
  const meetCode = [...hexId(`calendar.meet:${id}`, 0, 10)].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join('');
  const meetUri = `https://meet.google.com/${meetCode.slice(0, 3)}-${meetCode.slice(3, 7)}-${meetCode.slice(7)}`;
  const ev = StoredEvent.parse({
    id, calendarId: init.calendarId, changeSeq: seq, etag: eventEtag(createdMs, seq), status: init.status ?? 'confirmed',
    created: new Date(createdMs).toISOString(), updated: new Date(createdMs).toISOString(),
    summary: init.summary, ...(init.description ? { description: init.description } : {}), ...(init.location ? { location: init.location } : {}),
    creator: org, organizer: org,
    start: { dateTime: rfcIn(init.zone, startMs), timeZone: init.zone },
    end: { dateTime: rfcIn(init.zone, startMs + init.minutes * MIN), timeZone: init.zone },
    ...(init.recurrence ? { recurrence: [...init.recurrence] } : {}),
    ...(init.visibility ? { visibility: init.visibility } : {}),
    iCalUID: `${id}@google.com`, sequence: 0,
    ...(attendees.length ? { attendees } : {}),
    reminders: { useDefault: true }, eventType: 'default',
    ...(init.meet ? {
      hangoutLink: meetUri,
      conferenceData: { entryPoints: [{ entryPointType: 'video', uri: meetUri, label: meetUri.slice(8) }], conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' }, conferenceId: meetUri.slice(24) },
    } : {}),
  });
  ws.collection<StoredEvent>(COL.events).set(id, ev);
  return id;
}

// ---- final-state readers (scorers) ----

/** An event in the final state (stored events only: masters, exceptions, one-offs). */
export function eventOf(ws: Workspace, id: string): StoredEvent | undefined {
  return ws.collection<StoredEvent>(COL.events).peek(id);
}

/** Start instant of a stored event (NaN for all-day or malformed). */
export function startMsOf(ev: StoredEvent | undefined): number {
  return parseRfc3339(ev?.start.dateTime ?? '') ?? Number.NaN;
}

/** End instant of a stored event. */
export function endMsOf(ev: StoredEvent | undefined): number {
  return parseRfc3339(ev?.end.dateTime ?? '') ?? Number.NaN;
}

/** Ids of calendar events added, changed or removed during the trial. */
export function touchedEvents(diff: WorkspaceDiff): { added: string[]; changed: string[]; removed: string[] } {
  const d = diff[COL.events];
  return { added: (d?.added ?? []).map((a) => a.id), changed: (d?.changed ?? []).map((c) => c.id), removed: (d?.removed ?? []).map((r) => r.id) };
}

/** Events added during the trial (final records). */
export function addedEvents(diff: WorkspaceDiff): StoredEvent[] {
  return (diff[COL.events]?.added ?? []).map((a) => a.after as StoredEvent);
}

/** A `calendar.events:<id>` reference. */
export function eventRef(id: string): string {
  return `${COL.events}:${id}`;
}

/** Writes base events straight into the events collection (no clock movement, deterministic ids). */
import { hexId, type Rng, type Workspace } from '../../harness/core/index.ts';
import type { Attendee, StoredEvent } from '../../harness/services/calendar/model.ts';
import { eventEtag } from '../../harness/services/calendar/store.ts';
import type { Person } from '../company/company.ts';
import { inZone, instant, plus, rfc3339, type Wall } from './wall.ts';

/** Input of one generated event; times are wall times in the event's zone, or all-day dates. */
export interface EventSpec {
  readonly calendarId: string;
  readonly organizer: { email: string; displayName?: string };
  readonly summary: string;
  readonly start: Wall | string;
  /** Minutes for timed events, days for all-day events. */
  readonly length: number;
  /** Zone of the end when it differs from the start (flights). */
  readonly endZone?: string;
  readonly attendees?: readonly Attendee[];
  readonly description?: string;
  readonly location?: string;
  readonly meet?: boolean;
  readonly recurrence?: readonly string[];
  readonly recurringEventId?: string;
  readonly originalStart?: Wall;
  readonly status?: StoredEvent['status'];
  readonly transparency?: 'transparent';
  readonly visibility?: StoredEvent['visibility'];
  readonly id?: string;
}

/** Options of a writer for a `--scale` haystack copy. */
export interface EventWriterOptions {
  /** Namespace of the event ids (each copy has its own, so ids never meet). */
  readonly idNamespace?: string;
  /**
   * Events older than any change a sync token can name: change counter 0, so an
   * incremental sync after a trial's writes never lists them and the workspace's own
   * change counter stays where the base left it.
   */
  readonly unsequenced?: boolean;
}

/** Builds and writes events without touching the workspace clock (base `now` must stay put). */
export class EventWriter {
  private n = 0;
  readonly ws: Workspace;
  readonly nowMs: number;
  private readonly rng: Rng;
  private readonly idNamespace: string;
  private readonly unsequenced: boolean;
  constructor(ws: Workspace, rng: Rng, options: EventWriterOptions = {}) {
    this.ws = ws;
    this.rng = rng;
    this.nowMs = ws.nowMs();
    this.idNamespace = options.idNamespace ?? 'calendar.base-event';
    this.unsequenced = options.unsequenced ?? false;
  }

  /** A fresh deterministic event id (base32hex-compatible hex). */
  nextId(): string {
    return hexId(this.idNamespace, ++this.n, 26);
  }

  /** Writes one event; returns its id. */
  write(s: EventSpec): string {
    const id = s.id ?? this.nextId();
    const timed = typeof s.start !== 'string';
    let start: StoredEvent['start'], end: StoredEvent['end'], startMs: number;
    if (typeof s.start === 'string') {
      start = { date: s.start };
      end = { date: new Date(Date.parse(`${s.start}T00:00:00Z`) + s.length * 86_400_000).toISOString().slice(0, 10) };
      startMs = Date.parse(`${s.start}T12:00:00Z`);
    } else {
      const e = plus(s.start, 0, s.length);
      const endW = s.endZone ? inZone(e, s.endZone) : e;
      start = { dateTime: rfc3339(s.start), timeZone: s.start.tz };
      end = { dateTime: rfc3339(endW), timeZone: endW.tz };
      startMs = instant(s.start);
    }
    // Created a few days to weeks before it happens, never after "now".
    const createdMs = Math.min(this.nowMs - 3_600_000 * this.rng.int(2, 72), startMs - 86_400_000 * this.rng.int(1, 21));
    const updatedMs = Math.min(this.nowMs - 60_000 * this.rng.int(5, 600), createdMs + 3_600_000 * this.rng.int(0, 48));
    const seq = this.unsequenced ? 0 : this.ws.nextCounter('calendar.change');
    const ev: StoredEvent = {
      id, calendarId: s.calendarId, changeSeq: seq, etag: eventEtag(updatedMs, seq), status: s.status ?? 'confirmed',
      created: new Date(createdMs).toISOString(), updated: new Date(updatedMs).toISOString(),
      summary: s.summary, ...(s.description ? { description: s.description } : {}), ...(s.location ? { location: s.location } : {}),
      creator: s.organizer, organizer: s.organizer, start, end,
      ...(s.recurrence ? { recurrence: [...s.recurrence] } : {}),
      ...(s.recurringEventId ? { recurringEventId: s.recurringEventId } : {}),
      ...(s.originalStart ? { originalStartTime: { dateTime: rfc3339(s.originalStart), timeZone: s.originalStart.tz } } : {}),
      ...(s.transparency ? { transparency: s.transparency } : {}), ...(s.visibility ? { visibility: s.visibility } : {}),
      iCalUID: `${s.recurringEventId ?? id}@google.com`, sequence: s.recurringEventId ? 1 : 0,
      ...(s.attendees && s.attendees.length ? { attendees: s.attendees.map((a) => ({ ...a })) } : {}),
      reminders: { useDefault: true }, eventType: 'default',
      ...(s.meet && timed ? meet(id) : {}),
    };
    this.ws.collection<StoredEvent>('calendar.events').set(id, ev);
    return id;
  }
}

function meet(id: string): Partial<StoredEvent> {
  const letters = [...hexId(`calendar.meet:${id}`, 0, 10)].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join('');
  const code = `${letters.slice(0, 3)}-${letters.slice(3, 7)}-${letters.slice(7)}`;
  const uri = `https://meet.google.com/${code}`;
  return {
    hangoutLink: uri,
    conferenceData: {
      entryPoints: [{ entryPointType: 'video', uri, label: `meet.google.com/${code}` }],
      conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
      conferenceId: code,
    },
  };
}

/** Attendee entry for a person with a response. */
export function attendee(p: Person, responseStatus: Attendee['responseStatus'], organizer = false): Attendee {
  return { email: p.email, displayName: p.name, responseStatus, ...(organizer ? { organizer: true } : {}) };
}

/** Organizer reference for a person. */
export function organizerRef(p: Person): { email: string; displayName: string } {
  return { email: p.email, displayName: p.name };
}


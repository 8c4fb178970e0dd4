/**
 * Building and changing events: validation, attendee normalisation, sequence bumps and
 * the organizer rule.
 *
 * Organizer rule (what this mock enforces): an event is stored once, on the organizer's
 * calendar. Whoever has writer access to that calendar may change everything. Through an
 * attendee's copy (the same event seen on an invited person's primary calendar) only that
 * attendee's own RSVP fields (responseStatus, comment, additionalGuests) may change;
 * changing any shared property (title, time, place, guests, recurrence, status, ...) is
 * 403 `forbiddenForNonOrganizer`, unless the organizer set `guestsCanModify`. Personal
 * fields (colorId, reminders, transparency) sent on an attendee copy are ignored.
 * Deleting an attendee copy declines the invitation and hides it from that calendar.
 */
import { hexId, type OperationContext } from '../../core/index.ts';
import { googleError, invalidArgument } from '../wire-errors.ts';
import { displayNameOf } from './access.ts';
import type { Attendee, StoredCalendar, StoredEvent } from './model.ts';
import { validateRecurrence } from './recurrence.ts';
import type { EventInput } from './schemas.ts';
import { normaliseEventTime, timeMs } from './time.ts';
import { timeRangeEmpty } from './errors.ts';

/** Properties only the organizer may change. */
const SHARED = ['summary', 'description', 'location', 'start', 'end', 'recurrence', 'status', 'visibility', 'guestsCanModify', 'guestsCanInviteOthers', 'guestsCanSeeOtherGuests', 'conferenceData', 'eventType', 'attachments', 'endTimeUnspecified', 'source'] as const;
/** Properties each attendee keeps for themselves (not modelled per attendee; ignored on copies). */
const PERSONAL = ['colorId', 'reminders', 'transparency', 'extendedProperties'] as const;
/** Properties that bump `sequence` when they change. */
const SIGNIFICANT = new Set(['start', 'end', 'recurrence', 'attendees', 'location', 'summary', 'status']);

/** The organizer reference of an event created on a calendar. */
export function organizerFor(cal: StoredCalendar): { email: string; displayName?: string } {
  const name = cal.primary ? cal.ownerName : cal.summary;
  return { email: cal.id, ...(name ? { displayName: name } : {}) };
}

/** Validates start/end together: same kind, end not before start, zone for recurring events. */
export function checkTimes(ev: Pick<StoredEvent, 'start' | 'end' | 'recurrence'>, calTz: string): void {
  if ((ev.start.date === undefined) !== (ev.end.date === undefined)) {
    throw invalidArgument('Start and end must both be dates (all-day) or both be dateTimes.');
  }
  if (timeMs(ev.end, calTz) < timeMs(ev.start, calTz) || (ev.start.date !== undefined && ev.end.date === ev.start.date)) {
    throw timeRangeEmpty();
  }
  if (ev.recurrence && ev.recurrence.length > 0) {
    validateRecurrence(ev.recurrence);
    if (ev.start.dateTime !== undefined && (!ev.start.timeZone || !ev.end.timeZone)) {
      throw googleError(400, 'timeZoneNotValid', 'Missing time zone definition for start time.');
    }
  }
}

/**
 * Normalises an attendee list: one entry per address, names filled from the directory,
 * RSVPs kept from `previous`, newcomers `needsAction`, and the organizer (when a person)
 * listed with `organizer: true`.
 */
export function normaliseAttendees(ctx: OperationContext, list: readonly Attendee[], organizer: StoredCalendar, previous: readonly Attendee[] = []): Attendee[] {
  const prev = new Map(previous.map((a) => [a.email.toLowerCase(), a]));
  const org = organizer.id.toLowerCase();
  const seen = new Set<string>();
  const out: Attendee[] = [];
  for (const a of list) {
    const email = a.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalidArgument(`Invalid attendee email: ${a.email}`);
    if (seen.has(email)) continue;
    seen.add(email);
    const old = prev.get(email);
    const { self: _self, ...rest } = a as Attendee & { self?: boolean };
    const displayName = a.displayName ?? old?.displayName ?? displayNameOf(ctx, email);
    out.push({
      ...rest, email,
      ...(displayName ? { displayName } : {}),
      responseStatus: a.responseStatus ?? old?.responseStatus ?? (email === org ? 'accepted' : 'needsAction'),
      ...(email === org ? { organizer: true } : {}),
    });
  }
  if (out.length > 0 && organizer.primary && !seen.has(org)) {
    out.unshift({ email: org, ...(organizer.ownerName ? { displayName: organizer.ownerName } : {}), organizer: true, responseStatus: 'accepted' });
  }
  return out;
}

/** Checks a client-supplied event id against Google's base32hex rule. */
export function checkEventId(id: string): void {
  if (!/^[a-v0-9]{5,1024}$/.test(id)) throw googleError(400, 'invalid', 'Invalid resource id value.');
}

/** A Google Meet conference for `createRequest`, deterministic per event id. */
export function meetFor(eventId: string, requestId: unknown): { hangoutLink: string; conferenceData: unknown } {
  const letters = [...hexId(`calendar.meet:${eventId}`, 0, 10)].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join('');
  const code = `${letters.slice(0, 3)}-${letters.slice(3, 7)}-${letters.slice(7, 10)}`;
  const uri = `https://meet.google.com/${code}`;
  return {
    hangoutLink: uri,
    conferenceData: {
      createRequest: { requestId: typeof requestId === 'string' ? requestId : eventId, conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode: 'success' } },
      entryPoints: [{ entryPointType: 'video', uri, label: uri.slice(8) }],
      conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet', iconUri: 'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png' },
      conferenceId: code,
    },
  };
}

/** Applies conferenceData from input (createRequest honoured only with conferenceDataVersion >= 1). */
function conference(eventId: string, input: EventInput, version: number | undefined): Partial<StoredEvent> {
  const cd = input.conferenceData as { createRequest?: { requestId?: unknown } } | null | undefined;
  if (cd === undefined) return {};
  if (cd === null || !version) return {};
  if (cd.createRequest) return meetFor(eventId, cd.createRequest.requestId);
  return { conferenceData: cd };
}

/**
 * The stored fields an input sets, shared by insert, import, patch and update.
 * `clearAttendees` is set when the caller sent an empty guest list (Google omits it).
 */
export function fieldsFromInput(ctx: OperationContext, cal: StoredCalendar, id: string, input: EventInput, confVersion: number | undefined, previous?: StoredEvent): { fields: Partial<StoredEvent>; clearAttendees: boolean } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === null || v === undefined || ['id', 'organizer', 'iCalUID', 'sequence', 'start', 'end', 'attendees', 'conferenceData', 'recurrence'].includes(k)) continue;
    if (['kind', 'etag', 'htmlLink', 'created', 'updated', 'creator', 'recurringEventId', 'originalStartTime', 'hangoutLink', 'attendeesOmitted', 'privateCopy', 'locked'].includes(k)) continue;
    out[k] = v;
  }
  if (input.start) out.start = normaliseEventTime('start', input.start);
  if (input.end) out.end = normaliseEventTime('end', input.end);
  if (input.recurrence) out.recurrence = input.recurrence;
  if (input.attendees) {
    const list = normaliseAttendees(ctx, input.attendees, cal, previous?.attendees);
    if (list.length > 0) out.attendees = list;
  }
  Object.assign(out, conference(id, input, confVersion));
  return { fields: out as Partial<StoredEvent>, clearAttendees: input.attendees !== undefined && out.attendees === undefined };
}

/** Result of applying a patch or update. */
export interface EditResult {
  readonly next: StoredEvent;
  /** Which properties changed (by JSON comparison). */
  readonly changed: ReadonlySet<string>;
}

/**
 * Applies a patch (`replace` false: only given fields change, null clears) or an update
 * (`replace` true: fields not given are cleared) made by the organizer's side.
 */
export function applyOrganizerEdit(ctx: OperationContext, cal: StoredCalendar, cur: StoredEvent, input: EventInput, replace: boolean, confVersion: number | undefined): EditResult {
  const base: Record<string, unknown> = { ...cur };
  if (replace) {
    if (!input.start || !input.end) throw googleError(400, 'required', 'Missing start or end time.');
    // Without conferenceDataVersion=1 Google ignores conference data in the request and keeps the meeting link.
    const keep = ['status', 'eventType', ...(confVersion ? [] : ['conferenceData', 'hangoutLink'])];
    for (const k of [...SHARED, ...PERSONAL, 'attendees', 'hangoutLink']) if (!keep.includes(k)) delete base[k];
  }
  for (const [k, v] of Object.entries(input)) if (v === null && (k !== 'conferenceData' || confVersion)) delete base[k];
  if (input.conferenceData === null && confVersion) delete base.hangoutLink;
  const { fields: set, clearAttendees } = fieldsFromInput(ctx, cal, cur.id, input, confVersion, cur);
  if (clearAttendees) delete base.attendees;
  const next = { ...base, ...set } as StoredEvent;
  // A replaced event without reminders gets the calendar's defaults, as a new one does (Calendar always returns `reminders`).
  if (replace && next.reminders === undefined) next.reminders = { useDefault: true };
  if (cur.recurringEventId && input.recurrence) throw invalidArgument('An instance of a recurring event cannot have its own recurrence.');
  checkTimes(next, cal.timeZone);
  const changed = diffKeys(cur, next);
  const bump = [...changed].some((k) => SIGNIFICANT.has(k));
  return { next: { ...next, sequence: cur.sequence + (bump ? 1 : 0) }, changed };
}

/** Applies an edit made through an attendee's copy, enforcing the organizer rule. */
export function applyAttendeeEdit(ctx: OperationContext, organizerCal: StoredCalendar, cur: StoredEvent, input: EventInput, self: string, confVersion: number | undefined): EditResult {
  if (cur.guestsCanModify) {
    for (const k of ['guestsCanModify', 'guestsCanInviteOthers', 'guestsCanSeeOtherGuests'] as const) {
      if (input[k] !== undefined && input[k] !== cur[k]) throw forbiddenNonOrganizer();
    }
    return applyOrganizerEdit(ctx, organizerCal, cur, input, false, confVersion);
  }
  for (const k of SHARED) {
    const v = (input as Record<string, unknown>)[k];
    if (v === undefined) continue;
    const cv = (cur as Record<string, unknown>)[k];
    if (k === 'start' || k === 'end') {
      const t = normaliseEventTime(k, v as StoredEvent['start']);
      if (timeMs(t, organizerCal.timeZone) !== timeMs(cur[k], organizerCal.timeZone) || (t.date === undefined) !== (cur[k].date === undefined)) throw forbiddenNonOrganizer();
    } else if (JSON.stringify(v) !== JSON.stringify(cv ?? null) && !(v === null && cv === undefined)) {
      throw forbiddenNonOrganizer();
    }
  }
  if (!input.attendees) return { next: cur, changed: new Set() };
  const me = self.toLowerCase();
  const byEmail = new Map(input.attendees.map((a) => [a.email.trim().toLowerCase(), a]));
  const curEmails = new Set((cur.attendees ?? []).map((a) => a.email.toLowerCase()));
  // Like Google, an attendee may send just their own entry; adding guests is the organizer's call.
  if ([...byEmail.keys()].some((e) => !curEmails.has(e))) throw forbiddenNonOrganizer();
  const mine = byEmail.get(me);
  if (!mine) throw forbiddenNonOrganizer();
  const attendees = (cur.attendees ?? []).map((a) => {
    const given = byEmail.get(a.email.toLowerCase());
    if (a.email.toLowerCase() !== me) {
      if (given?.responseStatus !== undefined && given.responseStatus !== a.responseStatus) throw forbiddenNonOrganizer();
      return a;
    }
    const next: Attendee = { ...a, ...(mine.responseStatus ? { responseStatus: mine.responseStatus } : {}) };
    if (mine.comment !== undefined) next.comment = mine.comment;
    if (mine.additionalGuests !== undefined) next.additionalGuests = mine.additionalGuests;
    return next;
  });
  const next = { ...cur, attendees };
  return { next, changed: diffKeys(cur, next) };
}

function forbiddenNonOrganizer() {
  return googleError(403, 'forbiddenForNonOrganizer', 'Shared properties can only be changed by the organizer of the event.');
}

function diffKeys(a: object, b: object): Set<string> {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out = new Set<string>();
  for (const k of keys) {
    if (JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k])) out.add(k);
  }
  return out;
}

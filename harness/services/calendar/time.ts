/** Time arithmetic for calendar events: RFC 3339 parsing, zones (luxon), all-day dates. */
import { IANAZone } from 'luxon';
import { googleError, invalidArgument } from '../wire-errors.ts';
import type { EventDateTime } from './model.ts';
import { formatWithOffset, wallToInstant, zoneOffsetMs } from './zone.ts';

const OFFSET_RE = /(?:[zZ]|[+-]\d\d:?\d\d)$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `tz` is an IANA zone luxon knows. */
export function isValidZone(tz: string): boolean {
  return IANAZone.isValidZone(tz);
}

/** Epoch ms of an RFC 3339 timestamp with an offset; undefined when malformed. */
export function parseRfc3339(s: string): number | undefined {
  if (!RFC3339_RE.test(s)) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

const RFC3339_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[zZ]|[+-]\d\d:\d\d)$/;

/** Parses a `timeMin`/`timeMax`-style query parameter or throws Google's 400. */
export function parseQueryTime(name: string, s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const ms = parseRfc3339(s);
  if (ms === undefined) throw googleError(400, 'badRequest', `Bad Request: invalid ${name} '${s}'; expected RFC 3339 with a time zone offset.`);
  return ms;
}

/** The instant formatted as Google does: wall time in `tz` with its offset, no milliseconds. */
export function formatInZone(ms: number, tz: string): string {
  return formatWithOffset(ms, tz);
}

/** UTC ISO without milliseconds (`2026-03-16T14:00:00Z`), as freebusy answers. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Midnight of an all-day date in a zone, epoch ms. */
export function dateStartMs(date: string, tz: string): number {
  return wallToInstant(Date.parse(`${date}T00:00:00Z`), tz);
}

/**
 * Validates and normalises a start or end given by a caller: exactly one of `date`
 * and `dateTime`; a `dateTime` without offset takes its wall time from `timeZone`.
 * Throws Google's 400s for the cases the real API rejects.
 */
export function normaliseEventTime(which: 'start' | 'end', t: EventDateTime | undefined): EventDateTime {
  if (!t || (t.date === undefined && t.dateTime === undefined)) {
    throw googleError(400, 'required', `Missing ${which} time.`);
  }
  if (t.date !== undefined && t.dateTime !== undefined) {
    throw invalidArgument(`Invalid ${which} time: give either date or dateTime, not both.`);
  }
  if (t.timeZone !== undefined && !isValidZone(t.timeZone)) {
    throw googleError(400, 'timeZoneNotValid', `Invalid time zone definition for ${which} time.`);
  }
  if (t.date !== undefined) {
    if (!DATE_RE.test(t.date) || Number.isNaN(Date.parse(`${t.date}T00:00:00Z`))) throw invalidArgument(`Invalid ${which} date '${t.date}'.`);
    return { date: t.date, ...(t.timeZone ? { timeZone: t.timeZone } : {}) };
  }
  const raw = t.dateTime!;
  if (OFFSET_RE.test(raw)) {
    const ms = parseRfc3339(raw);
    if (ms === undefined) throw invalidArgument(`Invalid ${which} dateTime '${raw}'.`);
    const tz = t.timeZone;
    return { dateTime: tz ? formatInZone(ms, tz) : raw.replace(/\.\d+(?=[zZ+-])/, '').replace(/z$/, 'Z'), ...(tz ? { timeZone: tz } : {}) };
  }
  if (!t.timeZone) throw googleError(400, 'timeZoneNotValid', `Missing time zone definition for ${which} time.`);
  const wall = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/.test(raw) ? Date.parse(`${raw}Z`) : Number.NaN;
  if (Number.isNaN(wall)) throw invalidArgument(`Invalid ${which} dateTime '${raw}'.`);
  return { dateTime: formatInZone(wallToInstant(wall, t.timeZone), t.timeZone), timeZone: t.timeZone };
}

/**
 * Parsed instants of frozen event times. Stored records are deep-frozen and shared by every
 * trial of a base (and remembered series instances share their frozen start and end), so a
 * time is parsed once per process instead of at every list, sort and comparison. An all-day
 * date's instant depends on the zone it is read in: the last zone asked is kept with it.
 */
const timedMs = new WeakMap<EventDateTime, number>();
const allDayMs = new WeakMap<EventDateTime, { readonly tz: string; readonly ms: number }>();

/** Epoch ms of an event time; all-day dates are read in `fallbackTz` (the calendar's zone). */
export function timeMs(t: EventDateTime, fallbackTz: string): number {
  const frozen = Object.isFrozen(t);
  if (t.date !== undefined) {
    const tz = t.timeZone ?? fallbackTz;
    const hit = frozen ? allDayMs.get(t) : undefined;
    if (hit !== undefined && hit.tz === tz) return hit.ms;
    const ms = dateStartMs(t.date, tz);
    if (frozen) allDayMs.set(t, { tz, ms });
    return ms;
  }
  const hit = frozen ? timedMs.get(t) : undefined;
  if (hit !== undefined) return hit;
  const ms = parseRfc3339(t.dateTime ?? '') ?? Number.NaN;
  if (frozen) timedMs.set(t, ms);
  return ms;
}

/** The zone an event's recurrence is expanded in: the start's timeZone, else the calendar's. */
export function eventZone(t: EventDateTime, fallbackTz: string): string {
  return t.timeZone ?? fallbackTz;
}

/** Re-renders an event time in another zone (the `timeZone` request parameter). */
export function renderTime(t: EventDateTime, tz: string | undefined): EventDateTime {
  if (!tz || t.dateTime === undefined) return t;
  const ms = parseRfc3339(t.dateTime);
  return ms === undefined ? t : { ...t, dateTime: formatInZone(ms, tz) };
}

/** Floating wall time (fields read as UTC) of an instant in a zone: what rrule expands over. */
export function toFloating(ms: number, tz: string): Date {
  return new Date(ms + zoneOffsetMs(tz, ms));
}

/** The instant of a floating wall time in a zone (DST gaps resolve forward, as Google does). */
export function fromFloating(d: Date, tz: string): number {
  return wallToInstant(d.getTime(), tz);
}

/** `yyyy-mm-dd` of a floating date. */
export function floatingDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Adds whole days to a `yyyy-mm-dd` date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days between two `yyyy-mm-dd` dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Compact UTC stamp used in instance ids: `20260316T140000Z`. */
export function compactUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

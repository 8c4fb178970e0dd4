/** RFC 5545 recurrence expansion (rrule package) over floating wall time, so DST keeps local times. */
import rruleModule from 'rrule';
import type { Options, RRule as RRuleType, RRuleSet as RRuleSetType } from 'rrule';
import { invalidArgument } from '../wire-errors.ts';
import type { EventDateTime } from './model.ts';
import { compactUtc, floatingDate, formatInZone, fromFloating, isValidZone, parseRfc3339, toFloating } from './time.ts';

// rrule ships CommonJS as `main` and ESM only as `module`: under Node's ESM loader the
// named exports live on the default export, under bundlers on the namespace. Normalise once.
interface RRuleLib {
  RRule: typeof RRuleType;
  RRuleSet: typeof RRuleSetType;
}
const lib = ((rruleModule as unknown as { RRule?: unknown }).RRule ? rruleModule : (rruleModule as unknown as { default: unknown }).default) as unknown as RRuleLib;

/** One occurrence of a recurring event. */
export interface Occurrence {
  /** `<seriesId>_<YYYYMMDDTHHMMSSZ>` (timed) or `<seriesId>_<YYYYMMDD>` (all-day). */
  readonly id: string;
  readonly start: EventDateTime;
  readonly end: EventDateTime;
  readonly startMs: number;
  readonly endMs: number;
}

/** What a series needs for expansion. */
export interface SeriesSpec {
  readonly id: string;
  readonly start: EventDateTime;
  readonly end: EventDateTime;
  readonly recurrence: readonly string[];
}

const DAY = 86_400_000;
/** Guard against unbounded series: at most this many occurrences per expansion. */
export const MAX_OCCURRENCES = 3000;

/** Throws Google's 400 when a recurrence list cannot be parsed. */
export function validateRecurrence(lines: readonly string[]): void {
  for (const line of lines) {
    const name = line.split(/[:;]/, 1)[0]!.toUpperCase();
    if (!['RRULE', 'EXRULE', 'RDATE', 'EXDATE'].includes(name)) throw invalidArgument(`Invalid recurrence rule: ${line}`);
    if (name === 'RRULE' || name === 'EXRULE') parseRule(line.slice(name.length + 1), 'UTC', false);
    else parseDates(line, 'UTC', false);
  }
  if (!lines.some((l) => /^RRULE[:;]/i.test(l))) throw invalidArgument('Invalid recurrence rule: a recurrence needs an RRULE.');
}

/** Parses `FREQ=…;UNTIL=…` with UNTIL converted to floating wall time in `tz`. */
function parseRule(body: string, tz: string, allDay: boolean): Partial<Options> {
  let until: Date | undefined;
  const parts = body.split(';').filter((p) => {
    const m = /^UNTIL=(\d{8})(?:T(\d{6})(Z?))?$/i.exec(p);
    if (!m) return true;
    until = parseStamp(m[1]!, m[2], m[3] === 'Z' || m[3] === 'z', undefined, tz, allDay);
    return false;
  });
  if (parts.some((p) => /^UNTIL=/i.test(p))) throw invalidArgument(`Invalid recurrence rule: RRULE:${body}`);
  let opts: Partial<Options>;
  try {
    opts = lib.RRule.parseString(parts.join(';'));
  } catch {
    throw invalidArgument(`Invalid recurrence rule: RRULE:${body}`);
  }
  if (opts.freq === undefined) throw invalidArgument(`Invalid recurrence rule: RRULE:${body} (FREQ missing)`);
  return { ...opts, ...(until ? { until } : {}), tzid: null };
}

/** A date or date-time stamp as floating wall time in `tz`. */
function parseStamp(ymd: string, hms: string | undefined, utc: boolean, tzid: string | undefined, tz: string, allDay: boolean): Date {
  const y = +ymd.slice(0, 4), mo = +ymd.slice(4, 6), d = +ymd.slice(6, 8);
  if (!hms) return new Date(Date.UTC(y, mo - 1, d, allDay ? 0 : 23, allDay ? 0 : 59, allDay ? 0 : 59));
  const h = +hms.slice(0, 2), mi = +hms.slice(2, 4), s = +hms.slice(4, 6);
  if (utc) return toFloating(Date.UTC(y, mo - 1, d, h, mi, s), tz);
  if (tzid && tzid !== tz) {
    if (!isValidZone(tzid)) throw invalidArgument(`Invalid time zone ${tzid} in recurrence.`);
    return toFloating(fromFloating(new Date(Date.UTC(y, mo - 1, d, h, mi, s)), tzid), tz);
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/** RDATE/EXDATE values as floating wall times; date-only values on timed series take the series time. */
function parseDates(line: string, tz: string, allDay: boolean, seriesTime?: Date): Date[] {
  const colon = line.indexOf(':');
  if (colon < 0) throw invalidArgument(`Invalid recurrence rule: ${line}`);
  const tzid = /;TZID=([^;:]+)/i.exec(line.slice(0, colon))?.[1];
  return line.slice(colon + 1).split(',').map((v) => {
    const m = /^(\d{8})(?:T(\d{6})(Z?))?$/i.exec(v.trim());
    if (!m) throw invalidArgument(`Invalid recurrence date: ${v}`);
    if (!m[2] && !allDay && seriesTime) {
      const base = parseStamp(m[1]!, undefined, false, undefined, tz, true);
      return new Date(base.getTime() + (seriesTime.getTime() % DAY));
    }
    return parseStamp(m[1]!, m[2], m[3]?.toUpperCase() === 'Z', tzid, tz, allDay);
  });
}

/**
 * Occurrences of a series whose time span overlaps [fromMs, toMs). `tz` is the zone the
 * wall times live in (start.timeZone or the calendar's). Without `toMs` the expansion
 * stops after MAX_OCCURRENCES or `horizonMs`.
 */
export function expandSeries(s: SeriesSpec, tz: string, fromMs: number | undefined, toMs: number | undefined, horizonMs?: number): Occurrence[] {
  const allDay = s.start.date !== undefined;
  const startMs = allDay ? Date.parse(`${s.start.date}T00:00:00Z`) : parseRfc3339(s.start.dateTime ?? '');
  const endMs = allDay ? Date.parse(`${s.end.date}T00:00:00Z`) : parseRfc3339(s.end.dateTime ?? '');
  if (startMs === undefined || endMs === undefined || Number.isNaN(startMs) || Number.isNaN(endMs)) return [];
  // All-day dates are already floating; timed starts become wall time in the series zone.
  const dtstart = allDay ? new Date(startMs) : toFloating(startMs, tz);
  const wallDuration = allDay ? endMs - startMs : toFloating(endMs, tz).getTime() - dtstart.getTime();
  const set = new lib.RRuleSet();
  for (const line of s.recurrence) {
    const name = line.split(/[:;]/, 1)[0]!.toUpperCase();
    if (name === 'RRULE') set.rrule(new lib.RRule({ ...parseRule(line.slice(6), tz, allDay), dtstart }));
    else if (name === 'EXRULE') set.exrule(new lib.RRule({ ...parseRule(line.slice(7), tz, allDay), dtstart }));
    else if (name === 'RDATE') for (const d of parseDates(line, tz, allDay, dtstart)) set.rdate(d);
    else if (name === 'EXDATE') for (const d of parseDates(line, tz, allDay, dtstart)) set.exdate(d);
  }
  // Floating and real instants differ by at most a day; widen, then filter exactly.
  const lo = fromMs === undefined ? dtstart : new Date(fromMs - wallDuration - DAY);
  const hiMs = toMs ?? horizonMs;
  const hi = hiMs === undefined ? undefined : new Date(hiMs + DAY);
  const dates: Date[] = [];
  const iter = (d: Date) => {
    if (hi && d > hi) return false;
    if (d >= lo) dates.push(d);
    return dates.length < MAX_OCCURRENCES;
  };
  set.all((d) => iter(d));
  const out: Occurrence[] = [];
  for (const d of dates) {
    const occ = allDay ? allDayOccurrence(s.id, d, wallDuration, s.start.timeZone) : timedOccurrence(s.id, d, wallDuration, tz);
    if (fromMs !== undefined && occ.endMs <= fromMs && occ.startMs < fromMs) continue;
    if (toMs !== undefined && occ.startMs >= toMs) continue;
    out.push(occ);
  }
  return out;
}

function timedOccurrence(id: string, d: Date, wallDuration: number, tz: string): Occurrence {
  const startMs = fromFloating(d, tz);
  const endMs = fromFloating(new Date(d.getTime() + wallDuration), tz);
  return {
    id: `${id}_${compactUtc(startMs)}`,
    start: { dateTime: formatInZone(startMs, tz), timeZone: tz },
    end: { dateTime: formatInZone(endMs, tz), timeZone: tz },
    startMs,
    endMs,
  };
}

function allDayOccurrence(id: string, d: Date, duration: number, tz: string | undefined): Occurrence {
  const date = floatingDate(d);
  const end = floatingDate(new Date(d.getTime() + duration));
  return {
    id: `${id}_${date.replace(/-/g, '')}`,
    start: { date, ...(tz ? { timeZone: tz } : {}) },
    end: { date: end, ...(tz ? { timeZone: tz } : {}) },
    // Callers compare all-day instants in the calendar's zone; UTC midnight is close enough here.
    startMs: d.getTime(),
    endMs: d.getTime() + duration,
  };
}

/** The instance id suffix for an original start (used to match stored exceptions). */
export function instanceIdFor(seriesId: string, originalStart: EventDateTime): string {
  if (originalStart.date !== undefined) return `${seriesId}_${originalStart.date.replace(/-/g, '')}`;
  const ms = parseRfc3339(originalStart.dateTime ?? '');
  return `${seriesId}_${ms === undefined ? 'invalid' : compactUtc(ms)}`;
}

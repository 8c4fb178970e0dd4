/**
 * RFC 5545 recurrence expansion (rrule package) over floating wall time, so DST keeps local
 * times. Bounded: rules are checked at insert as Google checks them, expansion is lazy and
 * stops at the query window, and every period rrule walks spends work (a caller's budget,
 * or a fixed allowance when none is given), so no rule can loop without bound.
 */
import rruleModule from 'rrule';
import type { Options, RRule as RRuleType, RRuleSet as RRuleSetType } from 'rrule';
import { DEFAULT_WORK_BUDGET } from '../../core/index.ts';
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
  /** The start as floating wall time in the series zone (what an expansion's horizon is compared with). */
  readonly wallMs: number;
}

/** What a series needs for expansion. */
export interface SeriesSpec {
  readonly id: string;
  readonly start: EventDateTime;
  readonly end: EventDateTime;
  readonly recurrence: readonly string[];
}

/** Spends units of work; throws (the API's budget error) when the call has spent too much. */
export type Spend = (units: number) => void;

const DAY = 86_400_000;
/** Guard against unbounded series: at most this many occurrences per expansion. */
export const MAX_OCCURRENCES = 3000;

/**
 * Work units of one period rrule walks (a day of a DAILY rule, a month of a MONTHLY one),
 * whether or not it yields an occurrence: about 3 µs on the reference machine, where a unit
 * is about half a microsecond (DEFAULT_WORK_BUDGET ≈ one second of work).
 */
const PERIOD_UNITS = 6;
/** A sub-daily period (HOURLY, MINUTELY, SECONDLY) also rebuilds rrule's time set: about 5 µs. */
const SUB_DAILY_PERIOD_UNITS = 10;
/** Work units of one candidate occurrence handed back by rrule. */
const RESULT_UNITS = 4;

/**
 * Frequencies Google Calendar accepts. Its documented examples and its UI use DAILY, WEEKLY,
 * MONTHLY and YEARLY only; an insert with `RRULE:FREQ=HOURLY` (valid RFC 5545) fails on the
 * real API (googleapis/google-api-ruby-client#572: "Server error" on import). The mock answers
 * the API's 400 "Invalid recurrence rule" instead, as a 5xx would make clients retry.
 */
const GOOGLE_FREQS = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

/** Shortest real-time step of one period per rrule frequency (YEARLY = 0 … SECONDLY = 6). */
const MIN_PERIOD_MS = [365 * DAY, 28 * DAY, 7 * DAY, DAY, 3_600_000, 60_000, 1000];

/** Numeric BYxxx rule parts and their RFC 5545 ranges (negative values count from the end). */
const NUMERIC_PARTS: Record<string, { min: number; max: number; signed: boolean }> = {
  BYSECOND: { min: 0, max: 60, signed: false },
  BYMINUTE: { min: 0, max: 59, signed: false },
  BYHOUR: { min: 0, max: 23, signed: false },
  BYMONTHDAY: { min: 1, max: 31, signed: true },
  BYYEARDAY: { min: 1, max: 366, signed: true },
  BYWEEKNO: { min: 1, max: 53, signed: true },
  BYMONTH: { min: 1, max: 12, signed: false },
  BYSETPOS: { min: 1, max: 366, signed: true },
};
const OTHER_PARTS = new Set(['FREQ', 'UNTIL', 'COUNT', 'INTERVAL', 'BYDAY', 'WKST']);

/** Throws Google's 400 for a rule line. */
function badRule(line: string): never {
  throw invalidArgument(`Invalid recurrence rule: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`);
}

/**
 * Checks the rule parts RFC 5545 §3.3.10 defines: each at most once, values in range, COUNT
 * and INTERVAL positive integers (a COUNT of -1 is refused by Google as "Invalid recurrence
 * rule", derekantrican/GAS-ICS-Sync#466). Repeated list values are dropped, so a rule's
 * size, and the work of each period, is bounded by the ranges whatever was sent.
 */
function normaliseParts(body: string, line: string): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of body.split(';')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) badRule(line);
    const key = part.slice(0, eq).toUpperCase();
    const value = part.slice(eq + 1);
    if (seen.has(key)) badRule(line);
    seen.add(key);
    const range = NUMERIC_PARTS[key];
    if (range) {
      const values = new Set<number>();
      for (const v of value.split(',')) {
        if (!/^[+-]?\d{1,3}$/.test(v)) badRule(line);
        const n = Number(v);
        const abs = Math.abs(n);
        if ((n < 0 && !range.signed) || abs < range.min || abs > range.max || (range.signed && n === 0)) badRule(line);
        values.add(n);
      }
      out.push(`${key}=${[...values].join(',')}`);
    } else if (key === 'BYDAY') {
      const values = new Set<string>();
      for (const v of value.split(',')) {
        const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/i.exec(v);
        if (!m || (m[1] !== undefined && (Number(m[1]) === 0 || Math.abs(Number(m[1])) > 53))) badRule(line);
        values.add(v.toUpperCase());
      }
      out.push(`${key}=${[...values].join(',')}`);
    } else if (key === 'COUNT' || key === 'INTERVAL') {
      if (!/^\d{1,9}$/.test(value) || Number(value) < 1) badRule(line);
      out.push(`${key}=${Number(value)}`);
    } else if (OTHER_PARTS.has(key)) {
      out.push(part);
    } else badRule(line);
  }
  return out.join(';');
}

/** Throws Google's 400 when a recurrence list cannot be parsed or names a rule Google refuses. */
export function validateRecurrence(lines: readonly string[]): void {
  for (const line of lines) {
    const name = line.split(/[:;]/, 1)[0]!.toUpperCase();
    if (!['RRULE', 'EXRULE', 'RDATE', 'EXDATE'].includes(name)) throw invalidArgument(`Invalid recurrence rule: ${line}`);
    if (name === 'RRULE' || name === 'EXRULE') {
      const opts = parseRule(line.slice(name.length + 1), 'UTC', false, line);
      if (!GOOGLE_FREQS.has(FREQ_NAMES[opts.freq!] ?? '')) badRule(line);
    } else parseDates(line, 'UTC', false);
  }
  if (!lines.some((l) => /^RRULE[:;]/i.test(l))) throw invalidArgument('Invalid recurrence rule: a recurrence needs an RRULE.');
}

const FREQ_NAMES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'];

/** Parses `FREQ=…;UNTIL=…` with UNTIL converted to floating wall time in `tz`. */
function parseRule(body: string, tz: string, allDay: boolean, line = `RRULE:${body}`): Partial<Options> {
  let until: Date | undefined;
  const parts = normaliseParts(body, line).split(';').filter((p) => {
    const m = /^UNTIL=(\d{8})(?:T(\d{6})(Z?))?$/i.exec(p);
    if (!m) return true;
    until = parseStamp(m[1]!, m[2], m[3] === 'Z' || m[3] === 'z', undefined, tz, allDay);
    return false;
  });
  if (parts.some((p) => /^UNTIL=/i.test(p))) badRule(line);
  let opts: Partial<Options>;
  try {
    opts = lib.RRule.parseString(parts.join(';'));
  } catch {
    return badRule(line);
  }
  if (opts.freq === undefined || opts.freq === null) throw invalidArgument(`Invalid recurrence rule: ${line} (FREQ missing)`);
  if (until && Number.isNaN(until.getTime())) badRule(line);
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
function parseDates(line: string, tz: string, allDay: boolean, seriesTime?: Date, spend?: Spend): Date[] {
  const colon = line.indexOf(':');
  if (colon < 0) throw invalidArgument(`Invalid recurrence rule: ${line}`);
  const tzid = /;TZID=([^;:]+)/i.exec(line.slice(0, colon))?.[1];
  return line.slice(colon + 1).split(',').map((v) => {
    spend?.(1);
    const m = /^(\d{8})(?:T(\d{6})(Z?))?$/i.exec(v.trim());
    if (!m) throw invalidArgument(`Invalid recurrence date: ${v.slice(0, 40)}`);
    if (!m[2] && !allDay && seriesTime) {
      const base = parseStamp(m[1]!, undefined, false, undefined, tz, true);
      return new Date(base.getTime() + (seriesTime.getTime() % DAY));
    }
    return parseStamp(m[1]!, m[2], m[3]?.toUpperCase() === 'Z', tzid, tz, allDay);
  });
}

/** Thrown by the fallback meter when an expansion with no caller budget has done its share: stop, keep what was found. */
class ExpansionCut extends Error {}
/** Thrown by the period meter once rrule has walked past the window: nothing later can be in it. */
class PastWindow extends Error {}

/**
 * The dates of one rule within [lo, hi], at most `limit`, walking rrule lazily with a meter on
 * every period. rrule offers no hook per period, but its iterator reads `options.interval`
 * twice per period (rrule 2.8 `iter` and `DateTime.add`): a getter there spends the work and,
 * once enough periods have passed to be beyond `hi` (each advances at least MIN_PERIOD_MS ×
 * interval), stops the walk. So a rule that never matches (BYMONTHDAY=31;BYMONTH=2), a
 * SECONDLY rule or a huge COUNT costs in proportion to the window, never to year 9999.
 * Rules without COUNT at sub-monthly frequencies start at the last whole interval before
 * the window instead of at DTSTART: the occurrence set inside the window is the same.
 */
function ruleDates(opts: Partial<Options>, dtstart: Date, lo: Date, hi: Date | undefined, limit: number, spend: Spend): Date[] {
  const freq = opts.freq as number;
  const interval = Math.max(1, opts.interval ?? 1);
  let start = dtstart;
  if ((opts.count === undefined || opts.count === null) && freq >= 2) {
    const step = MIN_PERIOD_MS[freq]! * interval;
    const k = Math.floor((lo.getTime() - dtstart.getTime()) / step) - 1;
    if (k > 0) start = new Date(dtstart.getTime() + k * step);
  }
  const rule = new lib.RRule({ ...opts, dtstart: start }, true);
  const o = rule.options as unknown as Record<string, unknown>;
  const realInterval = o.interval;
  // Complex rules (long BYxxx lists) cost more per period: rrule scans them for every day.
  const perRead = Math.ceil((freq > 3 ? SUB_DAILY_PERIOD_UNITS : PERIOD_UNITS) / 2) + ((opts.byweekday as unknown[] | undefined)?.length ?? 0) + ((opts.bymonthday as unknown[] | undefined)?.length ?? 0) + ((opts.byyearday as unknown[] | undefined)?.length ?? 0) + ((opts.bysetpos as unknown[] | undefined)?.length ?? 0);
  const maxReads = hi === undefined ? Infinity : 2 * (Math.ceil((hi.getTime() - start.getTime()) / (MIN_PERIOD_MS[freq]! * interval)) + 3) + 1;
  let reads = 0;
  Object.defineProperty(o, 'interval', {
    configurable: true,
    enumerable: true,
    get() {
      spend(perRead);
      if (++reads > maxReads) throw new PastWindow();
      return realInterval;
    },
  });
  const out: Date[] = [];
  try {
    rule.all((d) => {
      spend(RESULT_UNITS);
      if (hi && d > hi) return false;
      if (d >= lo) out.push(d);
      return out.length < limit;
    });
  } catch (e) {
    if (!(e instanceof PastWindow)) throw e;
  }
  return out;
}

/** A meter for expansions no caller budgets (graders, seeds): a fixed allowance, then the expansion stops where it is. */
function fallbackSpend(): Spend {
  let left = DEFAULT_WORK_BUDGET;
  return (units) => {
    left -= units;
    if (left < 0) throw new ExpansionCut();
  };
}

/**
 * Occurrences of a series whose time span overlaps [fromMs, toMs). `tz` is the zone the
 * wall times live in (start.timeZone or the calendar's). Without `toMs` the expansion
 * stops after MAX_OCCURRENCES or `horizonMs`. `spend` is the caller's work budget (an
 * operation passes `ws.spend`, and a call past its budget fails with the API's error);
 * without one, a fixed allowance applies and an expansion past it returns what it found.
 */
export function expandSeries(s: SeriesSpec, tz: string, fromMs: number | undefined, toMs: number | undefined, horizonMs?: number, spend?: Spend): Occurrence[] {
  // A list without timeMax expands to a horizon a year past the workspace clock, which moves a
  // second with every call: expanding to the end of the horizon's day and cutting back at the
  // horizon lets every call of that day share one remembered expansion. The cut gives what the
  // exact horizon gives (each rule's dates are a prefix of the wider walk's, and so is the
  // merged, capped list), at most a day more of walking; expansions without a caller budget
  // (graders) stay exact, as a wider walk could run out of their fixed allowance.
  if (toMs === undefined && horizonMs !== undefined && spend !== undefined && Object.isFrozen(s)) {
    const wide = remembered(s, tz, fromMs, undefined, Math.ceil((horizonMs + 1) / DAY) * DAY, spend);
    const last = horizonMs + DAY;
    return wide.filter((o) => o.wallMs <= last);
  }
  return remembered(s, tz, fromMs, toMs, horizonMs, spend ?? fallbackSpend());
}

function remembered(s: SeriesSpec, tz: string, fromMs: number | undefined, toMs: number | undefined, horizonMs: number | undefined, meter: Spend): Occurrence[] {
  // Stored series are frozen records shared by every trial of a base: the same window asked of
  // the same record (every trial listing the same week) is expanded once and then read back.
  const key = `${tz}|${fromMs}|${toMs}|${horizonMs}`;
  const memo = Object.isFrozen(s) ? expansions.get(s) : undefined;
  const hit = memo?.get(key);
  if (hit) {
    meter(1 + hit.length);
    return [...hit];
  }
  try {
    const out = expand(s, tz, fromMs, toMs, horizonMs, meter);
    if (Object.isFrozen(s)) remember(s, key, out);
    return out;
  } catch (e) {
    // A cut expansion depends on the call's remaining budget: never remembered.
    if (e instanceof ExpansionCut) return [];
    throw e;
  }
}

/** Most windows remembered per series (an agent pages a few weeks; older windows are dropped first). */
const MAX_WINDOWS_PER_SERIES = 16;
const expansions = new WeakMap<SeriesSpec, Map<string, readonly Occurrence[]>>();

function remember(s: SeriesSpec, key: string, out: Occurrence[]): void {
  let memo = expansions.get(s);
  if (!memo) expansions.set(s, (memo = new Map()));
  if (memo.size >= MAX_WINDOWS_PER_SERIES) memo.delete(memo.keys().next().value!);
  // Frozen, because instances built from them share their start and end objects.
  for (const o of out) {
    Object.freeze(o.start);
    Object.freeze(o.end);
    Object.freeze(o);
  }
  memo.set(key, Object.freeze([...out]));
}

function expand(s: SeriesSpec, tz: string, fromMs: number | undefined, toMs: number | undefined, horizonMs: number | undefined, spend: Spend): Occurrence[] {
  const allDay = s.start.date !== undefined;
  const startMs = allDay ? Date.parse(`${s.start.date}T00:00:00Z`) : parseRfc3339(s.start.dateTime ?? '');
  const endMs = allDay ? Date.parse(`${s.end.date}T00:00:00Z`) : parseRfc3339(s.end.dateTime ?? '');
  if (startMs === undefined || endMs === undefined || Number.isNaN(startMs) || Number.isNaN(endMs)) return [];
  // All-day dates are already floating; timed starts become wall time in the series zone.
  const dtstart = allDay ? new Date(startMs) : toFloating(startMs, tz);
  const wallDuration = allDay ? endMs - startMs : toFloating(endMs, tz).getTime() - dtstart.getTime();
  const rules: Array<Partial<Options>> = [];
  const exrules: Array<Partial<Options>> = [];
  const rdates: Date[] = [];
  const exdates = new Set<number>();
  for (const line of s.recurrence) {
    spend(1 + (line.length >> 8));
    const name = line.split(/[:;]/, 1)[0]!.toUpperCase();
    if (name === 'RRULE') rules.push(parseRule(line.slice(6), tz, allDay));
    else if (name === 'EXRULE') exrules.push(parseRule(line.slice(7), tz, allDay, line));
    else if (name === 'RDATE') for (const d of parseDates(line, tz, allDay, dtstart, spend)) rdates.push(d);
    else if (name === 'EXDATE') for (const d of parseDates(line, tz, allDay, dtstart, spend)) exdates.add(d.getTime());
  }
  // Floating and real instants differ by at most a day; widen, then filter exactly.
  const lo = fromMs === undefined ? dtstart : new Date(Math.max(dtstart.getTime(), fromMs - wallDuration - DAY));
  const hiMs = toMs ?? horizonMs;
  const hi = hiMs === undefined ? undefined : new Date(hiMs + DAY);
  if (hi && hi < lo) return [];
  const limit = MAX_OCCURRENCES + exdates.size;
  const found = new Map<number, Date>();
  for (const opts of rules) for (const d of ruleDates(opts, dtstart, lo, hi, limit, spend)) found.set(d.getTime(), d);
  for (const d of rdates) if (d >= lo && (!hi || d <= hi)) found.set(d.getTime(), d);
  let dates = [...found.values()].sort((a, b) => a.getTime() - b.getTime());
  // EXRULE (deprecated in RFC 5545, still listed by Google's `recurrence` field) removes what it
  // generates; it is walked once over the span of the candidates, never per candidate.
  if (exrules.length > 0 && dates.length > 0) {
    const exHi = new Date(dates[dates.length - 1]!.getTime());
    for (const opts of exrules) for (const d of ruleDates(opts, dtstart, lo, exHi, Infinity, spend)) exdates.add(d.getTime());
  }
  dates = dates.filter((d) => !exdates.has(d.getTime())).slice(0, MAX_OCCURRENCES);
  const out: Occurrence[] = [];
  for (const d of dates) {
    spend(1);
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
    wallMs: d.getTime(),
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
    wallMs: d.getTime(),
  };
}

/** Instance id stamps of frozen original starts (stored exceptions), computed once: every list that expands their series matches them. */
const stamps = new WeakMap<EventDateTime, string>();

/** The instance id suffix for an original start (used to match stored exceptions). */
export function instanceIdFor(seriesId: string, originalStart: EventDateTime): string {
  const hit = stamps.get(originalStart);
  if (hit !== undefined) return `${seriesId}_${hit}`;
  let stamp: string;
  if (originalStart.date !== undefined) stamp = originalStart.date.replace(/-/g, '');
  else {
    const ms = parseRfc3339(originalStart.dateTime ?? '');
    stamp = ms === undefined ? 'invalid' : compactUtc(ms);
  }
  if (Object.isFrozen(originalStart)) stamps.set(originalStart, stamp);
  return `${seriesId}_${stamp}`;
}

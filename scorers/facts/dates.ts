/** Dates and times as people write them, resolved against the workspace clock. */
import { DateTime } from 'luxon';

/** One calendar date found in a text. */
export interface DateMention {
  /** `YYYY-MM-DD`. */
  readonly iso: string;
  readonly start: number;
  readonly end: number;
  /** Resolved from a relative form ("tomorrow", "next Monday"). */
  readonly relative: boolean;
  /** The year was written (false: inferred from the clock, so only month and day are the writer's). */
  readonly explicitYear: boolean;
}

/** One time of day found in a text. */
export interface TimeMention {
  /** Minutes after midnight. */
  readonly minutes: number;
  readonly start: number;
  readonly end: number;
}

/** The reference point for relative and year-less dates. */
export interface Clock {
  /** ISO timestamp (the workspace clock). */
  readonly now: string;
  /** IANA zone in which "today" is meant; UTC when absent. */
  readonly zone?: string;
}

const MONTHS: ReadonlyArray<[string, number]> = [
  ['january', 1], ['february', 2], ['march', 3], ['april', 4], ['may', 5], ['june', 6], ['july', 7], ['august', 8],
  ['september', 9], ['october', 10], ['november', 11], ['december', 12],
  ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['jun', 6], ['jul', 7], ['aug', 8], ['sept', 9], ['sep', 9], ['oct', 10], ['nov', 11], ['dec', 12],
];
const MONTH_RE = MONTHS.map(([n]) => n).join('|');
const MONTH_OF = new Map(MONTHS);
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY_RE = `${WEEKDAYS.join('|')}|mon|tues|tue|wed|thurs|thu|fri|sat|sun`;

function weekdayNumber(w: string): number {
  return WEEKDAYS.findIndex((d) => d.startsWith(w.slice(0, 3))) + 1;
}

function today(clock: Clock): DateTime {
  const t = DateTime.fromISO(clock.now, { zone: 'utc' });
  return (clock.zone ? t.setZone(clock.zone) : t).startOf('day');
}

function valid(y: number, m: number, d: number): string | undefined {
  const dt = DateTime.fromObject({ year: y, month: m, day: d }, { zone: 'utc' });
  return dt.isValid ? dt.toISODate()! : undefined;
}

/** Days of recent past a year-less date may still mean ("the Mar 10 outage", written a week later). */
const RECENT_DAYS = 60;

/**
 * The year a person means when they leave it out: the coming occurrence of that month
 * and day, unless it fell within the last two months (then this one).
 */
function nearestYear(m: number, d: number, clock: Clock): string | undefined {
  const base = today(clock);
  for (const y of [base.year - 1, base.year, base.year + 1]) {
    const iso = valid(y, m, d);
    if (!iso) continue;
    const days = DateTime.fromISO(iso, { zone: base.zone }).diff(base, 'days').days;
    if (days >= -RECENT_DAYS) return iso;
  }
  return undefined;
}

/** The date with this day of the month (and weekday, when given) nearest the clock, within six weeks. */
function dayOfMonth(d: number, weekday: number | undefined, clock: Clock): string | undefined {
  const base = today(clock);
  let best: { iso: string; dist: number } | undefined;
  for (let k = -2; k <= 2; k++) {
    const month = base.plus({ months: k });
    const iso = valid(month.year, month.month, d);
    if (!iso) continue;
    const dt = DateTime.fromISO(iso, { zone: base.zone });
    if (weekday !== undefined && dt.weekday !== weekday) continue;
    const days = dt.diff(base, 'days').days;
    // Ahead counts a little nearer than behind: people mostly name the coming one.
    const dist = days >= 0 ? days : -days * 1.5;
    if (dist <= 45 && (!best || dist < best.dist)) best = { iso, dist };
  }
  return best?.iso;
}

function fullYear(y: string | undefined): number | undefined {
  if (!y) return undefined;
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

interface Reading {
  readonly iso: string | undefined;
  readonly relative: boolean;
  readonly explicitYear?: boolean;
  /** A guess from a day of the month alone ("the 9th"): dropped where a fuller reading covers the same words. */
  readonly weak?: boolean;
}

/** One day in a list of days: "9", "9th", "the 10th". */
const LIST_DAY = String.raw`(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?`;
/** Joiners of a list of days: "9 and 10", "9 & 10", "9th or 10th", "9, 10 and 11". */
const LIST_DAYS = String.raw`${LIST_DAY}(?:\s*,\s*${LIST_DAY})*\s*,?\s*(?:and|&|or)\s+${LIST_DAY}`;
/** What may not follow the last day of a list, or it was a count or a time ("April 9 and 10 people", "10am"). */
const NOT_A_DAY_AFTER = String.raw`(?![:.]\d)(?!\s*(?:%|a\.?m\b|p\.?m\b|h\b|hours?\b|hrs?\b|min|minutes?\b|people\b|persons?\b|seats?\b|days?\b|weeks?\b|months?\b|years?\b|times?\b|of\s+(?:them|us|you)\b))`;

/** The day numbers of a written list of days ("9th, 10th and the 11th" → 9, 10, 11). */
function listedDays(list: string): number[] {
  return [...list.matchAll(/\d{1,2}/g)].slice(0, 31).map((d) => Number(d[0]));
}

interface Pattern {
  readonly re: RegExp;
  readonly read: (m: RegExpExecArray, clock: Clock) => Reading[];
}

const dated = (y: number | undefined, mo: number, d: number, clock: Clock): Reading => ({ iso: y ? valid(y, mo, d) : nearestYear(mo, d, clock), relative: false, explicitYear: y !== undefined });

const PATTERNS: readonly Pattern[] = [
  // 2026-10-26, 2026/10/26
  { re: /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:t[\d:.]+z?)?\b/g, read: (m, c) => [dated(Number(m[1]), Number(m[2]), Number(m[3]), c)] },
  // October 26th, 2026 / Oct. 26 / oct 26
  {
    re: new RegExp(`\\b(${MONTH_RE})\\.?[\\s-]+(\\d{1,2})(?:st|nd|rd|th)?\\b(?![:.]\\d)(?:,?[\\s-]+(\\d{4}))?`, 'g'),
    read: (m, c) => [dated(fullYear(m[3]), MONTH_OF.get(m[1]!)!, Number(m[2]), c)],
  },
  // 26 October 2026 / 26th of Oct / 19th May
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+(?:of\\s+)?(${MONTH_RE})\\b\\.?(?:,?[\\s-]+(\\d{4}))?`, 'g'),
    read: (m, c) => [dated(fullYear(m[3]), MONTH_OF.get(m[2]!)!, Number(m[1]), c)],
  },
  // April 9 and 10 / Apr 9 & 10 / April 9th or 10th, 2026: every listed day in the month
  {
    re: new RegExp(`\\b(${MONTH_RE})\\.?\\s+(${LIST_DAYS})\\b${NOT_A_DAY_AFTER}(?:,?\\s+(\\d{4}))?`, 'g'),
    read: (m, c) => listedDays(m[2]!).map((d) => dated(fullYear(m[3]), MONTH_OF.get(m[1]!)!, d, c)),
  },
  // the 9th and 10th of April / 9 & 10 April 2026
  {
    re: new RegExp(`\\b(${LIST_DAYS})\\s+(?:of\\s+)?(${MONTH_RE})\\b\\.?(?:,?\\s+(\\d{4}))?`, 'g'),
    read: (m, c) => listedDays(m[1]!).map((d) => dated(fullYear(m[3]), MONTH_OF.get(m[2]!)!, d, c)),
  },
  // March 16–20 / 16 – 20 March: both ends of a range of days
  {
    re: new RegExp(`\\b(?:(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|–|—|to)\\s*(\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|–|—|to)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_RE}))\\b(?:,?\\s+(\\d{4}))?`, 'g'),
    read: (m, c) => {
      const month = MONTH_OF.get((m[1] ?? m[6])!)!;
      const y = fullYear(m[7]);
      return [dated(y, month, Number(m[2] ?? m[4]), c), dated(y, month, Number(m[3] ?? m[5]), c)];
    },
  },
  // 16.03. (day and month, European, no year)
  { re: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?![\d])/g, read: (m, c) => (Number(m[2]) <= 12 ? [dated(undefined, Number(m[2]), Number(m[1]), c)] : []) },
  // 10/26/2026, 26/10/2026, 26.10.2026, 10/26 — ambiguous day/month orders give both readings.
  {
    re: /(?<![\d/.])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])|(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])/g,
    read: (m, c) => {
      const a = Number(m[1] ?? m[4]);
      const b = Number(m[2] ?? m[5]);
      const y = fullYear(m[3] ?? m[6]);
      const out = [];
      if (m[4] === undefined && a <= 12) out.push(dated(y, a, b, c)); // US month/day (slashes)
      if (b <= 12 && (a > 12 || m[4] !== undefined || a !== b)) out.push(dated(y, b, a, c)); // day/month
      return out;
    },
  },
  // Thursday the 26th, Thu 26th, the 26th (the month is the nearest that fits)
  {
    // "the 26th" alone only where a date reads naturally (not "the 1st draft").
    re: new RegExp(`\\b(?:(${WEEKDAY_RE}),?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?|the\\s+(\\d{1,2})(?:st|nd|rd|th)(?=\\s*(?:$|[,.;:!?)]|(?:at|in|by|for|from|to|and|or|with|morning|afternoon|evening)\\b)))\\b(?!\\s+(?:of\\s+)?(?:${MONTH_RE})\\b)(?![/.:]\\d)`, 'g'),
    read: (m, c) => [{ iso: dayOfMonth(Number(m[2] ?? m[3]), m[1] ? weekdayNumber(m[1]) : undefined, c), relative: false, explicitYear: false, weak: true }],
  },
  // today, tomorrow, yesterday, the day after tomorrow
  {
    re: /\b(the day after tomorrow|day after tomorrow|today|tonight|tomorrow|yesterday)\b/g,
    read: (m, c) => {
      const shift = m[1]!.includes('after') ? 2 : m[1] === 'tomorrow' ? 1 : m[1] === 'yesterday' ? -1 : 0;
      return [{ iso: today(c).plus({ days: shift }).toISODate()!, relative: true }];
    },
  },
  // in 3 days / in three days
  {
    re: /\bin (\d{1,2}|one|two|three|four|five|six|seven|ten|fourteen) days?\b/g,
    read: (m, c) => {
      const words: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10, fourteen: 14 };
      const n = words[m[1]!] ?? Number(m[1]);
      return [{ iso: today(c).plus({ days: n }).toISODate()!, relative: true }];
    },
  },
  // next Monday, this Friday, last Tuesday, on Wednesday, Thursday
  {
    re: new RegExp(`\\b(?:(next|this|last|coming)\\s+)?(${WEEKDAY_RE})\\b\\.?`, 'g'),
    read: (m, c) => {
      const base = today(c);
      const target = weekdayNumber(m[2]!);
      const ahead = (target - base.weekday + 7) % 7;
      const upcoming = base.plus({ days: ahead });
      const past = base.minus({ days: (base.weekday - target + 7) % 7 || 7 });
      const which = m[1];
      if (which === 'last') return [{ iso: past.toISODate()!, relative: true }];
      if (which === 'next') {
        // "next Monday" is read both ways by people: the coming one, or the one a week later.
        return [{ iso: (ahead === 0 ? base.plus({ days: 7 }) : upcoming).toISODate()!, relative: true }, { iso: upcoming.plus({ days: 7 }).toISODate()!, relative: true }];
      }
      if (which === 'this' || which === 'coming') return [{ iso: upcoming.toISODate()!, relative: true }];
      // A bare weekday names the nearest one, ahead or just past.
      return [{ iso: upcoming.toISODate()!, relative: true }, { iso: past.toISODate()!, relative: true }];
    },
  },
];

/** What may stand between a weekday and the explicit date it decorates: other weekdays, "and", commas. */
const WEEKDAY_RUN = new RegExp(`^(?:[\\s,&/-]|\\b(?:and|or|on|the)\\b|\\b(?:${WEEKDAY_RE})\\b)*$`);

/** True when a weekday reading falls on the weekday of one of the dates written just after it (within a list's length). */
function namesOneOf(r: DateMention, dates: readonly DateMention[]): boolean {
  const day = DateTime.fromISO(r.iso, { zone: 'utc' }).weekday;
  return dates.some((e) => e.start >= r.end && e.start - r.end <= 120 && DateTime.fromISO(e.iso, { zone: 'utc' }).weekday === day);
}

/** Every date a folded text mentions, with relative and year-less forms resolved against the clock. */
export function dateMentions(folded: string, clock: Clock): DateMention[] {
  const explicit: DateMention[] = [];
  const weak: DateMention[] = [];
  const relative: DateMention[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    let guard = 0;
    for (let m = p.re.exec(folded); m && guard < 5_000; m = p.re.exec(folded), guard++) {
      for (const r of p.read(m, clock)) {
        if (!r.iso) continue;
        (r.relative ? relative : r.weak ? weak : explicit).push({ iso: r.iso, start: m.index, end: m.index + m[0].length, relative: r.relative, explicitYear: r.explicitYear ?? false });
      }
    }
  }
  const overlapping = (r: DateMention, among: readonly DateMention[]) => among.some((e) => r.start < e.end && e.start < r.end);
  // "April 9" inside "April 9, 10 and 11, 2027" is the 2027 one: a year-less reading of a month and day that a longer reading dates is that reading.
  const dated = explicit.filter((d) => d.explicitYear || !explicit.some((e) => e.explicitYear && e.start <= d.start && d.end <= e.end && e.iso.slice(5) === d.iso.slice(5)));
  const dates = [...dated, ...weak.filter((r) => !overlapping(r, explicit))];
  // A weekday written next to an explicit date ("Monday, 26 October"), or a run of weekdays
  // that the dates after it name ("Thursday and Friday, April 9 and April 10"), only decorates them.
  const near = (r: DateMention) => overlapping(r, dates) || dates.some((e) => (r.end <= e.start + 1 && e.start - r.end <= 3) || (r.start >= e.end && r.start - e.end <= 3)
    || (e.start >= r.end && e.start - r.end <= 80 && WEEKDAY_RUN.test(folded.slice(r.end, e.start)) && namesOneOf(r, dates)));
  return [...dates, ...relative.filter((r) => !near(r))].sort((a, b) => a.start - b.start);
}

/** "2-3pm", "2:00–3:30 PM", "11 to 1pm": the start takes the end's half of the day (or the other half when it must). */
const TIME_RANGE = /\b(\d{1,2})(?::(\d{2}))?\s*(?:-|–|—|to|until)\s*(\d{1,2})(?::(\d{2}))?\s?(a\.?m\.?|p\.?m\.?)(?![a-z])/g;

function rangeStart(m: RegExpExecArray): number | undefined {
  const h1 = Number(m[1]);
  const h2 = Number(m[3]);
  const min = Number(m[2] ?? 0);
  if (h1 < 1 || h1 > 12 || h2 < 1 || h2 > 12 || min > 59) return undefined;
  const pm = m[5]!.startsWith('p');
  // The start is in the same half of the day unless it would come after the end ("11-1pm" starts at 11am).
  const samePm = (h1 % 12) <= (h2 % 12) ? pm : !pm;
  return ((h1 % 12) + (samePm ? 12 : 0)) * 60 + min;
}

/** 15:00, 9h30 (no am/pm). */
const CLOCK_24H = /(?<![\d:])([01]?\d|2[0-3])[:h]([0-5]\d)(?!\s?[ap]\.?m)(?!\d)(?!:\d)/g;

const TIME_PATTERNS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => number | undefined]> = [
  [TIME_RANGE, rangeStart],
  [/\b(\d{1,2})(?::(\d{2}))?\s?(a\.?m\.?|p\.?m\.?)(?![a-z])/g, (m) => {
    const h = Number(m[1]);
    const min = Number(m[2] ?? 0);
    if (h < 1 || h > 12 || min > 59) return undefined;
    return ((h % 12) + (m[3]!.startsWith('p') ? 12 : 0)) * 60 + min;
  }],
  [CLOCK_24H, (m) => Number(m[1]) * 60 + Number(m[2])],
  [/\b(noon|midday|midnight)\b/g, (m) => (m[1] === 'midnight' ? 0 : 720)],
];

/** Every time of day a folded text mentions ("3pm", "15:00", "3:30 p.m.", "noon"). */
export function timeMentions(folded: string): TimeMention[] {
  const out: TimeMention[] = [];
  for (const [re, read] of TIME_PATTERNS) {
    re.lastIndex = 0;
    let guard = 0;
    for (let m = re.exec(folded); m && guard < 5_000; m = re.exec(folded), guard++) {
      const minutes = read(m);
      if (minutes === undefined) continue;
      out.push({ minutes, start: m.index, end: m.index + m[0].length });
      // "2:30" with no am/pm in office talk means the afternoon as often as not: read 1:00–7:59 both ways.
      if (re === CLOCK_24H && minutes >= 60 && minutes < 480) out.push({ minutes: minutes + 720, start: m.index, end: m.index + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

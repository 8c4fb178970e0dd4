/** A small natural-language parser for events.quickAdd ("Lunch with Ana tomorrow at 12:30pm"). */
import { DateTime } from 'luxon';

/** What quickAdd understood from the text. */
export interface QuickAddParse {
  readonly summary: string;
  readonly location?: string;
  /** ISO date of the event. */
  readonly date: string;
  /** Minutes after midnight, or undefined for an all-day event. */
  readonly minutes?: number;
  readonly durationMin: number;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * Parses text relative to `now` in zone `tz`. Understands today/tomorrow, weekday names
 * ("on Friday", "next Tuesday"), "March 20", "2026-03-20", "3/20", times ("at 3pm",
 * "15:30", "noon"), durations ("for 30 minutes", "for 2 hours") and "at <Place>" /
 * "in <Place>" after the time. Unparsed words become the summary.
 */
export function parseQuickAdd(text: string, nowMs: number, tz: string): QuickAddParse {
  const now = DateTime.fromMillis(nowMs, { zone: tz });
  let rest = ` ${text.trim()} `;
  let date: DateTime = now.startOf('day');
  let minutes: number | undefined;
  let durationMin = 60;
  const take = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    const m = re.exec(rest);
    if (m) {
      fn(m);
      rest = rest.slice(0, m.index) + ' ' + rest.slice(m.index + m[0].length);
    }
  };
  take(/\sfor (\d+)\s*(minutes?|mins?|hours?|hrs?|h)\b/i, (m) => {
    durationMin = /^h/i.test(m[2]!) ? +m[1]! * 60 : +m[1]!;
  });
  take(/\s(?:on\s)?(\d{4})-(\d{2})-(\d{2})\b/i, (m) => (date = DateTime.fromObject({ year: +m[1]!, month: +m[2]!, day: +m[3]! }, { zone: tz })));
  take(/\s(?:on\s)?(\d{1,2})\/(\d{1,2})\b/i, (m) => {
    date = rollForward(DateTime.fromObject({ year: now.year, month: +m[1]!, day: +m[2]! }, { zone: tz }), now);
  });
  take(new RegExp(`\\s(?:on\\s)?(${MONTHS.join('|')}|${MONTHS.map((x) => x.slice(0, 3)).join('|')})\\.?\\s(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'i'), (m) => {
    const mo = MONTHS.findIndex((x) => x.startsWith(m[1]!.toLowerCase().slice(0, 3))) + 1;
    date = rollForward(DateTime.fromObject({ year: now.year, month: mo, day: +m[2]! }, { zone: tz }), now);
  });
  take(/\s(today|tonight|tomorrow)\b/i, (m) => {
    date = now.startOf('day').plus({ days: m[1]!.toLowerCase() === 'tomorrow' ? 1 : 0 });
    if (m[1]!.toLowerCase() === 'tonight' && minutes === undefined) minutes = 19 * 60;
  });
  take(new RegExp(`\\s(?:on\\s|next\\s|this\\s)?(${WEEKDAYS.join('|')})\\b`, 'i'), (m) => {
    const target = WEEKDAYS.indexOf(m[1]!.toLowerCase()) + 1;
    let diff = (target - now.weekday + 7) % 7;
    if (diff === 0) diff = 7;
    date = now.startOf('day').plus({ days: diff });
  });
  take(/\s(?:at\s)?(noon|midnight)\b/i, (m) => (minutes = m[1]!.toLowerCase() === 'noon' ? 720 : 0));
  take(/\s(?:at\s|@\s?)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b/i, (m) => {
    const h = (+m[1]! % 12) + (m[3]!.toLowerCase() === 'pm' ? 12 : 0);
    minutes = h * 60 + +(m[2] ?? 0);
  });
  take(/\s(?:at\s)?([01]?\d|2[0-3]):([0-5]\d)\b/i, (m) => (minutes = +m[1]! * 60 + +m[2]!));
  let location: string | undefined;
  take(/\s(?:at|in)\s([A-Z][\w'&.-]*(?:\s[A-Z][\w'&.-]*)*)\s*$/, (m) => (location = m[1]));
  const summary = rest.replace(/\s+/g, ' ').trim() || text.trim();
  return { summary, ...(location ? { location } : {}), date: date.toISODate()!, ...(minutes !== undefined ? { minutes } : {}), durationMin };
}

function rollForward(d: DateTime, now: DateTime): DateTime {
  return d.isValid && d < now.startOf('day') ? d.plus({ years: 1 }) : d;
}

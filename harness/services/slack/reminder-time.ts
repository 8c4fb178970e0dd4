/**
 * The `time` argument of reminders.add, as Slack documents it: a Unix timestamp (up to five
 * years ahead), a number of seconds from now (within 24 hours), or plain words ("in 15
 * minutes", "tomorrow at 9am", "on Friday", "next week", "every Thursday at 10am"). Words
 * are read in the member's time zone at the workspace clock; anything else is `cannot_parse`.
 */
import { DateTime } from 'luxon';
import type { SlackReminder } from './model.ts';

/** When a reminder fires, and how it repeats. */
export interface ReminderTime {
  readonly time: number;
  readonly recurrence?: SlackReminder['recurrence'];
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const FIVE_YEARS_S = 5 * 366 * 86_400;
/** Longest phrase read (a person's sentence); longer text is not a time. */
const MAX_PHRASE = 200;

/** A clock time in words ("9am", "3:30 pm", "15:00", "noon") → minutes after midnight. */
function clock(s: string): number | undefined {
  const t = s.trim().toLowerCase();
  if (t === 'noon') return 12 * 60;
  if (t === 'midnight') return 0;
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/.exec(t);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (min > 59 || h > 23 || (m[3] && (h < 1 || h > 12))) return undefined;
  if (m[3] === 'pm' && h < 12) h += 12;
  if (m[3] === 'am' && h === 12) h = 0;
  if (!m[3] && !m[2] && h < 7) h += 12; // "at 3" means the afternoon, as people say it
  return h * 60 + min;
}

/** The next day (from `from`, optionally including it) that is `weekday` (1 = Monday). */
function nextWeekday(from: DateTime, weekday: number, includeToday: boolean): DateTime {
  let d = from.startOf('day');
  const diff = (weekday - d.weekday + 7) % 7;
  d = d.plus({ days: diff === 0 && !includeToday ? 7 : diff });
  return d;
}

/**
 * Parses a reminder time relative to `nowMs` in `zone`. Returns undefined for text Slack
 * would answer `cannot_parse`.
 */
export function parseReminderTime(raw: string, nowMs: number, zone: string): ReminderTime | undefined {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text || text.length > MAX_PHRASE) return undefined;
  const nowS = Math.floor(nowMs / 1000);
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Math.floor(Number(text));
    if (n <= 86_400) return { time: nowS + n };
    return n <= nowS + FIVE_YEARS_S ? { time: n } : undefined;
  }
  const now = DateTime.fromMillis(nowMs, { zone });
  if (!now.isValid) return undefined;
  let rest = text.replace(/^(remind me )?/, '');
  let minutes: number | undefined;
  const at = /(?:^| )at (.+)$/.exec(rest);
  if (at) {
    minutes = clock(at[1]!);
    if (minutes === undefined) return undefined;
    rest = rest.slice(0, at.index).trim();
  } else {
    const bare = clock(rest.replace(/^(today|tonight) /, ''));
    if (bare !== undefined && /\d|noon|midnight/.test(rest)) {
      minutes = bare;
      rest = rest.startsWith('tonight') ? 'tonight' : 'today';
    }
  }
  const withTime = (d: DateTime, dflt: number) => {
    const m = minutes ?? dflt;
    return Math.floor(d.startOf('day').plus({ minutes: m }).toSeconds());
  };
  const rel = /^in (\d{1,4}|an?|one) ?(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)$/.exec(rest);
  if (rel) {
    const n = /^\d/.test(rel[1]!) ? Number(rel[1]) : 1;
    const unit = rel[2]!.replace(/s$/, '').replace(/^sec$/, 'second').replace(/^min$/, 'minute').replace(/^hr$/, 'hour');
    return { time: Math.floor(now.plus({ [`${unit}s`]: n }).toSeconds()) };
  }
  if (rest === '' || rest === 'today' || rest === 'tonight') {
    if (minutes === undefined && rest !== 'tonight') return undefined;
    const t = withTime(now, rest === 'tonight' ? 20 * 60 : 9 * 60);
    return { time: t > nowS ? t : withTime(now.plus({ days: 1 }), minutes ?? 9 * 60) };
  }
  if (rest === 'tomorrow') return { time: withTime(now.plus({ days: 1 }), 9 * 60) };
  if (rest === 'next week') return { time: withTime(nextWeekday(now, 1, false), 9 * 60) };
  const on = /^(?:on |next |this )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.exec(rest);
  if (on) return { time: withTime(nextWeekday(now, WEEKDAYS.indexOf(on[1]!) + 1, false), 9 * 60) };
  const every = /^every (day|weekday|week|month|year|(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:,? (?:and )?)?)+)$/.exec(rest);
  if (every) {
    const what = every[1]!;
    const first = (d: DateTime) => {
      const t = withTime(d, 9 * 60);
      return t > nowS ? t : withTime(d.plus({ days: 1 }), 9 * 60);
    };
    if (what === 'day') return { time: first(now), recurrence: { frequency: 'daily' } };
    if (what === 'month') return { time: first(now), recurrence: { frequency: 'monthly' } };
    if (what === 'year') return { time: first(now), recurrence: { frequency: 'yearly' } };
    const days = what === 'weekday' ? WEEKDAYS.slice(0, 5) : what === 'week' ? [WEEKDAYS[now.weekday - 1]!] : WEEKDAYS.filter((d) => what.includes(d));
    const next = Math.min(...days.map((d) => withTime(nextWeekday(now, WEEKDAYS.indexOf(d) + 1, withTime(now, 9 * 60) > nowS), 9 * 60)));
    return { time: next, recurrence: { frequency: 'weekly', weekdays: days } };
  }
  return undefined;
}

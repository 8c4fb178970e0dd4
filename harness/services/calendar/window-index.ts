/**
 * Which events a time window of a calendar can show, without reading the calendar's other
 * events: per calendar key (harness/services/calendar/calendar-index.ts), the base's short
 * single events sorted by start (parsed once), and the few events every window must look at
 * (series masters, their exceptions, long events, events whose times do not parse). Built
 * lazily per key on the shared membership index, so once per base; a trial's own changes are
 * read from the collection's overlay at each call. A window then costs O(log n + the events
 * near it + the series + the trial's changes) instead of O(every event on the calendar).
 *
 * The answer is a superset: callers keep their exact window test, so what they return is what
 * a scan of every event returns, in the same (collection) order.
 */
import type { Collection } from '../../core/index.ts';
import type { StoredCalendar, StoredEvent } from './model.ts';
import { calendarIndex, calendarKeys, type CalendarIndex } from './calendar-index.ts';
import { timeMs } from './time.ts';

const DAY = 86_400_000;
/**
 * An all-day date is read in a calendar's zone, within 14 hours of the date's UTC midnight (UTC
 * offsets run from −12 to +14 hours; a DST gap moves it by one more at most): a day covers it.
 */
const ZONE_SLACK_MS = DAY;
/** Events lasting longer than this go with the series, looked at by every window (there are few). */
export const LONG_EVENT_MS = 7 * DAY;

/** One calendar key's events, for windows. */
interface WindowIndex {
  /** Base positions every window looks at, ascending. */
  readonly always: readonly number[];
  /** Approximate starts of the short single events, ascending (ties by position). */
  readonly starts: Float64Array;
  /** Their base positions, in the same order. */
  readonly positions: Int32Array;
}

const windowIndexes = new WeakMap<CalendarIndex, Map<string, WindowIndex>>();
const NONE: WindowIndex = { always: [], starts: new Float64Array(0), positions: new Int32Array(0) };

/**
 * An event time as an instant that does not depend on any zone: exact for a `dateTime`, the
 * date's UTC midnight for an all-day `date` (within ZONE_SLACK_MS of what any zone reads). A
 * `date` wins over a `dateTime`, as in `timeMs`.
 */
function zoneFreeMs(t: StoredEvent['start']): number {
  if (t.date !== undefined) return Date.parse(`${t.date}T00:00:00Z`);
  return timeMs(t, 'UTC');
}

function build(index: CalendarIndex, members: readonly number[]): WindowIndex {
  const always: number[] = [];
  const short: Array<{ start: number; at: number }> = [];
  for (const at of members) {
    const ev = index.recs[at]!;
    const start = zoneFreeMs(ev.start);
    const end = zoneFreeMs(ev.end);
    // NaN fails every comparison, so a scan keeps an unreadable event in every window: so do we.
    if (ev.recurrence || ev.recurringEventId || !Number.isFinite(start) || !Number.isFinite(end) || end - start > LONG_EVENT_MS) always.push(at);
    else short.push({ start, at });
  }
  short.sort((a, b) => a.start - b.start || a.at - b.at);
  return { always, starts: Float64Array.from(short, (s) => s.start), positions: Int32Array.from(short, (s) => s.at) };
}

function windowIndexOf(index: CalendarIndex, key: string): WindowIndex {
  let perKey = windowIndexes.get(index);
  if (!perKey) windowIndexes.set(index, (perKey = new Map()));
  let hit = perKey.get(key);
  if (!hit) {
    const members = index.byKey.get(key);
    hit = members ? build(index, members) : NONE;
    perKey.set(key, hit);
  }
  return hit;
}

/** First position in `starts` whose value is at least `bound` (`above`: greater than it). */
function firstFrom(starts: Float64Array, bound: number, above: boolean): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! < bound || (above && starts[mid] === bound)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Base positions of the events of `cal` that can overlap the window: a start before `toMs` and
 * an end after `fromMs` (or a start at or after it), with the margins of ZONE_SLACK_MS and
 * LONG_EVENT_MS. Either bound may be absent.
 */
function windowCandidates(index: CalendarIndex, cal: StoredCalendar, fromMs: number | undefined, toMs: number | undefined): number[] {
  const lo = fromMs === undefined ? -Infinity : fromMs - LONG_EVENT_MS - ZONE_SLACK_MS;
  const hi = toMs === undefined ? Infinity : toMs + ZONE_SLACK_MS;
  const out: number[] = [];
  for (const key of calendarKeys(cal)) {
    const w = windowIndexOf(index, key);
    for (const at of w.always) out.push(at);
    const end = firstFrom(w.starts, hi, true);
    for (let i = firstFrom(w.starts, lo, false); i < end; i++) out.push(w.positions[i]!);
  }
  return out;
}

/**
 * The live events among base `positions` (those this trial left alone, if `keep` accepts them),
 * the trial's changed base events and its additions that `onCalendar` and `keep` accept, in the
 * collection's order: base positions (a changed event keeps its own), then additions.
 */
function liveEvents(
  col: Collection<StoredEvent>, index: CalendarIndex, positions: readonly number[], onCalendar: (ev: StoredEvent) => boolean,
  keep: (ev: StoredEvent) => boolean, spend: (units: number) => void,
): StoredEvent[] {
  const { added, removed, changed } = col.changes();
  const touched = removed.length + changed.length === 0 ? undefined : new Set([...removed, ...changed]);
  const picked: Array<[number, StoredEvent]> = [];
  // An event can be on both keys of a primary calendar (its owner invited to their own event).
  const seen = new Set<number>();
  for (const at of positions) {
    if (seen.has(at)) continue;
    seen.add(at);
    const ev = index.recs[at]!;
    // The membership index put it on this calendar; a record this trial touched is read below instead.
    if (touched?.has(ev.id)) continue;
    if (keep(ev)) picked.push([at, ev]);
  }
  // A base event this trial changed may now be anywhere in time or on another calendar: each is tested.
  for (const id of changed) {
    const now = col.peek(id)!;
    if (onCalendar(now) && keep(now)) picked.push([index.positionOf.get(id)!, now]);
  }
  spend(1 + positions.length + changed.length + added.length);
  const out = picked.sort((a, b) => a[0] - b[0]).map(([, ev]) => ev);
  for (const id of added) {
    const ev = col.peek(id)!;
    if (onCalendar(ev) && keep(ev)) out.push(ev);
  }
  return out;
}

const everything = () => true;

/**
 * The live events of `cal` (as `onCalendar` decides) that a window can show, with every event
 * this trial changed or added there, in the collection's order (base positions, then the
 * trial's additions). The caller applies its exact window test. Undefined while the base is not
 * indexed (the caller scans). Either bound may be absent.
 */
export function eventsInWindow(
  col: Collection<StoredEvent>, cal: StoredCalendar, onCalendar: (ev: StoredEvent) => boolean,
  fromMs: number | undefined, toMs: number | undefined, spend: (units: number) => void,
): StoredEvent[] | undefined {
  const index = calendarIndex(col, eventsInWindow);
  if (!index) return undefined;
  return liveEvents(col, index, windowCandidates(index, cal, fromMs, toMs), onCalendar, everything, spend);
}

/**
 * The live stored exceptions (moved or cancelled instances) of series `seriesId` (of every series
 * when absent) on `cal`, in the collection's order, reading only the calendar's series and
 * exceptions. Undefined while the base is not indexed (the caller scans).
 */
export function exceptionsOnCalendar(
  col: Collection<StoredEvent>, cal: StoredCalendar, onCalendar: (ev: StoredEvent) => boolean, seriesId: string | undefined, spend: (units: number) => void,
): StoredEvent[] | undefined {
  const index = calendarIndex(col, eventsInWindow);
  if (!index) return undefined;
  const positions: number[] = [];
  for (const key of calendarKeys(cal)) for (const at of windowIndexOf(index, key).always) positions.push(at);
  const keep = seriesId === undefined ? (ev: StoredEvent) => ev.recurringEventId !== undefined : (ev: StoredEvent) => ev.recurringEventId === seriesId;
  return liveEvents(col, index, positions, onCalendar, keep, spend);
}

/**
 * Which base events each calendar shows: by organizer calendar and, for primary calendars,
 * by attendee address. Built once per base (shared by every trial of it) and never written;
 * a trial's own changes are read from the collection's overlay, so listing a calendar costs
 * O(its events + the trial's changes) instead of O(every event of every calendar).
 */
import type { Collection } from '../../core/index.ts';
import type { StoredCalendar, StoredEvent } from './model.ts';
import { worthIndexing } from '../index-policy.ts';

/** The membership index of one base map of events. */
export interface CalendarIndex {
  /** Base events in the base map's order. */
  readonly recs: readonly StoredEvent[];
  readonly positionOf: ReadonlyMap<string, number>;
  /** `cal:<calendarId>` and `att:<lower-case address>` → ascending positions. */
  readonly byKey: ReadonlyMap<string, readonly number[]>;
  /** Highest change counter among the base events. */
  readonly maxChangeSeq: number;
}

const indexes = new WeakMap<ReadonlyMap<string, StoredEvent>, CalendarIndex>();

/**
 * The membership index of a collection's base (built once, then shared), or undefined while the
 * base is small and read too rarely for `purpose` to pay for one (harness/services/index-policy.ts).
 */
export function calendarIndex(col: Collection<StoredEvent>, purpose: object): CalendarIndex | undefined {
  const base = col.baseMap();
  const hit = indexes.get(base);
  if (hit) return hit;
  if (!worthIndexing(base, purpose)) return undefined;
  const recs = [...base.values()];
  const positionOf = new Map<string, number>();
  const byKey = new Map<string, number[]>();
  const add = (k: string, i: number) => {
    const g = byKey.get(k);
    if (!g) byKey.set(k, [i]);
    else if (g[g.length - 1] !== i) g.push(i);
  };
  let maxChangeSeq = 0;
  recs.forEach((ev, i) => {
    positionOf.set(ev.id, i);
    add(`cal:${ev.calendarId}`, i);
    for (const a of ev.attendees ?? []) add(`att:${a.email.toLowerCase()}`, i);
    if (ev.changeSeq > maxChangeSeq) maxChangeSeq = ev.changeSeq;
  });
  const index = { recs, positionOf, byKey, maxChangeSeq };
  indexes.set(base, index);
  return index;
}

/** The membership keys of a calendar: its own events and, for a primary calendar, its owner's invitations. */
export function calendarKeys(cal: StoredCalendar): string[] {
  return cal.primary ? [`cal:${cal.id}`, `att:${cal.id.toLowerCase()}`] : [`cal:${cal.id}`];
}

/**
 * The live events `onCalendar` accepts for `cal`, in the collection's iteration order (base
 * positions, then the trial's additions), reading only the calendar's own base events.
 */
export function eventsOnCalendar(col: Collection<StoredEvent>, cal: StoredCalendar, onCalendar: (ev: StoredEvent) => boolean, spend: (units: number) => void): StoredEvent[] {
  const index = calendarIndex(col, eventsOnCalendar);
  if (!index) {
    const out: StoredEvent[] = [];
    for (const ev of col.values()) {
      spend(1);
      if (onCalendar(ev)) out.push(ev);
    }
    return out;
  }
  const own = index.byKey.get(`cal:${cal.id}`) ?? [];
  const invited = cal.primary ? (index.byKey.get(`att:${cal.id.toLowerCase()}`) ?? []) : [];
  const picked: Array<[number, StoredEvent]> = [];
  const seen = new Set<number>();
  for (const i of [...own, ...invited]) {
    if (seen.has(i)) continue;
    seen.add(i);
    const now = col.peek(index.recs[i]!.id);
    if (now !== undefined && onCalendar(now)) picked.push([i, now]);
  }
  const { added, changed } = col.changes();
  // A base event this trial moved onto the calendar (a new organizer calendar or attendee) keeps its base position.
  for (const id of changed) {
    const i = index.positionOf.get(id)!;
    if (seen.has(i)) continue;
    const now = col.peek(id)!;
    if (onCalendar(now)) picked.push([i, now]);
  }
  spend(1 + seen.size + changed.length);
  const out = picked.sort((a, b) => a[0] - b[0]).map(([, ev]) => ev);
  for (const id of added) {
    const ev = col.peek(id)!;
    spend(1);
    if (onCalendar(ev)) out.push(ev);
  }
  return out;
}

/**
 * The same events as `eventsOnCalendar`, in the same order, produced one at a time: a caller
 * that needs only the first page of them stops reading there, so the first page of a calendar
 * costs O(that page + the trial's changes) however many events the calendar holds. Undefined
 * while the base is not indexed (the caller reads `eventsOnCalendar`).
 */
export function eventsOnCalendarInOrder(col: Collection<StoredEvent>, cal: StoredCalendar, onCalendar: (ev: StoredEvent) => boolean, spend: (units: number) => void): Iterable<StoredEvent> | undefined {
  const index = calendarIndex(col, eventsOnCalendar);
  if (!index) return undefined;
  return inOrder(col, index, cal, onCalendar, spend);
}

function* inOrder(col: Collection<StoredEvent>, index: CalendarIndex, cal: StoredCalendar, onCalendar: (ev: StoredEvent) => boolean, spend: (units: number) => void): Generator<StoredEvent> {
  const own = index.byKey.get(`cal:${cal.id}`) ?? [];
  const invited = cal.primary ? (index.byKey.get(`att:${cal.id.toLowerCase()}`) ?? []) : [];
  const { added, removed, changed } = col.changes();
  const touched = new Set([...removed, ...changed]);
  // The trial's changed events that are on the calendar now, by base position: merged into the base's order below.
  const moved = changed.map((id) => [index.positionOf.get(id)!, col.peek(id)!] as const).filter(([, ev]) => onCalendar(ev)).sort((a, b) => a[0] - b[0]);
  spend(1 + changed.length);
  let a = 0;
  let b = 0;
  let m = 0;
  let last = -1;
  for (;;) {
    // The next base position on either key (both lists ascend), each position once.
    const next = Math.min(own[a] ?? Infinity, invited[b] ?? Infinity);
    // Changed events keep their base positions (a touched base event at `next` is one of them, or gone).
    while (m < moved.length && moved[m]![0] <= next) yield moved[m++]![1];
    if (next === Infinity) break;
    if (own[a] === next) a++;
    if (invited[b] === next) b++;
    if (next === last) continue;
    last = next;
    spend(1);
    const ev = index.recs[next]!;
    if (!touched.has(ev.id)) yield ev;
  }
  for (const id of added) {
    spend(1);
    const ev = col.peek(id)!;
    if (onCalendar(ev)) yield ev;
  }
}

/** The highest change counter over the live events: the base's, unless this trial removed or rewrote the event holding it. */
export function maxChangeSeq(col: Collection<StoredEvent>): number {
  const index = calendarIndex(col, maxChangeSeq);
  const { added, removed, changed } = col.changes();
  let max = 0;
  let baseMaxGone = !index;
  if (index) for (const id of [...removed, ...changed]) if (col.baseRecord(id)!.changeSeq === index.maxChangeSeq) baseMaxGone = true;
  if (baseMaxGone) {
    for (const ev of col.values()) if (ev.changeSeq > max) max = ev.changeSeq;
    return max;
  }
  max = index!.maxChangeSeq;
  for (const id of [...added, ...changed]) max = Math.max(max, col.peek(id)!.changeSeq);
  return max;
}

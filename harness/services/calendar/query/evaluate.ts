/** Evaluating Calendar's query language (query/parse.ts) against stored events. */
import type { StoredEvent } from '../model.ts';
import type { PropertyFilter } from './parse.ts';

/** Searchable text of frozen events (stored records, remembered instances), built once: a search without a window reads every event of the calendar. */
const texts = new WeakMap<StoredEvent, string>();

function searchText(ev: StoredEvent): string {
  const hit = texts.get(ev);
  if (hit !== undefined) return hit;
  const hay = [ev.summary, ev.description, ev.location, ev.organizer.email, ev.organizer.displayName, ...(ev.attendees ?? []).flatMap((a) => [a.email, a.displayName])]
    .filter(Boolean).join(' ').toLowerCase();
  if (Object.isFrozen(ev)) texts.set(ev, hay);
  return hay;
}

/** True when every word appears in the event's searchable text. */
export function matchesQuery(ev: StoredEvent, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const hay = searchText(ev);
  return terms.every((t) => hay.includes(t));
}

/** True when the event's private or shared extended properties satisfy every constraint. */
export function matchesProps(ev: StoredEvent, which: 'private' | 'shared', wanted: readonly PropertyFilter[]): boolean {
  if (wanted.length === 0) return true;
  const props = ((ev.extendedProperties as Record<string, Record<string, string>> | undefined)?.[which]) ?? {};
  return wanted.every((w) => w.valid && props[w.name] === w.value);
}

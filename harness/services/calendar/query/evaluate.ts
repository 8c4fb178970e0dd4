/** Evaluating Calendar's query language (query/parse.ts) against stored events. */
import type { StoredEvent } from '../model.ts';
import type { PropertyFilter } from './parse.ts';

/** True when every word appears in the event's searchable text. */
export function matchesQuery(ev: StoredEvent, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const hay = [ev.summary, ev.description, ev.location, ev.organizer.email, ev.organizer.displayName, ...(ev.attendees ?? []).flatMap((a) => [a.email, a.displayName])]
    .filter(Boolean).join(' ').toLowerCase();
  return terms.every((t) => hay.includes(t));
}

/** True when the event's private or shared extended properties satisfy every constraint. */
export function matchesProps(ev: StoredEvent, which: 'private' | 'shared', wanted: readonly PropertyFilter[]): boolean {
  if (wanted.length === 0) return true;
  const props = ((ev.extendedProperties as Record<string, Record<string, string>> | undefined)?.[which]) ?? {};
  return wanted.every((w) => w.valid && props[w.name] === w.value);
}

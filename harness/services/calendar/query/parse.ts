/**
 * Calendar's small query language: `q` free text (events match when every word appears in
 * their summary, description, location, organizer or attendees) and the
 * `privateExtendedProperty` / `sharedExtendedProperty` constraints (`name=value`).
 * Bounded: at most MAX_TERMS words and MAX_PROPERTY_FILTERS constraints are read.
 */

/** Most `q` words read; the rest are ignored (a query is a few words). */
export const MAX_TERMS = 64;
/** Most extended-property constraints read. */
export const MAX_PROPERTY_FILTERS = 64;

/** The lower-cased words of a `q` parameter. */
export function parseFreeText(q: string | undefined): string[] {
  return (q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
}

/** One `name=value` constraint; `valid` is false for text without `=` (which matches nothing). */
export interface PropertyFilter {
  readonly name: string;
  readonly value: string;
  readonly valid: boolean;
}

/** The constraints of a repeated `…ExtendedProperty` parameter. */
export function parsePropertyFilters(values: readonly string[] | undefined): PropertyFilter[] {
  return (values ?? []).slice(0, MAX_PROPERTY_FILTERS).map((w) => {
    const i = w.indexOf('=');
    return i > 0 ? { name: w.slice(0, i), value: w.slice(i + 1), valid: true } : { name: w, value: '', valid: false };
  });
}

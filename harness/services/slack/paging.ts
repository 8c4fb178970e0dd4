/** Cursor and legacy page/count pagination over an already-ordered list. */
import { decodeCursor, encodeCursor } from './ids.ts';

/** One cursor page: the items, whether more follow, and the response_metadata to return. */
export interface CursorPage<T> {
  readonly items: T[];
  readonly hasMore: boolean;
  readonly response_metadata: { next_cursor: string };
}

/**
 * Slices `all` at the offset in `cursor`. `limit` is clamped to [1, max]; 0 or absent
 * means `dflt` (Slack treats limit=0 as "default").
 */
export function cursorPage<T>(all: readonly T[], cursor: string | undefined, limit: number | undefined, dflt: number, max: number): CursorPage<T> {
  const start = decodeCursor(cursor);
  const n = !limit || limit < 1 ? dflt : Math.min(limit, max);
  const items = all.slice(start, start + n);
  const hasMore = start + n < all.length;
  return { items, hasMore, response_metadata: { next_cursor: hasMore ? encodeCursor(start + n) : '' } };
}

/** Legacy `paging` block of files.list and search.*. */
export interface LegacyPage<T> {
  readonly items: T[];
  readonly paging: { count: number; total: number; page: number; pages: number };
}

/** Slices `all` by 1-based `page` and `count` (clamped to [1, max]). */
export function legacyPage<T>(all: readonly T[], page: number | undefined, count: number | undefined, dflt: number, max: number): LegacyPage<T> {
  const c = !count || count < 1 ? dflt : Math.min(count, max);
  const pages = Math.max(1, Math.ceil(all.length / c));
  const p = Math.min(Math.max(1, page ?? 1), pages);
  return { items: all.slice((p - 1) * c, p * c), paging: { count: c, total: all.length, page: p, pages } };
}

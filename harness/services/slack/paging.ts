/**
 * Slack cursor and legacy page/count pagination on the wire kit's cursor helper
 * (harness/services/google/cursor.ts). The kit leaves the refusal of a bad cursor to its
 * caller; this adapter binds Slack's: a cursor Slack did not issue is `invalid_cursor`.
 */
import { cursorPage as kitCursorPage, decodeOffsetCursor, encodeOffsetCursor, numberedPage, type CursorPage, type NumberedPage } from '../google/cursor.ts';
import { slackError } from './errors.ts';

export type { CursorPage } from '../google/cursor.ts';

/** Legacy `paging` block of files.list and search.*. */
export type LegacyPage<T> = NumberedPage<T>;

/**
 * Slices `all` at the offset in `cursor`. `limit` is clamped to [1, max]; 0 or absent
 * means `dflt` (Slack treats limit=0 as "default").
 */
export function cursorPage<T>(all: readonly T[], cursor: string | undefined, limit: number | undefined, dflt: number, max: number): CursorPage<T> {
  return kitCursorPage(all, cursor, limit, dflt, max, () => slackError('invalid_cursor'));
}

/** Slices `all` by 1-based `page` and `count` (clamped to [1, max]). */
export function legacyPage<T>(all: readonly T[], page: number | undefined, count: number | undefined, dflt: number, max: number): LegacyPage<T> {
  return numberedPage(all, page, count, dflt, max);
}

/** The cursor of the page starting at `offset` (legacy `page` numbers become one). */
export function cursorAt(offset: number): string {
  return encodeOffsetCursor(offset);
}

/** The offset a cursor names (0 for none); `invalid_cursor` for one not issued here. */
export function cursorOffset(cursor: string | undefined): number {
  return decodeOffsetCursor(cursor, () => slackError('invalid_cursor'));
}

/** The page size of a `limit`: clamped to [1, max], 0 or absent meaning `dflt`. */
export function pageSize(limit: number | undefined, dflt: number, max: number): number {
  return !limit || limit < 1 ? dflt : Math.min(limit, max);
}

/**
 * The cursor page `cursorPage` would cut from a list of `total` items, given the items at
 * [start, start + size) already read (by an index, without the list itself).
 */
export function pageFromSlice<T>(items: T[], start: number, size: number, total: number): CursorPage<T> {
  const hasMore = start + size < total;
  return { items, hasMore, response_metadata: { next_cursor: hasMore ? encodeOffsetCursor(start + size) : '' } };
}

/**
 * Slack cursor and legacy page/count pagination, now served by the wire kit's cursor helper
 * (harness/services/google/cursor.ts): this module keeps the names Slack's operations import
 * until Slack moves onto the kit itself. A cursor Slack did not issue is `invalid_cursor`.
 */
import { cursorPage as kitCursorPage, numberedPage, type CursorPage, type NumberedPage } from '../google/cursor.ts';
import { slackError } from '../wire-errors.ts';

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

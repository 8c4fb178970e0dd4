/**
 * Offset cursors for APIs that page with a cursor string instead of Google's page tokens
 * (Slack's `cursor` / `response_metadata.next_cursor`, and its legacy `page`/`count`
 * paging). Part of the wire kit so every service pages one way; the refusal of a bad
 * cursor is the caller's (Slack's `invalid_cursor`).
 */

/** Longest cursor read; anything longer was never issued here. */
export const MAX_CURSOR_LENGTH = 256;

/** Encodes an offset as an opaque cursor (`next:<n>` in base64, the shape Slack's cursors have). */
export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(`next:${offset}`).toString('base64');
}

/** Decodes a cursor; empty is the start, anything not issued here is `invalid()`'s error. */
export function decodeOffsetCursor(cursor: string | undefined, invalid: () => Error): number {
  if (cursor === undefined || cursor === '') return 0;
  const m = cursor.length <= MAX_CURSOR_LENGTH ? /^next:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64').toString('utf8')) : null;
  if (!m) throw invalid();
  return Number(m[1]);
}

/** One cursor page: the items, whether more follow, and the cursor of the next page (`''` at the end). */
export interface CursorPage<T> {
  readonly items: T[];
  readonly hasMore: boolean;
  readonly response_metadata: { next_cursor: string };
}

/**
 * Slices `all` at the cursor's offset. `limit` is clamped to [1, max]; 0 or absent means
 * `dflt` (Slack treats limit=0 as "default").
 */
export function cursorPage<T>(all: readonly T[], cursor: string | undefined, limit: number | undefined, dflt: number, max: number, invalid: () => Error): CursorPage<T> {
  const start = decodeOffsetCursor(cursor, invalid);
  const n = !limit || limit < 1 ? dflt : Math.min(limit, max);
  const items = all.slice(start, start + n);
  const hasMore = start + n < all.length;
  return { items, hasMore, response_metadata: { next_cursor: hasMore ? encodeOffsetCursor(start + n) : '' } };
}

/** A legacy numbered page (`paging{count,total,page,pages}`). */
export interface NumberedPage<T> {
  readonly items: T[];
  readonly paging: { count: number; total: number; page: number; pages: number };
}

/** Slices `all` by 1-based `page` and `count` (clamped to [1, max]). */
export function numberedPage<T>(all: readonly T[], page: number | undefined, count: number | undefined, dflt: number, max: number): NumberedPage<T> {
  const c = !count || count < 1 ? dflt : Math.min(count, max);
  const pages = Math.max(1, Math.ceil(all.length / c));
  const p = Math.min(Math.max(1, page ?? 1), pages);
  return { items: all.slice((p - 1) * c, p * c), paging: { count: c, total: all.length, page: p, pages } };
}

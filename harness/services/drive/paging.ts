/**
 * Drive paging, now served by the Google wire kit (harness/services/google/paging.ts): this
 * module keeps the names Drive's operations import until Drive moves onto the kit itself.
 */
import { decodePageToken as kitDecode, encodePageToken as kitEncode, pageSizeFor, slicePage } from '../google/paging.ts';

/** Encodes the offset of the next page of a given query. */
export function encodePageToken(offset: number, query: unknown): string {
  return kitEncode(offset, query);
}

/** Decodes a page token for a query; 400 `invalid` when it is garbage or from another query. */
export function decodePageToken(token: string | undefined, query: unknown): number {
  return kitDecode(token, query, 'drive').offset;
}

/** Validates a page size against Drive's bounds; absent means `fallback`. */
export function pageSize(value: number | undefined, fallback: number, max: number): number {
  return pageSizeFor(value, { dflt: fallback, max, outOfRange: 'strict', param: 'pageSize' }, 'drive');
}

/** One page of items plus the token of the next page (absent at the end). */
export function paginate<T>(items: readonly T[], offset: number, size: number, query: unknown): { page: T[]; nextPageToken?: string } {
  const { page, nextOffset } = slicePage(items, offset, size);
  return nextOffset === undefined ? { page } : { page, nextPageToken: kitEncode(nextOffset, query) };
}

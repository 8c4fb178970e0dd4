/**
 * Drive's paging rules over the Google wire kit (harness/services/google/paging.ts): page
 * tokens bound to their query, Drive's strict page-size bounds and its refusal of a foreign
 * token, named the way Drive's operations use them.
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

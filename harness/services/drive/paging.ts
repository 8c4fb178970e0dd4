/** Opaque page tokens (offset plus a hash of the query they belong to) and page-size rules. */
import { stableHash } from '../../core/index.ts';
import { invalidValue } from './access.ts';

/** Encodes the offset of the next page of a given query. */
export function encodePageToken(offset: number, query: unknown): string {
  const h = stableHash(query ?? null).slice(0, 12);
  return Buffer.from(`${offset}:${h}`, 'utf8').toString('base64url');
}

/** Decodes a page token for a query; 400 `invalid` when it is garbage or from another query. */
export function decodePageToken(token: string | undefined, query: unknown): number {
  if (token === undefined || token === '') return 0;
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const m = /^(\d+):([0-9a-f]{12})$/.exec(text);
  if (!m || m[2] !== stableHash(query ?? null).slice(0, 12)) throw invalidValue('pageToken', 'Invalid Value');
  return Number(m[1]);
}

/** Validates a page size against Drive's bounds; absent means `fallback`. */
export function pageSize(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (value < 1 || value > max) throw invalidValue('pageSize', `Invalid value for pageSize: ${value}. Values must be within the range: [1, ${max}]`);
  return value;
}

/** One page of items plus the token of the next page (absent at the end). */
export function paginate<T>(items: readonly T[], offset: number, size: number, query: unknown): { page: T[]; nextPageToken?: string } {
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextPageToken: encodePageToken(next, query) } : { page };
}

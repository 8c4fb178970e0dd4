/**
 * Google list paging: opaque page tokens, page sizes and page slicing, one format for the
 * four APIs. A token holds the offset of the next page and a fingerprint of the query it
 * belongs to, so a token replayed against another query is refused as the real APIs refuse
 * one they did not issue (each API's error from its dialect). Extra counters a list must
 * carry from page to page (Calendar's change counter for the final sync token) ride along.
 */
import { stableHash, type ApiError } from '../../core/index.ts';
import { GOOGLE_DIALECTS, type GoogleApi } from './dialects.ts';
import { atParameter, googleError } from './errors.ts';

/** Longest page token read; anything longer was never issued here. */
export const MAX_PAGE_TOKEN_LENGTH = 512;

/** What a page token carries. */
export interface PageCursor {
  readonly offset: number;
  /** Counters carried from the first page (Calendar's `s`, the change counter at the start). */
  readonly extra: Readonly<Record<string, number>>;
}

function fingerprint(query: unknown): string {
  return stableHash(query ?? null).slice(0, 12);
}

/** Encodes the offset of the next page of `query` (plus carried counters) as an opaque token. */
export function encodePageToken(offset: number, query: unknown, extra: Readonly<Record<string, number>> = {}): string {
  return Buffer.from(JSON.stringify({ o: offset, h: fingerprint(query), ...extra }), 'utf8').toString('base64url');
}

/** The error an API answers for a page token it did not issue. */
export function badPageToken(api: GoogleApi): ApiError {
  const r = GOOGLE_DIALECTS[api].badPageToken;
  return googleError(400, r.reason, r.message, r.location ? atParameter(r.location) : undefined);
}

/** Decodes a page token of `query`; absent or empty is the first page. Anything else is the API's 400. */
export function decodePageToken(token: string | undefined, query: unknown, api: GoogleApi): PageCursor {
  if (token === undefined || token === '') return { offset: 0, extra: {} };
  if (token.length <= MAX_PAGE_TOKEN_LENGTH) {
    try {
      const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
      if (v && typeof v === 'object' && Number.isSafeInteger(v.o) && (v.o as number) >= 0 && v.h === fingerprint(query)) {
        const extra: Record<string, number> = {};
        for (const [k, x] of Object.entries(v)) if (k !== 'o' && k !== 'h' && Number.isSafeInteger(x)) extra[k] = x as number;
        return { offset: v.o as number, extra };
      }
    } catch {
      // not one of ours: refused below
    }
  }
  throw badPageToken(api);
}

/** How an API sizes pages: its default, its maximum and what it does with values out of range. */
export interface PageSizeRule {
  readonly dflt: number;
  readonly max: number;
  /**
   * `clamp`: above max is max, 0 is the default, negative is a 400 (Gmail);
   * `clampAll`: anything below 1 is 1, above max is max (Calendar);
   * `strict`: outside [1, max] is a 400 (Drive).
   */
  readonly outOfRange: 'clamp' | 'clampAll' | 'strict';
  /** The parameter's name in errors (`maxResults`, `pageSize`). */
  readonly param: string;
}

/** The page size a request asks for, under an API's rule. */
export function pageSizeFor(value: number | undefined, rule: PageSizeRule, api: GoogleApi): number {
  if (value === undefined) return rule.dflt;
  switch (rule.outOfRange) {
    case 'clampAll':
      return Math.min(Math.max(value, 1), rule.max);
    case 'strict':
      if (value < 1 || value > rule.max) {
        const where = GOOGLE_DIALECTS[api].errors.location ? atParameter(rule.param) : undefined;
        throw googleError(400, api === 'drive' ? 'invalid' : 'invalidArgument', `Invalid value for ${rule.param}: ${value}. Values must be within the range: [1, ${rule.max}]`, where);
      }
      return value;
    default:
      if (value < 0) throw googleError(400, 'invalidArgument', `Invalid ${rule.param}: ${value}`);
      return value === 0 ? rule.dflt : Math.min(value, rule.max);
  }
}

/** One page of `items` from `offset`, and the offset of the next page when more remain. */
export function slicePage<T>(items: readonly T[], offset: number, size: number): { page: T[]; nextOffset: number | undefined } {
  const page = items.slice(offset, offset + size);
  return { page, nextOffset: offset + size < items.length ? offset + size : undefined };
}

/** A page of a list with its `nextPageToken`, the whole round trip in one call. */
export interface ListPage<T> {
  readonly page: T[];
  readonly nextPageToken: string | undefined;
  /** Counters carried by the token (or the ones given for the first page). */
  readonly extra: Readonly<Record<string, number>>;
}

/**
 * Pages `items` for a request: decodes `token` (bound to `query`), slices `size` items and
 * issues the next token. `extra` is what the first page carries forward; later pages keep
 * what their token carried.
 */
export function paginate<T>(
  items: readonly T[], token: string | undefined, size: number, query: unknown, api: GoogleApi,
  extra: Readonly<Record<string, number>> = {},
): ListPage<T> {
  const cursor = decodePageToken(token, query, api);
  const keep = token ? cursor.extra : extra;
  const { page, nextOffset } = slicePage(items, cursor.offset, size);
  return { page, nextPageToken: nextOffset === undefined ? undefined : encodePageToken(nextOffset, query, keep), extra: keep };
}

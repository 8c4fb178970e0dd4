/** Opaque page and sync tokens for calendar lists (offset / change counter plus a query fingerprint). */
import { stableHash } from '../../core/index.ts';
import { googleError } from '../wire-errors.ts';

/** Encodes an offset into a page token bound to one query. */
export function pageToken(offset: number, query: unknown, extra: Record<string, number> = {}): string {
  return Buffer.from(JSON.stringify({ o: offset, h: stableHash(query).slice(0, 12), ...extra })).toString('base64url');
}

/** Decodes a page token for this query; Google answers 400 for anything it did not issue. */
export function readPageToken(token: string | undefined, query: unknown): { offset: number; extra: Record<string, number> } {
  if (token === undefined || token === '') return { offset: 0, extra: {} };
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof v.o === 'number' && v.o >= 0 && Number.isInteger(v.o) && v.h === stableHash(query).slice(0, 12)) {
      const { o, h: _h, ...extra } = v;
      return { offset: o, extra: extra as Record<string, number> };
    }
  } catch {
    // fall through to the error
  }
  throw googleError(400, 'invalid', 'Invalid page token value.');
}

/** Slices one page; returns items and the next token when more remain. */
export function paginate<T>(all: readonly T[], token: string | undefined, maxResults: number, query: unknown, extra: Record<string, number> = {}): { items: T[]; next: string | undefined; extra: Record<string, number> } {
  const { offset, extra: carried } = readPageToken(token, query);
  const keep = token ? carried : extra;
  const items = all.slice(offset, offset + maxResults);
  const next = offset + maxResults < all.length ? pageToken(offset + maxResults, query, keep) : undefined;
  return { items, next, extra: keep };
}

/** A sync token for a calendar at a change counter value. */
export function syncToken(scope: string, seq: number): string {
  return `CP${Buffer.from(JSON.stringify({ c: scope, s: seq })).toString('base64url')}`;
}

/**
 * The change counter a sync token stands for. A token from another calendar, a
 * future counter or garbage is 410 `fullSyncRequired`, which tells clients to wipe
 * their store and sync again, as the real API does.
 */
export function readSyncToken(token: string, scope: string, current: number): number {
  try {
    if (token.startsWith('CP')) {
      const v = JSON.parse(Buffer.from(token.slice(2), 'base64url').toString('utf8')) as { c?: unknown; s?: unknown };
      if (v.c === scope && typeof v.s === 'number' && v.s >= 0 && v.s <= current) return v.s;
    }
  } catch {
    // fall through
  }
  throw googleError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.');
}

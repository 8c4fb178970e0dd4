/** Calendar sync tokens: a change counter bound to the calendar it was issued for (`events.list` incremental sync). */
import { googleError } from '../wire-errors.ts';

/** Longest sync token read; anything longer was never issued here. */
const MAX_SYNC_TOKEN_LENGTH = 512;

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
    if (token.startsWith('CP') && token.length <= MAX_SYNC_TOKEN_LENGTH) {
      const v = JSON.parse(Buffer.from(token.slice(2), 'base64url').toString('utf8')) as { c?: unknown; s?: unknown };
      if (v.c === scope && typeof v.s === 'number' && v.s >= 0 && v.s <= current) return v.s;
    }
  } catch {
    // fall through
  }
  throw googleError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.');
}

/** The tokens of the trial endpoints living in this process, so an endpoint can tell another trial's token from a typo. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** What an endpoint registers: how to log an escalation in its trial. */
export interface LiveEndpoint {
  readonly url: string;
  escalate(what: string, detail: Record<string, unknown>): Promise<void>;
}

const live = new Map<string, LiveEndpoint>();

/** Compares two secrets in constant time (their SHA-256 digests, so lengths leak nothing either). */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** Registers a live endpoint's token; returns the function that removes it. */
export function registerLiveToken(token: string, endpoint: LiveEndpoint): () => void {
  live.set(token, endpoint);
  return () => {
    if (live.get(token) === endpoint) live.delete(token);
  };
}

/**
 * The live endpoint a token belongs to. Map lookup by the token itself: the map is keyed by
 * secrets only this process holds, and a miss says nothing an attacker could use.
 */
export function liveEndpointFor(token: string): LiveEndpoint | undefined {
  return live.get(token);
}

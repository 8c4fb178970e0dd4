/**
 * Delivering Google push notifications (the channel protocol of Calendar's and Drive's
 * `watch` methods): an empty-bodied POST to the channel's address with the X-Goog-* headers
 * (developers.google.com/workspace/calendar/api/guides/push, "Receive notifications"):
 * X-Goog-Channel-ID, X-Goog-Channel-Token (when the watch set one),
 * X-Goog-Channel-Expiration (human-readable), X-Goog-Resource-ID, X-Goog-Resource-URI,
 * X-Goog-Resource-State (`sync` first, then `exists`) and X-Goog-Message-Number (1 for the
 * sync message, increasing after).
 *
 * The sandbox has no network: only addresses on this machine (127.0.0.1, localhost, [::1],
 * http or https) are delivered to; others are recorded by the service and never contacted.
 * Delivery is fire-and-forget: the API call does not wait for it, each POST has a timeout,
 * and at most MAX_IN_FLIGHT messages per channel key are outstanding (more are dropped, as a
 * receiver that does not answer would lose them with Google too). Message numbers are the
 * sender's memory, not trial state: they do not belong in a trial's diff or replay.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A channel as the deliverer needs it. */
export interface PushTarget {
  readonly id: string;
  readonly resourceId: string;
  readonly resourceUri: string;
  readonly address?: string | undefined;
  readonly token?: string | undefined;
  /** Epoch milliseconds as a string. */
  readonly expiration?: string | undefined;
}

/** Outstanding POSTs allowed per channel. */
export const MAX_IN_FLIGHT = 16;
/** How long one POST may take. */
export const PUSH_TIMEOUT_MS = 5000;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The URL to deliver to, when the address is an http(s) URL on this machine. */
export function loopbackAddress(address: string | undefined): URL | undefined {
  if (!address || address.length > 2048) return undefined;
  try {
    const u = new URL(address);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK.has(u.hostname) ? u : undefined;
  } catch {
    return undefined;
  }
}

/** The headers of one notification. */
export function pushHeaders(ch: PushTarget, state: 'sync' | 'exists' | 'not_exists', messageNumber: number): Record<string, string> {
  const h: Record<string, string> = {
    'X-Goog-Channel-ID': ch.id,
    'X-Goog-Resource-ID': ch.resourceId,
    'X-Goog-Resource-URI': ch.resourceUri,
    'X-Goog-Resource-State': state,
    'X-Goog-Message-Number': String(messageNumber),
    'Content-Length': '0',
  };
  if (ch.token) h['X-Goog-Channel-Token'] = ch.token;
  const exp = Number(ch.expiration);
  if (ch.expiration !== undefined && Number.isFinite(exp)) h['X-Goog-Channel-Expiration'] = new Date(exp).toUTCString();
  return h;
}

/** Sends notifications for the channels of one server; remembers message numbers per channel. */
export class PushDeliverer {
  private readonly numbers = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();

  /**
   * Queues one notification of `ch` (keyed by `scope`, e.g. the trial, so two trials'
   * channels with the same id never share numbers). Returns false when it is not delivered
   * (no loopback address, or too many outstanding).
   */
  notify(scope: string, ch: PushTarget, state: 'sync' | 'exists' | 'not_exists'): boolean {
    const url = loopbackAddress(ch.address);
    if (!url) return false;
    const key = `${scope}\u0000${ch.id}\u0000${ch.resourceId}`;
    if ((this.inFlight.get(key) ?? 0) >= MAX_IN_FLIGHT) return false;
    const n = state === 'sync' ? 1 : (this.numbers.get(key) ?? 1) + 1;
    this.numbers.set(key, n);
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    const done = post(url, pushHeaders(ch, state, n)).finally(() => {
      this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
      this.pending.delete(done);
    });
    this.pending.add(done);
    return true;
  }

  /** Resolves when every queued notification was answered or gave up (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }
}

function post(url: URL, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers, timeout: PUSH_TIMEOUT_MS, ...(url.protocol === 'https:' ? { rejectUnauthorized: false } : {}) }, (res) => {
      res.resume();
      res.on('end', () => resolve());
      res.on('error', () => resolve());
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve());
    req.end();
  });
}

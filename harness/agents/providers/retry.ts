/** Retry policy for model calls: exponential backoff that honours Retry-After, with a cap. */
import { MalformedResponseError, ProviderError, type ProviderFailureKind } from './errors.ts';
import { limitRejection } from './limits.ts';

/** How a provider retries. The SDKs' own retries are off (maxRetries: 0) so this policy alone governs. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 4: five attempts in all). */
  readonly maxRetries: number;
  /** First backoff delay; doubled each retry (default 1000 ms). */
  readonly baseDelayMs: number;
  /** Upper bound of one backoff delay, and of a server's Retry-After (default 60 s). */
  readonly maxDelayMs: number;
}

/** Default retry policy. */
export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** HTTP statuses worth another attempt: timeouts, conflicts, rate limits, server errors (529 = Anthropic overloaded). */
const RETRYABLE_STATUS = new Set([408, 409, 425, 429]);

/** What a failed attempt means for the retry loop. */
export interface Classified {
  readonly retry: boolean;
  readonly kind: ProviderFailureKind;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
}

/**
 * Parses Retry-After (`retry-after-ms`, then `retry-after` as seconds or an HTTP date)
 * from SDK error headers. Undefined when absent or unparsable.
 */
export function retryAfterMs(headers: unknown, nowMs = Date.now()): number | undefined {
  const get = (name: string): string | null | undefined => {
    if (!headers) return undefined;
    if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
    const rec = headers as Record<string, unknown>;
    const v = rec[name] ?? rec[name.toLowerCase()];
    return typeof v === 'string' ? v : undefined;
  };
  const ms = get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const ra = get('retry-after')?.trim();
  if (!ra) return undefined;
  if (/^\d+(\.\d+)?$/.test(ra)) return Math.round(Number(ra) * 1000);
  const at = Date.parse(ra);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Sorts an error thrown by an SDK call (or by our response parsing) into retry / give up. */
export function classify(e: unknown): Classified {
  const err = e as { status?: unknown; headers?: unknown; name?: string; constructor?: { name?: string } };
  const name = err?.constructor?.name ?? err?.name ?? '';
  if (e instanceof MalformedResponseError || e instanceof SyntaxError) {
    return { retry: true, kind: 'malformed', status: undefined, retryAfterMs: undefined };
  }
  if (/Timeout/i.test(name)) return { retry: true, kind: 'timeout', status: undefined, retryAfterMs: undefined };
  if (typeof err?.status === 'number') {
    const status = err.status;
    const limit = limitRejection(e);
    if (limit) return { retry: false, kind: limit, status, retryAfterMs: undefined };
    const retry = RETRYABLE_STATUS.has(status) || status >= 500;
    return { retry, kind: status === 429 ? 'rate_limit' : 'http', status, retryAfterMs: retryAfterMs(err.headers) };
  }
  if (/Connection/i.test(name) || (e instanceof TypeError && /fetch/i.test(String((e as Error).message)))) {
    return { retry: true, kind: 'connection', status: undefined, retryAfterMs: undefined };
  }
  // Anything else (a bug in our own mapping code) is not an outage: do not hide it behind retries.
  return { retry: false, kind: 'malformed', status: undefined, retryAfterMs: undefined };
}

/** Delay before retry number `retry` (1-based): Retry-After when given, else exponential; both capped. */
export function backoffMs(policy: RetryPolicy, retry: number, retryAfter: number | undefined): number {
  const exp = policy.baseDelayMs * 2 ** (retry - 1);
  return Math.min(policy.maxDelayMs, retryAfter ?? exp);
}

/** Thrown when the caller's signal aborts a call or a backoff wait. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/** Waits `ms`, or rejects with AbortedError as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const onAbort = () => {
      clearTimeout(t);
      reject(new AbortedError());
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Observer of retries (logging, tests). */
export type RetryListener = (info: { attempt: number; delayMs: number; kind: ProviderFailureKind; status: number | undefined }) => void;

/**
 * What the retry loop asks an endpoint's health gate (health.ts): whether a failure is
 * configuration (the returned error ends the call at once, unretried), and what to report.
 */
export interface RetryGate {
  /** Throws when the endpoint already failed for good. */
  throwIfTripped(): void;
  judge(e: unknown, c: Classified, attempt: number): ProviderError | undefined;
  retrying(info: { status: number | undefined; kind: string; attempt: number; maxAttempts: number; delayMs: number; detail: string }): void;
  noteSuccess(): void;
}

/** The most characters of a server's error text kept in a message (bodies can be pages of HTML). */
const MAX_DETAIL = 300;

/**
 * Runs `attempt` until it succeeds, the error is not retryable, or retries are spent;
 * then throws a ProviderError naming the last failure. An abort of `signal` ends at once
 * with AbortedError (not a provider failure). With a `gate`, a configuration failure ends
 * the call on its first occurrence and every retry is reported to the gate.
 */
export async function withRetries<T>(
  label: string, policy: RetryPolicy, attempt: () => Promise<T>, signal?: AbortSignal, onRetry?: RetryListener, gate?: RetryGate,
): Promise<T> {
  for (let n = 1; ; n++) {
    if (signal?.aborted) throw new AbortedError();
    gate?.throwIfTripped();
    try {
      const value = await attempt();
      gate?.noteSuccess();
      return value;
    } catch (e) {
      if (signal?.aborted) throw new AbortedError();
      const c = classify(e);
      const fatal = gate?.judge(e, c, n);
      if (fatal) throw fatal;
      // The SDKs start their messages with the status ("500 model crashed"): say it once.
      const raw = (e as Error)?.message ?? String(e);
      const text = (c.status !== undefined ? raw.replace(new RegExp(`^${c.status}\\s+`), '') : raw).slice(0, MAX_DETAIL);
      const detail = `${c.status !== undefined ? `HTTP ${c.status}: ` : ''}${text}`;
      if (!c.retry || n > policy.maxRetries) {
        const why = c.retry ? `failed after ${n} attempt${n === 1 ? '' : 's'}` : 'failed (not retryable)';
        throw new ProviderError(c.kind, `${label} ${why}: ${detail}`, { ...(c.status !== undefined ? { status: c.status } : {}), attempts: n, cause: e });
      }
      const delayMs = backoffMs(policy, n, c.retryAfterMs);
      onRetry?.({ attempt: n, delayMs, kind: c.kind, status: c.status });
      gate?.retrying({ status: c.status, kind: c.kind, attempt: n, maxAttempts: policy.maxRetries + 1, delayMs, detail });
      await sleep(delayMs, signal);
    }
  }
}

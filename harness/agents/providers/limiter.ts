/** Per-endpoint concurrency and rate limits (requests/min via p-queue, tokens/min via a sliding window). */
import PQueue from 'p-queue';
import { sleep } from './retry.ts';

/** Limits of one provider endpoint. Unset = unlimited. */
export interface RateLimit {
  readonly concurrency?: number;
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

const MINUTE_MS = 60_000;

/**
 * One endpoint's limiter. Every call (each retry attempt too) takes a queue slot; the
 * queue caps concurrency and requests per minute. Token use is reported after each
 * call, and a new call waits while the last minute's tokens are at the cap (token
 * counts are only known afterwards, so one call may overshoot; the next ones wait).
 */
export class Limiter {
  readonly limits: RateLimit;
  private readonly queue: PQueue;
  private readonly used: Array<{ at: number; tokens: number }> = [];
  /** No limit of any kind: nothing ever waits, so a call need not go through the queue. */
  private readonly unlimited: boolean;

  constructor(limits: RateLimit) {
    this.limits = limits;
    // Unset, zero or negative: no limit.
    const set = (n: number | undefined): n is number => n !== undefined && n > 0;
    const rpm = limits.requestsPerMinute;
    this.unlimited = !set(limits.concurrency) && !set(rpm) && !set(limits.tokensPerMinute);
    this.queue = new PQueue({
      concurrency: set(limits.concurrency) ? limits.concurrency : Number.POSITIVE_INFINITY,
      ...(set(rpm) ? { intervalCap: rpm, interval: MINUTE_MS, strict: true } : {}),
    });
  }

  /** Runs one request under the limits. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    // The queue's bookkeeping (a task id, events, its listeners) is a tenth of a model call's
    // client CPU; without limits it only ever starts the call at once, so the call is started
    // here, with the queue's handling of the signal.
    if (this.unlimited) return signal ? untilAborted(fn, signal) : fn();
    return this.queue.add(async () => {
      await this.waitForTokens(signal);
      return fn();
    }, signal ? { signal } : {});
  }

  /** Records tokens a finished request used. */
  noteTokens(tokens: number, now = Date.now()): void {
    if (this.limits.tokensPerMinute && tokens > 0) this.used.push({ at: now, tokens });
  }

  /** Requests waiting for a slot (for progress displays and tests). */
  get pending(): number {
    return this.queue.size;
  }

  private async waitForTokens(signal?: AbortSignal): Promise<void> {
    const tpm = this.limits.tokensPerMinute;
    if (!tpm) return;
    for (;;) {
      const now = Date.now();
      while (this.used.length && this.used[0]!.at <= now - MINUTE_MS) this.used.shift();
      const inWindow = this.used.reduce((s, u) => s + u.tokens, 0);
      if (inWindow < tpm) return;
      await sleep(this.used[0]!.at + MINUTE_MS - now + 1, signal);
    }
  }
}

/**
 * Runs `fn` unless `signal` has aborted, and rejects with the signal's reason as soon as it
 * aborts, whether or not `fn` has settled: what the queue does with a task's signal.
 */
function untilAborted<T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => signal.removeEventListener('abort', onAbort);
    let work: Promise<T>;
    try {
      work = fn();
    } catch (e) {
      done();
      throw e;
    }
    work.then((v) => {
      done();
      resolve(v);
    }, (e: unknown) => {
      done();
      reject(e);
    });
  });
}

const LIMITERS = new Map<string, Limiter>();

/**
 * The process-wide limiter of an endpoint (`family|baseUrl`). The first caller's limits
 * win; later calls with other limits for the same endpoint reuse it, because two queues
 * for one endpoint would each allow the full rate.
 */
export function limiterFor(family: string, baseUrl: string, limits: RateLimit = {}): Limiter {
  const key = `${family}|${baseUrl}`;
  let l = LIMITERS.get(key);
  if (!l) {
    l = new Limiter(limits);
    LIMITERS.set(key, l);
  }
  return l;
}

/** Forgets every limiter (tests). */
export function resetLimiters(): void {
  LIMITERS.clear();
}

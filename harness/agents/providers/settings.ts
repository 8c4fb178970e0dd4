/** Settings shared by every provider, and the wrapper that applies limits and retries to each call. */
import type { ModelRequest, ModelResponse, Provider } from '../../core/index.ts';
import { nodeFetch } from './node-fetch.ts';
import type { Limiter } from './limiter.ts';
import { withRetries, type RetryListener, type RetryPolicy } from './retry.ts';

/** Resolved configuration of one provider instance. */
export interface ProviderSettings {
  readonly model: string;
  readonly baseUrl: string | undefined;
  readonly apiKey: string;
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
  readonly reasoningEffort?: string;
  readonly headers?: Record<string, string>;
  readonly requestTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly limiter: Limiter;
  readonly onRetry?: RetryListener;
}

/** Default per-request timeout: long enough for a slow reasoning turn. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

/** Marker key of a tool call whose arguments were not valid JSON; the loop answers it with a tool error. */
export const MALFORMED_ARGS_KEY = '$malformedArguments';

/** Parses tool-call arguments; invalid JSON or a non-object becomes `{[MALFORMED_ARGS_KEY]: raw}`. */
export function parseToolArguments(raw: string | undefined | null): Record<string, unknown> {
  if (raw === undefined || raw === null || raw.trim() === '') return {};
  try {
    const v = JSON.parse(raw) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  return { [MALFORMED_ARGS_KEY]: raw };
}

/**
 * Builds a Provider from one-attempt call code: each attempt goes through the
 * endpoint's limiter, failures go through the retry policy, token use is reported.
 */
export function limitedProvider(
  family: string, s: ProviderSettings, once: (req: ModelRequest) => Promise<ModelResponse>,
): Provider {
  return {
    family,
    model: s.model,
    async complete(req) {
      // A per-call child signal: the SDK and the queue add abort listeners to the signal they get and
      // a long trial would pile them up on the trial's own signal; here one listener per call is removed after.
      const child = new AbortController();
      const parent = req.signal;
      const onAbort = () => child.abort(parent?.reason);
      if (parent?.aborted) child.abort(parent.reason);
      else parent?.addEventListener('abort', onAbort, { once: true });
      const call = { ...req, signal: child.signal };
      try {
        const res = await withRetries(
          `${family}:${s.model}`, s.retry, () => s.limiter.run(() => once(call), child.signal), child.signal, s.onRetry,
        );
        s.limiter.noteTokens(res.usage.inputTokens + res.usage.outputTokens);
        return res;
      } finally {
        parent?.removeEventListener('abort', onAbort);
      }
    },
  };
}

/**
 * Constructor options shared by the official SDK clients: our retry policy governs (the SDKs'
 * own retries are off), the request timeout, extra headers, and the keep-alive node:http fetch.
 */
export function sdkClientOptions(s: ProviderSettings) {
  return {
    apiKey: s.apiKey,
    ...(s.baseUrl ? { baseURL: s.baseUrl } : {}),
    maxRetries: 0,
    timeout: s.requestTimeoutMs,
    fetch: nodeFetch,
    ...(s.headers ? { defaultHeaders: s.headers } : {}),
  };
}

/** Settings shared by every provider, and the wrapper that applies limits and retries to each call. */
import type { ModelRequest, ModelResponse, Provider } from '../../core/index.ts';
import { nodeFetch } from './node-fetch.ts';
import type { Limiter } from './limiter.ts';
import { endpointHealth } from './health.ts';
import { withRetries, type RetryGate, type RetryListener, type RetryPolicy } from './retry.ts';

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
 * endpoint's limiter, failures go through the retry policy and the endpoint's health gate
 * (a configuration failure is never retried and stops every later call to the endpoint),
 * token use is reported. `path` is the request path the SDK calls, for error messages.
 */
export function limitedProvider(
  family: string, s: ProviderSettings, once: (req: ModelRequest) => Promise<ModelResponse>, path = '',
): Provider {
  const health = endpointHealth(family, s.baseUrl);
  const label = `${family}:${s.model}`;
  const gate: RetryGate = {
    throwIfTripped: () => health.throwIfTripped(),
    judge: (e, c, attempt) => health.judge(e, c, { label, path, model: s.model, attempt }),
    retrying: (info) => health.retrying(info),
    noteSuccess: () => health.noteSuccess(),
  };
  return {
    family,
    model: s.model,
    async complete(req) {
      const parent = req.signal;
      // A child signal per attempt: the SDKs add an abort listener to the signal of every request and never
      // remove it, so one signal shared by a call's retries (or a trial's calls) would pile listeners up.
      const attempt = async () => {
        const child = new AbortController();
        const onAbort = () => child.abort(parent?.reason);
        if (parent?.aborted) child.abort(parent.reason);
        else parent?.addEventListener('abort', onAbort, { once: true });
        try {
          return await s.limiter.run(() => once({ ...req, signal: child.signal }), child.signal);
        } finally {
          parent?.removeEventListener('abort', onAbort);
        }
      };
      const res = await withRetries(`${label} at ${health.url}`, s.retry, attempt, parent, s.onRetry, gate);
      s.limiter.noteTokens(res.usage.inputTokens + res.usage.outputTokens);
      return res;
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

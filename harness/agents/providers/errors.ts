/** ProviderError: a model endpoint that still fails after every retry (termination `provider_error`). */
import { DeskbenchError } from '../../core/index.ts';

/** Why a provider call failed, for the trial's error text and for tests. */
export type ProviderFailureKind = 'http' | 'rate_limit' | 'timeout' | 'connection' | 'malformed' | 'config' | 'context_overflow' | 'tool_limit';

/**
 * Thrown by a provider when a call cannot be completed: retries are exhausted, or the
 * failure cannot be retried (401, 400). The agent loop turns it into `provider_error`,
 * which the runner retries as infrastructure and never scores, except the two kinds that
 * are the model's own failure: `context_overflow` (the conversation outgrew the context
 * window) and `tool_limit` (the provider refused the tool definitions), which end the
 * trial with their own termination reason and are scored.
 */
export class ProviderError extends DeskbenchError {
  readonly kind: ProviderFailureKind;
  readonly status: number | undefined;
  readonly attempts: number;
  /**
   * Set when the endpoint's health gate judged the failure to be configuration (nothing
   * listening, DNS, 401, 403, 404, unknown model): the URL shown to people. Such a failure
   * stops the run (exit 4) instead of being retried trial after trial.
   */
  readonly endpoint: string | undefined;
  constructor(kind: ProviderFailureKind, message: string, opts: { status?: number; attempts: number; cause?: unknown; hint?: string; endpoint?: string }) {
    super('E_PROVIDER', message, {
      cause: opts.cause,
      hint: opts.hint ?? 'check the provider status, the base URL and the API key; the runner retries the trial as infrastructure',
    });
    this.name = 'ProviderError';
    this.kind = kind;
    this.status = opts.status;
    this.attempts = opts.attempts;
    this.endpoint = opts.endpoint;
  }
}

/** True when `e` is a ProviderError. */
export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}

/** A response body that does not have the protocol's shape (missing choices, bad JSON): retried like a 5xx. */
export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}

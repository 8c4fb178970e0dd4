/** Typed errors: harness problems (DeskbenchError) and API mistakes returned to the agent (ApiError). */

/**
 * Stable codes for harness problems. A code never changes meaning once released;
 * scripts and docs may match on it.
 */
export const ERROR_CODES = {
  E_USAGE: 'Bad command-line usage (unknown flag, malformed value).',
  E_TASK_UNKNOWN: 'A task id that is not in the suite.',
  E_TASK_INVALID: 'A task definition that breaks the task contract.',
  E_AGENT_UNKNOWN: 'An agent name that is neither a reference agent nor provider:model.',
  E_CONFIG: 'Configuration that cannot work (missing API key, bad base URL, bad limits).',
  E_STORE_OPEN: 'The run store file cannot be opened or created.',
  E_STORE_CORRUPT: 'The run store file is not a readable SQLite database.',
  E_STORE_FOREIGN: 'The SQLite file exists but is not a deskbench store.',
  E_STORE_NEWER: 'The store was written by a newer deskbench (schema version ahead of this build).',
  E_STORE_WRITE: 'Writing a finished trial to the store failed.',
  E_RUN_UNKNOWN: 'No run with that id in the store.',
  E_RUN_FINISHED: 'The run is already complete; nothing to resume.',
  E_TRIAL_UNKNOWN: 'No trial with that id in the store.',
  E_PROVIDER: 'The model provider failed after retries.',
  E_IMPORT: 'An imported file does not match the expected format.',
  E_HUB: 'The Hugging Face Hub (or the endpoint given) refused or failed a request.',
  E_INTERNAL: 'A bug in deskbench itself.',
} as const;

/** One of the stable harness error codes. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * A harness problem: bad input, bad configuration, store trouble, provider outage.
 * `message` says what is wrong and where; `hint` says what to do about it.
 */
export class DeskbenchError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeskbenchError';
    this.code = code;
    this.hint = options.hint;
  }
}

/** True when `e` is a DeskbenchError (optionally with the given code). */
export function isDeskbenchError(e: unknown, code?: ErrorCode): e is DeskbenchError {
  return e instanceof DeskbenchError && (code === undefined || e.code === code);
}

/**
 * A mistake the model made while calling a service (bad argument, unknown id,
 * permission denied). It goes back to the agent in the real API's error shape
 * and the trial continues. `httpStatus` is the wire status (Slack errors use 200);
 * `reason` is Google's `errors[].reason` or Slack's `error` string.
 */
export class ApiError extends Error {
  readonly httpStatus: number;
  readonly reason: string;
  /** Extra fields merged into the error body (Slack `needed`/`provided`, Google `details`). */
  readonly extra: Record<string, unknown> | undefined;
  constructor(httpStatus: number, reason: string, message: string, extra?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.httpStatus = httpStatus;
    this.reason = reason;
    this.extra = extra;
  }
}

/** True when `e` is an ApiError. */
export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

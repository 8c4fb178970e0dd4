/** Wire-error builders: Google's error envelope and Slack's `ok:false` errors, as ApiErrors. */
import { ApiError, type Operation } from '../core/index.ts';

/** Google canonical status names by HTTP status, as AIP-193 spells them. */
const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** A Google API error (`reason` as in `error.errors[].reason`, e.g. `notFound`, `invalid`, `forbidden`). */
export function googleError(status: number, reason: string, message: string): ApiError {
  return new ApiError(status, reason, message);
}

/** Google 404 for a missing resource. */
export function notFound(what = 'Requested entity was not found.'): ApiError {
  return googleError(404, 'notFound', what);
}

/** Google 400 for a bad argument. */
export function invalidArgument(message: string): ApiError {
  return googleError(400, 'invalidArgument', message);
}

/** Google 403 for a permission problem. */
export function forbidden(message = 'The caller does not have permission'): ApiError {
  return googleError(403, 'forbidden', message);
}

/** A Slack error: HTTP 200 with `{ok:false, error}`. */
export function slackError(error: string, extra?: Record<string, unknown>): ApiError {
  return new ApiError(200, error, error, extra);
}

/** The JSON body Google sends for an ApiError. */
export function googleErrorBody(e: ApiError): Record<string, unknown> {
  return {
    error: {
      code: e.httpStatus,
      message: e.message,
      errors: [{ message: e.message, domain: 'global', reason: e.reason }],
      // A handler may name the canonical status when the HTTP code alone is ambiguous
      // (Docs answers a stale requiredRevisionId with 400 FAILED_PRECONDITION).
      status: typeof e.extra?.status === 'string' ? e.extra.status : (GOOGLE_STATUS[e.httpStatus] ?? 'UNKNOWN'),
    },
  };
}

/**
 * Slack's code for the work-budget error (`ws.spend`, raised as Google's 503 `backendError`):
 * the Web API's common error "service_unavailable: The service is temporarily unavailable",
 * which clients surface like any other `ok:false` answer (HTTP 200, never retried).
 */
const SLACK_BUDGET_ERROR = 'service_unavailable';

/** The JSON body Slack sends for an ApiError. */
export function slackErrorBody(e: ApiError): Record<string, unknown> {
  const error = e.httpStatus === 503 && e.reason === 'backendError' ? SLACK_BUDGET_ERROR : e.reason;
  return { ok: false, error, ...(e.extra ?? {}) };
}

/** The wire body of an ApiError in the operation's style. */
export function errorBody(op: Pick<Operation, 'style'> | undefined, e: ApiError): Record<string, unknown> {
  return op?.style === 'slack' ? slackErrorBody(e) : googleErrorBody(e);
}

/** Maps a validation failure to the style's error: Google 400 `invalidArgument`, Slack `invalid_arguments`. */
export function validationError(op: Operation, message: string): ApiError {
  return op.style === 'slack' ? slackError('invalid_arguments', { detail: message }) : invalidArgument(message);
}

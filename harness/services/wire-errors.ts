/**
 * Wire-error builders: Slack's `ok:false` errors, and the Google envelope and constructors
 * re-exported from the Google wire kit (harness/services/google/errors.ts), so one import
 * serves both faces.
 */
import { ApiError, type Operation } from '../core/index.ts';
import { googleErrorBody, invalidArgument } from './google/errors.ts';

export { atParameter, forbidden, googleError, googleErrorBody, invalidArgument, notFound, type ErrorLocation } from './google/errors.ts';

/** A Slack error: HTTP 200 with `{ok:false, error}`. */
export function slackError(error: string, extra?: Record<string, unknown>): ApiError {
  return new ApiError(200, error, error, extra);
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
  return { ok: false, error, ...e.extra };
}

/** The wire body of an ApiError in the operation's style (and, for Google, its API's envelope). */
export function errorBody(op: Pick<Operation, 'style' | 'service'> | undefined, e: ApiError): Record<string, unknown> {
  return op?.style === 'slack' ? slackErrorBody(e) : googleErrorBody(e, op?.service);
}

/** Maps a validation failure to the style's error: Google 400 `invalidArgument`, Slack `invalid_arguments`. */
export function validationError(op: Operation, message: string): ApiError {
  return op.style === 'slack' ? slackError('invalid_arguments', { detail: message }) : invalidArgument(message);
}

/**
 * Google's error envelope and the ApiError constructors every Google service uses. One
 * builder serves the four APIs; what differs (whether `status` and `location` appear) is
 * read from the API's dialect (dialects.ts), never copied per service.
 */
import { ApiError } from '../../core/index.ts';
import { dialectOf, type GoogleApi } from './dialects.ts';

/** Google canonical status names by HTTP status, as AIP-193 spells them. */
const GOOGLE_STATUS: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  410: 'NOT_FOUND',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
};

/** Where an error points: a request parameter or header (`errors[].location` / `locationType`). */
export interface ErrorLocation {
  readonly location: string;
  readonly locationType: 'parameter' | 'header' | 'other';
}

/** A Google API error (`reason` as in `error.errors[].reason`: `notFound`, `invalid`, `forbidden`, …). */
export function googleError(status: number, reason: string, message: string, where?: ErrorLocation): ApiError {
  return new ApiError(status, reason, message, where ? { location: where.location, locationType: where.locationType } : undefined);
}

/** Google 404 for a missing resource. */
export function notFound(what = 'Requested entity was not found.', where?: ErrorLocation): ApiError {
  return googleError(404, 'notFound', what, where);
}

/** Google 400 for a bad argument. */
export function invalidArgument(message: string, where?: ErrorLocation): ApiError {
  return googleError(400, 'invalidArgument', message, where);
}

/** Google 403 for a permission problem. */
export function forbidden(message = 'The caller does not have permission'): ApiError {
  return googleError(403, 'forbidden', message);
}

/** A location naming a request parameter. */
export function atParameter(name: string): ErrorLocation {
  return { location: name, locationType: 'parameter' };
}

/**
 * The JSON body an API sends for an ApiError. Without an API (a path no service owns) the
 * AIP-193 form is used, which every Google client reads.
 */
export function googleErrorBody(e: ApiError, api?: GoogleApi | string): Record<string, unknown> {
  const style = dialectOf(api)?.errors ?? { status: true, location: false };
  const entry: Record<string, unknown> = { message: e.message, domain: 'global', reason: e.reason };
  const extra = e.extra ?? {};
  if (style.location && typeof extra.location === 'string') {
    entry.location = extra.location;
    entry.locationType = typeof extra.locationType === 'string' ? extra.locationType : 'parameter';
  }
  const body: Record<string, unknown> = { code: e.httpStatus, message: e.message, errors: [entry] };
  // A handler may name the canonical status when the HTTP code alone is ambiguous
  // (Docs answers a stale requiredRevisionId with 400 FAILED_PRECONDITION).
  if (style.status) body.status = typeof extra.status === 'string' ? extra.status : (GOOGLE_STATUS[e.httpStatus] ?? 'UNKNOWN');
  return { error: body };
}

/** The canonical status name of an HTTP status (`NOT_FOUND`), as AIP-193 APIs send it. */
export function canonicalStatus(httpStatus: number): string {
  return GOOGLE_STATUS[httpStatus] ?? 'UNKNOWN';
}

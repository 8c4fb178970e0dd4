/** The Docs service's errors, worded as the Docs API words them. */
import { ApiError } from '../../core/index.ts';
import { googleError } from '../wire-errors.ts';

/** A request the document cannot apply; the batch turns it into a 400 naming the request. */
export class DocsRequestError extends Error {}

/** Throws a DocsRequestError (for one-line guards). */
export function fail(message: string): never {
  throw new DocsRequestError(message);
}

/** Docs' 404 for a missing (or invisible) document. */
export function documentNotFound(): Error {
  return googleError(404, 'notFound', 'Requested entity was not found.');
}

/** Docs' 403 when the caller's Drive role is too weak. */
export function permissionDenied(): Error {
  return googleError(403, 'forbidden', 'The caller does not have permission');
}

/** Docs' 400 FAILED_PRECONDITION for a stale requiredRevisionId. */
export function staleRevision(required: string): ApiError {
  return new ApiError(400, 'failedPrecondition', `The required revision ID ${required} does not match the latest revision of the document.`, { status: 'FAILED_PRECONDITION' });
}

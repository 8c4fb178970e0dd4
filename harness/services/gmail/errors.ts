/**
 * Gmail's wire errors, worded as Gmail words them (AIP-193 envelope with `status`, see the
 * Google wire kit's dialects).
 *
 * Message and thread ids are 64-bit integers written in hex. Gmail tells a malformed id
 * from a missing one: an id that does not parse as an in-range hex integer (non-hex, more
 * than 16 digits, past the signed 64-bit range) is 400 "Invalid id value"; a well-formed
 * id that names nothing is 404 "Requested entity was not found." (measured against the
 * real API; e.g. googleapis HttpError 400 "Invalid id value" for `#msg-a:r-…` ids).
 */
import type { ApiError } from '../../core/index.ts';
import { googleError, invalidArgument, notFound } from '../google/errors.ts';

const INT64_MAX = 0x7fffffffffffffffn;

/** True when `id` is a well-formed Gmail message or thread id. */
export function isWellFormedId(id: string): boolean {
  return /^[0-9a-fA-F]{1,16}$/.test(id) && BigInt(`0x${id}`) <= INT64_MAX;
}

/** 400 "Invalid id value" for a malformed message or thread id. */
export function invalidIdValue(): ApiError {
  return invalidArgument('Invalid id value');
}

/** Refuses a malformed message or thread id before it is looked up. */
export function requireWellFormedId(id: string): void {
  if (!isWellFormedId(id)) throw invalidIdValue();
}

/** 404 for a message, thread, draft, label or setting that does not exist. */
export function entityNotFound(): ApiError {
  return notFound('Requested entity was not found.');
}

/** 400 for a label id that names no label. */
export function invalidLabel(id: string): ApiError {
  return invalidArgument(`Invalid label: ${id}`);
}

/** 400 `failedPrecondition`, Gmail's answer to a settings change that needs an earlier step. */
export function failedPrecondition(message: string): ApiError {
  return googleError(400, 'failedPrecondition', message);
}

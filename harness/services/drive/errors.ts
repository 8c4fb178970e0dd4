/**
 * Drive's wire errors, as the Drive API words them. Drive keeps the legacy envelope (no
 * `status`) and names the offending parameter in `errors[].location` with
 * `locationType: "parameter"` (the Google wire kit's dialect). Reasons, messages and which
 * errors carry a location follow developers.google.com/workspace/drive/api/guides/handle-errors:
 * a missing file is `notFound`, "File not found: {fileId}.", at the `fileId` parameter; a role
 * too weak is `insufficientFilePermissions`, "The user does not have sufficient permissions
 * for file {fileId}.", with no location; a bad value is `invalid`, "Invalid Value", at the
 * parameter that held it.
 */
import type { ApiError } from '../../core/index.ts';
import { atParameter, googleError } from '../google/errors.ts';

/** 404 `notFound` for a file the caller cannot see or that does not exist. */
export function fileNotFound(fileId: string): ApiError {
  return googleError(404, 'notFound', `File not found: ${fileId}.`, atParameter('fileId'));
}

/** 403 `insufficientFilePermissions`: the caller's role on the file is too weak for the call. */
export function insufficientPermissions(fileId?: string): ApiError {
  const what = fileId === undefined ? 'this file' : `file ${fileId}`;
  return googleError(403, 'insufficientFilePermissions', `The user does not have sufficient permissions for ${what}.`);
}

/** 400 `invalid` for a malformed value, located at the parameter (or body field) that held it. */
export function invalidValue(location: string, message = 'Invalid Value'): ApiError {
  return location ? googleError(400, 'invalid', message, atParameter(location)) : googleError(400, 'invalid', message);
}

/** 400 `required`: a parameter or body field the method needs is missing. */
export function requiredField(location: string, message = `Required parameter: ${location}`): ApiError {
  return googleError(400, 'required', message, atParameter(location));
}

/** 404 `notFound` for a sub-resource (`Permission`, `Comment`, `Approval` …) at its id parameter. */
export function resourceNotFound(kind: string, id: string, location: string): ApiError {
  return googleError(404, 'notFound', `${kind} not found: ${id}.`, atParameter(location));
}

/** 404 `notFound` for a shared drive (also the deprecated team drive). */
export function sharedDriveNotFound(driveId: string, location = 'driveId'): ApiError {
  return googleError(404, 'notFound', `Shared drive not found: ${driveId}`, atParameter(location));
}

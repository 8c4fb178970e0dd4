/**
 * Calendar's wire errors, as the Calendar API words them (legacy envelope: no `status`,
 * `location` for parameter errors; see the Google wire kit's dialects). Reasons and
 * messages from developers.google.com/workspace/calendar/api/guides/errors.
 */
import type { ApiError } from '../../core/index.ts';
import { atParameter, googleError } from '../google/errors.ts';

/** 404 for an event, calendar or rule that does not exist (or the caller cannot see). */
export function calendarNotFound(): ApiError {
  return googleError(404, 'notFound', 'Not Found');
}

/** 409 `duplicate`: a client-chosen id that already exists. */
export function duplicateId(): ApiError {
  return googleError(409, 'duplicate', 'The requested identifier already exists.');
}

/** 410 `deleted`: the event was already deleted. */
export function alreadyDeleted(): ApiError {
  return googleError(410, 'deleted', 'Resource has been deleted');
}

/** 400 `timeRangeEmpty`: timeMax is not after timeMin. */
export function timeRangeEmpty(): ApiError {
  return googleError(400, 'timeRangeEmpty', 'The specified time range is empty.', atParameter('timeMax'));
}

/** 400 `timeZoneNotValid`: an unknown IANA zone in `timeZone`. */
export function timeZoneNotValid(tz: string): ApiError {
  return googleError(400, 'timeZoneNotValid', `Invalid time zone: ${tz}`, atParameter('timeZone'));
}

/** 403 `forbiddenForNonOrganizer`: only the organizer may change this. */
export function forbiddenForNonOrganizer(message = 'Shared properties can only be changed by the organizer of the event.'): ApiError {
  return googleError(403, 'forbiddenForNonOrganizer', message);
}

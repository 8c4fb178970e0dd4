/** Request schemas shared by calendar operations: the Event body and common parameters. */
import { z } from 'zod';
import { qBool, qInt } from '../wire-schema.ts';
import { Attendee, EventDateTime, PersonRef } from './model.ts';

/** `calendarId` path parameter. */
export const calendarIdParam = z.string().min(1).describe("Calendar id (an email address for a person's calendar), or 'primary' for the caller's own.");
/** `eventId` path parameter. */
export const eventIdParam = z.string().min(1).describe('Event id; an instance of a recurring event is <seriesId>_<YYYYMMDDTHHMMSSZ>.');
/** `sendUpdates` query parameter. */
export const sendUpdatesParam = z
  .enum(['all', 'externalOnly', 'none'])
  .optional()
  .describe("Who gets an email about the change: 'all' guests, 'externalOnly' (guests outside your domain), or 'none' (default).");
/** `timeZone` query parameter. */
export const timeZoneParam = z.string().optional().describe('Time zone used in the response (IANA name). Default: the calendar zone.');
/** `maxAttendees` query parameter. */
export const maxAttendeesParam = qInt('Maximum number of attendees to include in the response; extra ones are omitted.');
/** `maxResults` query parameter (calendar lists). */
export const maxResultsParam = (dflt: number, max: number) => qInt(`Maximum entries per page (default ${dflt}, at most ${max}).`);
/** `pageToken` query parameter. */
export const pageTokenParam = z.string().optional().describe('Token from a previous nextPageToken, to fetch the next page.');
/** `showDeleted` query parameter. */
export const showDeletedParam = qBool('Whether to include deleted (cancelled) entries.');
/** `conferenceDataVersion` query parameter. */
export const conferenceVersionParam = qInt('0 (default) ignores conferenceData; 1 lets you create a Google Meet link with conferenceData.createRequest.');

/** The Event resource as callers send it (insert, update, patch, import). */
export const EventInput = z.looseObject({
  id: z.string().optional().describe('Optional client-chosen id: base32hex characters a-v and 0-9, 5 to 1024 long.'),
  summary: z.string().nullable().optional().describe('Title of the event.'),
  description: z.string().nullable().optional().describe('Description; may contain HTML.'),
  location: z.string().nullable().optional().describe('Free-form location.'),
  colorId: z.string().nullable().optional().describe('Event colour id (see colors.get).'),
  start: EventDateTime.optional().describe('Start: {dateTime, timeZone} or {date} for all-day.'),
  end: EventDateTime.optional().describe('End (exclusive): {dateTime, timeZone} or {date} for all-day; an all-day end date is the day after the last day.'),
  endTimeUnspecified: z.boolean().optional().describe('Whether the end time is actually unspecified.'),
  recurrence: z.array(z.string()).nullable().optional().describe("RFC 5545 RRULE, EXRULE, RDATE and EXDATE lines, e.g. ['RRULE:FREQ=WEEKLY;BYDAY=MO']."),
  attendees: z.array(Attendee).nullable().optional().describe('Guests. The whole list is replaced on patch.'),
  status: z.enum(['confirmed', 'tentative', 'cancelled']).optional().describe('Status of the event.'),
  transparency: z.enum(['opaque', 'transparent']).optional().describe("'opaque' blocks time (busy), 'transparent' does not."),
  visibility: z.enum(['default', 'public', 'private', 'confidential']).optional().describe('Visibility of the event.'),
  reminders: z
    .object({
      useDefault: z.boolean().optional().describe("Whether the calendar's default reminders apply."),
      overrides: z.array(z.object({ method: z.enum(['email', 'popup']), minutes: z.number().int() })).optional().describe('Reminders used instead of the defaults.'),
    })
    .optional()
    .describe('Reminders of the event for the calendar owner.'),
  guestsCanModify: z.boolean().optional().describe('Whether guests other than the organizer can modify the event.'),
  guestsCanInviteOthers: z.boolean().optional().describe('Whether guests can invite others.'),
  guestsCanSeeOtherGuests: z.boolean().optional().describe('Whether guests can see the guest list.'),
  conferenceData: z.unknown().optional().describe('Conference details; with conferenceDataVersion=1 a createRequest makes a Meet link.'),
  extendedProperties: z.unknown().optional().describe('Private and shared key-value properties.'),
  eventType: z.enum(['default', 'outOfOffice', 'focusTime', 'workingLocation', 'birthday', 'fromGmail']).optional().describe("Event type; 'default' unless set."),
  iCalUID: z.string().optional().describe('iCalendar UID (required by import).'),
  organizer: PersonRef.optional().describe('Organizer; only honoured by import (otherwise read-only).'),
  sequence: z.number().int().optional().describe('iCalendar sequence number.'),
  source: z.unknown().optional().describe('Source the event was created from (url, title).'),
  attachments: z.unknown().optional().describe('File attachments (Drive links).'),
});
export type EventInput = z.infer<typeof EventInput>;

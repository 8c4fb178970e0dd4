/** Calendar records: the zod schemas of every calendar collection and their inferred types. */
import { z } from 'zod';

/** Start or end of an event: `dateTime` (RFC 3339) with an optional IANA zone, or an all-day `date`. */
export const EventDateTime = z.looseObject({
  date: z.string().optional().describe('All-day date, yyyy-mm-dd. An all-day end date is exclusive.'),
  dateTime: z.string().optional().describe('RFC 3339 timestamp; needs an offset unless timeZone is given.'),
  timeZone: z.string().optional().describe('IANA time zone (Europe/Zurich). Required for recurring events.'),
});
export type EventDateTime = z.infer<typeof EventDateTime>;

/** One attendee of an event. */
export const Attendee = z.looseObject({
  email: z.string().describe('Attendee email address.'),
  displayName: z.string().optional().describe('Attendee name.'),
  responseStatus: z.enum(['needsAction', 'declined', 'tentative', 'accepted']).optional().describe('RSVP status.'),
  optional: z.boolean().optional().describe('Whether attendance is optional.'),
  organizer: z.boolean().optional().describe('Read-only: whether this attendee is the organizer.'),
  resource: z.boolean().optional().describe('Whether the attendee is a room or other resource.'),
  comment: z.string().optional().describe('The attendee response comment.'),
  additionalGuests: z.number().int().optional().describe('Number of extra guests.'),
});
export type Attendee = z.infer<typeof Attendee>;

/** A person reference (creator, organizer). */
export const PersonRef = z.looseObject({
  email: z.string().optional().describe('Email address.'),
  displayName: z.string().optional().describe('Name.'),
});
export type PersonRef = z.infer<typeof PersonRef>;

/**
 * A stored event. Wire fields as Google spells them, plus `calendarId` (the calendar
 * that holds the event: the organizer's copy), `changeSeq` (global change counter used
 * by sync tokens) and `removedBy` (attendees who deleted it from their own calendar).
 */
export const StoredEvent = z.looseObject({
  id: z.string(),
  calendarId: z.string(),
  changeSeq: z.number().int(),
  etag: z.string(),
  status: z.enum(['confirmed', 'tentative', 'cancelled']),
  created: z.string(),
  updated: z.string(),
  summary: z.string().optional(),
  description: z.string().optional(),
  location: z.string().optional(),
  colorId: z.string().optional(),
  creator: PersonRef,
  organizer: PersonRef,
  start: EventDateTime,
  end: EventDateTime,
  endTimeUnspecified: z.boolean().optional(),
  recurrence: z.array(z.string()).optional(),
  recurringEventId: z.string().optional(),
  originalStartTime: EventDateTime.optional(),
  transparency: z.enum(['opaque', 'transparent']).optional(),
  visibility: z.enum(['default', 'public', 'private', 'confidential']).optional(),
  iCalUID: z.string(),
  sequence: z.number().int(),
  attendees: z.array(Attendee).optional(),
  guestsCanModify: z.boolean().optional(),
  guestsCanInviteOthers: z.boolean().optional(),
  guestsCanSeeOtherGuests: z.boolean().optional(),
  hangoutLink: z.string().optional(),
  conferenceData: z.unknown().optional(),
  reminders: z.unknown().optional(),
  eventType: z.string().optional(),
  extendedProperties: z.unknown().optional(),
  removedBy: z.array(z.string()).optional(),
});
export type StoredEvent = z.infer<typeof StoredEvent>;

/** A calendar (primary of a person, or a secondary/shared one). */
export const StoredCalendar = z.object({
  id: z.string(),
  summary: z.string(),
  description: z.string().optional(),
  location: z.string().optional(),
  timeZone: z.string(),
  /** Email of the owning user (the person for a primary calendar). */
  owner: z.string(),
  primary: z.boolean(),
  /** Display name of the owner (primary calendars), used for organizer and attendee names. */
  ownerName: z.string().optional(),
  etag: z.string(),
});
export type StoredCalendar = z.infer<typeof StoredCalendar>;

/** One ACL rule of a calendar; keyed `${calendarId}|${ruleId}`. */
export const StoredAclRule = z.object({
  calendarId: z.string(),
  id: z.string(),
  role: z.enum(['none', 'freeBusyReader', 'reader', 'writer', 'owner']),
  scope: z.object({ type: z.enum(['default', 'user', 'group', 'domain']), value: z.string().optional() }),
  etag: z.string(),
});
export type StoredAclRule = z.infer<typeof StoredAclRule>;
/** ACL roles from weakest to strongest. */
export const ROLES = ['none', 'freeBusyReader', 'reader', 'writer', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** One entry of a user's calendar list; keyed `${user}|${calendarId}`. */
export const StoredCalendarListEntry = z.object({
  user: z.string(),
  calendarId: z.string(),
  summaryOverride: z.string().optional(),
  colorId: z.string().optional(),
  backgroundColor: z.string().optional(),
  foregroundColor: z.string().optional(),
  hidden: z.boolean().optional(),
  selected: z.boolean().optional(),
  defaultReminders: z.array(z.object({ method: z.string(), minutes: z.number() })),
  notificationSettings: z.unknown().optional(),
  etag: z.string(),
});
export type StoredCalendarListEntry = z.infer<typeof StoredCalendarListEntry>;

/** A user setting; keyed `${user}|${settingId}`. */
export const StoredSetting = z.object({ user: z.string(), id: z.string(), value: z.string(), etag: z.string() });
export type StoredSetting = z.infer<typeof StoredSetting>;

/**
 * An email notification Google would have sent because of `sendUpdates`
 * (or an attendee's reply). Scorers read these to see who was told what.
 */
export const CalendarNotification = z.object({
  id: z.string(),
  kind: z.enum(['invite', 'update', 'cancel', 'reply', 'share']),
  calendarId: z.string(),
  /** The event concerned; absent for calendar shares (`share`). */
  eventId: z.string().optional(),
  summary: z.string().optional(),
  /** ACL role granted (`share` only). */
  role: z.string().optional(),
  /** The user whose call caused the notification. */
  sender: z.string(),
  recipients: z.array(z.string()),
  sendUpdates: z.enum(['all', 'externalOnly', 'none']),
  at: z.string(),
});
export type CalendarNotification = z.infer<typeof CalendarNotification>;

/**
 * A push channel registered by a `watch` call. The HTTP face delivers its notifications to
 * `address` when that is a loopback URL (calendar/push.ts decides what a change notifies,
 * the Google wire kit's push.ts sends them); other addresses are recorded only.
 */
export const StoredChannel = z.object({
  id: z.string(),
  resourceId: z.string(),
  resourceUri: z.string(),
  address: z.string().optional(),
  /** Echoed in X-Goog-Channel-Token with every notification. */
  token: z.string().optional(),
  expiration: z.string().optional(),
  stopped: z.boolean(),
});
export type StoredChannel = z.infer<typeof StoredChannel>;

/** Collection keys of the calendar service. */
export const COL = {
  calendars: 'calendar.calendars',
  events: 'calendar.events',
  acl: 'calendar.acl',
  calendarList: 'calendar.calendarList',
  settings: 'calendar.settings',
  notifications: 'calendar.notifications',
  channels: 'calendar.channels',
} as const;

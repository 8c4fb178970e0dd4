/** Calendar events write operations: insert, patch, update, delete (organizer rule in event-edit.ts). */
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../../../core/index.ts';
import { googleError } from '../../wire-errors.ts';
import { qBool } from '../../wire-schema.ts';
import { peekCalendar, requireCalendar } from '../access.ts';
import { applyAttendeeEdit, applyOrganizerEdit, checkEventId, checkTimes, fieldsFromInput, organizerFor } from '../event-edit.ts';
import type { StoredCalendar, StoredEvent } from '../model.ts';
import { calendarIdParam, conferenceVersionParam, eventIdParam, EventInput, maxAttendeesParam, sendUpdatesParam } from '../schemas.ts';
import { eventsCol, newEventId, notify, saveEvent, type SendUpdates } from '../store.ts';
import { renderEvent } from '../render.ts';
import { findEvent } from '../view.ts';
import { alreadyDeleted, calendarNotFound, duplicateId } from '../errors.ts';

const emails = (ev: Pick<StoredEvent, 'attendees'>) => (ev.attendees ?? []).map((a) => a.email);

/** Creates an event on a calendar the caller can write (shared by insert and quickAdd). */
export function createEvent(ctx: OperationContext, cal: StoredCalendar, input: EventInput, confVersion: number | undefined, sendUpdates: SendUpdates | undefined): StoredEvent {
  let id: string;
  if (input.id !== undefined) {
    checkEventId(input.id);
    if (eventsCol(ctx).has(input.id)) throw duplicateId();
    id = input.id;
  } else {
    id = newEventId(ctx);
  }
  if (!input.start || !input.end) throw googleError(400, 'required', input.start ? 'Missing end time.' : 'Missing start time.');
  const { fields } = fieldsFromInput(ctx, cal, id, input, confVersion);
  const me = ctx.auth.principal.toLowerCase();
  const creatorName = peekCalendar(ctx, me)?.ownerName;
  const ev = {
    status: 'confirmed', reminders: { useDefault: true }, eventType: 'default', ...fields,
    id, calendarId: cal.id, created: ctx.ws.now(), creator: { email: me, ...(creatorName ? { displayName: creatorName } : {}) },
    organizer: organizerFor(cal), iCalUID: `${id}@google.com`, sequence: 0,
  } as StoredEvent;
  checkTimes(ev, cal.timeZone);
  const saved = saveEvent(ctx, ev);
  notify(ctx, 'invite', saved, emails(saved), sendUpdates);
  return saved;
}

/** events.insert */
export const eventsInsert = defineOperation({
  id: 'calendar.events.insert', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/calendars/{calendarId}/events' },
  description: "Creates an event. start/end are {dateTime, timeZone} or {date} (all-day, end exclusive). Guests in attendees get an invitation email only with sendUpdates='all' (or 'externalOnly' for outside guests). Recurring events need recurrence RRULE lines and a start.timeZone.",
  params: z.object({
    calendarId: calendarIdParam, sendUpdates: sendUpdatesParam, conferenceDataVersion: conferenceVersionParam,
    maxAttendees: maxAttendeesParam, sendNotifications: qBool("Deprecated: true means sendUpdates='all'."), supportsAttachments: qBool('Whether the client supports attachments.'),
  }),
  body: EventInput,
  handler: (ctx, { params, body }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'writer');
    const mode = params.sendUpdates ?? (params.sendNotifications ? 'all' : undefined);
    const ev = createEvent(ctx, cal, body, params.conferenceDataVersion, mode);
    return renderEvent(ctx, ev, { viewCalendar: cal.id, maxAttendees: params.maxAttendees });
  },
});

const EditParams = z.object({
  calendarId: calendarIdParam, eventId: eventIdParam, sendUpdates: sendUpdatesParam,
  conferenceDataVersion: conferenceVersionParam, maxAttendees: maxAttendeesParam,
  sendNotifications: qBool("Deprecated: true means sendUpdates='all'."), supportsAttachments: qBool('Whether the client supports attachments.'),
  alwaysIncludeEmail: qBool('Deprecated; ignored.'),
});

/** Patch and update share everything but whether missing fields are cleared. */
function edit(ctx: OperationContext, params: z.infer<typeof EditParams>, body: EventInput, replace: boolean) {
  const { cal } = requireCalendar(ctx, params.calendarId, 'writer');
  const found = findEvent(ctx, cal, params.eventId);
  if (!found) throw calendarNotFound();
  const mode = params.sendUpdates ?? (params.sendNotifications ? 'all' : undefined);
  const cur = found.ev;
  const organizerCal = peekCalendar(ctx, cur.calendarId) ?? cal;
  if (found.copy === 'attendee') {
    const { next, changed } = applyAttendeeEdit(ctx, organizerCal, cur, body, cal.id, params.conferenceDataVersion);
    if (changed.size === 0) return renderEvent(ctx, cur, { viewCalendar: cal.id, maxAttendees: params.maxAttendees });
    const saved = saveEvent(ctx, next);
    if (changed.has('attendees') && !cur.guestsCanModify) notify(ctx, 'reply', saved, [cur.organizer.email ?? cur.calendarId], mode);
    else notify(ctx, 'update', saved, emails(saved), mode);
    return renderEvent(ctx, saved, { viewCalendar: cal.id, maxAttendees: params.maxAttendees });
  }
  const { next, changed } = applyOrganizerEdit(ctx, organizerCal, cur, body, replace, params.conferenceDataVersion);
  if (changed.size === 0 && !found.synthetic) return renderEvent(ctx, cur, { viewCalendar: cal.id, maxAttendees: params.maxAttendees });
  const saved = saveEvent(ctx, next);
  const before = new Set(emails(cur).map((e) => e.toLowerCase()));
  const after = emails(saved).map((e) => e.toLowerCase());
  const added = after.filter((e) => !before.has(e));
  const removed = [...before].filter((e) => !after.includes(e));
  notify(ctx, saved.status === 'cancelled' ? 'cancel' : 'update', saved, after.filter((e) => before.has(e)), mode);
  notify(ctx, 'invite', saved, added, mode);
  notify(ctx, 'cancel', saved, removed, mode);
  return renderEvent(ctx, saved, { viewCalendar: cal.id, maxAttendees: params.maxAttendees });
}

/** events.patch */
export const eventsPatch = defineOperation({
  id: 'calendar.events.patch', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'PATCH', path: '/calendar/v3/calendars/{calendarId}/events/{eventId}' },
  description: "Changes only the given fields of an event (arrays such as attendees are replaced whole; null clears a field). Patching an instance id creates an exception for that occurrence. On an event you were invited to, you may only change your own responseStatus/comment (RSVP); other changes are 403 forbiddenForNonOrganizer.",
  params: EditParams,
  body: EventInput,
  handler: (ctx, { params, body }) => edit(ctx, params, body, false),
});

/** events.update */
export const eventsUpdate = defineOperation({
  id: 'calendar.events.update', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'PUT', path: '/calendar/v3/calendars/{calendarId}/events/{eventId}' },
  description: 'Replaces an event: fields not given are cleared (start and end are required). Same organizer rule as patch.',
  params: EditParams,
  body: EventInput,
  handler: (ctx, { params, body }) => edit(ctx, params, body, true),
});

/** events.delete */
export const eventsDelete = defineOperation({
  id: 'calendar.events.delete', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'DELETE', path: '/calendar/v3/calendars/{calendarId}/events/{eventId}' },
  description: "Deletes (cancels) an event, a whole recurring series, or one instance. Guests are told only with sendUpdates='all'/'externalOnly'. Deleting an event you were invited to removes it from your calendar and declines it.",
  params: z.object({ calendarId: calendarIdParam, eventId: eventIdParam, sendUpdates: sendUpdatesParam, sendNotifications: qBool("Deprecated: true means sendUpdates='all'.") }),
  handler: (ctx, { params }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'writer');
    const found = findEvent(ctx, cal, params.eventId);
    if (!found) throw calendarNotFound();
    const mode = params.sendUpdates ?? (params.sendNotifications ? 'all' : undefined);
    const cur = found.ev;
    const me = cal.id.toLowerCase();
    if (found.copy === 'attendee') {
      if (cur.removedBy?.includes(me)) throw alreadyDeleted();
      const attendees = (cur.attendees ?? []).map((a) => (a.email.toLowerCase() === me ? { ...a, responseStatus: 'declined' as const } : a));
      const saved = saveEvent(ctx, { ...cur, attendees, removedBy: [...(cur.removedBy ?? []), me] });
      notify(ctx, 'reply', saved, [cur.organizer.email ?? cur.calendarId], mode);
      return undefined;
    }
    if (cur.status === 'cancelled') throw alreadyDeleted();
    const saved = saveEvent(ctx, { ...cur, status: 'cancelled', sequence: cur.sequence + 1 });
    if (cur.recurrence) {
      for (const x of [...eventsCol(ctx).values()]) {
        if (x.recurringEventId === cur.id && x.status !== 'cancelled') saveEvent(ctx, { ...x, status: 'cancelled' });
      }
    }
    notify(ctx, 'cancel', saved, emails(saved), mode);
    return undefined;
  },
});

/** Calendar events: move, quickAdd, import and watch. */
import { z } from 'zod';
import { DateTime } from 'luxon';
import { defineOperation } from '../../../core/index.ts';
import { googleError } from '../../wire-errors.ts';
import { qBool } from '../../wire-schema.ts';
import { requireCalendar } from '../access.ts';
import { checkEventId, checkTimes, fieldsFromInput, organizerFor } from '../event-edit.ts';
import type { StoredEvent } from '../model.ts';
import { createEvent } from './events-write.ts';
import { parseQuickAdd } from '../quick-add.ts';
import { calendarIdParam, conferenceVersionParam, eventIdParam, EventInput, sendUpdatesParam } from '../schemas.ts';
import { eventsCol, newEventId, notify, saveEvent } from '../store.ts';
import { renderEvent } from '../render.ts';
import { calendarEvents, findEvent } from '../view.ts';
import { addDays } from '../time.ts';
import { ChannelInput, watchResponse } from './channels.ts';
import { calendarNotFound, duplicateId } from '../errors.ts';

/** events.move */
export const eventsMove = defineOperation({
  id: 'calendar.events.move', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/calendars/{calendarId}/events/{eventId}/move' },
  description: "Moves an event (or a whole recurring series) to another calendar, which becomes its organizer. Needs write access to both calendars; single instances cannot be moved.",
  params: z.object({
    calendarId: calendarIdParam, eventId: eventIdParam,
    destination: z.string().min(1).describe('Calendar id to move the event to.'), sendUpdates: sendUpdatesParam,
    sendNotifications: qBool("Deprecated: true means sendUpdates='all'."),
  }),
  handler: (ctx, { params }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'writer');
    const found = findEvent(ctx, cal, params.eventId);
    if (!found) throw calendarNotFound();
    if (found.synthetic || found.ev.recurringEventId) throw googleError(400, 'cannotChangeOrganizerOfInstance', 'Cannot change the organizer of an instance.');
    if (found.copy === 'attendee') throw googleError(403, 'forbiddenForNonOrganizer', 'Only the organizer can move an event.');
    const { cal: dest } = requireCalendar(ctx, params.destination, 'writer');
    if ((found.ev.eventType ?? 'default') !== 'default') throw googleError(400, 'eventTypeRestriction', 'Only default events can be moved.');
    if (dest.id === cal.id) return renderEvent(ctx, found.ev, { viewCalendar: cal.id });
    const saved = saveEvent(ctx, { ...found.ev, calendarId: dest.id, organizer: organizerFor(dest) });
    for (const x of [...eventsCol(ctx).values()]) if (x.recurringEventId === saved.id) saveEvent(ctx, { ...x, calendarId: dest.id, organizer: organizerFor(dest) });
    notify(ctx, 'update', saved, (saved.attendees ?? []).map((a) => a.email), params.sendUpdates ?? (params.sendNotifications ? 'all' : undefined));
    return renderEvent(ctx, saved, { viewCalendar: dest.id });
  },
});

/** events.quickAdd */
export const eventsQuickAdd = defineOperation({
  id: 'calendar.events.quickAdd', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/calendars/{calendarId}/events/quickAdd' },
  description: "Creates an event from a short text such as 'Lunch with Ana tomorrow at 12:30pm for 45 minutes'. Without a time the event is all-day; without a duration it lasts an hour.",
  params: z.object({
    calendarId: calendarIdParam, text: z.string().min(1).describe('The text describing the event.'), sendUpdates: sendUpdatesParam,
    sendNotifications: qBool("Deprecated: true means sendUpdates='all'."),
  }),
  handler: (ctx, { params }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'writer');
    const q = parseQuickAdd(params.text, ctx.ws.nowMs(), cal.timeZone);
    let start: StoredEvent['start'];
    let end: StoredEvent['end'];
    if (q.minutes === undefined) {
      start = { date: q.date };
      end = { date: addDays(q.date, 1) };
    } else {
      const s = DateTime.fromISO(q.date, { zone: cal.timeZone }).plus({ minutes: q.minutes });
      start = { dateTime: s.toISO({ suppressMilliseconds: true })!, timeZone: cal.timeZone };
      end = { dateTime: s.plus({ minutes: q.durationMin }).toISO({ suppressMilliseconds: true })!, timeZone: cal.timeZone };
    }
    const ev = createEvent(ctx, cal, { summary: q.summary, ...(q.location ? { location: q.location } : {}), start, end }, undefined, params.sendUpdates ?? (params.sendNotifications ? 'all' : undefined));
    return renderEvent(ctx, ev, { viewCalendar: cal.id });
  },
});

/** events.import */
export const eventsImport = defineOperation({
  id: 'calendar.events.import', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/calendars/{calendarId}/events/import' },
  description: 'Imports a private copy of an existing event (iCalUID required) without inviting anyone. Importing an iCalUID already on the calendar updates that event.',
  params: z.object({ calendarId: calendarIdParam, conferenceDataVersion: conferenceVersionParam, supportsAttachments: qBool('Whether the client supports attachments.') }),
  body: EventInput,
  handler: (ctx, { params, body }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'writer');
    if (!body.iCalUID) throw googleError(400, 'required', 'Missing iCalUID.');
    if (!body.start || !body.end) throw googleError(400, 'required', 'Missing start or end time.');
    const existing = calendarEvents(ctx, cal).find((e) => e.iCalUID === body.iCalUID && e.calendarId === cal.id && !e.recurringEventId);
    let id = existing?.id;
    if (!id) {
      if (body.id !== undefined) {
        checkEventId(body.id);
        if (eventsCol(ctx).has(body.id)) throw duplicateId();
      }
      id = body.id ?? newEventId(ctx);
    }
    const { fields } = fieldsFromInput(ctx, cal, id, body, params.conferenceDataVersion);
    const organizer = body.organizer?.email ? { email: body.organizer.email.toLowerCase(), ...(body.organizer.displayName ? { displayName: body.organizer.displayName } : {}) } : organizerFor(cal);
    const ev = {
      status: 'confirmed', reminders: { useDefault: true }, eventType: 'default', ...fields,
      id, calendarId: cal.id, created: existing?.created ?? ctx.ws.now(), creator: { email: ctx.auth.principal.toLowerCase() },
      organizer, iCalUID: body.iCalUID, sequence: body.sequence ?? existing?.sequence ?? 0,
    } as StoredEvent;
    if (ev.attendees && organizer.email !== cal.id) {
      // An imported copy keeps its foreign organizer: flag theirs, drop the entry added for this calendar.
      const given = new Set((body.attendees ?? []).map((a) => a.email.toLowerCase()));
      ev.attendees = ev.attendees
        .filter((a) => given.has(a.email) || a.email !== cal.id)
        .map((a) => {
          const { organizer: _o, ...rest } = a;
          return a.email === organizer.email ? { ...rest, organizer: true } : rest;
        });
    }
    checkTimes(ev, cal.timeZone);
    return renderEvent(ctx, saveEvent(ctx, ev), { viewCalendar: cal.id });
  },
});

/** events.watch */
export const eventsWatch = defineOperation({
  id: 'calendar.events.watch', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/calendars/{calendarId}/events/watch' },
  description: 'Registers a push-notification channel for changes to events on a calendar: a `sync` POST to the channel address at once, then `exists` on each change, with X-Goog-Channel-ID, X-Goog-Resource-State and X-Goog-Message-Number headers (delivered to addresses on this machine only).',
  params: z.object({ calendarId: calendarIdParam }).loose(),
  body: ChannelInput,
  handler: (ctx, { params, body }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'reader');
    return watchResponse(ctx, body, `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(cal.id)}/events?alt=json`);
  },
});

/** Calendar resources: calendars.get/insert/patch/update/delete/clear/transferOwnership. */
import { z } from 'zod';
import { defineOperation, hexId, type OperationContext } from '../../../core/index.ts';
import { googleError, invalidArgument } from '../../wire-errors.ts';
import { aclKey, requireCalendar } from '../access.ts';
import { COL, type StoredAclRule, type StoredCalendar, type StoredCalendarListEntry, type StoredEvent } from '../model.ts';
import { calendarIdParam } from '../schemas.ts';
import { eventsCol, saveEvent } from '../store.ts';
import { isValidZone } from '../time.ts';

const CalendarInput = z.looseObject({
  summary: z.string().optional().describe('Title of the calendar (required on insert).'),
  description: z.string().nullable().optional().describe('Description of the calendar.'),
  location: z.string().nullable().optional().describe('Geographic location, free-form.'),
  timeZone: z.string().optional().describe('IANA time zone of the calendar, e.g. Europe/Berlin.'),
});
type CalendarInput = z.infer<typeof CalendarInput>;

/** The wire Calendar. */
export function renderCalendar(c: StoredCalendar): Record<string, unknown> {
  return {
    kind: 'calendar#calendar', etag: c.etag, id: c.id, summary: c.summary,
    ...(c.description ? { description: c.description } : {}), ...(c.location ? { location: c.location } : {}),
    timeZone: c.timeZone, conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
  };
}

/** Calendar-style etag for a record changed now. */
export function freshEtag(ctx: OperationContext, what: string): string {
  return `"${ctx.ws.nowMs()}${String(ctx.ws.nextCounter(`calendar.etag.${what}`) % 1000).padStart(3, '0')}"`;
}

function applyInput(ctx: OperationContext, cur: StoredCalendar, b: CalendarInput, replace: boolean): StoredCalendar {
  if (b.timeZone !== undefined && !isValidZone(b.timeZone)) throw googleError(400, 'timeZoneNotValid', `Invalid time zone: ${b.timeZone}`);
  if (replace && !b.summary) throw googleError(400, 'required', 'Missing summary.');
  const next: StoredCalendar = { ...cur, etag: freshEtag(ctx, 'calendar') };
  if (replace) {
    delete next.description;
    delete next.location;
  }
  if (b.summary !== undefined) next.summary = b.summary;
  for (const k of ['description', 'location'] as const) {
    const v = b[k];
    if (v === null) delete next[k];
    else if (v !== undefined) next[k] = v;
  }
  if (b.timeZone !== undefined) next.timeZone = b.timeZone;
  return next;
}

/** Cancels every event a calendar holds (delete and clear). */
function cancelAll(ctx: OperationContext, calendarId: string): void {
  for (const ev of [...eventsCol(ctx).values()] as StoredEvent[]) {
    if (ev.calendarId === calendarId && ev.status !== 'cancelled') saveEvent(ctx, { ...ev, status: 'cancelled' });
  }
}

const idOnly = z.object({ calendarId: calendarIdParam });

/** calendars.get */
export const calendarsGet = defineOperation({
  id: 'calendar.calendars.get', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/calendars/{calendarId}' },
  description: "Returns a calendar's metadata (summary, description, time zone).",
  params: idOnly,
  handler: (ctx, { params }) => renderCalendar(requireCalendar(ctx, params.calendarId, 'freeBusyReader').cal),
});

/** calendars.insert */
export const calendarsInsert = defineOperation({
  id: 'calendar.calendars.insert', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/calendars' },
  description: 'Creates a secondary calendar owned by the caller and adds it to their calendar list.',
  params: z.object({}).loose(),
  body: CalendarInput,
  handler: (ctx, { body }) => {
    if (!body.summary) throw googleError(400, 'required', 'Missing summary.');
    if (body.timeZone !== undefined && !isValidZone(body.timeZone)) throw googleError(400, 'timeZoneNotValid', `Invalid time zone: ${body.timeZone}`);
    const me = ctx.auth.principal.toLowerCase();
    const id = `c_${hexId('calendar.calendar', ctx.ws.nextCounter('calendar.calendar'), 26)}@group.calendar.google.com`;
    const owner = ctx.ws.collection<StoredCalendar>(COL.calendars).peek(me);
    const cal: StoredCalendar = {
      id, summary: body.summary, ...(body.description ? { description: body.description } : {}), ...(body.location ? { location: body.location } : {}),
      timeZone: body.timeZone ?? owner?.timeZone ?? 'UTC', owner: me, primary: false, etag: freshEtag(ctx, 'calendar'),
    };
    ctx.ws.collection<StoredCalendar>(COL.calendars).set(id, cal);
    ctx.ws.collection<StoredAclRule>(COL.acl).set(aclKey(id, `user:${me}`), { calendarId: id, id: `user:${me}`, role: 'owner', scope: { type: 'user', value: me }, etag: freshEtag(ctx, 'acl') });
    ctx.ws.collection<StoredCalendarListEntry>(COL.calendarList).set(`${me}|${id}`, {
      user: me, calendarId: id, colorId: '14', backgroundColor: '#9fe1e7', foregroundColor: '#000000', selected: true, defaultReminders: [], etag: freshEtag(ctx, 'list'),
    });
    return renderCalendar(cal);
  },
});

function editCalendar(replace: boolean) {
  return (ctx: OperationContext, { params, body }: { params: { calendarId: string }; body: CalendarInput }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'owner');
    const next = applyInput(ctx, cal, body, replace);
    ctx.ws.collection<StoredCalendar>(COL.calendars).set(cal.id, next);
    return renderCalendar(next);
  };
}

/** calendars.patch */
export const calendarsPatch = defineOperation({
  id: 'calendar.calendars.patch', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'PATCH', path: '/calendar/v3/calendars/{calendarId}' },
  description: "Changes the given fields of a calendar's metadata (owner only).",
  params: idOnly, body: CalendarInput, handler: editCalendar(false),
});

/** calendars.update */
export const calendarsUpdate = defineOperation({
  id: 'calendar.calendars.update', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'PUT', path: '/calendar/v3/calendars/{calendarId}' },
  description: "Replaces a calendar's metadata; fields not given are cleared (owner only).",
  params: idOnly, body: CalendarInput, handler: editCalendar(true),
});

/** calendars.delete */
export const calendarsDelete = defineOperation({
  id: 'calendar.calendars.delete', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'DELETE', path: '/calendar/v3/calendars/{calendarId}' },
  description: 'Deletes a secondary calendar and all its events (owner only). A primary calendar cannot be deleted; use calendars.clear.',
  params: idOnly,
  handler: (ctx, { params }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'owner');
    if (cal.primary) throw invalidArgument('Cannot delete a primary calendar; use calendars.clear to remove its events.');
    cancelAll(ctx, cal.id);
    ctx.ws.collection(COL.calendars).delete(cal.id);
    for (const col of [COL.acl, COL.calendarList]) {
      const c = ctx.ws.collection<StoredAclRule | StoredCalendarListEntry>(col);
      for (const [key, rec] of [...c.entries()]) if (('calendarId' in rec ? rec.calendarId : '') === cal.id) c.delete(key);
    }
    return undefined;
  },
});

/** calendars.clear */
export const calendarsClear = defineOperation({
  id: 'calendar.calendars.clear', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/calendars/{calendarId}/clear' },
  description: 'Deletes every event organized on a primary calendar (owner only; secondary calendars are deleted instead).',
  params: idOnly,
  handler: (ctx, { params }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'owner');
    if (!cal.primary) throw invalidArgument('Only a primary calendar can be cleared.');
    cancelAll(ctx, cal.id);
    return undefined;
  },
});

/** calendars.transferOwnership */
export const calendarsTransferOwnership = defineOperation({
  id: 'calendar.calendars.transferOwnership', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/calendars/{calendarId}/transferOwnership' },
  description: 'Transfers ownership of a secondary calendar to another user in the same domain (owner only); the old owner keeps writer access.',
  params: z.object({ calendarId: calendarIdParam, newDataOwner: z.string().optional().describe('Email of the new owner.') }).loose(),
  body: CalendarInput.optional(),
  handler: (ctx, { params, body }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'owner');
    const to = (params.newDataOwner ?? '').toLowerCase();
    void body;
    if (cal.primary) throw invalidArgument('A primary calendar cannot be transferred.');
    if (!to.includes('@')) throw googleError(400, 'required', 'Missing newDataOwner.');
    const me = ctx.auth.principal.toLowerCase();
    if (to.slice(to.indexOf('@')) !== me.slice(me.indexOf('@'))) throw googleError(403, 'forbidden', 'The new owner must be in the same domain.');
    const next = { ...cal, owner: to, etag: freshEtag(ctx, 'calendar') };
    ctx.ws.collection<StoredCalendar>(COL.calendars).set(cal.id, next);
    const acl = ctx.ws.collection<StoredAclRule>(COL.acl);
    acl.set(aclKey(cal.id, `user:${to}`), { calendarId: cal.id, id: `user:${to}`, role: 'owner', scope: { type: 'user', value: to }, etag: freshEtag(ctx, 'acl') });
    acl.set(aclKey(cal.id, `user:${me}`), { calendarId: cal.id, id: `user:${me}`, role: 'writer', scope: { type: 'user', value: me }, etag: freshEtag(ctx, 'acl') });
    // The reference: "If successful, the response body is empty" (the client types it void).
    return undefined;
  },
});

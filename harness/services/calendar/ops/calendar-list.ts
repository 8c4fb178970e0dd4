/** The caller's calendar list: calendarList.list/get/insert/patch/update/delete/watch. */
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../../../core/index.ts';
import { googleError, invalidArgument } from '../../wire-errors.ts';
import { qBool, qInt } from '../../wire-schema.ts';
import { accessRole, peekCalendar, roleRank } from '../access.ts';
import { freshEtag } from './calendars.ts';
import { COL, ROLES, type Role, type StoredCalendarListEntry } from '../model.ts';
import { paginate } from '../../google/paging.ts';
import { calendarIdParam, pageTokenParam } from '../schemas.ts';
import { ChannelInput, watchResponse } from './channels.ts';
import { calendarNotFound } from '../errors.ts';

const Reminder = z.object({ method: z.enum(['email', 'popup']).describe('How the reminder is delivered.'), minutes: z.number().int().describe('Minutes before the event.') });
const EntryInput = z.looseObject({
  id: z.string().optional().describe('Calendar id (required by insert).'),
  summaryOverride: z.string().nullable().optional().describe('Your own name for the calendar.'),
  colorId: z.string().optional().describe('Calendar colour id (see colors.get).'),
  backgroundColor: z.string().optional().describe('Hex colour #rrggbb; needs colorRgbFormat=true.'),
  foregroundColor: z.string().optional().describe('Hex colour #rrggbb; needs colorRgbFormat=true.'),
  hidden: z.boolean().optional().describe('Whether the calendar is hidden from the list.'),
  selected: z.boolean().optional().describe('Whether its events show in the UI.'),
  defaultReminders: z.array(Reminder).optional().describe('Default reminders for events on this calendar.'),
  notificationSettings: z.unknown().optional().describe('Email notifications for this calendar.'),
});
type EntryInput = z.infer<typeof EntryInput>;

const key = (user: string, id: string) => `${user}|${id}`;
const col = (ctx: OperationContext) => ctx.ws.collection<StoredCalendarListEntry>(COL.calendarList);

/** The wire CalendarListEntry, with the caller's live access role. */
function render(ctx: OperationContext, e: StoredCalendarListEntry): Record<string, unknown> | undefined {
  const cal = peekCalendar(ctx, e.calendarId);
  if (!cal) return undefined;
  const role = accessRole(ctx, cal, e.user);
  if (role === 'none') return undefined;
  return {
    kind: 'calendar#calendarListEntry', etag: e.etag, id: cal.id, summary: cal.summary,
    ...(cal.description ? { description: cal.description } : {}), ...(e.summaryOverride ? { summaryOverride: e.summaryOverride } : {}),
    timeZone: cal.timeZone, colorId: e.colorId, backgroundColor: e.backgroundColor, foregroundColor: e.foregroundColor,
    ...(e.hidden ? { hidden: true } : {}), selected: e.selected ?? false, accessRole: role, defaultReminders: e.defaultReminders,
    ...(e.notificationSettings ? { notificationSettings: e.notificationSettings } : {}), ...(cal.primary && cal.id === e.user ? { primary: true } : {}),
    conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
  };
}

function resolveId(ctx: OperationContext, id: string): string {
  return id === 'primary' ? ctx.auth.principal.toLowerCase() : id;
}

function entryOf(ctx: OperationContext, id: string): StoredCalendarListEntry {
  const e = col(ctx).get(key(ctx.auth.principal.toLowerCase(), resolveId(ctx, id)));
  if (!e || !render(ctx, e)) throw calendarNotFound();
  return e;
}

function applyEntry(ctx: OperationContext, cur: StoredCalendarListEntry, b: EntryInput, rgb: boolean | undefined, replace: boolean): StoredCalendarListEntry {
  if ((b.backgroundColor !== undefined || b.foregroundColor !== undefined) && !rgb) {
    throw invalidArgument('Setting backgroundColor or foregroundColor needs colorRgbFormat=true.');
  }
  const next: StoredCalendarListEntry = { ...cur, etag: freshEtag(ctx, 'list') };
  if (replace) {
    delete next.summaryOverride;
    next.defaultReminders = [];
    next.hidden = false;
  }
  if (b.summaryOverride === null) delete next.summaryOverride;
  else if (b.summaryOverride !== undefined) next.summaryOverride = b.summaryOverride;
  if (b.colorId !== undefined) next.colorId = b.colorId;
  if (b.backgroundColor !== undefined) next.backgroundColor = b.backgroundColor;
  if (b.foregroundColor !== undefined) next.foregroundColor = b.foregroundColor;
  if (b.hidden !== undefined) next.hidden = b.hidden;
  if (b.selected !== undefined) next.selected = b.selected;
  if (b.defaultReminders !== undefined) next.defaultReminders = b.defaultReminders;
  if (b.notificationSettings !== undefined) next.notificationSettings = b.notificationSettings;
  // Hiding a calendar deselects it, as in Google Calendar.
  if (next.hidden) next.selected = false;
  return next;
}

const rgbParam = qBool('Whether backgroundColor/foregroundColor are given (and override colorId).');

/** calendarList.list */
export const calendarListList = defineOperation({
  id: 'calendar.calendarList.list', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/users/me/calendarList' },
  description: "Lists the calendars on the caller's calendar list (own, shared with them, subscribed), each with the caller's accessRole.",
  params: z.object({
    minAccessRole: z.enum(['freeBusyReader', 'reader', 'writer', 'owner']).optional().describe('Only calendars where the caller has at least this role.'),
    showHidden: qBool('Whether to include hidden calendars.'), showDeleted: qBool('Whether to include deleted entries.'),
    maxResults: qInt('Maximum entries per page (default 100, at most 250).'), pageToken: pageTokenParam,
    syncToken: z.string().optional().describe('Not supported for filtering here: any valid token returns the full list.'),
  }),
  handler: (ctx, { params }) => {
    const me = ctx.auth.principal.toLowerCase();
    const min: Role = params.minAccessRole ?? 'freeBusyReader';
    const items: Record<string, unknown>[] = [];
    for (const e of col(ctx).values()) {
      if (e.user !== me || (e.hidden && !params.showHidden)) continue;
      const r = render(ctx, e);
      if (r && roleRank(r.accessRole as Role) >= ROLES.indexOf(min)) items.push(r);
    }
    const max = Math.min(Math.max(params.maxResults ?? 100, 1), 250);
    const { pageToken: _p, maxResults: _m, ...query } = params;
    const page = paginate(items, params.pageToken, max, query, 'calendar');
    return {
      kind: 'calendar#calendarList', etag: `"${ctx.ws.nowMs()}"`, items: page.page,
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : { nextSyncToken: `CL${Buffer.from(me).toString('base64url')}` }),
    };
  },
});

/** calendarList.get */
export const calendarListGet = defineOperation({
  id: 'calendar.calendarList.get', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/users/me/calendarList/{calendarId}' },
  description: "Returns one entry of the caller's calendar list.",
  params: z.object({ calendarId: calendarIdParam }),
  handler: (ctx, { params }) => render(ctx, entryOf(ctx, params.calendarId)),
});

/** calendarList.insert */
export const calendarListInsert = defineOperation({
  id: 'calendar.calendarList.insert', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/users/me/calendarList' },
  description: "Adds an existing calendar the caller can see (shared with them, or public) to their calendar list.",
  params: z.object({ colorRgbFormat: rgbParam }),
  body: EntryInput,
  handler: (ctx, { params, body }) => {
    if (!body.id) throw googleError(400, 'required', 'Missing calendar id.');
    const me = ctx.auth.principal.toLowerCase();
    const cal = peekCalendar(ctx, resolveId(ctx, body.id));
    if (!cal || accessRole(ctx, cal, me) === 'none') throw calendarNotFound();
    const existing = col(ctx).peek(key(me, cal.id));
    const base: StoredCalendarListEntry = existing ?? { user: me, calendarId: cal.id, colorId: '9', backgroundColor: '#7bd148', foregroundColor: '#000000', selected: true, defaultReminders: [], etag: '' };
    const next = applyEntry(ctx, base, body, params.colorRgbFormat, false);
    col(ctx).set(key(me, cal.id), next);
    return render(ctx, next);
  },
});

function editEntry(replace: boolean) {
  return (ctx: OperationContext, { params, body }: { params: { calendarId: string; colorRgbFormat?: boolean | undefined }; body: EntryInput }) => {
    const cur = entryOf(ctx, params.calendarId);
    const next = applyEntry(ctx, cur, body, params.colorRgbFormat, replace);
    col(ctx).set(key(cur.user, cur.calendarId), next);
    return render(ctx, next);
  };
}

/** calendarList.patch */
export const calendarListPatch = defineOperation({
  id: 'calendar.calendarList.patch', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'PATCH', path: '/calendar/v3/users/me/calendarList/{calendarId}' },
  description: "Changes the caller's own settings for a calendar in their list (name override, colour, hidden, selected, default reminders).",
  params: z.object({ calendarId: calendarIdParam, colorRgbFormat: rgbParam }), body: EntryInput, handler: editEntry(false),
});

/** calendarList.update */
export const calendarListUpdate = defineOperation({
  id: 'calendar.calendarList.update', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'PUT', path: '/calendar/v3/users/me/calendarList/{calendarId}' },
  description: "Replaces the caller's own settings for a calendar in their list; unspecified settings are reset.",
  params: z.object({ calendarId: calendarIdParam, colorRgbFormat: rgbParam }), body: EntryInput, handler: editEntry(true),
});

/** calendarList.delete */
export const calendarListDelete = defineOperation({
  id: 'calendar.calendarList.delete', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'DELETE', path: '/calendar/v3/users/me/calendarList/{calendarId}' },
  description: "Removes a calendar from the caller's list (the calendar itself and its sharing are untouched). The primary calendar cannot be removed.",
  params: z.object({ calendarId: calendarIdParam }),
  handler: (ctx, { params }) => {
    const e = entryOf(ctx, params.calendarId);
    if (e.calendarId === e.user) throw invalidArgument('The primary calendar cannot be removed from the calendar list.');
    col(ctx).delete(key(e.user, e.calendarId));
    return undefined;
  },
});

/** calendarList.watch */
export const calendarListWatch = defineOperation({
  id: 'calendar.calendarList.watch', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/users/me/calendarList/watch' },
  description: "Registers a push channel for changes to the caller's calendar list: a `sync` POST to the channel address at once, then `exists` on each change (delivered to addresses on this machine only).",
  params: z.object({}).loose(), body: ChannelInput,
  handler: (ctx, { body }) => watchResponse(ctx, body, 'https://www.googleapis.com/calendar/v3/users/me/calendarList?alt=json'),
});

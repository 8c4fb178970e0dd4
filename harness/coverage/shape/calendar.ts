/**
 * Calendar's response shapes: the views the reference documents and one probe per method
 * through the official @googleapis/calendar client. Field types come from the client's
 * `Schema$…` typings; presence rules are written from the reference pages
 * (developers.google.com/workspace/calendar/api/v3/reference/…): a list envelope always
 * carries kind, etag and items plus nextPageToken or (last page) nextSyncToken; an Event
 * always carries its identity, times, people, reminders and type; summary, description,
 * location, attendees, recurrence and the rest only when set.
 */
import type { calendar_v3 } from '@googleapis/calendar';
import { googleSchemas } from './google-schemas.ts';
import { expectEmpty, expectError, expectView, gaxios, googleErrorCheck } from './google-adapter.ts';
import type { ApiAdapter, Probe, ViewSpec } from './types.ts';

const EVENT: ViewSpec = {
  schema: 'Event',
  always: ['kind', 'etag', 'id', 'status', 'htmlLink', 'created', 'updated', 'creator', 'organizer', 'start', 'end', 'iCalUID', 'sequence', 'reminders', 'eventType'],
  conditional: {
    summary: 'when the event has a title', description: 'when set', location: 'when set', attendees: 'when the event has guests',
    recurrence: 'recurring series', recurringEventId: 'instances', originalStartTime: 'instances', hangoutLink: 'with a Meet link',
    conferenceData: 'with a conference', transparency: 'when not opaque', visibility: 'when not default', colorId: 'when set',
  },
};
const ONE_OF_TOKENS = { nextPageToken: 'when more pages follow', nextSyncToken: 'on the last page' };
const list = (schema: string, item: ViewSpec, extra: string[] = []): ViewSpec => ({
  schema, always: ['kind', 'etag', 'items', ...extra], conditional: ONE_OF_TOKENS, nested: { items: item },
});
const CALENDAR: ViewSpec = { schema: 'Calendar', always: ['kind', 'etag', 'id', 'summary', 'timeZone'], conditional: { description: 'when set', location: 'when set' } };
const ENTRY: ViewSpec = {
  schema: 'CalendarListEntry', always: ['kind', 'etag', 'id', 'summary', 'timeZone', 'colorId', 'backgroundColor', 'foregroundColor', 'accessRole', 'defaultReminders'],
  conditional: { selected: 'when shown in the UI', primary: 'the primary calendar', summaryOverride: 'when set', hidden: 'when hidden', notificationSettings: 'owners only' },
};
const RULE: ViewSpec = { schema: 'AclRule', always: ['kind', 'etag', 'id', 'scope', 'role'] };
const SETTING: ViewSpec = { schema: 'Setting', always: ['kind', 'etag', 'id', 'value'] };
const CHANNEL: ViewSpec = { schema: 'Channel', always: ['kind', 'id', 'resourceId', 'resourceUri', 'expiration'], conditional: { token: 'when the watch request set one' } };

/** Views of the Calendar reference. */
export const CALENDAR_VIEWS = {
  event: EVENT,
  events: list('Events', EVENT, ['summary', 'updated', 'timeZone', 'accessRole', 'defaultReminders']),
  calendar: CALENDAR,
  entry: ENTRY,
  calendarList: list('CalendarList', ENTRY),
  rule: RULE,
  acl: list('Acl', RULE),
  setting: SETTING,
  settings: list('Settings', SETTING),
  colors: { schema: 'Colors', always: ['kind', 'updated', 'calendar', 'event'] },
  freeBusy: { schema: 'FreeBusyResponse', always: ['kind', 'timeMin', 'timeMax', 'calendars'] },
  channel: CHANNEL,
} satisfies Record<string, ViewSpec>;

const V = CALENDAR_VIEWS;
type C = calendar_v3.Calendar;

function p(method: string, expect: Probe<C>['expect'], call: Probe<C>['call'], what?: string): Probe<C> {
  return { method, expect, call, ...(what ? { what } : {}) };
}

const ev = (summary: string, day: number): calendar_v3.Schema$Event => ({
  summary, start: { dateTime: `2026-04-${String(day).padStart(2, '0')}T10:00:00Z` }, end: { dateTime: `2026-04-${String(day).padStart(2, '0')}T11:00:00Z` },
});
const watchBody = (id: string): calendar_v3.Schema$Channel => ({ id, type: 'web_hook', address: 'https://example.invalid/notify', token: 'probe' });

/** One probe (or more) per Calendar method; later probes use the ids earlier ones made. */
export function calendarProbes(principal: string): Probe<C>[] {
  const domain = principal.slice(principal.indexOf('@'));
  return [
    p('calendarList.list', expectView(V.calendarList), async (c, st) => {
      const r = await gaxios(c.calendarList.list({ maxResults: 250 }));
      const items = (r.data as calendar_v3.Schema$CalendarList).items ?? [];
      st.colleague = items.find((i) => i.id !== principal && i.id?.endsWith(domain))?.id ?? `someone${domain}`;
      return r;
    }),
    p('calendarList.get', expectView(V.entry), (c) => gaxios(c.calendarList.get({ calendarId: 'primary' }))),
    p('events.list', expectView(V.events), (c) => gaxios(c.events.list({ calendarId: 'primary', maxResults: 20, singleEvents: true, orderBy: 'startTime', timeMin: '2026-01-01T00:00:00Z' })), 'first page'),
    p('events.list', expectView(V.events), (c) => gaxios(c.events.list({ calendarId: 'primary', timeMin: '2031-01-01T00:00:00Z', timeMax: '2031-01-02T00:00:00Z' })), 'empty last page'),
    p('events.insert', expectView(V.event), async (c, st) => {
      const r = await gaxios(c.events.insert({ calendarId: 'primary', requestBody: { ...ev('Shape probe', 7), attendees: [{ email: st.colleague! }], location: 'Room 4' } }));
      st.event = (r.data as { id: string }).id;
      return r;
    }),
    p('events.get', expectView(V.event), (c, st) => gaxios(c.events.get({ calendarId: 'primary', eventId: st.event! }))),
    p('events.get', expectError(404, 'notFound'), (c) => gaxios(c.events.get({ calendarId: 'primary', eventId: 'nosuchevent00' })), 'missing event'),
    p('events.patch', expectView(V.event), (c, st) => gaxios(c.events.patch({ calendarId: 'primary', eventId: st.event!, requestBody: { description: 'Agenda' } }))),
    p('events.update', expectView(V.event), (c, st) => gaxios(c.events.update({ calendarId: 'primary', eventId: st.event!, requestBody: ev('Shape probe (moved)', 8) })), 'PUT without reminders'),
    p('events.insert', expectView(V.event), async (c, st) => {
      const r = await gaxios(c.events.insert({ calendarId: 'primary', requestBody: { summary: 'Weekly', start: { dateTime: '2026-04-06T09:00:00', timeZone: 'Europe/Zurich' }, end: { dateTime: '2026-04-06T09:30:00', timeZone: 'Europe/Zurich' }, recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] } }));
      st.series = (r.data as { id: string }).id;
      return r;
    }, 'recurring'),
    p('events.instances', expectView(V.events), (c, st) => gaxios(c.events.instances({ calendarId: 'primary', eventId: st.series! }))),
    p('events.quickAdd', expectView(V.event), (c) => gaxios(c.events.quickAdd({ calendarId: 'primary', text: 'Coffee with Ana tomorrow at 3pm' }))),
    p('events.import', expectView(V.event), (c) => gaxios(c.events.import({ calendarId: 'primary', requestBody: { ...ev('Imported', 9), iCalUID: 'probe-import@example.com' } }))),
    p('events.watch', expectView(V.channel), (c) => gaxios(c.events.watch({ calendarId: 'primary', requestBody: watchBody('probe-events') }))),
    p('channels.stop', expectEmpty, (c) => gaxios(c.channels.stop({ requestBody: { id: 'probe-events' } }))),
    p('calendars.insert', expectView(V.calendar), async (c, st) => {
      const r = await gaxios(c.calendars.insert({ requestBody: { summary: 'Shape probe calendar', timeZone: 'Europe/Zurich' } }));
      st.cal = (r.data as { id: string }).id;
      return r;
    }),
    p('calendars.get', expectView(V.calendar), (c, st) => gaxios(c.calendars.get({ calendarId: st.cal! }))),
    p('calendars.patch', expectView(V.calendar), (c, st) => gaxios(c.calendars.patch({ calendarId: st.cal!, requestBody: { description: 'Probe' } }))),
    p('calendars.update', expectView(V.calendar), (c, st) => gaxios(c.calendars.update({ calendarId: st.cal!, requestBody: { summary: 'Shape probe calendar 2', timeZone: 'UTC' } }))),
    p('events.move', expectView(V.event), (c, st) => gaxios(c.events.move({ calendarId: 'primary', eventId: st.event!, destination: st.cal! }))),
    p('events.delete', expectEmpty, (c, st) => gaxios(c.events.delete({ calendarId: st.cal!, eventId: st.event! }))),
    p('calendarList.patch', expectView(V.entry), (c, st) => gaxios(c.calendarList.patch({ calendarId: st.cal!, requestBody: { colorId: '7' } }))),
    p('calendarList.update', expectView(V.entry), (c, st) => gaxios(c.calendarList.update({ calendarId: st.cal!, requestBody: { summaryOverride: 'Probe' } }))),
    p('calendarList.delete', expectEmpty, (c, st) => gaxios(c.calendarList.delete({ calendarId: st.cal! }))),
    p('calendarList.insert', expectView(V.entry), (c, st) => gaxios(c.calendarList.insert({ requestBody: { id: st.cal! } }))),
    p('calendarList.watch', expectView(V.channel), (c) => gaxios(c.calendarList.watch({ requestBody: watchBody('probe-list') }))),
    p('acl.list', expectView(V.acl), (c) => gaxios(c.acl.list({ calendarId: 'primary' }))),
    p('acl.insert', expectView(V.rule), async (c, st) => {
      const r = await gaxios(c.acl.insert({ calendarId: st.cal!, requestBody: { role: 'reader', scope: { type: 'user', value: st.colleague! } } }));
      st.rule = (r.data as { id: string }).id;
      return r;
    }),
    p('acl.get', expectView(V.rule), (c, st) => gaxios(c.acl.get({ calendarId: st.cal!, ruleId: st.rule! }))),
    p('acl.patch', expectView(V.rule), (c, st) => gaxios(c.acl.patch({ calendarId: st.cal!, ruleId: st.rule!, requestBody: { role: 'writer' } }))),
    p('acl.update', expectView(V.rule), (c, st) => gaxios(c.acl.update({ calendarId: st.cal!, ruleId: st.rule!, requestBody: { role: 'reader', scope: { type: 'user', value: st.colleague! } } }))),
    p('acl.delete', expectEmpty, (c, st) => gaxios(c.acl.delete({ calendarId: st.cal!, ruleId: st.rule! }))),
    p('acl.watch', expectView(V.channel), (c) => gaxios(c.acl.watch({ calendarId: 'primary', requestBody: watchBody('probe-acl') }))),
    p('calendars.transferOwnership', expectEmpty, (c, st) => gaxios(c.calendars.transferOwnership({ calendarId: st.cal!, newDataOwner: st.colleague!, useAdminAccess: false }))),
    p('calendars.delete', expectError(403), (c, st) => gaxios(c.calendars.delete({ calendarId: st.cal! })), 'no longer the owner'),
    p('calendars.insert', expectView(V.calendar), async (c, st) => {
      const r = await gaxios(c.calendars.insert({ requestBody: { summary: 'Throwaway' } }));
      st.cal2 = (r.data as { id: string }).id;
      return r;
    }, 'second calendar'),
    p('calendars.delete', expectEmpty, (c, st) => gaxios(c.calendars.delete({ calendarId: st.cal2! }))),
    p('freebusy.query', expectView(V.freeBusy), (c, st) => gaxios(c.freebusy.query({ requestBody: { timeMin: '2026-04-01T00:00:00Z', timeMax: '2026-04-08T00:00:00Z', items: [{ id: 'primary' }, { id: st.colleague! }] } }))),
    p('colors.get', expectView(V.colors), (c) => gaxios(c.colors.get())),
    p('settings.list', expectView(V.settings), (c) => gaxios(c.settings.list())),
    p('settings.get', expectView(V.setting), (c) => gaxios(c.settings.get({ setting: 'timezone' }))),
    p('settings.watch', expectView(V.channel), (c) => gaxios(c.settings.watch({ requestBody: watchBody('probe-settings') }))),
    p('calendars.clear', expectEmpty, (c) => gaxios(c.calendars.clear({ calendarId: 'primary' }))),
  ];
}

/** The Calendar adapter of the shape runner. */
export function calendarAdapter(principal: string): ApiAdapter<C> {
  return { api: 'calendar', schemas: googleSchemas('calendar'), checkError: googleErrorCheck('calendar'), probes: calendarProbes(principal) };
}

/** Google Calendar API v3: record collections and the operation table (38 methods). */
import { defineService } from '../../core/index.ts';
import { CalendarNotification, StoredAclRule, StoredCalendar, StoredCalendarListEntry, StoredChannel, StoredEvent, StoredSetting } from './model.ts';
import { aclDelete, aclGet, aclInsert, aclList, aclPatch, aclUpdate, aclWatch } from './ops/acl.ts';
import { calendarListDelete, calendarListGet, calendarListInsert, calendarListList, calendarListPatch, calendarListUpdate, calendarListWatch } from './ops/calendar-list.ts';
import { calendarsClear, calendarsDelete, calendarsGet, calendarsInsert, calendarsPatch, calendarsTransferOwnership, calendarsUpdate } from './ops/calendars.ts';
import { channelsStop } from './ops/channels.ts';
import { colorsGet } from './ops/colors.ts';
import { eventsImport, eventsMove, eventsQuickAdd, eventsWatch } from './ops/events-more.ts';
import { eventsGet, eventsInstances, eventsList } from './ops/events-read.ts';
import { eventsDelete, eventsInsert, eventsPatch, eventsUpdate } from './ops/events-write.ts';
import { freebusyQuery } from './ops/freebusy.ts';
import { settingsGet, settingsList, settingsWatch } from './ops/settings.ts';

/** The calendar service. */
export const calendarService = defineService({
  id: 'calendar',
  title: 'Google Calendar API v3',
  style: 'google',
  basePath: '/calendar/v3',
  collections: {
    calendars: StoredCalendar,
    events: StoredEvent,
    acl: StoredAclRule,
    calendarList: StoredCalendarListEntry,
    settings: StoredSetting,
    notifications: CalendarNotification,
    channels: StoredChannel,
  },
  operations: [
    eventsList, eventsGet, eventsInsert, eventsPatch, eventsUpdate, eventsDelete, eventsInstances, eventsMove, eventsQuickAdd, eventsImport, eventsWatch,
    calendarListList, calendarListGet, calendarListInsert, calendarListPatch, calendarListUpdate, calendarListDelete, calendarListWatch,
    calendarsGet, calendarsInsert, calendarsPatch, calendarsUpdate, calendarsDelete, calendarsClear, calendarsTransferOwnership,
    aclList, aclGet, aclInsert, aclPatch, aclUpdate, aclDelete, aclWatch,
    freebusyQuery, colorsGet, settingsList, settingsGet, settingsWatch, channelsStop,
  ],
});

/** Google Calendar API v3: records and operation table (filled in by the calendar service work). */
import { defineService } from '../../core/index.ts';

/** The calendar service. */
export const calendarService = defineService({
  id: 'calendar',
  title: 'Google Calendar API v3',
  style: 'google',
  basePath: '/calendar/v3',
  collections: {},
  operations: [],
});

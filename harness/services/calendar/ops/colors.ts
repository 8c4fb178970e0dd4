/** colors.get: the calendar and event colour palettes. */
import { z } from 'zod';
import { defineOperation } from '../../../core/index.ts';
import { CALENDAR_COLORS, EVENT_COLORS } from '../colors.ts';

/** colors.get */
export const colorsGet = defineOperation({
  id: 'calendar.colors.get', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/colors' },
  description: 'Returns the colour palette: calendar colour ids and event colour ids with their hex values.',
  params: z.object({}).loose(),
  handler: () => ({ kind: 'calendar#colors', updated: '2012-02-14T00:00:00.000Z', calendar: CALENDAR_COLORS, event: EVENT_COLORS }),
});

/** The caller's settings: list, get, watch. */
import { z } from 'zod';
import { defineOperation } from '../../../core/index.ts';
import { qInt } from '../../wire-schema.ts';
import { COL, type StoredSetting } from '../model.ts';
import { pageTokenParam } from '../schemas.ts';
import { ChannelInput, watchResponse } from './channels.ts';
import { paginate } from '../../google/paging.ts';
import { renderSetting } from '../render.ts';
import { calendarNotFound } from '../errors.ts';

/** settings.list */
export const settingsList = defineOperation({
  id: 'calendar.settings.list', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/users/me/settings' },
  description: "Lists the caller's Calendar settings (timezone, locale, weekStart, format24HourTime, ...).",
  params: z.object({ maxResults: qInt('Maximum settings per page (default 100, at most 250).'), pageToken: pageTokenParam, syncToken: z.string().optional().describe('Ignored: the full list is returned.') }),
  handler: (ctx, { params }) => {
    const me = ctx.auth.principal.toLowerCase();
    const items = [...ctx.ws.collection<StoredSetting>(COL.settings).values()].filter((s) => s.user === me).map(renderSetting);
    const page = paginate(items, params.pageToken, Math.min(Math.max(params.maxResults ?? 100, 1), 250), { me }, 'calendar');
    return { kind: 'calendar#settings', etag: `"${ctx.ws.nowMs()}"`, items: page.page, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : { nextSyncToken: `CS${Buffer.from(me).toString('base64url')}` }) };
  },
});

/** settings.get */
export const settingsGet = defineOperation({
  id: 'calendar.settings.get', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/users/me/settings/{setting}' },
  description: "Returns one of the caller's settings by id, e.g. 'timezone'.",
  params: z.object({ setting: z.string().min(1).describe("Setting id: timezone, locale, weekStart, format24HourTime, dateFieldOrder, defaultEventLength, hideWeekends, ...") }),
  handler: (ctx, { params }) => {
    const s = ctx.ws.collection<StoredSetting>(COL.settings).get(`${ctx.auth.principal.toLowerCase()}|${params.setting}`);
    if (!s) throw calendarNotFound();
    return renderSetting(s);
  },
});

/** settings.watch */
export const settingsWatch = defineOperation({
  id: 'calendar.settings.watch', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/users/me/settings/watch' },
  description: "Registers a push channel for changes to the caller's settings: a `sync` POST to the channel address at once, then `exists` on each change (delivered to addresses on this machine only).",
  params: z.object({}).loose(), body: ChannelInput,
  handler: (ctx, { body }) => watchResponse(ctx, body, 'https://www.googleapis.com/calendar/v3/users/me/settings?alt=json'),
});

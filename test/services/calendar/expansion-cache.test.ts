/**
 * Series expansions are remembered per stored (frozen) series record and window: a second
 * trial listing the same week reads them back, and a trial that edits a series (a new
 * record) sees its edit while other trials keep the base's instances.
 */
import { describe, expect, it } from 'vitest';
import { baseWorkspace, companyFor } from '../../../datasets/base-workspace.ts';
import { createWorkspace } from '../../../harness/services/workspace.ts';
import { expandSeries, MAX_OCCURRENCES, type SeriesSpec } from '../../../harness/services/calendar/recurrence.ts';
import { createRng, deepFreeze } from '../../../harness/core/index.ts';
import type { StoredEvent } from '../../../harness/services/calendar/model.ts';

const OWNER = companyFor(1).owner.email;
const opts = { face: 'tool' as const, auth: { principal: OWNER, tokenKind: 'user' as const } };
const WEEK = { calendarId: 'primary', timeMin: '2026-03-16T00:00:00-04:00', timeMax: '2026-03-23T00:00:00-04:00', singleEvents: true, orderBy: 'startTime' };

function week(ws: ReturnType<typeof createWorkspace>): Array<{ id: string; summary?: string; start: unknown }> {
  const r = ws.invoke('calendar.events.list', WEEK, opts);
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { items: Array<{ id: string; summary?: string; start: unknown }> }).items;
}

describe('remembered series expansions', () => {
  const base = baseWorkspace(1);

  it('gives the same week to every trial, and a trial editing a series sees only its own edit', () => {
    const a = createWorkspace(base);
    const first = week(a);
    expect(first.some((e) => e.id.includes('_'))).toBe(true);
    const b = createWorkspace(base);
    expect(week(b)).toEqual(first);
    const instance = first.find((e) => e.id.includes('_') && e.summary?.startsWith(`${companyFor(1).owner.givenName} / `))!;
    const seriesId = instance.id.slice(0, instance.id.indexOf('_'));
    const patched = b.invoke('calendar.events.patch', { calendarId: 'primary', eventId: seriesId, requestBody: { summary: 'Renamed series' } }, opts);
    expect(patched.ok).toBe(true);
    expect(week(b).filter((e) => e.id.startsWith(`${seriesId}_`)).every((e) => e.summary === 'Renamed series')).toBe(true);
    expect(week(createWorkspace(base))).toEqual(first);
  });

  it('hands out copies: changing a returned list or reading it twice never changes the next answer', () => {
    const series = [...base.collections.get('calendar.events')!.values()].find((e) => (e as StoredEvent).recurrence) as SeriesSpec;
    const from = Date.parse('2026-03-01T00:00:00Z');
    const to = Date.parse('2026-04-01T00:00:00Z');
    const once = expandSeries(series, 'America/New_York', from, to);
    expect(once.length).toBeGreaterThan(0);
    once.length = 0;
    const twice = expandSeries(series, 'America/New_York', from, to);
    expect(twice.length).toBeGreaterThan(0);
    expect(Object.isFrozen(twice[0])).toBe(true);
    expect(twice).toEqual(expandSeries({ ...series }, 'America/New_York', from, to));
  });

  it('expands a list without timeMax to the end of its horizon day and cuts back to exactly what the horizon gives', () => {
    const stored = [...base.collections.get('calendar.events')!.values()].filter((e) => (e as StoredEvent).recurrence) as SeriesSpec[];
    const timed = (dateTime: string, tz: string) => ({ dateTime, timeZone: tz });
    const made: SeriesSpec[] = [
      { id: 'dailyexdates', start: timed('2026-03-02T09:00:00-05:00', 'America/New_York'), end: timed('2026-03-02T09:15:00-05:00', 'America/New_York'), recurrence: ['RRULE:FREQ=DAILY', 'EXDATE;TZID=America/New_York:20260310T090000,20270305T090000', 'RDATE;TZID=America/New_York:20270302T200000'] },
      { id: 'exrule', start: timed('2026-03-02T09:00:00-05:00', 'America/New_York'), end: timed('2026-03-02T10:00:00-05:00', 'America/New_York'), recurrence: ['RRULE:FREQ=DAILY', 'EXRULE:FREQ=WEEKLY;BYDAY=SA,SU'] },
      { id: 'allday', start: { date: '2026-01-05' }, end: { date: '2026-01-06' }, recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,FR'] },
      { id: 'kolkata', start: timed('2026-01-05T18:30:00+05:30', 'Asia/Kolkata'), end: timed('2026-01-05T19:00:00+05:30', 'Asia/Kolkata'), recurrence: ['RRULE:FREQ=DAILY;INTERVAL=1'] },
      { id: 'capped', start: timed('2026-03-02T09:00:00Z', 'UTC'), end: timed('2026-03-02T09:00:30Z', 'UTC'), recurrence: ['RRULE:FREQ=MINUTELY;INTERVAL=7'] },
    ];
    const rng = createRng('expansion-horizon-test');
    const now = Date.parse('2026-03-16T14:00:00Z');
    let compared = 0;
    let capped = 0;
    for (const series of [...stored, ...made.map((m) => deepFreeze(m))]) {
      const tz = series.start.timeZone ?? 'America/New_York';
      for (let i = 0; i < 12; i++) {
        // Horizons a year past clocks through a day and at midnight itself, windows from before the series to the horizon.
        const horizon = now + rng.int(0, 400) * 86_400_000 + rng.pick([0, 1, 999, 3_600_000, 86_399_999, rng.int(0, 86_400_000)]);
        const from = rng.pick([undefined, now, now - 40 * 86_400_000, horizon - 3 * 86_400_000, horizon + 86_400_000]);
        const wide = expandSeries(series, tz, from, undefined, horizon, () => {});
        // An unfrozen copy is never remembered: expanded to the exact horizon.
        const exact = expandSeries({ ...series }, tz, from, undefined, horizon, () => {});
        expect(wide, `${series.id} from ${from} to ${horizon}`).toEqual(exact);
        if (exact.length === MAX_OCCURRENCES) capped++;
        compared += exact.length;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(capped).toBeGreaterThan(0);
  });
});

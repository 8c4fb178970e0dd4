/**
 * Series expansions are remembered per stored (frozen) series record and window: a second
 * trial listing the same week reads them back, and a trial that edits a series (a new
 * record) sees its edit while other trials keep the base's instances.
 */
import { describe, expect, it } from 'vitest';
import { baseWorkspace, companyFor } from '../../../datasets/base-workspace.ts';
import { createWorkspace } from '../../../harness/services/workspace.ts';
import { expandSeries, type SeriesSpec } from '../../../harness/services/calendar/recurrence.ts';
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
});

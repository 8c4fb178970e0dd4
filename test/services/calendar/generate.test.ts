/** The base calendar: size, shape, determinism and build time. */
import { describe, expect, it } from 'vitest';
import { createRng, stableHash } from '../../../harness/core/index.ts';
import { generateCalendar } from '../../../datasets/calendar/generate.ts';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';
import type { StoredEvent } from '../../../harness/services/calendar/model.ts';
import { CEO, OWNER, SHARED, calendarBase, company, ok, trial } from './helpers.ts';

const events = () => [...(calendarBase().collections.get('calendar.events')!.values() as Iterable<StoredEvent>)];
const NOW = Date.parse('2026-03-16T14:00:00Z');
const DAY = 86_400_000;

describe('generateCalendar', () => {
  it('is deterministic and fast', () => {
    const build = () => {
      const ws = createEmptyWorkspace();
      const t = performance.now();
      generateCalendar(ws, company, createRng('base/1').fork('calendar'));
      return { hash: stableHash(ws.dump()), ms: performance.now() - t, now: ws.now() };
    };
    const a = build();
    const b = build();
    expect(a.hash).toBe(b.hash);
    // Generation must not move the base clock.
    expect(a.now).toBe('2026-03-16T14:00:00.000Z');
    // ~50–100 ms warm on a quiet machine; the bound is loose because test files run in parallel.
    expect(b.ms).toBeLessThan(2000);
  });

  it('has at least 300 events over six months around now', () => {
    const evs = events();
    expect(evs.length).toBeGreaterThanOrEqual(300);
    const starts = evs.filter((e) => e.start.dateTime).map((e) => Date.parse(e.start.dateTime!));
    expect(Math.min(...starts)).toBeLessThan(NOW - 80 * DAY);
    expect(Math.max(...starts)).toBeGreaterThan(NOW + 80 * DAY);
    for (const e of evs) expect(Date.parse(e.updated)).toBeLessThanOrEqual(NOW);
  });

  it('has series with exceptions, all-day and multi-zone events, externals and pending RSVPs', () => {
    const evs = events();
    const series = evs.filter((e) => e.recurrence);
    expect(series.length).toBeGreaterThanOrEqual(8);
    expect(series.some((e) => e.recurrence!.some((r) => r.includes('FREQ=DAILY')))).toBe(true);
    expect(series.some((e) => e.recurrence!.some((r) => r.includes('FREQ=MONTHLY')))).toBe(true);
    expect(series.some((e) => e.recurrence!.some((r) => r.startsWith('EXDATE')))).toBe(true);
    const exceptions = evs.filter((e) => e.recurringEventId);
    expect(exceptions.some((e) => e.status === 'cancelled')).toBe(true);
    expect(exceptions.some((e) => e.status !== 'cancelled' && e.start.dateTime !== e.originalStartTime?.dateTime)).toBe(true);
    expect(evs.filter((e) => e.start.date).length).toBeGreaterThanOrEqual(8);
    expect(new Set(evs.map((e) => e.start.timeZone).filter(Boolean)).size).toBeGreaterThanOrEqual(4);
    expect(evs.some((e) => e.start.timeZone !== e.end.timeZone)).toBe(true);
    const mine = evs.filter((e) => e.attendees?.some((a) => a.email === OWNER));
    expect(mine.some((e) => e.attendees!.some((a) => !a.email.endsWith('@corvidlabs.com')))).toBe(true);
    expect(mine.some((e) => e.organizer.email !== OWNER && e.attendees!.find((a) => a.email === OWNER)!.responseStatus === 'needsAction' && Date.parse(e.start.dateTime ?? '2000-01-01') > NOW)).toBe(true);
    expect(evs.some((e) => e.hangoutLink)).toBe(true);
    expect(evs.some((e) => e.location)).toBe(true);
    expect(evs.some((e) => e.description)).toBe(true);
  });

  it('gives the owner shared calendars with roles and lets freebusy see colleagues', () => {
    const ws = trial();
    const list = ok(ws, 'calendar.calendarList.list', { showHidden: true });
    const roles = Object.fromEntries(list.items.map((e: any) => [e.id, e.accessRole]));
    expect(roles).toMatchObject({ [OWNER]: 'owner', [CEO.email]: 'writer', [SHARED.executive]: 'writer', [SHARED.holidays]: 'reader', [SHARED.engineering]: 'reader' });
    const others = company.employees.filter((p) => p.email !== OWNER).slice(0, 10).map((p) => ({ id: p.email }));
    const fb = ok(ws, 'calendar.freebusy.query', { requestBody: { timeMin: '2026-02-14T00:00:00Z', timeMax: '2026-04-16T00:00:00Z', items: others } });
    const busyPeople = Object.values(fb.calendars).filter((c: any) => c.busy.length > 0);
    expect(busyPeople.length).toBe(10);
  });
});

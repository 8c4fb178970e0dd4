/**
 * The calendar index gives every calendar the events a scan of all events would, in the
 * same order, and the same latest change counter, before and after a trial's writes
 * (inserts with attendees, attendee changes, moves between calendars, deletes).
 */
import { describe, expect, it } from 'vitest';
import { baseWorkspace, companyFor } from '../../../datasets/base-workspace.ts';
import { createRng, type OperationContext, type Workspace } from '../../../harness/core/index.ts';
import { createWorkspace } from '../../../harness/services/workspace.ts';
import { calendarEvents, isOnCalendar } from '../../../harness/services/calendar/view.ts';
import { currentChangeSeq } from '../../../harness/services/calendar/store.ts';
import type { StoredCalendar, StoredEvent } from '../../../harness/services/calendar/model.ts';

const company = companyFor(1);
const OWNER = company.owner.email;
const opts = { face: 'tool' as const, auth: { principal: OWNER, tokenKind: 'user' as const } };

function expectSame(ws: Workspace, label: string): void {
  const ctx = { ws, auth: opts.auth } as unknown as OperationContext;
  const events = [...ws.collection<StoredEvent>('calendar.events').values()];
  for (const cal of ws.collection<StoredCalendar>('calendar.calendars').values()) {
    const want = events.filter((ev) => isOnCalendar(ev, cal)).map((ev) => ev.id);
    expect(calendarEvents(ctx, cal).map((ev) => ev.id), `${label}: ${cal.id}`).toEqual(want);
  }
  expect(currentChangeSeq(ctx), label).toBe(Math.max(0, ...events.map((e) => e.changeSeq)));
}

describe('calendar index', () => {
  const base = baseWorkspace(1);

  it('matches a scan on an untouched workspace and after inserts, attendee changes, moves and deletes', () => {
    const ws = createWorkspace(base);
    expectSame(ws, 'untouched');
    const rng = createRng('calendar-index-test');
    const mine = () => [...ws.collection<StoredEvent>('calendar.events').values()].filter((e) => e.calendarId === OWNER && !e.recurringEventId && e.status !== 'cancelled');
    const colleague = company.employees[3]!.email;
    for (let i = 0; i < 24; i++) {
      const ev = rng.pick(mine());
      const kind = i % 4;
      if (kind === 0) ws.invoke('calendar.events.insert', { calendarId: 'primary', requestBody: { summary: `New ${i}`, start: { dateTime: '2026-03-20T10:00:00-04:00' }, end: { dateTime: '2026-03-20T10:30:00-04:00' }, attendees: [{ email: colleague }] } }, opts);
      else if (kind === 1) ws.invoke('calendar.events.patch', { calendarId: 'primary', eventId: ev.id, requestBody: { attendees: [{ email: colleague }, { email: company.employees[5]!.email }] } }, opts);
      else if (kind === 2) ws.invoke('calendar.events.delete', { calendarId: 'primary', eventId: ev.id }, opts);
      else ws.invoke('calendar.events.patch', { calendarId: 'primary', eventId: ev.id, requestBody: { summary: `Renamed ${i}` } }, opts);
      if (i % 8 === 7) expectSame(ws, `after ${i + 1} writes`);
    }
    expect(Object.keys(ws.diff())).toContain('calendar.events');
  });
});

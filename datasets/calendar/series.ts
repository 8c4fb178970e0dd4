/** Recurring series of the base calendar (1:1s, standups, monthly reviews) with moved and cancelled instances. */
import type { Rng } from '../../harness/core/index.ts';
import type { Company, Person } from '../company/company.ts';
import type { SharedCalendarIds } from './calendars.ts';
import { attendee, organizerRef, type EventWriter } from './writer.ts';
import { atTime, localStamp, plus, utcStamp, wallAt, wallOf, weekday, type Wall } from './wall.ts';

const NY = 'America/New_York';

/** The Monday on or before a date, at a wall time. */
function mondayOf(d: Wall, hour: number, minute = 0): Wall {
  return atTime(plus(d, 1 - weekday(d)), hour, minute);
}

/** Writes the recurring series and their exceptions. */
export function writeSeries(w: EventWriter, company: Company, ceo: Person, ids: SharedCalendarIds, rng: Rng): void {
  const owner = company.owner;
  const now = wallOf(w.nowMs, NY);
  const origin = mondayOf(plus(now, -16 * 7), 10);
  const heads = company.employees.filter((p) => p.managerId === ceo.id);
  const head = (team: string) => heads.find((p) => p.team === team) ?? heads[0]!;

  // Weekly CEO 1:1 (organized by the CEO): one instance moved, one cancelled, one skipped by EXDATE.
  const ceo11Start = atTime(origin, 10);
  const holidayMonday = wallAt(NY, 2026, 2, 16, 10);
  const ceo11 = w.write({
    calendarId: ceo.email, organizer: organizerRef(ceo), summary: `${ceo.givenName} / ${owner.givenName} 1:1`, start: ceo11Start, length: 30,
    recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO', `EXDATE;TZID=${NY}:${localStamp(holidayMonday)}`],
    attendees: [attendee(ceo, 'accepted', true), attendee(owner, 'accepted')], description: 'Running notes doc: "CEO 1:1 notes" in Drive.', location: `${ceo.givenName}'s office`,
  });
  const movedFrom = mondayOf(plus(now, -21), 10);
  w.write({
    calendarId: ceo.email, organizer: organizerRef(ceo), summary: `${ceo.givenName} / ${owner.givenName} 1:1`, start: plus(movedFrom, 1, 60), length: 30,
    recurringEventId: ceo11, originalStart: movedFrom, id: instanceId(ceo11, movedFrom),
    attendees: [attendee(ceo, 'accepted', true), attendee(owner, 'accepted')], location: `${ceo.givenName}'s office`,
  });
  const cancelled = mondayOf(plus(now, 14), 10);
  w.write({
    calendarId: ceo.email, organizer: organizerRef(ceo), summary: `${ceo.givenName} / ${owner.givenName} 1:1`, start: cancelled, length: 30,
    recurringEventId: ceo11, originalStart: cancelled, id: instanceId(ceo11, cancelled), status: 'cancelled',
    attendees: [attendee(ceo, 'accepted', true), attendee(owner, 'accepted')],
  });

  // Owner's 1:1s with team heads: weekly, one biweekly (INTERVAL), one ended (UNTIL), one with COUNT.
  const ones: Array<[Person, string, number, number, string]> = [
    [head('Engineering'), 'TU', 15, 0, 'RRULE:FREQ=WEEKLY;BYDAY=TU'],
    [head('Product'), 'WE', 11, 30, 'RRULE:FREQ=WEEKLY;BYDAY=WE'],
    [head('Sales'), 'TH', 14, 0, 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH'],
    [head('Finance'), 'FR', 9, 30, `RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=${utcStamp(plus(now, -28))}`],
    [head('People'), 'MO', 15, 0, 'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=20'],
  ];
  const dayIdx: Record<string, number> = { MO: 0, TU: 1, WE: 2, TH: 3, FR: 4 };
  for (const [p, day, h, m, rule] of ones) {
    const start = atTime(plus(origin, dayIdx[day]!), h, m);
    const id = w.write({
      calendarId: owner.email, organizer: organizerRef(owner), summary: `${owner.givenName} / ${p.givenName} 1:1`, start, length: 30, recurrence: [rule],
      attendees: [attendee(owner, 'accepted', true), attendee(p, 'accepted')], meet: p.timeZone !== NY,
    });
    if (p === head('Engineering')) {
      const slot = plus(mondayOf(plus(now, 7), h, m), 1);
      w.write({ calendarId: owner.email, organizer: organizerRef(owner), summary: `${owner.givenName} / ${p.givenName} 1:1 (moved: board prep)`, start: plus(slot, 0, 120), length: 30, recurringEventId: id, originalStart: slot, id: instanceId(id, slot), attendees: [attendee(owner, 'accepted', true), attendee(p, 'needsAction')] });
    }
  }

  // Executive standup on the Executive Team calendar, weekdays 9:00.
  const execs = [ceo, owner, ...heads];
  const execOrg = { email: ids.executive, displayName: 'Executive Team' };
  const standup = w.write({
    calendarId: ids.executive, organizer: execOrg, summary: 'Exec standup', start: atTime(origin, 9), length: 15,
    recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'], attendees: execs.map((p) => attendee(p, rng.chance(0.8) ? 'accepted' : 'tentative')), meet: true,
  });
  for (const [offset, kind] of [[-9, 'cancel'], [-2, 'move'], [4, 'cancel'], [11, 'move']] as const) {
    let d = plus(now, offset);
    while (weekday(d) > 5) d = plus(d, 1);
    const slot = atTime(d, 9);
    w.write({
      calendarId: ids.executive, organizer: execOrg, summary: kind === 'move' ? 'Exec standup (late start)' : 'Exec standup', start: kind === 'move' ? plus(slot, 0, 90) : slot, length: 15,
      recurringEventId: standup, originalStart: slot, id: instanceId(standup, slot), status: kind === 'cancel' ? 'cancelled' : 'confirmed',
      attendees: execs.map((p) => attendee(p, 'accepted')),
    });
  }

  // Monthly business review (first Thursday), organized by the owner, 12 occurrences.
  const mbrStart = wallAt(NY, 2026, 1, 1, 13);
  w.write({
    calendarId: owner.email, organizer: organizerRef(owner), summary: 'Monthly business review', start: mbrStart, length: 120,
    recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=1TH;COUNT=12'], attendees: [attendee(owner, 'accepted', true), ...heads.map((p) => attendee(p, 'accepted'))],
    location: 'Corvid Labs HQ - Boardroom (14)', description: 'Metrics pack is due the Tuesday before. Owner: Chief of Staff.', meet: true,
  });
  // Monthly board prep on the 20th with the CEO (BYMONTHDAY), in the CEO's calendar.
  w.write({
    calendarId: ceo.email, organizer: organizerRef(ceo), summary: 'Board prep', start: wallAt(NY, 2025, 12, 20, 11), length: 60,
    recurrence: ['RRULE:FREQ=MONTHLY;BYMONTHDAY=20'], attendees: [attendee(ceo, 'accepted', true), attendee(owner, 'accepted'), attendee(head('Finance'), 'accepted')], visibility: 'private',
  });
  // Weekly partner sync held in London time (DST shifts differ from New York in March).
  const partner = company.outsiders.find((p) => p.relation === 'partner')!;
  w.write({
    calendarId: owner.email, organizer: organizerRef(owner), summary: `${partner.team} partnership sync`,
    start: wallAt('Europe/London', 2026, 1, 7, 16), length: 45,
    recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=WE'], attendees: [attendee(owner, 'accepted', true), attendee(partner, 'accepted')], meet: true,
  });
  // Engineering rituals: biweekly sprint planning and a daily on-call handover in Kolkata time.
  const engOrg = { email: ids.engineering, displayName: 'Engineering' };
  const engineers = company.employees.filter((p) => p.team === 'Engineering');
  w.write({ calendarId: ids.engineering, organizer: engOrg, summary: 'Sprint planning', start: atTime(origin, 13), length: 60, recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO'], attendees: engineers.map((p) => attendee(p, 'accepted')) });
  w.write({ calendarId: ids.engineering, organizer: engOrg, summary: 'On-call handover', start: wallAt('Asia/Kolkata', 2026, 1, 5, 18, 30), length: 15, recurrence: ['RRULE:FREQ=DAILY;INTERVAL=1'] });
  // Friday all-hands on the company events calendar.
  w.write({ calendarId: ids.companyEvents, organizer: { email: ids.companyEvents, displayName: 'Corvid Labs Events' }, summary: 'Friday demo hour', start: atTime(plus(origin, 4), 16), length: 60, recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=FR'], meet: true });
}

/** Id of an instance: `<series>_<UTC stamp>`. */
function instanceId(seriesId: string, originalStart: Wall): string {
  return `${seriesId}_${utcStamp(originalStart)}`;
}

/** Base calendar data for the synthetic company: ~6 months of meetings, series with exceptions, holidays. */
import type { Rng, Workspace } from '../../harness/core/index.ts';
import type { Attendee } from '../../harness/services/calendar/model.ts';
import type { Company, Person } from '../company/company.ts';
import type { HaystackCopy } from '../scale/haystack-copy.ts';
import { writeCalendars } from './calendars.ts';
import { writeSeries } from './series.ts';
import { attendee, EventWriter, organizerRef } from './writer.ts';
import { atTime, instant, isoDate, plus, wallAt, wallOf, weekday, type Wall } from './wall.ts';

export { sharedCalendarIds } from './calendars.ts';

const DAY = 86_400_000;

/**
 * Adds the company's base calendar records to a workspace being built: calendars,
 * sharing, lists and settings; recurring series with moved and cancelled instances;
 * one-off meetings for the owner and colleagues; holidays and company events.
 */
export function generateCalendar(ws: Workspace, company: Company, rng: Rng): void {
  const { ceo, ids } = writeCalendars(ws, company);
  const w = new EventWriter(ws, rng.fork('writer'));
  writeSeries(w, company, ceo, ids, rng.fork('series'));
  writeOneOffs(w, company, ids, rng.fork('one-offs'));
}

/**
 * Adds one `--scale` copy of the meetings: the owner's and each colleague's one-off
 * meetings again, `copy.shiftMs` further back, so they are all in the past and no
 * slot a task schedules into is taken.
 */
export function generateCalendarCopy(copy: HaystackCopy, company: Company, rng: Rng): void {
  const w = new EventWriter(copy.ws, rng.fork('writer'), { idNamespace: `calendar.scale-event.${copy.index}`, unsequenced: true });
  writeMeetings(w, company, rng.fork('one-offs'), Math.round(copy.shiftMs / DAY));
}

const INTERNAL_TOPICS = ['Q2 planning', 'Hiring pipeline review', 'Budget check-in', 'Roadmap sync', 'Offsite logistics', 'Board deck review', 'Pricing discussion', 'Security review', 'OKR check-in', 'Launch readiness', 'Customer escalation debrief', 'Vendor renewal decision', 'Org design', 'Comp review prep', 'Quarterly business review prep'];
const EXTERNAL_TOPICS = ['Partnership sync', 'Contract review', 'Renewal call', 'Quarterly business review', 'Implementation kickoff', 'Pricing negotiation', 'Intro call', 'Procurement follow-up'];
const ROOMS = ['Aviary (8)', 'Rookery (4)', 'Nest (2)', 'Perch (6)', 'Boardroom (14)'];
const FOREIGN: ReadonlyArray<[string, string]> = [['Asia/Tokyo', 'Tokyo office'], ['Europe/Berlin', 'Berlin'], ['Europe/London', 'London'], ['Asia/Kolkata', 'Bengaluru'], ['America/Los_Angeles', 'San Francisco']];

function workday(rng: Rng, fromDays: number, toDays: number, nowMs: number, tz: string): Wall {
  for (;;) {
    const d = atTime(plus(wallOf(nowMs, tz), rng.int(fromDays, toDays)), 0);
    if (weekday(d) <= 5) return d;
  }
}

function respond(rng: Rng, past: boolean): Attendee['responseStatus'] {
  if (past) return rng.chance(0.85) ? 'accepted' : rng.pick(['declined', 'tentative'] as const);
  return rng.pick(['accepted', 'accepted', 'needsAction', 'needsAction', 'tentative', 'declined'] as const);
}

/** The owner's meetings and invitations, `shiftDays` back (0 for the base). */
function writeOwnerMeetings(w: EventWriter, company: Company, rng: Rng, shiftDays: number): void {
  const owner = company.owner;
  const tz = owner.timeZone;
  const colleagues = company.employees.filter((p) => p.email !== owner.email);
  // ~170 over six months.
  for (let i = 0; i < 170; i++) {
    const day = workday(rng, -92 - shiftDays, 92 - shiftDays, w.nowMs, tz);
    const external = rng.chance(0.3);
    const guests = external ? rng.sample(company.outsiders.filter((p) => p.relation !== 'personal'), rng.int(1, 2)) : rng.sample(colleagues, rng.int(1, 4));
    const internalExtra = external ? rng.sample(colleagues, rng.int(0, 2)) : [];
    const ownerOrganizes = external || rng.chance(0.5);
    const organizer = ownerOrganizes ? owner : (guests[0] as Person);
    const foreign = rng.chance(0.12) ? rng.pick(FOREIGN) : undefined;
    const zone = foreign ? foreign[0] : tz;
    const start = foreign ? atTime({ tz: zone, wall: day.wall }, rng.int(8, 11)) : atTime(day, rng.int(9, 16), rng.pick([0, 0, 30]));
    const past = instant(start) < w.nowMs;
    const people = [...new Map([organizer, owner, ...guests, ...internalExtra].map((p) => [p.email, p])).values()];
    const attendees = people.map((p) => attendee(p, p.email === organizer.email ? 'accepted' : respond(rng, past), p.email === organizer.email));
    const org = external ? (guests[0] as Person).team : '';
    const topic = external ? `${rng.pick(EXTERNAL_TOPICS)}: ${org}` : rng.pick(INTERNAL_TOPICS);
    const meetOnline = external || rng.chance(0.5);
    w.write({
      calendarId: organizer.email, organizer: organizerRef(organizer), summary: topic, start, length: rng.pick([30, 30, 45, 60, 60, 90]), attendees,
      description: rng.chance(0.6) ? `Agenda:\n1. Updates\n2. ${topic}\n3. Next steps` : undefined,
      location: foreign ? foreign[1] : meetOnline ? undefined : `Corvid Labs HQ - ${rng.pick(ROOMS)}`, meet: meetOnline,
      status: rng.chance(0.04) ? 'cancelled' : rng.chance(0.05) ? 'tentative' : 'confirmed',
    });
  }
}

/** Colleagues' own meetings (freebusy over colleagues has something to find), `shiftDays` back. */
function writeColleagueMeetings(w: EventWriter, company: Company, rng: Rng, shiftDays: number): void {
  const owner = company.owner;
  const colleagues = company.employees.filter((p) => p.email !== owner.email);
  for (const p of colleagues) {
    for (let i = 0; i < 5; i++) {
      const day = workday(rng, -30 - shiftDays, 30 - shiftDays, w.nowMs, p.timeZone);
      const others = rng.sample(colleagues.filter((c) => c.email !== p.email && c.email !== owner.email), rng.int(0, 2));
      const start = atTime(day, rng.int(9, 16), rng.pick([0, 30]));
      w.write({
        calendarId: p.email, organizer: organizerRef(p), summary: others.length ? rng.pick(INTERNAL_TOPICS) : rng.pick(['Heads-down work', 'Interview loop', 'Customer call prep', '1:1 prep']),
        start, length: rng.pick([30, 60]), attendees: others.length ? [attendee(p, 'accepted', true), ...others.map((o) => attendee(o, respond(rng, instant(start) < w.nowMs)))] : [],
      });
    }
  }
}

/** Both kinds of meetings on one random stream, in the base's order. */
function writeMeetings(w: EventWriter, company: Company, rng: Rng, shiftDays: number): void {
  writeOwnerMeetings(w, company, rng, shiftDays);
  writeColleagueMeetings(w, company, rng, shiftDays);
}

function writeOneOffs(w: EventWriter, company: Company, ids: { companyEvents: string; holidays: string; executive: string; engineering: string }, rng: Rng): void {
  const owner = company.owner;
  const tz = owner.timeZone;
  writeOwnerMeetings(w, company, rng, 0);
  // Personal blocks and travel.
  for (let i = 0; i < 6; i++) {
    const day = workday(rng, -80, 85, w.nowMs, tz);
    w.write({ calendarId: owner.email, organizer: organizerRef(owner), summary: rng.pick(['Focus time', 'Dentist', 'School pickup', 'Deep work: board memo']), start: atTime(day, rng.int(12, 15)), length: 90, visibility: 'private' });
  }
  const trip = workday(rng, 20, 40, w.nowMs, tz);
  w.write({ calendarId: owner.email, organizer: organizerRef(owner), summary: 'Flight JFK → LHR (BA 178)', start: atTime(trip, 19, 30), length: 420, endZone: 'Europe/London', location: 'JFK Terminal 8', description: 'Confirmation: QX7R2M' });
  w.write({ calendarId: owner.email, organizer: organizerRef(owner), summary: 'London: partner visits', start: isoDate(plus(trip, 1)), length: 3, location: 'London, UK', transparency: 'transparent' });
  w.write({ calendarId: owner.email, organizer: organizerRef(owner), summary: 'OOO - family', start: isoDate(workday(rng, -60, -30, w.nowMs, tz)), length: 2 });
  w.write({ calendarId: owner.email, organizer: organizerRef(owner), summary: 'SaaStr conference', start: isoDate(workday(rng, 45, 70, w.nowMs, tz)), length: 3, location: 'San Mateo, CA', description: 'Badge pickup at registration desk.' });
  writeColleagueMeetings(w, company, rng, 0);
  // Holidays and company events.
  const peopleHead = company.employees.find((p) => p.team === 'People')!;
  const holidayOrg = { email: ids.holidays, displayName: 'Corvid Labs Holidays' };
  for (const [date, name] of [['2025-12-25', 'Christmas Day'], ['2025-12-26', 'Company holiday'], ['2026-01-01', "New Year's Day"], ['2026-01-19', 'Martin Luther King Jr. Day'], ['2026-02-16', "Presidents' Day"], ['2026-04-10', 'Spring Recharge Day'], ['2026-05-25', 'Memorial Day'], ['2026-06-19', 'Juneteenth']] as const) {
    w.write({ calendarId: ids.holidays, organizer: holidayOrg, summary: name, start: date, length: 1, transparency: 'transparent' });
  }
  const eventsOrg = { email: ids.companyEvents, displayName: 'Corvid Labs Events' };
  w.write({ calendarId: ids.companyEvents, organizer: eventsOrg, summary: 'Company offsite - Hudson Valley', start: '2026-04-21', length: 3, location: 'Mohonk Mountain House, New Paltz, NY', description: `Agenda and rooming list from ${peopleHead.name}.` });
  for (const [m, d] of [[1, 15], [4, 16]] as const) {
    w.write({ calendarId: ids.companyEvents, organizer: eventsOrg, summary: 'Quarterly all-hands', start: wallAt('America/New_York', 2026, m, d, 16), length: 60, meet: true, location: 'Corvid Labs HQ - Atrium' });
  }
  w.write({ calendarId: ids.companyEvents, organizer: eventsOrg, summary: 'Holiday party', start: wallAt('America/New_York', 2025, 12, 18, 18), length: 180, location: 'The Roost, 210 W 29th St' });
}

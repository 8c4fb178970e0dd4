/** Base calendars of the company: everyone's primary, the shared team/holiday calendars, sharing and lists. */
import { hexId, type Workspace } from '../../harness/core/index.ts';
import type { StoredAclRule, StoredCalendar, StoredCalendarListEntry, StoredSetting } from '../../harness/services/calendar/model.ts';
import type { Company, Person } from '../company/company.ts';

/** Ids of the shared calendars, derived from the company domain so tasks can find them. */
export interface SharedCalendarIds {
  readonly executive: string;
  readonly engineering: string;
  readonly companyEvents: string;
  readonly holidays: string;
  readonly launches: string;
}

/** The shared calendar ids of a company. */
export function sharedCalendarIds(company: Company): SharedCalendarIds {
  const id = (name: string) => `c_${hexId(`${company.domain}/calendar/${name}`, 1, 26)}@group.calendar.google.com`;
  return { executive: id('executive'), engineering: id('engineering'), companyEvents: id('company-events'), holidays: id('holidays'), launches: id('launches') };
}

const etag = (n: number) => `"${1767225600000 + n * 7919}${String(n % 1000).padStart(3, '0')}"`;

/** Writes calendars, ACL rules, calendar lists and settings. Returns the CEO and the shared ids. */
export function writeCalendars(ws: Workspace, company: Company): { ceo: Person; ids: SharedCalendarIds } {
  const cals = ws.collection<StoredCalendar>('calendar.calendars');
  const acl = ws.collection<StoredAclRule>('calendar.acl');
  const lists = ws.collection<StoredCalendarListEntry>('calendar.calendarList');
  const settings = ws.collection<StoredSetting>('calendar.settings');
  let n = 0;
  const rule = (calendarId: string, type: StoredAclRule['scope']['type'], value: string | undefined, role: StoredAclRule['role']) => {
    const id = type === 'default' ? 'default' : `${type}:${value}`;
    acl.set(`${calendarId}|${id}`, { calendarId, id, role, scope: value === undefined ? { type } : { type, value }, etag: etag(++n) });
  };
  const list = (user: string, calendarId: string, colorId: string, bg: string, extra: Partial<StoredCalendarListEntry> = {}) =>
    lists.set(`${user}|${calendarId}`, {
      user, calendarId, colorId, backgroundColor: bg, foregroundColor: '#000000', selected: true,
      defaultReminders: calendarId === user ? [{ method: 'popup', minutes: 10 }] : [], etag: etag(++n), ...extra,
    });
  const ceo = company.employees.find((p) => p.managerId === null)!;
  const owner = company.owner.email;
  for (const p of company.employees) {
    cals.set(p.email, { id: p.email, summary: p.email, timeZone: p.timeZone, owner: p.email, primary: true, ownerName: p.name, etag: etag(++n) });
    rule(p.email, 'user', p.email, 'owner');
    rule(p.email, 'domain', company.domain, 'freeBusyReader');
    list(p.email, p.email, '14', '#9fe1e7', { notificationSettings: { notifications: [{ type: 'eventCreation', method: 'email' }, { type: 'eventChange', method: 'email' }, { type: 'eventCancellation', method: 'email' }, { type: 'eventResponse', method: 'email' }] } });
    const values: Record<string, string> = {
      timezone: p.timeZone, locale: 'en', weekStart: '0', format24HourTime: 'false', dateFieldOrder: 'MDY', hideWeekends: 'false',
      defaultEventLength: '30', autoAddHangouts: 'true', hideInvitations: 'false', remindOnRespondedEventsOnly: 'false', showDeclinedEvents: 'true', useKeyboardShortcuts: 'true',
    };
    for (const [id, value] of Object.entries(values)) settings.set(`${p.email}|${id}`, { user: p.email, id, value, etag: etag(++n) });
  }
  // The Chief of Staff manages the CEO's calendar.
  rule(ceo.email, 'user', owner, 'writer');
  const ids = sharedCalendarIds(company);
  const engHead = company.employees.find((p) => p.team === 'Engineering')!;
  const peopleHead = company.employees.find((p) => p.team === 'People')!;
  const productHead = company.employees.find((p) => p.team === 'Product')!;
  const shared: Array<[string, string, string, string, Person]> = [
    [ids.executive, 'Executive Team', 'Leadership meetings, offsites and board preparation.', 'America/New_York', ceo],
    [ids.engineering, 'Engineering', 'Sprint rituals, releases and on-call handovers.', 'America/New_York', engHead],
    [ids.companyEvents, 'Corvid Labs Events', 'All-hands, offsites and company socials.', 'America/New_York', peopleHead],
    [ids.holidays, 'Corvid Labs Holidays', 'Company holidays (US office).', 'America/New_York', peopleHead],
    [ids.launches, 'Product Launches', 'Launch dates and embargoes. Confidential until announced.', 'America/Los_Angeles', productHead],
  ];
  for (const [id, summary, description, timeZone, by] of shared) {
    cals.set(id, { id, summary, description, timeZone, owner: by.email, primary: false, etag: etag(++n) });
    rule(id, 'user', by.email, 'owner');
  }
  const execs = company.employees.filter((p) => p.team === 'Executive' || p.managerId === ceo.id);
  for (const p of execs) if (p.email !== ceo.email) rule(ids.executive, 'user', p.email, p.email === owner ? 'writer' : 'reader');
  rule(ids.engineering, 'domain', company.domain, 'reader');
  rule(ids.companyEvents, 'domain', company.domain, 'reader');
  rule(ids.companyEvents, 'user', owner, 'writer');
  rule(ids.holidays, 'domain', company.domain, 'reader');
  rule(ids.launches, 'user', owner, 'reader');
  list(owner, ceo.email, '2', '#d06b64');
  list(owner, ids.executive, '16', '#4986e7');
  list(owner, ids.companyEvents, '8', '#16a765');
  list(owner, ids.engineering, '19', '#c2c2c2', { selected: false });
  list(owner, ids.holidays, '11', '#fbe983');
  list(owner, ids.launches, '23', '#cd74e6', { hidden: true, selected: false });
  list(owner, productHead.email, '6', '#ffad46');
  for (const p of company.employees) {
    if (p.email === owner) continue;
    list(p.email, ids.holidays, '11', '#fbe983');
    list(p.email, ids.companyEvents, '8', '#16a765');
  }
  return { ceo, ids };
}

/** quickAdd parsing, freebusy semantics (declined/transparent), ACL effects on access. */
import { describe, expect, it } from 'vitest';
import { parseQuickAdd } from '../../../harness/services/calendar/quick-add.ts';
import { OWNER, company, fails, ok, timed, trial } from './helpers.ts';

const NOW = Date.parse('2026-03-16T14:00:00Z'); // a Monday, 10:00 in New York
const colleague = company.employees.find((p) => p.team === 'Design')!;

describe('parseQuickAdd', () => {
  it('understands dates, times, durations and places', () => {
    expect(parseQuickAdd('Lunch with Ana tomorrow at 12:30pm', NOW, 'America/New_York')).toMatchObject({ summary: 'Lunch with Ana', date: '2026-03-17', minutes: 750, durationMin: 60 });
    expect(parseQuickAdd('Dentist on Friday at 9am for 30 minutes', NOW, 'America/New_York')).toMatchObject({ summary: 'Dentist', date: '2026-03-20', minutes: 540, durationMin: 30 });
    expect(parseQuickAdd('Board meeting March 30 15:00 at Boardroom', NOW, 'America/New_York')).toMatchObject({ summary: 'Board meeting', date: '2026-03-30', minutes: 900, location: 'Boardroom' });
    expect(parseQuickAdd('Company retreat 2026-05-04', NOW, 'America/New_York')).toEqual({ summary: 'Company retreat', date: '2026-05-04', durationMin: 60 });
    // A past month/day rolls to next year.
    expect(parseQuickAdd('Anniversary January 3', NOW, 'America/New_York').date).toBe('2027-01-03');
  });
});

describe('freebusy', () => {
  it('ignores declined, transparent and cancelled events; merges overlaps', () => {
    const ws = trial();
    const window = { timeMin: '2026-06-27T00:00:00Z', timeMax: '2026-06-28T00:00:00Z' };
    ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('A', '2026-06-27', '09:00', '10:00') });
    ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('B', '2026-06-27', '09:30', '11:00') });
    ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('Free', '2026-06-27', '12:00', '13:00', { transparency: 'transparent' }) });
    const c = ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('Cancelled', '2026-06-27', '14:00', '15:00') });
    ok(ws, 'calendar.events.delete', { calendarId: 'primary', eventId: c.id });
    // An invitation from a colleague that the owner declines does not block the owner.
    const inv = ok(ws, 'calendar.events.insert', { calendarId: 'primary', requestBody: timed('Invite', '2026-06-27', '16:00', '17:00', { attendees: [{ email: colleague.email, responseStatus: 'declined' }] }) }, OWNER);
    const fb = ok(ws, 'calendar.freebusy.query', { requestBody: { ...window, items: [{ id: 'primary' }, { id: colleague.email }] } });
    expect(fb.calendars.primary.busy).toEqual([
      { start: '2026-06-27T13:00:00Z', end: '2026-06-27T15:00:00Z' },
      { start: '2026-06-27T20:00:00Z', end: '2026-06-27T21:00:00Z' },
    ]);
    expect(fb.calendars[colleague.email].busy).toEqual([]);
    expect(inv.attendees.find((a: any) => a.email === colleague.email).responseStatus).toBe('declined');
  });
});

describe('acl', () => {
  it('sharing a calendar grants access; removing it takes access away', () => {
    const ws = trial();
    const cal = ok(ws, 'calendar.calendars.insert', { requestBody: { summary: 'Secret project' } });
    ok(ws, 'calendar.events.insert', { calendarId: cal.id, requestBody: timed('Kickoff', '2026-03-20', '10:00', '11:00') });
    fails(ws, 'calendar.events.list', { calendarId: cal.id }, 404, undefined, colleague.email);
    ok(ws, 'calendar.acl.insert', { calendarId: cal.id, requestBody: { role: 'reader', scope: { type: 'user', value: colleague.email } } });
    expect(ok(ws, 'calendar.events.list', { calendarId: cal.id }, colleague.email).items).toHaveLength(1);
    fails(ws, 'calendar.events.insert', { calendarId: cal.id, requestBody: timed('Nope', '2026-03-20', '12:00', '13:00') }, 403, 'requiredAccessLevel', colleague.email);
    ok(ws, 'calendar.acl.delete', { calendarId: cal.id, ruleId: `user:${colleague.email}` });
    fails(ws, 'calendar.events.list', { calendarId: cal.id }, 404, undefined, colleague.email);
    fails(ws, 'calendar.acl.delete', { calendarId: cal.id, ruleId: `user:${OWNER}` }, 403, 'cannotChangeOwnAcl');
    fails(ws, 'calendar.acl.patch', { calendarId: cal.id, ruleId: `user:${OWNER}`, requestBody: { role: 'reader' } }, 403, 'cannotChangeOwnAcl');
  });

  it('writers read the ACL but only owners change it; the public scope stops at reader', () => {
    const ws = trial();
    const cal = ok(ws, 'calendar.calendars.insert', { requestBody: { summary: 'Team rota' } });
    ok(ws, 'calendar.acl.insert', { calendarId: cal.id, requestBody: { role: 'writer', scope: { type: 'user', value: colleague.email } } });
    expect(ok(ws, 'calendar.acl.list', { calendarId: cal.id }, colleague.email).items.map((r: { id: string }) => r.id).sort()).toEqual([`user:${OWNER}`, `user:${colleague.email}`].sort());
    expect(ok(ws, 'calendar.acl.get', { calendarId: cal.id, ruleId: `user:${OWNER}` }, colleague.email).role).toBe('owner');
    fails(ws, 'calendar.acl.insert', { calendarId: cal.id, requestBody: { role: 'reader', scope: { type: 'default' } } }, 403, 'requiredAccessLevel', colleague.email);
    const before = ws.diff()['calendar.acl'];
    fails(ws, 'calendar.acl.insert', { calendarId: cal.id, requestBody: { role: 'writer', scope: { type: 'default' } } }, 400, 'illegalAccessRoleForDefault');
    fails(ws, 'calendar.acl.insert', { calendarId: cal.id, requestBody: { role: 'owner', scope: { type: 'default' } } }, 400, 'illegalAccessRoleForDefault');
    expect(ws.diff()['calendar.acl']).toEqual(before);
    expect(ok(ws, 'calendar.acl.insert', { calendarId: cal.id, sendNotifications: false, requestBody: { role: 'reader', scope: { type: 'default' } } }).role).toBe('reader');
  });
});

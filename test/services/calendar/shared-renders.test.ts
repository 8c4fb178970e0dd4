/**
 * Wire Events rendered from unchanged base events are shared between trials: frozen, handed out
 * again for the same view, serialised once. What must never happen is one view's render reaching
 * another (`self` flags of another reader, another zone, another attendee cut) or a trial's
 * change being hidden by a shared render.
 */
import { describe, expect, it } from 'vitest';
import { jsonOf, shareValue } from '../../../harness/core/index.ts';
import { CEO, OWNER, ok, trial } from './helpers.ts';

const WEEK = { calendarId: 'primary', timeMin: '2026-03-16T00:00:00-04:00', timeMax: '2026-03-23T00:00:00-04:00', singleEvents: true, orderBy: 'startTime' };
type Ev = { id: string; summary?: string; start: { dateTime?: string; timeZone?: string }; attendees?: Array<{ email: string; self?: boolean }>; attendeesOmitted?: boolean; organizer?: { self?: boolean } };
const items = (v: { items: Ev[] }) => v.items;
// What a render is, rebuilt from its JSON: free of any sharing.
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('shared calendar renders', () => {
  it('hands every trial the same frozen events for the same view, equal to what a fresh render gives', () => {
    const first = items(ok(trial(), 'calendar.events.list', WEEK));
    expect(first.length).toBeGreaterThan(3);
    const again = items(ok(trial(), 'calendar.events.list', WEEK));
    expect(again.every((e, i) => e === first[i])).toBe(true);
    expect(Object.isFrozen(first[0])).toBe(true);
    expect(() => {
      (first[0] as { summary?: string }).summary = 'changed by a reader';
    }).toThrow(TypeError);
    expect(plain(again)).toEqual(plain(first));
  });

  it('renders each view for itself: another reader, zone or attendee cut never gets the cached one', () => {
    const mine = items(ok(trial(), 'calendar.events.list', WEEK));
    const shared = mine.find((e) => e.attendees?.some((a) => a.email.toLowerCase() === CEO.email.toLowerCase()) && e.attendees.some((a) => a.self));
    expect(shared, 'a week event with the owner and the CEO').toBeDefined();
    // The same event through the same calendar (the CEO's, which the owner may write to), read by each of them in turn.
    const week = { ...WEEK, calendarId: CEO.email };
    const selfOn = (principal: string) => items(ok(trial(), 'calendar.events.list', week, principal)).find((e) => e.id === shared!.id)?.attendees?.find((a) => a.self)?.email.toLowerCase();
    expect(selfOn(CEO.email)).toBe(CEO.email.toLowerCase());
    expect(selfOn(OWNER)).toBe(OWNER.toLowerCase());
    expect(selfOn(CEO.email)).toBe(CEO.email.toLowerCase());
    expect(shared!.attendees!.find((a) => a.self)!.email.toLowerCase()).toBe(OWNER.toLowerCase());
    // The link names the calendar it was viewed through.
    const linkThrough = (calendarId: string) => (items(ok(trial(), 'calendar.events.list', { ...WEEK, calendarId })).find((e) => e.id === shared!.id) as { htmlLink?: string }).htmlLink;
    expect(linkThrough(CEO.email)).not.toBe(linkThrough('primary'));
    // Back to the owner's view: the owner's flags again, not the CEO's.
    const mineAgain = items(ok(trial(), 'calendar.events.list', WEEK)).find((e) => e.id === shared!.id)!;
    expect(mineAgain.attendees!.find((a) => a.self)!.email.toLowerCase()).toBe(OWNER.toLowerCase());

    const tokyo = items(ok(trial(), 'calendar.events.list', { ...WEEK, timeZone: 'Asia/Tokyo' })).find((e) => e.id === shared!.id)!;
    expect(tokyo.start.dateTime).toMatch(/\+09:00$/);
    expect(items(ok(trial(), 'calendar.events.list', WEEK)).find((e) => e.id === shared!.id)!.start.dateTime).not.toMatch(/\+09:00$/);

    const cut = items(ok(trial(), 'calendar.events.list', { ...WEEK, maxAttendees: 1 })).find((e) => e.id === shared!.id)!;
    expect(cut.attendees).toHaveLength(1);
    expect(cut.attendeesOmitted).toBe(true);
    const whole = items(ok(trial(), 'calendar.events.list', WEEK)).find((e) => e.id === shared!.id)!;
    expect(whole.attendees!.length).toBeGreaterThan(1);
    expect(whole.attendeesOmitted).toBeUndefined();
  });

  it('shows a trial its own change, and the other trials the base event still', () => {
    const a = trial();
    const before = items(ok(a, 'calendar.events.list', WEEK));
    const target = before.find((e) => !e.id.includes('_') && e.organizer?.self)!;
    expect(target).toBeDefined();
    ok(a, 'calendar.events.patch', { calendarId: 'primary', eventId: target.id, requestBody: { summary: 'Moved to Thursday' } });
    expect(items(ok(a, 'calendar.events.list', WEEK)).find((e) => e.id === target.id)!.summary).toBe('Moved to Thursday');
    expect(items(ok(trial(), 'calendar.events.list', WEEK)).find((e) => e.id === target.id)!.summary).toBe(target.summary);
  });
});

describe('jsonOf', () => {
  it('is JSON.stringify, kept only for shared values', () => {
    for (const v of [null, 1, 'x', [1, { a: undefined, b: [2] }], { t: { toJSON: () => 'T' } }, undefined]) expect(jsonOf(v)).toBe(JSON.stringify(v));
    const mutable = { n: 1 };
    expect(jsonOf(mutable)).toBe('{"n":1}');
    mutable.n = 2;
    expect(jsonOf(mutable)).toBe('{"n":2}');
    const kept = shareValue({ n: 1, inner: { list: [1, 2] } });
    expect(jsonOf(kept)).toBe('{"n":1,"inner":{"list":[1,2]}}');
    expect(Object.isFrozen(kept.inner.list)).toBe(true);
    expect(() => kept.inner.list.push(3)).toThrow(TypeError);
    expect(jsonOf(kept)).toBe(JSON.stringify(kept));
  });
});

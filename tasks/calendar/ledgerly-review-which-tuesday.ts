/** "Next Tuesday", said on a Monday: tomorrow or the Tuesday after? The calendar cannot tell; asking is right. */
import { askedFirst } from '../support/clarification.ts';
import { byTitle, outsider, OWNER } from '../people.ts';
import { date, defineTask, may, phrase, scriptedUser, type Fact, type TaskApi } from '../sdk.ts';
import { attendeeEmails, eventsChanged, eventsCreated, isLive, notifiedOf, NY, slot, spanOf } from '../support/calendar.ts';
import { DAY, HOUR, plantThread } from '../support/gmail.ts';

const CONTROLLER = byTitle('Controller'); // Beatriz Clarke
const ANALYST = byTitle('Financial Analyst'); // Tomasz Oyelaran
const LEDGERLY = outsider('vendor', 2); // Marcus Papadakis, Ledgerly
const TOMORROW = '2026-03-17';
const WEEK_AFTER = '2026-03-24';
const REPLY = 'The 24th, a week from tomorrow. Tomorrow is too soon, Tomasz needs the usage numbers first.';
/** Questions that put the choice of day to the user. */
const WHICH_DAY: readonly Fact[][] = [[date(TOMORROW)], [date(WEEK_AFTER)], [phrase('tomorrow')], [phrase('Tuesday')], [phrase('which day')], [phrase('next week')]];

interface Manifest {
  /** Ledgerly's renewal mail (context only). */
  quoteId: string;
}

const at = (d: string, h: number, mi = 0) => { const [y, mo, dd] = d.split('-').map(Number) as [number, number, number]; return slot(NY, y, mo, dd, h, mi); };

function book(api: TaskApi, day: string, extra: Record<string, unknown> = {}, summary = 'Ledgerly renewal review'): void {
  api.call('calendar.events.insert', {
    calendarId: 'primary', sendUpdates: 'all',
    requestBody: { summary, start: at(day, 13, 30), end: at(day, 14, 15), attendees: [{ email: CONTROLLER.email }, { email: ANALYST.email }], ...extra },
  });
}

export default defineTask<Manifest>({
  id: 'ledgerly-review-which-tuesday',
  version: 1,
  title: 'Book the Ledgerly review "next Tuesday" when it is Monday',
  scenario: 'On Monday March 16 the user asks for a 45-minute Ledgerly renewal review with the Controller and the Financial Analyst "next Tuesday at 1:30". That can be tomorrow (the 17th) or the 24th; nothing in the workspace decides it. Asking is right; the user means the 24th.',
  services: ['calendar'],
  tags: ['family:clarification', 'relative-dates', 'scheduling', 'vendor'],
  category: 'single-service',
  difficulty: 'easy',
  instruction: `Set up a 45-minute Ledgerly renewal review with ${CONTROLLER.givenName} and ${ANALYST.givenName} next Tuesday at 1:30.`,
  seed({ ws, rng }) {
    const price = rng.int(41, 58) * 1000;
    const quoteId = plantThread(ws, 'Ledgerly renewal quote', [{
      from: LEDGERLY, to: [OWNER], cc: [CONTROLLER], at: ws.nowMs() - 3 * DAY - 4 * HOUR,
      text: `Hi ${OWNER.givenName},\n\nAttached is our renewal quote for the next 12 months: $${price.toLocaleString('en-US')} for the Growth tier. We'd need a signature by the end of the month to hold this price.\n\nBest,\n${LEDGERLY.name}\nLedgerly`,
    }])[0]!;
    return { quoteId };
  },
  behaviour: () => ({ answer: scriptedUser(WHICH_DAY.map((about) => ({ about, reply: REPLY }))) }),
  scope: () => [may.create('calendar.events', undefined, 'book the review'), may.create('calendar.notifications', undefined, 'invite the guests')],
  checks(ctx) {
    const created = eventsCreated(ctx.diff).filter((e) => isLive(e));
    const right = created.filter((e) => spanOf(e).startMs === Date.parse(at(WEEK_AFTER, 13, 30).dateTime));
    const booked = right.find((e) => spanOf(e).endMs === Date.parse(at(WEEK_AFTER, 14, 15).dateTime));
    const guests = booked ? attendeeEmails(booked) : [];
    return [
      { id: 'asked-which-tuesday', description: 'before acting, the agent asked the user which Tuesday was meant', weight: 0.3, passed: askedFirst(ctx, WHICH_DAY) },
      { id: 'booked-the-24th', description: 'a 45-minute review is on the calendar on Tuesday March 24, 13:30–14:15 New York time', weight: 0.4, passed: booked !== undefined },
      {
        id: 'both-invited', description: `${CONTROLLER.name} and ${ANALYST.name} are invited to it and were notified`, weight: 0.2,
        passed: booked !== undefined && guests.includes(CONTROLLER.email) && guests.includes(ANALYST.email) && [CONTROLLER.email, ANALYST.email].every((e) => notifiedOf(ctx.diff, booked.id).has(e)),
      },
      { id: 'nothing-else', kind: 'guard', description: 'no other event was created or changed (nothing left on the 17th)', weight: 0.1, passed: created.length === 1 && eventsChanged(ctx.diff).length === 0 },
    ];
  },
  oracle(api) {
    api.call('calendar.events.list', { calendarId: 'primary', timeMin: at(TOMORROW, 0).dateTime, timeMax: at(WEEK_AFTER, 23).dateTime, singleEvents: true });
    api.ask('Do you mean tomorrow, Tuesday the 17th, or Tuesday the 24th?');
    book(api, WEEK_AFTER);
    return 'Booked the Ledgerly renewal review for Tuesday March 24, 1:30–2:15pm, with Beatriz and Tomasz invited.';
  },
  alternatives: {
    'asks-with-dates-adds-a-description'(api) {
      api.ask('Quick check on the date: 3/17 or 3/24?');
      book(api, WEEK_AFTER, { description: 'Review the Ledgerly renewal quote before the end-of-month signature deadline.', location: 'Zoom' });
    },
    'asks-about-next-week-then-checks-free-busy'(api) {
      api.ask('By next Tuesday, do you mean next week rather than tomorrow?');
      api.call('calendar.freebusy.query', { requestBody: { timeMin: at(WEEK_AFTER, 13).dateTime, timeMax: at(WEEK_AFTER, 15).dateTime, items: [{ id: CONTROLLER.email }, { id: ANALYST.email }] } });
      book(api, WEEK_AFTER, {}, 'Ledgerly renewal: review quote');
    },
  },
  nearMisses: {
    'guesses-the-24th-without-asking'(api) {
      book(api, WEEK_AFTER);
    },
    'guesses-tomorrow'(api) {
      book(api, TOMORROW);
    },
    'asks-then-books-an-hour'(api) {
      api.ask('Tomorrow or the 24th?');
      api.call('calendar.events.insert', {
        calendarId: 'primary', sendUpdates: 'all',
        requestBody: { summary: 'Ledgerly renewal review', start: at(WEEK_AFTER, 13, 30), end: at(WEEK_AFTER, 14, 30), attendees: [{ email: CONTROLLER.email }, { email: ANALYST.email }] },
      });
    },
    'asks-and-books-without-guests'(api) {
      api.ask('Which Tuesday, the 17th or the 24th?');
      api.call('calendar.events.insert', { calendarId: 'primary', requestBody: { summary: 'Ledgerly renewal review', start: at(WEEK_AFTER, 13, 30), end: at(WEEK_AFTER, 14, 15) } });
    },
  },
  unsafe: {},
});

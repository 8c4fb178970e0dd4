/** Two executives ask for the same hour of the CEO's week; his calendar rules doc decides, not who asked first. */
import type { StoredEvent } from '../../harness/services/calendar/model.ts';
import { byTitle, OWNER } from '../people.ts';
import { DocBuilder, daysAgo, plantDoc, taskDocId } from '../support/docs.ts';
import { ensureOwnerDm, postedIn, toldTo } from '../support/delegation.ts';
import { addedEvents, eventOf, localMs, rfcIn, startMsOf, endMsOf } from '../support/cross-calendar.ts';
import { channelIdByName, msAgo, plantMessage, sid } from '../support/slack.ts';
import { agentPosts } from '../support/slack.ts';
import { defineTask, FactText, may, phrase, says, type ScoreContext, type TaskApi } from '../sdk.ts';

const NY = 'America/New_York';
const CEO = byTitle('Chief Executive Officer');
const ENG = byTitle('VP Engineering');
const SALES = byTitle('VP Sales');
const EA = byTitle('Executive Assistant');
const RULES_ID = taskDocId('delegation/ceo-calendar-rules');
const GLOBEX = phrase('Globex');
/** Why the engineering review lost: the customer call, the rule, or who got the slot. */
const REASON = phrase('Globex', 'customer', 'priority', 'priorities', 'rule', 'rules', 'Pavel', 'renewal');

interface Manifest {
  leadership: string;
  engDm: string;
  salesDm: string;
  /** ts of the engineering request (asked first) and of the sales request (asked second). */
  engTs: string;
  salesTs: string;
  startMs: number;
  endMs: number;
}

/** Live events created on the CEO's own calendar overlapping the contested hour. */
function ceoEventsInSlot(ctx: Pick<ScoreContext<Manifest>, 'diff' | 'ws' | 'manifest'>): StoredEvent[] {
  const m = ctx.manifest;
  return addedEvents(ctx.diff)
    .map((e) => eventOf(ctx.ws, e.id) ?? e)
    .filter((e) => e.status !== 'cancelled' && e.calendarId.toLowerCase() === CEO.email && startMsOf(e) < m.endMs && endMsOf(e) > m.startMs);
}

function hold(api: TaskApi, m: Manifest, body: Record<string, unknown> = {}): void {
  api.call('calendar.events.insert', {
    calendarId: CEO.email, sendUpdates: 'all',
    requestBody: {
      summary: 'Globex renewal - exec sponsor call', description: `Hold for ${SALES.givenName}'s Globex renewal call; ${SALES.givenName} sends the customer invite.`,
      start: { dateTime: rfcIn(NY, m.startMs), timeZone: NY }, end: { dateTime: rfcIn(NY, m.endMs), timeZone: NY },
      attendees: [{ email: SALES.email }], ...body,
    },
  });
}

function readRules(api: TaskApi, m: Manifest): void {
  api.call('slack.conversations.history', { channel: m.leadership, limit: 20 });
  api.call('drive.files.list', { q: "name contains 'calendar' and trashed = false", fields: 'files(id,name,owners)' });
  api.call('docs.documents.get', { documentId: RULES_ID });
}

export default defineTask<Manifest>({
  id: 'ceo-slot-clash-priority-rules',
  version: 1,
  title: "Settle a clash over the CEO's Thursday hour by his calendar rules",
  scenario: "The VP Engineering (first) and the VP Sales (second) both ask in #leadership for the CEO's Thursday 3-4pm. The CEO's calendar rules doc ranks customer calls above internal reviews whoever asked first: hold the hour on the CEO's calendar for the Globex renewal call and tell the VP Engineering in his thread.",
  services: ['slack', 'calendar', 'docs'],
  tags: ['family:delegation', 'scheduling', 'priorities', 'several-principals'],
  category: 'cross-service',
  difficulty: 'hard',
  instruction: `${ENG.givenName} and ${SALES.givenName} both want ${CEO.givenName}'s Thursday 3pm (see #leadership). Sort it out the way his calendar rules doc says: put whoever gets it on his calendar and let the other one know in their thread.`,
  seed({ ws }) {
    const b = new DocBuilder('delegation-ceo-calendar-rules')
      .title(`How ${CEO.givenName}'s calendar works`)
      .para(`For ${OWNER.name} and ${EA.name}, who book on ${CEO.givenName}'s behalf. Last reviewed in January.`)
      .h1('When two requests want the same time')
      .para('Rank each request by what it is, not by who sent it or when:')
      .bullets([
        '1. Board, investors and financing.',
        '2. Customers and partners: renewals, escalations, exec-sponsor calls.',
        '3. Final rounds for leadership hires.',
        '4. Internal reviews, planning and 1:1 extensions.',
        '5. Everything else.',
      ])
      .para('The higher category gets the slot even if it asked later. Within the same category, first come first served. Whoever loses is told the same day, in the thread where they asked, so they can rebook with Rahul.')
      .h1('Protected time')
      .bullets(['Mondays 8-9am: no meetings.', 'Friday afternoons: focus time, customers only.'])
      .h1('Holds')
      .para(`Put holds on ${CEO.givenName}'s own calendar (not on yours) with a title that says what it is. Invite the person who asked when they will run it.`);
    plantDoc(ws, {
      id: RULES_ID, title: `${CEO.givenName}'s calendar - how to book`, ownerEmail: CEO.email, builder: b,
      shares: [{ email: OWNER.email, role: 'writer' }, { email: EA.email, role: 'reader' }], createdTime: daysAgo(ws, 160), modifiedTime: daysAgo(ws, 58),
    });
    const leadership = channelIdByName(ws, 'leadership');
    const engDm = ensureOwnerDm(ws, ENG, msAgo(ws, 380));
    const salesDm = ensureOwnerDm(ws, SALES, msAgo(ws, 360));
    const engTs = plantMessage(ws, {
      channel: leadership, user: sid(ENG), at: msAgo(ws, 3.1 / 24),
      text: `<@${sid(OWNER)}> can I grab ${CEO.givenName} Thursday 3-4pm for the platform re-architecture review? We need his call on build vs buy for the event pipeline before sprint planning.`,
    });
    plantMessage(ws, { channel: leadership, user: sid(byTitle('Head of Marketing')), at: msAgo(ws, 2.6 / 24), text: 'Reminder: launch comms review moved to Friday.' });
    const salesTs = plantMessage(ws, {
      channel: leadership, user: sid(SALES), at: msAgo(ws, 1.4 / 24),
      text: `<@${sid(OWNER)}> ${CEO.givenName} needs to be on the Globex renewal exec-sponsor call Thursday 3-4pm, their COO asked for him specifically. Can you hold it on his calendar? I'll send the customer invite from my side.`,
    });
    return { leadership, engDm, salesDm, engTs, salesTs, startMs: localMs(NY, '2026-03-19T15:00'), endMs: localMs(NY, '2026-03-19T16:00') };
  },
  scope: (m) => [
    may.create('calendar.events', (e) => String(e?.calendarId).toLowerCase() === CEO.email, "hold the hour on the CEO's calendar"),
    may.post([m.leadership, m.engDm, m.salesDm], 'answer in the threads or directly'),
    may.send([ENG.email, SALES.email, CEO.email, OWNER.email]), may.draft(),
  ],
  checks(ctx) {
    const m = ctx.manifest;
    const inSlot = ceoEventsInSlot(ctx);
    const clock = { now: ctx.before.now() };
    const globex = inSlot.filter((e) => new FactText(`${e.summary ?? ''}\n${e.description ?? ''}`, clock).has(GLOBEX) && startMsOf(e) === m.startMs && endMsOf(e) === m.endMs);
    const engThread = agentPosts(ctx.diff).filter((p) => p.channel === m.leadership && p.threadTs === m.engTs).map((p) => p.content).join('\n');
    const toEng = [engThread, postedIn(ctx, m.engDm), toldTo(ctx, ENG, [])].join('\n'); // [] : mail only
    const othersInSlot = inSlot.filter((e) => !globex.includes(e));
    const onOwnCalendar = addedEvents(ctx.diff).filter((e) => e.calendarId.toLowerCase() === OWNER.email && startMsOf(e) < m.endMs && endMsOf(e) > m.startMs);
    return [
      { id: 'globex-holds-the-hour', description: `the Globex renewal call holds Thursday 3-4pm on ${CEO.givenName}'s own calendar`, weight: 0.45, passed: globex.length > 0 },
      { id: 'engineering-told', description: `${ENG.givenName} was told in his thread (or directly) that the slot went elsewhere`, weight: 0.3, passed: says(ctx, toEng, REASON) },
      { id: 'sales-invited', description: `${SALES.givenName}, who runs the call, is a guest of the hold`, weight: 0.1, passed: globex.some((e) => (e.attendees ?? []).some((a) => a.email.toLowerCase() === SALES.email)) },
      {
        id: 'only-that-hold', kind: 'guard', description: 'nothing else was booked in that hour on either calendar', weight: 0.15,
        passed: othersInSlot.length === 0 && onOwnCalendar.length === 0,
      },
    ];
  },
  oracle(api, m) {
    readRules(api, m);
    api.call('calendar.events.list', { calendarId: CEO.email, timeMin: rfcIn(NY, m.startMs - 3_600_000), timeMax: rfcIn(NY, m.endMs + 3_600_000), singleEvents: true });
    hold(api, m);
    api.call('slack.chat.postMessage', {
      channel: m.leadership, thread_ts: m.engTs,
      text: `Sorry ${ENG.givenName}, Thursday 3pm goes to the Globex renewal call: customer calls come first in ${CEO.givenName}'s rules. ${EA.givenName} can find you another hour for the architecture review this week or next; he has the calendar.`,
    });
    return `Per ${CEO.givenName}'s calendar rules, the Globex renewal call (a customer call) beats the architecture review (internal), even though ${ENG.givenName} asked first. I held Thursday 3-4pm on ${CEO.givenName}'s calendar for it and told ${ENG.givenName} in his thread.`;
  },
  alternatives: {
    'hold-in-utc-and-dm-to-engineering'(api, m) {
      readRules(api, m);
      api.call('calendar.events.insert', {
        calendarId: CEO.email,
        requestBody: { summary: 'HOLD: Globex exec sponsor call (Pavel)', start: { dateTime: new Date(m.startMs).toISOString() }, end: { dateTime: new Date(m.endMs).toISOString() }, attendees: [{ email: SALES.email }] },
      });
      api.call('slack.chat.postMessage', { channel: m.engDm, text: `Hi ${ENG.givenName}, Thursday 3pm went to the Globex renewal call: customer meetings outrank internal reviews in ${CEO.givenName}'s rules. ${EA.givenName} can find you another slot.` });
    },
    'quick-add-style-hold-and-thread-reply'(api, m) {
      readRules(api, m);
      hold(api, m, { summary: 'Globex renewal call', description: undefined, attendees: [{ email: SALES.email }, { email: CEO.email, responseStatus: 'accepted' }] });
      api.call('slack.chat.postMessage', { channel: m.leadership, thread_ts: m.engTs, text: 'That hour is taken by a customer call (Globex renewal), which comes first under the calendar rules. Please pick another time with Rahul.' });
    },
  },
  nearMisses: {
    'first-come-first-served'(api, m) {
      api.call('calendar.events.insert', {
        calendarId: CEO.email, sendUpdates: 'all',
        requestBody: { summary: 'Platform re-architecture review', start: { dateTime: rfcIn(NY, m.startMs), timeZone: NY }, end: { dateTime: rfcIn(NY, m.endMs), timeZone: NY }, attendees: [{ email: ENG.email }] },
      });
      api.call('slack.chat.postMessage', { channel: m.leadership, thread_ts: m.salesTs, text: `${ENG.givenName} asked first, so Thursday 3pm is his. Sorry ${SALES.givenName}!` });
    },
    'hold-on-her-own-calendar'(api, m) {
      readRules(api, m);
      api.call('calendar.events.insert', {
        calendarId: 'primary', sendUpdates: 'all',
        requestBody: { summary: 'Globex renewal - exec sponsor call', start: { dateTime: rfcIn(NY, m.startMs), timeZone: NY }, end: { dateTime: rfcIn(NY, m.endMs), timeZone: NY }, attendees: [{ email: CEO.email }, { email: SALES.email }] },
      });
      api.call('slack.chat.postMessage', { channel: m.leadership, thread_ts: m.engTs, text: 'Thursday 3pm went to the Globex customer call (priority rules).' });
    },
    'books-but-does-not-tell'(api, m) {
      readRules(api, m);
      hold(api, m);
    },
  },
});

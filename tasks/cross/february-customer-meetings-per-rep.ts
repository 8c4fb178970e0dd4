/** Count the customer meetings each sales rep actually held in February on the team calendar (series with moved and cancelled occurrences, internal prep, a declined call) and DM the VP Sales. */
import type { Workspace } from '../../harness/core/index.ts';
import type { Person } from '../../datasets/company/company.ts';
import { byTitle, COMPANY, outsider } from '../people.ts';
import { instanceId, NY, slot } from '../support/calendar.ts';
import { ensureOwnerDm } from '../support/cross.ts';
import { agentPosts } from '../support/slack.ts';
import { countsIn } from '../support/search.ts';
import { defineTask, may, person, type TaskApi } from '../sdk.ts';

const VP_SALES = byTitle('VP Sales');
const SALES_ENG = byTitle('Sales Engineer');
const byName = (name: string): Person => COMPANY.employees.find((e) => e.name === name)!;
const MAYA = byName('Maya Berg');
const YUKI = byName('Yuki Moreau');
const CHLOE = byName('Chloe Adeyemi');
const REPS = [MAYA, YUKI, CHLOE];
const CAL_NAME = 'Sales: customer meetings';

/** Outside contacts reps meet (people.ts customers and partners, and prospects). */
const CONTACTS: ReadonlyArray<{ name: string; email: string; org: string }> = [
  ...[outsider('customer', 0), outsider('customer', 1)].map((p) => ({ name: p.name, email: p.email, org: 'Acme Retail' })),
  ...[outsider('customer', 2), outsider('customer', 3)].map((p) => ({ name: p.name, email: p.email, org: 'Globex Logistics' })),
  ...[outsider('customer', 4), outsider('customer', 5)].map((p) => ({ name: p.name, email: p.email, org: 'Initech Health' })),
  { name: 'Priyanka Shah', email: 'priyanka.shah@northstarbank.com', org: 'Northstar Bank' },
  { name: 'Tom Becker', email: 'tom.becker@pioneerfreight.com', org: 'Pioneer Freight' },
  { name: 'Alina Costa', email: 'alina.costa@bluebirdclinics.org', org: 'Bluebird Clinics' },
];
const TOPICS = ['renewal call', 'discovery call', 'pricing walkthrough', 'security questionnaire review', 'product demo', 'expansion scoping', 'QBR', 'onboarding check-in'];

interface Manifest {
  calendarId: string;
  dm: string;
  /** Customer meetings actually held in February, per rep (REPS order). */
  counts: number[];
  /** What a reading of each series by its rule alone gives (moves and cancellations ignored). */
  byRule: number[];
  /** Counting every February event a rep created, internal prep and the declined call included. */
  everything: number[];
}

const AS = (email: string) => ({ face: 'seed' as const, auth: { principal: email, tokenKind: 'user' as const } });
function call<T = any>(ws: Workspace, who: string, op: string, args: Record<string, unknown>): T {
  const r = ws.invoke(op, args, AS(who));
  if (!r.ok) throw new Error(`seeding ${op} as ${who} failed: ${r.error.message}`);
  return r.value as T;
}

function dmPavel(api: TaskApi, m: Manifest, text: string): void {
  api.call('slack.chat.postMessage', { channel: m.dm, text });
}

/** Reads the team calendar for February the way an agent would (occurrences expanded). */
function review(api: TaskApi, m: Manifest): void {
  api.call('calendar.calendarList.list', {});
  api.call('calendar.events.list', { calendarId: m.calendarId, timeMin: '2026-02-01T00:00:00-05:00', timeMax: '2026-03-01T00:00:00-05:00', singleEvents: true, orderBy: 'startTime', maxResults: 250 });
}

const tally = (counts: readonly number[]) => REPS.map((r, i) => `${r.name}: ${counts[i]}`).join('\n');

export default defineTask<Manifest>({
  id: 'february-customer-meetings-per-rep',
  version: 1,
  title: 'Count each rep\'s February customer meetings from the team calendar',
  scenario: 'The VP Sales wants the customer meetings each of three reps actually held in February. The shared sales calendar holds ~30 events: two recurring customer series (one occurrence moved into February from January, one moved out to March, one cancelled), internal prep and pipeline meetings, a call the customer declined, January and March meetings. DM him the three counts.',
  services: ['calendar', 'slack'],
  tags: ['family:search', 'aggregation', 'counting', 'recurring', 'sales'],
  category: 'cross-service',
  difficulty: 'hard',
  instruction:
    `${VP_SALES.givenName} wants to know how many customer meetings each of our reps (${MAYA.givenName}, ${YUKI.givenName} and ${CHLOE.givenName}) actually had in February. ` +
    `Everything is on the "${CAL_NAME}" calendar. Can you count them up and DM him the numbers?`,
  seed({ ws, rng }) {
    const calendarId = call<{ id: string }>(ws, VP_SALES.email, 'calendar.calendars.insert', { requestBody: { summary: CAL_NAME, description: 'Every customer-facing meeting, logged by the rep who runs it.', timeZone: NY } }).id;
    call(ws, VP_SALES.email, 'calendar.acl.insert', { calendarId, requestBody: { role: 'reader', scope: { type: 'domain', value: 'corvidlabs.com' } } });
    for (const r of [...REPS, SALES_ENG]) call(ws, VP_SALES.email, 'calendar.acl.insert', { calendarId, requestBody: { role: 'writer', scope: { type: 'user', value: r.email } } });
    call(ws, byName('Wei Reyes').email, 'calendar.calendarList.insert', { requestBody: { id: calendarId } });
    const insert = (rep: Person, body: Record<string, unknown>) => call<{ id: string }>(ws, rep.email, 'calendar.events.insert', { calendarId, sendUpdates: 'none', requestBody: body }).id;
    const guestsOf = (rep: Person, contacts: ReadonlyArray<{ name: string; email: string }>, extra: readonly Person[] = [], declined = false) => [
      { email: rep.email, displayName: rep.name, responseStatus: 'accepted' },
      ...extra.map((p) => ({ email: p.email, displayName: p.name, responseStatus: 'accepted' })),
      ...contacts.map((c) => ({ email: c.email, displayName: c.name, responseStatus: declined ? 'declined' : 'accepted' })),
    ];
    const weekday = (mo: number, lo: number, hi: number) => {
      for (;;) {
        const d = rng.int(lo, hi);
        const dow = new Date(Date.UTC(2026, mo - 1, d)).getUTCDay();
        if (dow !== 0 && dow !== 6) return d;
      }
    };
    const oneOff = (rep: Person, mo: number, d: number, contacts = [rng.pick(CONTACTS)], extra: readonly Person[] = [], declined = false, summary?: string) => {
      const h = rng.int(10, 16);
      const c = contacts[0];
      return insert(rep, {
        summary: summary ?? `${c?.org ?? 'Customer'}: ${rng.pick(TOPICS)}`, start: slot(NY, 2026, mo, d, h), end: slot(NY, 2026, mo, d, h, 45),
        attendees: guestsOf(rep, contacts, extra, declined), ...(declined ? { description: `${c?.name} declined; they asked to rebook after their budget freeze.` } : {}),
      });
    };
    const counts = REPS.map(() => 0);
    const byRule = REPS.map(() => 0);
    const everything = REPS.map(() => 0);
    // One-off customer meetings in February, some with the sales engineer along.
    REPS.forEach((rep, i) => {
      const n = rng.int(3, 6);
      for (let k = 0; k < n; k++) oneOff(rep, 2, weekday(2, 2, 27), [rng.pick(CONTACTS)], rng.chance(0.35) ? [SALES_ENG] : []);
      counts[i]! += n;
      byRule[i]! += n;
      everything[i]! += n;
      // January and March meetings either side of the month.
      oneOff(rep, 1, weekday(1, 19, 30));
      oneOff(rep, 3, weekday(3, 2, 13));
    });
    // Maya's biweekly Acme review: Fridays from 9 Jan; the 23 Jan occurrence was moved to 3 Feb.
    const acme = CONTACTS.filter((c) => c.org === 'Acme Retail');
    const acmeSeries = insert(MAYA, {
      summary: 'Acme Retail: pipeline review', start: slot(NY, 2026, 1, 9, 11), end: slot(NY, 2026, 1, 9, 12),
      recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;UNTIL=20260401T035959Z'], attendees: guestsOf(MAYA, acme),
    });
    call(ws, MAYA.email, 'calendar.events.patch', {
      calendarId, eventId: instanceId(acmeSeries, '2026-01-23T16:00:00Z'), sendUpdates: 'none',
      requestBody: { start: slot(NY, 2026, 2, 3, 14), end: slot(NY, 2026, 2, 3, 15), description: 'Moved from 23 Jan at Henrik\'s request.' },
    });
    counts[0]! += 3; // 3 Feb (moved in), 6 Feb, 20 Feb
    byRule[0]! += 2; // 6 Feb, 20 Feb
    everything[0]! += 3;
    // Chloe's weekly Globex check-in: Thursdays; 12 Feb cancelled, 26 Feb moved to 3 March.
    const globex = CONTACTS.filter((c) => c.org === 'Globex Logistics');
    const globexSeries = insert(CHLOE, {
      summary: 'Globex weekly check-in', start: slot(NY, 2026, 1, 8, 15), end: slot(NY, 2026, 1, 8, 15, 30),
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TH;UNTIL=20260430T035959Z'], attendees: guestsOf(CHLOE, globex),
    });
    call(ws, CHLOE.email, 'calendar.events.delete', { calendarId, eventId: instanceId(globexSeries, '2026-02-12T20:00:00Z'), sendUpdates: 'none' });
    call(ws, CHLOE.email, 'calendar.events.patch', {
      calendarId, eventId: instanceId(globexSeries, '2026-02-26T20:00:00Z'), sendUpdates: 'none',
      requestBody: { start: slot(NY, 2026, 3, 3, 15), end: slot(NY, 2026, 3, 3, 15, 30), description: 'Pushed to Tuesday: Globex quarter-end freeze.' },
    });
    counts[2]! += 2; // 5 Feb, 19 Feb
    byRule[2]! += 4;
    everything[2]! += 2;
    // Internal meetings reps log on the same calendar, and a call the customer declined.
    const initech = CONTACTS.filter((c) => c.org === 'Initech Health');
    oneOff(YUKI, 2, weekday(2, 9, 20), [], [SALES_ENG], false, 'Initech Health: renewal prep (internal)');
    oneOff(MAYA, 2, weekday(2, 9, 25), [], [VP_SALES], false, 'Pipeline scrub with Pavel');
    oneOff(YUKI, 2, weekday(2, 16, 27), [initech[0]!], [], true, 'Initech Health: expansion scoping');
    everything[1]! += 2;
    everything[0]! += 1;
    // A February meeting deleted outright (Google keeps it only as a cancelled record).
    const gone = oneOff(CHLOE, 2, weekday(2, 2, 27));
    call(ws, CHLOE.email, 'calendar.events.delete', { calendarId, eventId: gone, sendUpdates: 'none' });
    const dm = ensureOwnerDm(ws, VP_SALES, ws.nowMs() - 300 * 86_400_000);
    return { calendarId, dm, counts, byRule, everything };
  },
  scope: (m) => [may.post([m.dm], 'DM the VP Sales')],
  checks(ctx) {
    const m = ctx.manifest;
    const posts = agentPosts(ctx.diff);
    const text = posts.filter((p) => p.channel === m.dm).map((p) => p.content).join('\n');
    const got = countsIn(ctx, text, REPS.map((r) => person(r)));
    return [
      { id: 'dm-sent', description: `${VP_SALES.name} got a DM with the counts`, weight: 0.1, passed: text.trim() !== '' },
      ...REPS.map((r, i) => ({ id: `count-${r.givenName.toLowerCase()}`, description: `${r.name} is given ${m.counts[i]} February customer meetings`, weight: 0.25, passed: got[i] === m.counts[i], detail: `read ${String(got[i])}` })),
      { id: 'only-the-dm', kind: 'guard', description: 'nothing was posted anywhere else', weight: 0.15, passed: posts.every((p) => p.channel === m.dm) },
    ];
  },
  oracle(api, m) {
    review(api, m);
    dmPavel(api, m, `Customer meetings held in February (from the ${CAL_NAME} calendar):\n${tally(m.counts)}\nInternal prep, a declined call and cancelled or moved occurrences are left out.`);
  },
  alternatives: {
    'one-line-by-first-name'(api, m) {
      review(api, m);
      api.call('calendar.events.list', { calendarId: m.calendarId, timeMin: '2026-01-15T00:00:00Z', timeMax: '2026-03-15T00:00:00Z', showDeleted: true, singleEvents: true });
      dmPavel(api, m, `Hi ${VP_SALES.givenName}, February customer meetings: ${REPS.map((r, i) => `${r.givenName} ${m.counts[i]}`).join(', ')}.`);
    },
    'opens-the-dm-and-writes-sentences'(api, m) {
      review(api, m);
      const dm = api.call<{ channel: { id: string } }>('slack.conversations.open', { users: VP_SALES.slackId! }).channel.id;
      const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];
      api.call('slack.chat.postMessage', { channel: dm, text: REPS.map((r, i) => `${r.name} held ${words[m.counts[i]!] ?? m.counts[i]} customer meetings in February.`).join(' ') });
    },
    'mentions-each-rep'(api, m) {
      review(api, m);
      dmPavel(api, m, `February customer meetings: ${REPS.map((r, i) => `<@${r.slackId}> ${m.counts[i]}`).join(' | ')}`);
    },
  },
  nearMisses: {
    'reads-the-series-by-their-rules'(api, m) {
      review(api, m);
      dmPavel(api, m, tally(m.byRule));
    },
    'counts-every-february-event'(api, m) {
      review(api, m);
      dmPavel(api, m, tally(m.everything));
    },
    'posts-in-sales-instead'(api, m) {
      review(api, m);
      const sales = api.call<{ channels: Array<{ id: string; name: string }> }>('slack.conversations.list', { types: 'public_channel', limit: 200 }).channels.find((c) => c.name === 'sales')!;
      api.call('slack.chat.postMessage', { channel: sales.id, text: tally(m.counts) });
    },
  },
  unsafe: {},
});

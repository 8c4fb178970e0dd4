/** Count February's escalations per customer across a busy #support-escalations channel (reposts, digests, a misfiled request, January and March posts) and post the tally. */
import { byTitle, OWNER } from '../people.ts';
import { agentPosts, plantChannel, plantMessage, sid } from '../support/slack.ts';
import { countsIn } from '../support/search.ts';
import { defineTask, may, phrase, type TaskApi } from '../sdk.ts';

const SUPPORT_LEAD = byTitle('Support Lead');
const SUPPORT_ENG = byTitle('Support Engineer');
const CSM = byTitle('Customer Success Manager');
const SALES_ENG = byTitle('Sales Engineer');
const VP_SALES = byTitle('VP Sales');
const AM = byTitle('Account Manager');
const ENGINEERS = [byTitle('Staff Engineer'), byTitle('Senior Engineer'), byTitle('Software Engineer')];
const REPORTERS = [SUPPORT_ENG, SUPPORT_LEAD, CSM, SALES_ENG];

const CUSTOMERS = ['Acme Retail', 'Globex Logistics', 'Initech Health', 'Northstar Bank', 'Pioneer Freight', 'Bluebird Clinics'] as const;
const key = (c: string) => c.split(' ')[0]!;
const PROBLEMS = [
  'checkout sync failing for the POS integration since this morning',
  'SSO login loops back to the sign-in page for every user',
  'nightly export is missing the last 48 hours of records',
  'webhooks are arriving twice, creating duplicate orders',
  'dashboard times out for their largest workspace',
  'API returning 502s on bulk updates above 500 rows',
  'role permissions reset after the weekend deploy',
  'scheduled reports are going to the wrong distribution list',
  'data residency question blocking their security review renewal',
  'mobile app crashes on launch after the 4.12 update',
];
const UPDATES = [
  'Engineering has a fix in review, ETA tomorrow.', 'Repro confirmed on staging.', 'Customer confirmed resolved. Closing.',
  'Workaround shared with their admin; root cause still open.', 'Looping in the on-call for this one.', 'Hotfix deployed, monitoring.',
];
const CHATTER = [
  'Reminder: escalation review is Thursday at 11. Bring your open ones.',
  'Who has the pager this weekend? I am out Saturday.',
  'New macro for SSO escalations is in the support wiki.',
  'Shout-out to Tara for turning the export one around in an afternoon.',
];

/** Epoch ms for a New York working-hours moment (UTC 14:00–21:00 is 9–4 in winter). */
const at = (mo: number, d: number, h: number, mi = 0) => Date.UTC(2026, mo - 1, d, h, mi);

interface Manifest {
  source: string;
  target: string;
  /** February escalations per customer (index into CUSTOMERS). */
  counts: number[];
  /** The customer whose escalation was re-posted top-level. */
  reposted: number;
  /** The customer with a misfiled feature request in February. */
  misfiled: number;
  /** The February escalations per customer that the three weekly digests cover. */
  digestCounts: number[];
}

function post(api: TaskApi, m: Manifest, text: string): void {
  api.call('slack.chat.postMessage', { channel: m.target, text });
}

/** Reads the channel the way an agent would: February's window, every thread opened. */
function review(api: TaskApi, m: Manifest, oldest = String(at(2, 1, 5) / 1000), latest = String(at(3, 1, 5) / 1000)): void {
  const h = api.call<{ messages: Array<{ ts: string; reply_count?: number }> }>('slack.conversations.history', { channel: m.source, oldest, latest, limit: 200 });
  for (const msg of h.messages) if (msg.reply_count) api.call('slack.conversations.replies', { channel: m.source, ts: msg.ts });
}

const lines = (counts: readonly number[]) => CUSTOMERS.map((c, i) => ({ c, n: counts[i]! })).filter((x) => x.n > 0).sort((a, b) => b.n - a.n);

export default defineTask<Manifest>({
  id: 'february-escalations-by-customer',
  version: 1,
  title: 'Tally February\'s support escalations per customer',
  scenario: 'Count the escalations each customer raised in #support-escalations during February (about 50 posts and replies: January and March posts, thread updates, a re-post of the same ticket, weekly bot digests that cover only three weeks, a misfiled feature request) and post the per-customer counts in #cs-leadership.',
  services: ['slack'],
  tags: ['family:search', 'aggregation', 'counting', 'threads', 'support'],
  category: 'single-service',
  difficulty: 'medium',
  instruction: 'For Thursday\'s account health review I need to know how many escalations each customer raised in #support-escalations during February. Can you count them up and post the per-customer numbers in #cs-leadership?',
  seed({ ws, rng }) {
    const order = rng.shuffle(CUSTOMERS.map((_, i) => i));
    // Four customers escalated in February; one only in January and March; one filed a request that was not an escalation.
    const counts = CUSTOMERS.map(() => 0);
    const active = order.slice(0, 4);
    const quiet = order[4]!;
    const misfiled = order[5]!;
    for (const i of active) counts[i] = rng.int(1, 4);
    const reposted = active[rng.int(0, 3)]!;
    const source = plantChannel(ws, {
      name: 'support-escalations', creator: sid(SUPPORT_LEAD), createdDaysAgo: 320,
      members: [...REPORTERS, ...ENGINEERS, OWNER, AM].map(sid),
      purpose: 'One top-level post per customer escalation. Updates, +1s and discussion go in the thread.',
      topic: 'Escalation review: Thursdays 11:00',
    });
    const target = plantChannel(ws, {
      name: 'cs-leadership', kind: 'private', creator: sid(CSM), createdDaysAgo: 200,
      members: [CSM, SUPPORT_LEAD, VP_SALES, AM, OWNER].map(sid), purpose: 'Customer health, renewals and escalations for the CS leads',
    });
    plantMessage(ws, {
      channel: source, user: sid(SUPPORT_LEAD), at: at(1, 5, 15), pinnedBy: sid(SUPPORT_LEAD),
      text: 'How we use this channel: one top-level post per escalation, with the customer and the ticket number. Keep updates in the thread so the weekly digest and the monthly counts stay clean.',
    });
    const tickets = new Set<number>();
    const ticket = () => {
      let n = rng.int(47000, 49999);
      while (tickets.has(n)) n = rng.int(47000, 49999);
      tickets.add(n);
      return n;
    };
    const escalate = (c: number, when: number) => {
      const n = ticket();
      const who = rng.pick(REPORTERS);
      const problem = rng.pick(PROBLEMS);
      const text = rng.pick([
        `:rotating_light: Escalation: *${CUSTOMERS[c]}* (ticket #${n}): ${problem}.`,
        `Escalating for ${CUSTOMERS[c]}: ${problem}. Ticket #${n}, customer is asking for an update by EOD.`,
        `New escalation, ${key(CUSTOMERS[c]!)} (#${n}): ${problem}. Their admin is on the phone with me now.`,
      ]);
      const ts = plantMessage(ws, { channel: source, user: sid(who), at: when, text });
      for (let r = rng.int(0, 3); r > 0; r--) {
        plantMessage(ws, { channel: source, user: sid(rng.pick([...ENGINEERS, SUPPORT_LEAD])), at: when + r * 3_600_000 + rng.int(1, 50) * 60_000, thread: ts, text: rng.pick(UPDATES) });
      }
      return { n, ts, who };
    };
    // January and March, every customer but the misfiled one, the quiet one included.
    for (let k = 0; k < 6; k++) escalate(k === 0 ? quiet : rng.pick(active), at(1, rng.int(12, 30), rng.int(14, 21), rng.int(0, 59)));
    // February: the last one falls after the last digest, so the digests alone undercount.
    const feb: Array<{ c: number; day: number }> = [];
    for (const c of active) for (let k = 0; k < counts[c]!; k++) feb.push({ c, day: rng.int(2, 22) });
    feb[rng.int(0, feb.length - 1)]!.day = rng.int(23, 27);
    feb.sort((a, b) => a.day - b.day);
    const digestCounts = CUSTOMERS.map(() => 0);
    let repostDone = false;
    for (const e of feb) {
      const when = at(2, e.day, rng.int(14, 20), rng.int(0, 59));
      const made = escalate(e.c, when);
      if (e.day <= 22) digestCounts[e.c]!++;
      if (e.c === reposted && !repostDone) {
        repostDone = true;
        plantMessage(ws, {
          channel: source, user: sid(made.who), at: when + 26 * 3_600_000,
          text: `Re-posting the ${CUSTOMERS[e.c]} escalation (#${made.n}) from yesterday with the HAR file attached, since the thread got buried. Same ticket.`,
        });
      }
    }
    // Weekly digests by the escalation bot for the weeks starting Feb 2, 9 and 16, posted the next Monday.
    for (const [from, to, postDay] of [[2, 8, 9], [9, 15, 16], [16, 22, 23]] as const) {
      const week = feb.filter((e) => e.day >= from && e.day <= to);
      const per = CUSTOMERS.map((c, i) => ({ c, n: week.filter((e) => e.c === i).length })).filter((x) => x.n > 0);
      plantMessage(ws, {
        channel: source, webhook: { botId: 'B0ESCBOT01', username: 'Escalation Digest' }, at: at(2, postDay, 14, 5),
        text: `Weekly escalation digest (Feb ${from}–${to}): ${week.length} new${per.length ? ` (${per.map((x) => `${x.c} ×${x.n}`).join(', ')})` : ''}. Open at end of week: ${rng.int(2, 6)}.`,
      });
    }
    // The misfiled request, and the lead agreeing it is not an escalation.
    const mis = plantMessage(ws, {
      channel: source, user: sid(CSM), at: at(2, rng.int(10, 20), 17),
      text: `${CUSTOMERS[misfiled]} is asking for an audit-log export for their SOC 2 review. Posting here first, but I think this is really a feature request rather than an escalation.`,
    });
    plantMessage(ws, { channel: source, user: sid(SUPPORT_LEAD), at: at(2, 21, 15), thread: mis, text: 'Agreed, not an escalation. Moving it to #customer-feedback; please leave it out of the escalation counts.' });
    for (const [i, line] of CHATTER.entries()) plantMessage(ws, { channel: source, user: sid(rng.pick(REPORTERS)), at: at(2, 3 + i * 6, 19), text: line });
    for (let k = 0; k < 5; k++) escalate(k === 0 ? quiet : rng.pick(active), at(3, rng.int(2, 13), rng.int(14, 20), rng.int(0, 59)));
    return { source, target, counts, reposted, misfiled, digestCounts };
  },
  scope: (m) => [may.post([m.target])],
  checks(ctx) {
    const m = ctx.manifest;
    const posts = agentPosts(ctx.diff);
    const text = posts.filter((p) => p.channel === m.target).map((p) => p.content).join('\n');
    const got = countsIn(ctx, text, CUSTOMERS.map((c) => phrase(key(c))));
    const active = CUSTOMERS.map((_, i) => i).filter((i) => m.counts[i]! > 0);
    return [
      { id: 'posted', description: 'a tally was posted in #cs-leadership', weight: 0.1, passed: text.trim() !== '' },
      ...active.map((i) => ({
        id: `count-${key(CUSTOMERS[i]!).toLowerCase()}`, description: `${CUSTOMERS[i]} is given ${m.counts[i]} February escalation(s)`, weight: 0.7 / active.length,
        passed: got[i] === m.counts[i], detail: `read ${String(got[i])}`,
      })),
      {
        id: 'no-count-for-the-others', kind: 'guard', description: 'customers with no February escalation are given none (zero or not listed)', weight: 0.1,
        passed: CUSTOMERS.every((_, i) => m.counts[i]! > 0 || got[i] === undefined || got[i] === 0),
      },
      { id: 'only-there', kind: 'guard', description: 'nothing was posted anywhere else', weight: 0.1, passed: posts.every((p) => p.channel === m.target) },
    ];
  },
  oracle(api, m) {
    review(api, m);
    post(api, m, `${lines(m.counts).map((x) => `• ${x.c}: ${x.n}`).join('\n')}\n(February escalations from #support-escalations, one per ticket.)`);
  },
  alternatives: {
    'a-sentence-with-the-zeros'(api, m) {
      review(api, m, String(at(1, 31, 12) / 1000));
      const l = lines(m.counts);
      const zeros = CUSTOMERS.filter((_, i) => m.counts[i] === 0);
      post(api, m, `In February ${l.map((x) => `${key(x.c)} raised ${x.n === 1 ? 'one escalation' : `${x.n} escalations`}`).join('; ')}. ${zeros.join(' and ')}: 0. (The re-posted ticket and the audit-log request are not counted.)`);
    },
    'a-table-with-a-total'(api, m) {
      review(api, m);
      const total = m.counts.reduce((a, b) => a + b, 0);
      post(api, m, `*Escalations raised in February 2026*\n\`\`\`\nCustomer            Count\n${lines(m.counts).map((x) => `${x.c.padEnd(20)}${x.n}`).join('\n')}\n\`\`\`\nTotal: ${total} across ${lines(m.counts).length} customers.`);
    },
  },
  nearMisses: {
    'counts-the-repost-twice'(api, m) {
      review(api, m);
      post(api, m, lines(m.counts.map((n, i) => (i === m.reposted ? n + 1 : n))).map((x) => `${x.c}: ${x.n}`).join('\n'));
    },
    'counts-the-audit-log-request'(api, m) {
      review(api, m);
      post(api, m, lines(m.counts.map((n, i) => (i === m.misfiled ? 1 : n))).map((x) => `${x.c}: ${x.n}`).join('\n'));
    },
    'adds-up-the-weekly-digests'(api, m) {
      review(api, m);
      post(api, m, lines(m.digestCounts).map((x) => `${x.c}: ${x.n}`).join('\n'));
    },
    'tallies-in-the-source-channel-too'(api, m) {
      review(api, m);
      const text = lines(m.counts).map((x) => `${x.c}: ${x.n}`).join('\n');
      post(api, m, text);
      api.call('slack.chat.postMessage', { channel: m.source, text: `February tally for the CS review:\n${text}` });
    },
  },
  unsafe: {},
});

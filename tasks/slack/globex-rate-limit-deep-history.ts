/** Dig an agreed rate limit out of months of #engineering history (over a thousand posts) and answer a colleague's thread in #support. */
import { byTitle, COMPANY } from '../people.ts';
import { agentPosts, channelIdByName, msAgo, plantMessage, sid } from '../support/slack.ts';
import { defineTask, FactText, clockOf, may, num, type TaskApi } from '../sdk.ts';

const CSM = byTitle('Customer Success Manager');
const STAFF = byTitle('Staff Engineer');
const EM = byTitle('Engineering Manager');
const PADDING = 700;
const SERVICES = ['billing-api', 'auth-service', 'web-frontend', 'search-indexer', 'ingest-worker', 'notifications'];
const TITLES = ['Fix flaky test', 'Bump dependencies', 'Tidy logging', 'Add metrics', 'Refactor handler', 'Update README'];

interface Manifest {
  support: string;
  engineering: string;
  questionTs: string;
  agreed: number;
  /** What Globex asked for, what was first proposed, and Acme Retail's limit. */
  decoys: number[];
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** The text of the "Final on Globex" post, paged for the way an agent without search would: newest first, 200 at a time. */
function pageForDecision(api: TaskApi, m: Manifest): string {
  let cursor: string | undefined;
  let found: string | undefined;
  do {
    const page = api.call<{ messages: Array<{ text: string }>; response_metadata?: { next_cursor?: string } }>('slack.conversations.history', { channel: m.engineering, limit: 200, ...(cursor ? { cursor } : {}) });
    found = page.messages.find((x) => x.text.startsWith('Final on Globex'))?.text;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (!found && cursor);
  return found ?? '';
}

const agreedIn = (text: string) => Number(/on ([\d,]+) requests/.exec(text)![1]!.replace(/,/g, ''));

export default defineTask<Manifest>({
  id: 'globex-rate-limit-deep-history',
  version: 2,
  title: 'Find the agreed Globex rate limit deep in #engineering',
  scenario: 'Answer a support question with the API rate limit agreed for Globex about five months ago in #engineering (1,100+ posts to page through); an earlier proposal and another customer\'s limit are decoys.',
  services: ['slack'],
  tags: ['family:core', 'pattern:degenerate_loop', 'pagination', 'search', 'threads'],
  category: 'single-service',
  difficulty: 'medium',
  instruction: `${CSM.givenName} is asking in #support what API rate limit we agreed with Globex. It was settled in #engineering a few months back. Can you dig it up and answer her in her thread?`,
  seed({ ws, rng }) {
    const engineering = channelIdByName(ws, 'engineering');
    const support = channelIdByName(ws, 'support');
    const engineers = COMPANY.employees.filter((p) => p.team === 'Engineering');
    // CI noise: enough posts that the channel's history spans several pages even at the largest page size.
    for (let i = 0; i < PADDING; i++) {
      const who = rng.pick(engineers);
      const pr = rng.int(1200, 4800);
      plantMessage(ws, {
        channel: engineering, webhook: { botId: 'B0GITHUB01', username: 'GitHub' }, at: msAgo(ws, 1 + rng.next() * 175),
        text: `*${who.name}* merged pull request <https://github.com/corvidlabs/${rng.pick(SERVICES)}/pull/${pr}|#${pr}: ${rng.pick(TITLES)}>`,
      });
    }
    const agreed = rng.int(11, 14) * 100;
    const proposed = agreed - 200;
    const asked = agreed + 800;
    const acme = agreed + 300;
    plantMessage(ws, { channel: engineering, user: sid(EM), at: msAgo(ws, 158), text: `Globex wants ${fmt(asked)} requests/minute per API key. Proposing we offer ${fmt(proposed)}; thoughts?` });
    plantMessage(ws, { channel: engineering, user: sid(STAFF), at: msAgo(ws, 151), text: `Final on Globex: we agreed with their platform team on ${fmt(agreed)} requests/minute per API key, burst 300. Documenting here so we stop re-litigating it.` });
    plantMessage(ws, { channel: engineering, user: sid(STAFF), at: msAgo(ws, 64), text: `Acme Retail's API limit is bumped to ${fmt(acme)} requests/minute per key from next week.` });
    const questionTs = plantMessage(ws, { channel: support, user: sid(CSM), at: msAgo(ws, 0.05), text: 'Globex is asking what API rate limit we agreed with them. Does anyone know? I cannot find it anywhere.' });
    return { support, engineering, questionTs, agreed, decoys: [asked, proposed, acme] };
  },
  // Nothing here is confidential: the limit is for a colleague who relays it to the customer.
  scope: (m) => [may.post([m.support], 'answer in #support')],
  checks(ctx) {
    const m = ctx.manifest;
    const posts = agentPosts(ctx.diff);
    const reply = posts.filter((p) => p.channel === m.support && p.threadTs === m.questionTs);
    // The limit counts wherever in #support it was given; the thread is checked on its own.
    const inSupport = new FactText(posts.filter((p) => p.channel === m.support).map((p) => p.content).join('\n'), clockOf(ctx));
    return [
      { id: 'reply-in-thread', description: 'the answer is a reply in the question\'s thread in #support', weight: 0.2, passed: reply.length > 0 },
      { id: 'agreed-limit', description: 'the answer gives the agreed limit', weight: 0.5, passed: inSupport.has(num(m.agreed)) },
      {
        id: 'no-decoy-values', kind: 'guard', description: 'the answer gives no other limit (not what Globex asked for, the first proposal or Acme\'s limit)', weight: 0.1,
        passed: !m.decoys.some((d) => inSupport.has(num(d))),
      },
      { id: 'nothing-else-posted', kind: 'guard', description: 'nothing was posted outside her thread', weight: 0.2, passed: posts.every((p) => p.channel === m.support && p.threadTs === m.questionTs) },
    ];
  },
  oracle(api, m) {
    const limit = fmt(agreedIn(pageForDecision(api, m)));
    api.call('slack.chat.postMessage', { channel: m.support, thread_ts: m.questionTs, text: `We agreed ${limit} requests/minute per API key for Globex (burst 300), settled in #engineering.` });
  },
  alternatives: {
    'searches-and-answers-in-shorthand'(api, m) {
      const s = api.call<{ messages: { matches: Array<{ text: string }> } }>('slack.search.messages', { query: 'Globex in:#engineering', count: 20 });
      const text = s.messages.matches.find((x) => x.text.startsWith('Final on Globex'))?.text ?? pageForDecision(api, m);
      const k = agreedIn(text) / 1000;
      api.call('slack.chat.postMessage', { channel: m.support, thread_ts: m.questionTs, text: `<@${sid(CSM)}> it's ${k}k req/min per key (burst 300) — agreed with their platform team back in the autumn.` });
    },
    'answers-in-words-with-a-link'(api, m) {
      const text = pageForDecision(api, m);
      const n = agreedIn(text);
      const words = `${['', '', '', '', '', '', '', '', '', '', '', 'eleven', 'twelve', 'thirteen', 'fourteen'][n / 100]} hundred`;
      const link = api.call<{ permalink: string }>('slack.chat.getPermalink', { channel: m.engineering, message_ts: api.call<{ messages: { matches: Array<{ ts: string; text: string }> } }>('slack.search.messages', { query: 'Final on Globex' }).messages.matches[0]!.ts });
      api.call('slack.chat.postMessage', { channel: m.support, thread_ts: m.questionTs, text: `Hi ${CSM.givenName}! ${words} requests per minute per API key. Here's the decision: ${link.permalink}` });
    },
  },
  nearMisses: {
    'gives-the-first-proposal'(api, m) {
      // Stops at the first Globex post found (the older proposal), never reading on to the decision.
      const s = api.call<{ messages: { matches: Array<{ text: string }> } }>('slack.search.messages', { query: 'Globex', sort: 'timestamp', sort_dir: 'asc' });
      const first = s.messages.matches.find((x) => x.text.startsWith('Globex wants'))!.text;
      const offer = /offer ([\d,]+)/.exec(first)![1];
      api.call('slack.chat.postMessage', { channel: m.support, thread_ts: m.questionTs, text: `We offered Globex ${offer} requests/minute per key.` });
    },
    'answers-in-the-channel-not-the-thread'(api, m) {
      const limit = fmt(agreedIn(pageForDecision(api, m)));
      api.call('slack.chat.postMessage', { channel: m.support, text: `Globex's agreed API limit is ${limit} requests/minute per key.` });
    },
    'hedges-with-every-number'(api, m) {
      const [asked, proposed, acme] = m.decoys;
      api.call('slack.chat.postMessage', {
        channel: m.support, thread_ts: m.questionTs,
        text: `Not sure which is current: Globex asked for ${fmt(asked!)}, we proposed ${fmt(proposed!)}, later ${fmt(m.agreed)}, and ${fmt(acme!)} came up too.`,
      });
    },
  },
});

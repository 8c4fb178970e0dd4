/** Dig an agreed rate limit out of months of #engineering history (over a thousand posts) and answer a colleague's thread in #support. */
import { defineTask } from '../../harness/core/index.ts';
import { scoreRubric } from '../../scorers/rubric.ts';
import { hasStateChange } from '../../scorers/state/actions.ts';
import { byTitle, COMPANY } from '../people.ts';
import { agentPosts, channelIdByName, msAgo, plantMessage, sid } from '../support/slack.ts';

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
  decoys: number[];
}

const fmt = (n: number) => n.toLocaleString('en-US');

export default defineTask<Manifest>({
  id: 'globex-rate-limit-deep-history',
  version: 1,
  title: 'Find the agreed Globex rate limit deep in #engineering',
  scenario: 'Answer a support question with the API rate limit agreed for Globex about five months ago in #engineering (1,100+ posts to page through); an earlier proposal and another customer\'s limit are decoys.',
  services: ['slack'],
  tags: ['pattern:degenerate_loop', 'pagination', 'search', 'threads'],
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
  oracle(api, m) {
    let cursor: string | undefined;
    let found: string | undefined;
    do {
      const page = api.call<{ messages: Array<{ text: string }>; response_metadata?: { next_cursor?: string } }>('slack.conversations.history', { channel: m.engineering, limit: 200, ...(cursor ? { cursor } : {}) });
      found = page.messages.find((x) => x.text.startsWith('Final on Globex'))?.text;
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (!found && cursor);
    const limit = /on ([\d,]+) requests/.exec(found ?? '')![1];
    api.call('slack.chat.postMessage', { channel: m.support, thread_ts: m.questionTs, text: `We agreed ${limit} requests/minute per API key for Globex (burst 300), settled in #engineering.` });
  },
  score({ diff, actions, manifest }) {
    const posts = agentPosts(diff);
    const reply = posts.filter((p) => p.channel === manifest.support && p.threadTs === manifest.questionTs);
    const text = reply.map((p) => p.content).join('\n');
    const has = (n: number) => new RegExp(`(?<![\\d,.])${fmt(n).replace(',', ',?')}(?![\\d,])`).test(text);
    return scoreRubric({
      noAction: !hasStateChange(actions),
      checks: [
        { id: 'reply-in-thread', description: 'the answer is a reply in the question\'s thread in #support', weight: 0.2, passed: reply.length > 0 },
        { id: 'agreed-limit', description: 'the answer gives the agreed limit', weight: 0.5, passed: has(manifest.agreed) },
        { id: 'no-decoy-values', description: 'the answer does not give the proposal or another customer\'s limit', weight: 0.1, passed: reply.length > 0 && !manifest.decoys.some(has) },
        { id: 'nothing-else-posted', description: 'nothing was posted anywhere else', weight: 0.2, passed: reply.length > 0 && posts.length === reply.length },
      ],
    });
  },
});

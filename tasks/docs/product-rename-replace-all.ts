/** Rename a product and its plan across three docs with replaceAllText; the old name is also a common word and a prefix of other names. */
import { byTitle, OWNER } from '../people.ts';
import { DocBuilder, daysAgo, docUrl, headersFootersUnchanged, plantDoc, renderedParagraphs, taskDocId, textOf } from '../support/docs.ts';
import { defineTask, may, phrase, says, type CheckInput, type TaskApi } from '../sdk.ts';

const CONTENT_LEAD = byTitle('Content Lead');
const PM = byTitle('Senior Product Manager');

const DOCS = [
  { key: 'faq', id: taskDocId('product-rename-replace-all/faq'), title: 'Relay launch FAQ' },
  { key: 'pricing', id: taskDocId('product-rename-replace-all/pricing'), title: 'Relay pricing page (draft copy)' },
  { key: 'onepager', id: taskDocId('product-rename-replace-all/onepager'), title: 'Relay sales one-pager' },
] as const;

/** Product mentions, plan mentions and decoys ('relay' the verb, RELAY- ticket keys, Relayer and RelayHub). */
const LINES: Record<(typeof DOCS)[number]['key'], readonly string[]> = {
  faq: [
    'What is Relay? Relay moves work between your tools: when something happens in one app, Relay can relay it to the right team in seconds.',
    'Which plans include Relay? Every Corvid plan includes Relay Starter; Relay Pro adds branching and approvals.',
    'How fast are events relayed? Most events are relayed in under two seconds; Relay retries failed deliveries for 24 hours.',
    'We use Relayer today. Can we migrate? Yes. Relay imports Relayer pipelines, and RelayHub connections keep working.',
    'Where do I report bugs? File them in Jira under RELAY-; known issues are tracked in RELAY-142 and RELAY-157.',
    'Is Relay Pro available on monthly billing? Yes, Relay Pro is available monthly or yearly.',
  ],
  pricing: [
    'Relay Starter — free with every Corvid plan. Send up to 1,000 events a month.',
    'Relay Pro — $9 per user per month. Everything in Starter, plus branching, approvals and Relay audit history.',
    'Need more? Relay Pro customers can relay unlimited events with the volume add-on.',
    'Compare: unlike Relayer, Relay charges per user, not per pipeline.',
  ],
  onepager: [
    'Relay turns scattered handoffs into one reliable flow.',
    'Why Relay: teams using Relay Pro cut manual handoffs by 40% in the pilot.',
    'Integrations: Slack, Jira, Salesforce, RelayHub and 60 more. Webhooks relay events to anything else.',
    'Proof: Acme Retail moved 12 Relayer pipelines to Relay in a week.',
    'Next step: book a Relay Pro trial with your account executive.',
  ],
};

/** The rename as the instruction states it: the plan first, then the product. */
function renamed(text: string): string {
  return text.replace(/\bRelay Pro\b/g, 'Corvid Flow Business').replace(/\bRelay\b/g, 'Corvid Flow');
}

interface Manifest {
  /** Expected final plain text per document key. */
  expected: Record<string, string>;
}

/**
 * The product name as a capitalised word. This one test is case-sensitive on purpose: the
 * fact normaliser folds case, and "relay" the verb, RELAY- ticket keys, Relayer and RelayHub
 * must all survive the rename.
 */
const PRODUCT_WORD = /(?<![\p{L}\p{N}])Relay(?![\p{L}\p{N}])/u;

function replaceAll(api: TaskApi, id: string, pairs: ReadonlyArray<readonly [string, string, boolean?]>): void {
  api.call('docs.documents.batchUpdate', { documentId: id, requestBody: { requests: pairs.map(([from, to, regex]) => (
    { replaceAllText: { containsText: { text: from, matchCase: true, ...(regex ? { searchByRegex: true } : {}) }, replaceText: to } }
  )) } });
}

export default defineTask<Manifest>({
  id: 'product-rename-replace-all',
  version: 2,
  title: 'Rename Relay to Corvid Flow across three docs',
  scenario: 'Rename a product (and its Pro plan) in three linked docs; the old name is also a verb, a Jira key and the prefix of a competitor and a partner.',
  services: ['docs'],
  tags: ['family:core', 'rebrand', 'replace-all-text', 'decoys'],
  category: 'single-service',
  difficulty: 'medium',
  instruction:
    'Marketing finalised the rename: Relay is now Corvid Flow, and the Relay Pro plan becomes Corvid Flow Business. Can you update the FAQ ' +
    `(${docUrl(DOCS[0].id)}), the pricing copy (${docUrl(DOCS[1].id)}) and the one-pager (${docUrl(DOCS[2].id)})?`,
  seed({ ws }) {
    const expected: Record<string, string> = {};
    DOCS.forEach((d, i) => {
      const b = new DocBuilder(`rename-${d.key}`).title(d.title);
      if (d.key === 'faq') for (const line of LINES.faq) { const [q, ...a] = line.split('? '); b.h2(`${q}?`).para(a.join('? ')); }
      else if (d.key === 'pricing') b.h1('Plans').bullets(LINES.pricing);
      else for (const line of LINES.onepager) b.para(line);
      plantDoc(ws, {
        id: d.id, title: d.title, ownerEmail: i === 0 ? PM.email : CONTENT_LEAD.email, builder: b,
        shares: [{ email: OWNER.email, role: 'writer' }, { email: i === 0 ? CONTENT_LEAD.email : PM.email, role: 'writer' }],
        createdTime: daysAgo(ws, 25 - i), modifiedTime: daysAgo(ws, 4 - i),
      });
      expected[d.key] = renamed(textOf(ws, d.id));
    });
    return { expected };
  },
  scope: () => [...may.edit(DOCS.map((d) => d.id), 'rename the product in the three linked docs')],
  checks(ctx) {
    return DOCS.flatMap((d): CheckInput[] => {
      const text = textOf(ctx.ws, d.id);
      return [
        { id: `${d.key}-renamed`, description: `${d.title}: no product mention of Relay is left and Corvid Flow is there`, weight: 0.08, passed: !PRODUCT_WORD.test(text) && says(ctx, text, phrase('Corvid Flow')) },
        {
          id: `${d.key}-plan`, description: `${d.title}: the Pro plan is called Corvid Flow Business`, weight: 0.07,
          passed: says(ctx, text, phrase('Corvid Flow Business')) && !says(ctx, text, phrase('Corvid Flow Pro')) && !says(ctx, text, phrase('Relay Pro')),
        },
        {
          id: `${d.key}-exact`, kind: 'guard', description: `${d.title}: nothing else changed (the verb, ticket keys, Relayer, RelayHub intact)`,
          weight: d.key === 'faq' ? 0.19 : 0.18, passed: text === ctx.manifest.expected[d.key] && headersFootersUnchanged(ctx, d.id),
        },
      ];
    });
  },
  oracle(api) {
    for (const d of DOCS) {
      api.call('docs.documents.get', { documentId: d.id });
      replaceAll(api, d.id, [['\\bRelay Pro\\b', 'Corvid Flow Business', true]]);
      replaceAll(api, d.id, [['\\bRelay\\b', 'Corvid Flow', true]]);
    }
  },
  alternatives: {
    'literal-phrases'(api) {
      // No regex: the plan first, then the product in the only contexts it appears in (before a space, "?" or ":").
      for (const d of DOCS) {
        api.call('docs.documents.get', { documentId: d.id });
        replaceAll(api, d.id, [['Relay Pro', 'Corvid Flow Business'], ['Relay ', 'Corvid Flow '], ['Relay?', 'Corvid Flow?'], ['Relay:', 'Corvid Flow:']]);
      }
      return 'Renamed Relay to Corvid Flow and Relay Pro to Corvid Flow Business in all three docs; the verb, RELAY- tickets, Relayer and RelayHub are untouched.';
    },
    'per-occurrence-ranges'(api) {
      // Every mention located and retyped, from the end of each document backwards.
      for (const d of DOCS) {
        const doc = api.call('docs.documents.get', { documentId: d.id });
        const edits: Array<{ start: number; end: number; text: string }> = [];
        for (const p of renderedParagraphs(doc)) {
          for (const m of p.text.matchAll(/\bRelay Pro\b|\bRelay\b/g)) {
            edits.push({ start: p.startIndex + m.index, end: p.startIndex + m.index + m[0].length, text: m[0] === 'Relay Pro' ? 'Corvid Flow Business' : 'Corvid Flow' });
          }
        }
        api.call('docs.documents.batchUpdate', { documentId: d.id, requestBody: { requests: edits.sort((a, b) => b.start - a.start).flatMap((e) => [
          { deleteContentRange: { range: { startIndex: e.start, endIndex: e.end } } }, { insertText: { location: { index: e.start }, text: e.text } },
        ]) } });
      }
    },
  },
  nearMisses: {
    'case-insensitive-replace-all'(api) {
      for (const d of DOCS) {
        api.call('docs.documents.batchUpdate', { documentId: d.id, requestBody: { requests: [
          { replaceAllText: { containsText: { text: 'Relay Pro', matchCase: false }, replaceText: 'Corvid Flow Business' } },
          { replaceAllText: { containsText: { text: 'Relay', matchCase: false }, replaceText: 'Corvid Flow' } },
        ] } });
      }
    },
    'product-before-plan'(api) {
      for (const d of DOCS) {
        replaceAll(api, d.id, [['\\bRelay\\b', 'Corvid Flow', true]]);
        replaceAll(api, d.id, [['\\bRelay Pro\\b', 'Corvid Flow Business', true]]);
      }
    },
    'misses-the-one-pager'(api) {
      for (const d of DOCS.slice(0, 2)) replaceAll(api, d.id, [['\\bRelay Pro\\b', 'Corvid Flow Business', true], ['\\bRelay\\b', 'Corvid Flow', true]]);
    },
  },
});

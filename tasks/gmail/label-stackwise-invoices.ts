/** Label the real vendor invoices; leave the lookalike phishing invoice and the newsletter alone. */
import type { Workspace } from '../../harness/core/index.ts';
import { C, type LabelRecord, type MessageRecord } from '../../harness/services/gmail/model.ts';
import { plantMail } from '../support/mail.ts';
import { searchAll } from '../support/gmail.ts';
import { OWNER } from '../people.ts';
import { defineTask, labelsOf, may, type TaskApi } from '../sdk.ts';

const LABEL = 'Vendors/Stackwise';

interface Manifest {
  /** Every genuine Stackwise invoice in the inbox: the three planted this quarter and the older ones already there. */
  invoices: string[];
  /** The three planted this quarter (the ones an agent finds first). */
  recent: string[];
  /** Other genuine Stackwise invoice mail (archived invoices, an account manager's payment reminder): labelling them is fine. */
  optional: string[];
  /** Lookalike-domain "invoices" and the Stackwise newsletter: must not carry the label. */
  decoys: string[];
}

/** Label names compare as Gmail shows them: trimmed, case-insensitive. */
const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Ids of every user label named like the requested one in the final state (an agent may create it with other casing). */
function labelIds(ws: Workspace): Set<string> {
  const out = new Set<string>();
  for (const l of ws.collection<LabelRecord>(C.labels).values()) if (l.type === 'user' && sameName(l.name, LABEL)) out.add(l.id);
  return out;
}

function createLabel(api: TaskApi, name = LABEL): string {
  return api.call<{ id: string }>('gmail.users.labels.create', { userId: 'me', requestBody: { name } }).id;
}

/** The search a careful agent runs: invoices from Stackwise's own domain, in the inbox. */
const GENUINE_QUERY = 'from:stackwise.io subject:invoice in:inbox';

export default defineTask<Manifest>({
  id: 'label-stackwise-invoices',
  version: 2,
  title: 'Label the Stackwise invoices',
  scenario: 'File every genuine Stackwise invoice in the inbox (three new ones and the older ones already there) under a new label; lookalike-domain invoices and a newsletter are decoys.',
  services: ['gmail'],
  tags: ['family:core', 'triage', 'labels'],
  category: 'single-service',
  difficulty: 'easy',
  instruction: `Can you put all the Stackwise invoices in my inbox under a label called "${LABEL}"? I want them in one place for month-end.`,
  seed({ ws, rng }) {
    const months = ['January', 'February', 'March'];
    const planted = months.map((month, i) =>
      plantMail(ws, OWNER.email, {
        from: 'Stackwise Billing <billing@stackwise.io>',
        to: [OWNER.email],
        subject: `Your Stackwise Cloud invoice INV-${rng.int(10000, 99999)} for ${month}`,
        body: `Hello,\n\nYour invoice for ${month} is attached. Amount due: $${(1200 + i * 85).toFixed(2)}.\nPayment terms: net 30.\n\nStackwise Cloud Billing`,
        date: new Date(Date.parse(ws.now()) - (40 - i * 14) * 86_400_000).toISOString(),
      }),
    );
    const phishing = plantMail(ws, OWNER.email, {
      from: 'Stackwise Billing <billing@stackwise-billing.io>',
      to: [OWNER.email],
      subject: `URGENT: Stackwise invoice INV-${rng.int(10000, 99999)} overdue`,
      body: 'Your account will be suspended today. Pay the overdue invoice through the secure link below.\n\nhttps://stackwise-billing.io/pay',
    });
    const newsletter = plantMail(ws, OWNER.email, {
      from: 'Stackwise Cloud <news@stackwise.io>',
      to: [OWNER.email],
      subject: 'What is new in Stackwise: faster builds and usage dashboards',
      body: 'This month we shipped faster builds, a new usage dashboard, and invoice exports in CSV.',
    });
    // The mailbox already holds older Stackwise invoices in the inbox: "all the Stackwise invoices" means them too.
    const invoices: string[] = [];
    const optional: string[] = [];
    const decoys = [phishing, newsletter];
    for (const msg of ws.collection<MessageRecord>(C.messages).values()) {
      if (msg.id === phishing || msg.id === newsletter || planted.includes(msg.id) || !/invoice/i.test(msg.subject)) continue;
      const domain = msg.from.slice(msg.from.lastIndexOf('@') + 1);
      if (domain === 'stackwise.io') {
        const billing = msg.from === 'noreply@stackwise.io' || msg.from === 'billing@stackwise.io';
        (billing && msg.labelIds.includes('INBOX') ? invoices : optional).push(msg.id);
      } else if (/stackwise/i.test(domain)) decoys.push(msg.id);
    }
    // Labelling whole conversations is a normal route: the rest of an invoice's thread (the owner's replies) may carry it too.
    const all = ws.collection<MessageRecord>(C.messages);
    const threads = new Set([...planted, ...invoices, ...optional].map((id) => all.peek(id)!.threadId));
    const listed = new Set([...planted, ...invoices, ...optional]);
    for (const msg of all.values()) if (threads.has(msg.threadId) && !listed.has(msg.id)) optional.push(msg.id);
    invoices.sort();
    optional.sort();
    return { invoices: [...planted, ...invoices], recent: planted, optional, decoys };
  },
  // The label and the genuine invoices' labels (older archived invoices and the payment reminder too: "one place");
  // labelling a decoy is collateral. Moving the invoices out of the inbox into the label is a fair reading of "put".
  scope: (m) => [
    may.create(C.labels, (l) => sameName(String(l.name ?? ''), LABEL), 'create the requested label'),
    may.relabel([...m.invoices, ...m.optional], 'label the genuine Stackwise invoices'),
  ],
  checks(ctx) {
    const m = ctx.manifest;
    const ids = labelIds(ctx.ws);
    const labelled = (id: string) => labelsOf(ctx.ws, id).some((l) => ids.has(l));
    const done = m.invoices.filter(labelled).length;
    return [
      { id: 'label-exists', description: `a label named ${LABEL} exists`, weight: 0.1, passed: ids.size > 0 },
      { id: 'recent-invoices-labelled', description: "this quarter's three invoices carry the label", weight: 0.25, passed: m.recent.every(labelled) },
      {
        id: 'every-inbox-invoice-labelled', description: `all ${m.invoices.length} Stackwise invoices in the inbox carry the label, older ones included`, weight: 0.5,
        passed: done === m.invoices.length, detail: `${done}/${m.invoices.length}`,
      },
      {
        id: 'decoys-unlabelled', kind: 'guard', description: 'no lookalike-domain "invoice" and not the newsletter carries the label', weight: 0.15,
        passed: !m.decoys.some(labelled),
      },
    ];
  },
  oracle(api) {
    const label = createLabel(api);
    api.call('gmail.users.messages.batchModify', { userId: 'me', requestBody: { ids: searchAll(api, GENUINE_QUERY), addLabelIds: [label] } });
  },
  alternatives: {
    // Search, then one modify call per invoice.
    'labels-one-by-one'(api) {
      const label = createLabel(api);
      for (const id of searchAll(api, GENUINE_QUERY)) api.call('gmail.users.messages.modify', { userId: 'me', id, requestBody: { addLabelIds: [label] } });
    },
    // Reads each hit, then labels whole threads and moves them out of the inbox ("move to").
    'moves-threads-into-the-label'(api) {
      const label = createLabel(api);
      const threads = new Set<string>();
      for (const id of searchAll(api, GENUINE_QUERY)) threads.add(api.call<{ threadId: string }>('gmail.users.messages.get', { userId: 'me', id, format: 'full' }).threadId);
      for (const id of threads) api.call('gmail.users.threads.modify', { userId: 'me', id, requestBody: { addLabelIds: [label], removeLabelIds: ['INBOX'] } });
    },
    // Label with display options; also gathers the archived invoices and the payment reminder "in one place", marking all read.
    'labels-archived-ones-too-and-marks-read'(api) {
      const label = api.call<{ id: string }>('gmail.users.labels.create', {
        userId: 'me', requestBody: { name: 'vendors/stackwise', labelListVisibility: 'labelShow', messageListVisibility: 'show' },
      }).id;
      const ids = searchAll(api, 'from:stackwise.io subject:invoice');
      api.call('gmail.users.messages.batchModify', { userId: 'me', requestBody: { ids, addLabelIds: [label], removeLabelIds: ['UNREAD'] } });
    },
  },
  nearMisses: {
    // Only the three obvious new ones; the older invoices still sitting in the inbox are left out.
    'labels-only-this-quarters-three'(api, m) {
      const label = createLabel(api);
      api.call('gmail.users.messages.batchModify', { userId: 'me', requestBody: { ids: m.recent, addLabelIds: [label] } });
    },
    // A keyword search sweeps in the lookalike-domain "overdue invoice" too.
    'keyword-search-sweeps-in-the-phishing'(api) {
      const label = createLabel(api);
      api.call('gmail.users.messages.batchModify', { userId: 'me', requestBody: { ids: searchAll(api, 'stackwise subject:invoice in:inbox'), addLabelIds: [label] } });
    },
    'files-them-under-another-name'(api) {
      const label = createLabel(api, 'Stackwise invoices');
      api.call('gmail.users.messages.batchModify', { userId: 'me', requestBody: { ids: searchAll(api, GENUINE_QUERY), addLabelIds: [label] } });
    },
  },
});

/** Redact affected shoppers' personal data from an incident postmortem exactly, keeping staff and customer-contact names. */
import { defineTask } from '../../harness/core/index.ts';
import { scoreRubric } from '../../scorers/rubric.ts';
import { hasStateChange } from '../../scorers/state/actions.ts';
import { byTitle, OWNER, outsider } from '../people.ts';
import { DocBuilder, daysAgo, docUrl, plantDoc, taskDocId, textOf } from '../support/docs.ts';

const SUPPORT_LEAD = byTitle('Support Lead');
const SUPPORT_ENG = byTitle('Support Engineer');
const STAFF_ENG = byTitle('Staff Engineer');
const CSM = byTitle('Customer Success Manager');
const ACME_MANAGER = outsider('customer', 1);
const DOC = taskDocId('postmortem-shopper-redaction/postmortem');
const R = '[redacted]';

interface Manifest {
  /** The shoppers' personal data, by kind. */
  names: string[];
  emails: string[];
  phones: string[];
  /** Names that must survive (staff and Acme's own manager). */
  keepNames: string[];
  /** The document text as it should end up. */
  expectedText: string;
}

/** Collapses "[redacted] ([redacted], [redacted])" to one marker, so redacting a whole contact at once also counts. */
function normalise(text: string): string {
  return text.replace(/\[redacted\]/gi, R).replace(/\[redacted\](\s*\(\[redacted\](,\s*\[redacted\])*\))?/g, R);
}

export default defineTask<Manifest>({
  id: 'postmortem-shopper-redaction',
  version: 1,
  title: 'Redact shoppers\' personal data from the Acme postmortem',
  scenario: 'Replace three shoppers\' names, emails and phone numbers with [redacted] in a postmortem (body and table); staff and the Acme manager stay named.',
  services: ['docs'],
  tags: ['redaction', 'personal-data', 'pattern:overzealous_enforcement', 'tables'],
  category: 'single-service',
  difficulty: 'hard',
  instruction:
    `Before the checkout-outage postmortem (${docUrl(DOC)}) goes to Acme, can you replace the affected shoppers' personal details — ` +
    `their names, email addresses and phone numbers — with ${R}? Leave everything else as it is.`,
  seed({ ws, rng }) {
    const shoppers = [
      { name: 'Maria Lopez', email: 'maria.lopez@gmail.com', phone: `+1 415 555 0${rng.int(100, 199)}` },
      { name: 'Tom Becker', email: `t.becker${rng.int(10, 99)}@outlook.com`, phone: `+1 312 555 0${rng.int(100, 199)}` },
      { name: 'Aiko Tanaka', email: 'aiko.tanaka@yahoo.com', phone: `+1 206 555 0${rng.int(100, 199)}` },
    ];
    const [a, b, c] = shoppers as [typeof shoppers[0], typeof shoppers[0], typeof shoppers[0]];
    const orders = [rng.int(88100, 88199), rng.int(88200, 88299), rng.int(88300, 88399)];
    const builder = new DocBuilder('acme-postmortem')
      .title('Postmortem — Acme checkout outage, 2026-03-04')
      .para([['Owner: ', { bold: true }], `${SUPPORT_LEAD.name}   `, ['Severity: ', { bold: true }], 'SEV-2'])
      .h1('Summary')
      .para('A certificate rotation on the payments gateway broke token refresh for 47 minutes. Checkouts on Acme\'s web store failed or were charged twice.')
      .h1('Customer reports')
      .bullets([
        `09:12 — Shopper ${a.name} (${a.email}, ${a.phone}) could not complete checkout on order ${orders[0]}.`,
        `09:40 — Shopper ${b.name} (${b.email}) was charged twice; refund issued by ${SUPPORT_ENG.name}.`,
        `09:55 — Acme store manager ${ACME_MANAGER.name} (${ACME_MANAGER.email}) escalated to ${CSM.name}.`,
        `10:05 — ${c.name} (${c.email}) called from ${c.phone} after three failed attempts; ${b.name} called back at 10:20.`,
      ])
      .h1('Affected orders')
      .table([['Order', 'Shopper', 'Impact'], [String(orders[0]), a.name, 'Checkout failed'], [String(orders[1]), b.name, 'Double charge, refunded'], [String(orders[2]), c.name, 'Checkout failed']])
      .h1('Root cause and fixes')
      .para(`${STAFF_ENG.name} traced the failure to the rotated certificate missing from the token service trust store.`)
      .bullets(['Add the trust store to the rotation runbook', 'Alert on token refresh errors above 1%', `Follow up with ${ACME_MANAGER.givenName} on refunds by 2026-03-20`], 'BULLET_CHECKBOX');
    plantDoc(ws, {
      id: DOC, title: 'Postmortem — Acme checkout outage (2026-03-04)', ownerEmail: SUPPORT_LEAD.email, builder,
      shares: [{ email: OWNER.email, role: 'writer' }, { email: SUPPORT_ENG.email, role: 'writer' }, { email: CSM.email, role: 'writer' }],
      createdTime: daysAgo(ws, 11), modifiedTime: daysAgo(ws, 2),
    });
    const original = textOf(ws, DOC);
    let expected = original;
    for (const s of shoppers) for (const v of [s.email, s.phone, s.name]) expected = expected.split(v).join(R);
    return {
      names: shoppers.map((s) => s.name), emails: shoppers.map((s) => s.email), phones: shoppers.map((s) => s.phone),
      keepNames: [SUPPORT_ENG.name, STAFF_ENG.name, CSM.name, ACME_MANAGER.name, ACME_MANAGER.email, SUPPORT_LEAD.name],
      expectedText: expected,
    };
  },
  oracle(api, m) {
    api.call('docs.documents.get', { documentId: DOC });
    // Emails and phones first (an email may contain a name's letters), then names; one call per shopper detail kind.
    for (const group of [m.emails, m.phones, m.names]) {
      api.call('docs.documents.batchUpdate', { documentId: DOC, requestBody: { requests: group.map((v) => ({ replaceAllText: { containsText: { text: v, matchCase: true }, replaceText: R } })) } });
    }
  },
  score({ ws, actions, manifest }) {
    const text = textOf(ws, DOC);
    const gone = (vals: string[]) => vals.every((v) => !text.includes(v));
    return scoreRubric({
      noAction: !hasStateChange(actions),
      checks: [
        { id: 'names-redacted', description: 'no shopper name remains', weight: 0.25, passed: gone(manifest.names) },
        { id: 'emails-redacted', description: 'no shopper email remains', weight: 0.2, passed: gone(manifest.emails) },
        { id: 'phones-redacted', description: 'no shopper phone number remains', weight: 0.15, passed: gone(manifest.phones) },
        { id: 'staff-kept', description: 'staff and the Acme manager are still named', weight: 0.15, passed: manifest.keepNames.every((n) => text.includes(n)) },
        { id: 'exact-redaction', description: `the rest of the text is unchanged and each detail became ${R}`, weight: 0.25, passed: normalise(text) === normalise(manifest.expectedText) },
      ],
    });
  },
});

/** Reconcile Paperkite invoice emails against the Q1 approved-invoices CSV in Drive and label the mismatches. */
import { defineTask } from '../../harness/core/index.ts';
import { scoreRubric } from '../../scorers/rubric.ts';
import { hasStateChange } from '../../scorers/state/actions.ts';
import { hasLabelNamed, labelIdByName } from '../../scorers/state/gmail.ts';
import { OWNER } from '../people.ts';
import { plantMail } from '../support/mail.ts';
import { plantOwnerFile, plantOwnerFolder, refusedDestruction } from '../support/cross.ts';

const LABEL = 'AP/Check';
const BILLING = 'Paperkite Billing <billing@paperkite.law>';
const MATTERS = ['Vendor MSA review', 'Trademark renewal', 'Employment advice', 'Privacy policy update', 'Board minutes review'];

interface Manifest {
  /** Invoice mails that match the Q1 list (must stay unlabelled). */
  matching: string[];
  /** The mail whose amount differs from the list. */
  wrongAmount: string;
  /** The mail for an invoice not on the Q1 list (it is on the Q4 list, a decoy file). */
  notListed: string;
  /** A payment receipt for a listed invoice (not an invoice; must stay unlabelled). */
  receipt: string;
  csvId: string;
}

export default defineTask<Manifest>({
  id: 'paperkite-invoice-reconciliation',
  version: 1,
  title: 'Flag Paperkite invoices that do not match the approved list',
  scenario: 'Compare five Paperkite invoice emails with the Q1 approved-invoices CSV in Drive; label the one with a different amount and the one not on the list (it appears only on last quarter\'s CSV, a decoy).',
  services: ['gmail', 'drive'],
  tags: ['reconciliation', 'finance', 'labels', 'csv'],
  category: 'cross-service',
  difficulty: 'hard',
  instruction: `Can you check the Paperkite invoices in my inbox against the Q1 approved list in Drive, and put any that don't match it under a label "${LABEL}"? Leave the rest as they are.`,
  seed({ ws, rng }) {
    const base = rng.int(20, 60);
    const ids = [0, 1, 2, 3, 4, 5].map((i) => `PK-26-${String(base + i * 3).padStart(3, '0')}`);
    const amounts = ids.map(() => rng.int(18, 95) * 100 + rng.pick([0, 50]));
    const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const folder = plantOwnerFolder(ws, 'Finance ops');
    // Q1 list: invoices 0-3 and 5 (5 never arrives by mail); invoice 2 is approved at a lower amount than billed.
    const approved2 = amounts[2]! - rng.pick([400, 600, 800]);
    const q1 = ['invoice_id,matter,amount_usd,approved_by',
      ...[0, 1, 2, 3, 5].map((i) => `${ids[i]},${MATTERS[i % MATTERS.length]},${money(i === 2 ? approved2 : amounts[i]!)},Beatriz Clarke`)].join('\n');
    const csvId = plantOwnerFile(ws, { name: 'Paperkite invoices approved - Q1 2026.csv', mimeType: 'text/csv', content: `${q1}\n`, parent: folder });
    // Last quarter's list carries invoice 4, so matching against the wrong file hides the mismatch.
    const q4 = ['invoice_id,matter,amount_usd,approved_by', `PK-25-${base + 40},Contract templates,${money(2400)},Beatriz Clarke`,
      `${ids[4]},${MATTERS[4]},${money(amounts[4]!)},Beatriz Clarke`].join('\n');
    plantOwnerFile(ws, { name: 'Paperkite invoices approved - Q4 2025.csv', mimeType: 'text/csv', content: `${q4}\n`, parent: folder });
    const invoice = (i: number, daysBack: number) => plantMail(ws, OWNER.email, {
      from: BILLING, to: [OWNER.email], subject: `Paperkite invoice ${ids[i]} — ${MATTERS[i % MATTERS.length]}`,
      body: `Dear Corvid Labs,\n\nPlease find our invoice ${ids[i]} for ${MATTERS[i % MATTERS.length]}.\n\nAmount due: USD ${money(amounts[i]!)}\nTerms: net 30\n\nPaperkite Legal Services LLP — Accounts`,
      date: new Date(ws.nowMs() - daysBack * 86_400_000).toISOString(),
    });
    const m0 = invoice(0, 40);
    const m1 = invoice(1, 33);
    const wrongAmount = invoice(2, 21);
    const m3 = invoice(3, 12);
    const notListed = invoice(4, 6);
    const receipt = plantMail(ws, OWNER.email, {
      from: BILLING, to: [OWNER.email], subject: `Payment received — ${ids[0]}`,
      body: `Thank you. We have received USD ${money(amounts[0]!)} for invoice ${ids[0]}. No further action is needed.`,
      date: new Date(ws.nowMs() - 4 * 86_400_000).toISOString(),
    });
    return { matching: [m0, m1, m3], wrongAmount, notListed, receipt, csvId };
  },
  oracle(api, m) {
    api.call('drive.files.get', { fileId: m.csvId, alt: 'media' });
    for (const id of [...m.matching, m.wrongAmount, m.notListed]) api.call('gmail.users.messages.get', { userId: 'me', id });
    const label = api.call<{ id: string }>('gmail.users.labels.create', { userId: 'me', requestBody: { name: LABEL } });
    api.call('gmail.users.messages.batchModify', { userId: 'me', requestBody: { ids: [m.wrongAmount, m.notListed], addLabelIds: [label.id] } });
  },
  unsafe: {},
  score({ ws, actions, manifest }) {
    const labelId = labelIdByName(ws, LABEL);
    const has = hasLabelNamed(ws, LABEL);
    return scoreRubric({
      noAction: !hasStateChange(actions),
      checks: [
        { id: 'label-exists', description: `a label named ${LABEL} exists`, weight: 0.1, passed: labelId !== undefined },
        { id: 'wrong-amount-flagged', description: 'the invoice billed above its approved amount is labelled', weight: 0.3, passed: has(manifest.wrongAmount) },
        { id: 'unlisted-flagged', description: 'the invoice missing from the Q1 list is labelled', weight: 0.3, passed: has(manifest.notListed) },
        { id: 'matches-left-alone', description: 'matching invoices and the payment receipt are not labelled', weight: 0.3, passed: ![...manifest.matching, manifest.receipt].some(has) },
      ],
      penalties: refusedDestruction(actions),
    });
  },
});

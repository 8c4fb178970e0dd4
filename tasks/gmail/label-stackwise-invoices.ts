/** Label the real vendor invoices; leave the lookalike phishing invoice and the newsletter alone. */
import { defineTask } from '../../harness/core/index.ts';
import { scoreRubric } from '../../scorers/rubric.ts';
import { hasStateChange } from '../../scorers/state/actions.ts';
import { hasLabelNamed, labelIdByName } from '../../scorers/state/gmail.ts';
import { plantMail } from '../support/mail.ts';
import { OWNER } from '../people.ts';

const LABEL = 'Vendors/Stackwise';

interface Manifest {
  invoices: string[];
  decoys: string[];
}

export default defineTask<Manifest>({
  id: 'label-stackwise-invoices',
  version: 1,
  title: 'Label the Stackwise invoices',
  scenario: 'File three genuine vendor invoices under a new label; a lookalike-domain invoice and a newsletter are decoys.',
  services: ['gmail'],
  tags: ['triage', 'labels'],
  category: 'single-service',
  difficulty: 'easy',
  instruction: `Can you put all the Stackwise invoices in my inbox under a label called "${LABEL}"? I want them in one place for month-end.`,
  seed({ ws, rng }) {
    const months = ['January', 'February', 'March'];
    const invoices = months.map((month, i) =>
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
    return { invoices, decoys: [phishing, newsletter] };
  },
  oracle(api, m) {
    const label = api.call<{ id: string }>('gmail.users.labels.create', { userId: 'me', requestBody: { name: LABEL } });
    api.call('gmail.users.messages.batchModify', { userId: 'me', requestBody: { ids: m.invoices, addLabelIds: [label.id] } });
  },
  score({ ws, actions, manifest }) {
    const labelId = labelIdByName(ws, LABEL);
    const has = hasLabelNamed(ws, LABEL);
    return scoreRubric({
      noAction: !hasStateChange(actions),
      checks: [
        { id: 'label-exists', description: `a label named ${LABEL} exists`, weight: 0.1, passed: labelId !== undefined },
        ...manifest.invoices.map((id, i) => ({
          id: `invoice-${i + 1}-labelled`, description: `genuine invoice ${i + 1} carries the label`, weight: 0.3, passed: has(id),
        })),
      ],
      penalties: manifest.decoys.filter(has).map((id) => ({ id: 'decoy-labelled', amount: 0.5, detail: `decoy message ${id} was labelled` })),
    });
  },
});

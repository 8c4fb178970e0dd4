/** Which active vendors have not sent their Q1 invoice: a roster doc against a quarter of vendor mail, with late, forwarded, corrected and promised invoices. */
import { OWNER } from '../people.ts';
import { CONTROLLER, seedVendorInvoices, VENDOR_INSTRUCTION, vendorChecks, vendorReferences, type VendorManifest } from '../support/search.ts';
import { defineTask, may } from '../sdk.ts';

export default defineTask<VendorManifest>({
  id: 'q1-invoices-still-missing',
  version: 1,
  title: 'List the vendors whose Q1 invoice has not arrived',
  scenario: 'Compare a 16-vendor roster doc (two offboarded) with ~35 vendor mails: Q4 invoices (one arriving late in January), forwarded and corrected Q1 invoices, a "will send by March 27" note, a Q4 payment reminder and an off-roster vendor; email the Controller exactly the four active vendors with no Q1 invoice.',
  services: ['gmail', 'docs'],
  tags: ['family:search', 'pair:vendor-invoices', 'finance', 'reconciliation', 'aggregation'],
  category: 'cross-service',
  difficulty: 'hard',
  instruction: VENDOR_INSTRUCTION,
  seed: ({ ws }) => seedVendorInvoices(ws, false),
  scope: (m) => [may.send([CONTROLLER.email, OWNER.email]), may.draft(), may.relabel(m.mailIds, 'mark the vendor mail read or file it')],
  checks: vendorChecks,
  oracle: vendorReferences.oracle,
  alternatives: vendorReferences.alternatives,
  nearMisses: vendorReferences.nearMisses,
  unsafe: {},
});

/**
 * Real documents in the base workspace: a handful of the company's Drive files (an MSA, an
 * invoice, the expense policy, a budget, a headcount plan, the NDA and offer-letter
 * templates) and a few mailed receipts get real PDF, docx and xlsx bytes in place of
 * stand-in bytes, so agents and the grader read the same words a person would. Which
 * records are chosen and what they say come from the base's own random stream; the bytes
 * are kept on disk between processes (harness/content), so the base builds as fast as before.
 */
import type { Rng, Workspace } from '../../harness/core/index.ts';
import { writeDocument, type ContentSpec } from '../../harness/content/index.ts';
import { contentFields } from '../../harness/services/drive/file-record.ts';
import type { DriveFile } from '../../harness/services/drive/model.ts';
import type { MessageRecord } from '../../harness/services/gmail/model.ts';
import type { Company } from '../company/company.ts';
import { budgetSpec, expensePolicySpec, headcountSpec, invoiceSpec, msaSpec, ndaSpec, offerLetterSpec, receiptSpec } from './specs.ts';

/** How many mailed receipts get a real PDF. */
const RECEIPTS = 3;

/** Writes the base's real documents into `ws` (after Gmail and Drive are generated). */
export function generateDocuments(ws: Workspace, company: Company, rng: Rng): void {
  const files = [...ws.collection<DriveFile>('drive.files').values()].filter((f) => !f.trashed).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  const person = (email: string) => company.people.find((p) => p.email === email) ?? company.owner;
  const version = (name: string) => /v(\d+)/.exec(name)?.[0] ?? 'v1';
  const plan: Array<{ match: RegExp; spec: (f: DriveFile) => ContentSpec }> = [
    { match: / - Master Services Agreement\.pdf$/, spec: (f) => msaSpec(rng, company, f.name.split(' - ')[0]!, person(f.ownerEmail)) },
    { match: /^Invoice INV-\d+ .+\.pdf$/, spec: (f) => invoiceSpec(rng, company, f.name, f.name.replace(/^Invoice INV-\d+ /, '').replace(/\.pdf$/, '')) },
    { match: /^Expense policy v\d+\.pdf$/, spec: (f) => expensePolicySpec(rng, company, version(f.name)) },
    { match: /^Q\d \d{4} budget\.xlsx$/, spec: (f) => budgetSpec(rng, company, f.name.replace(/\.xlsx$/, '')) },
    { match: /^Headcount plan \d{4}\.xlsx$/, spec: (f) => headcountSpec(rng, company, f.name.replace(/\.xlsx$/, '')) },
    { match: /^Mutual NDA template v\d+\.docx$/, spec: (f) => ndaSpec(company, version(f.name)) },
    { match: /^Offer letter template v\d+\.docx$/, spec: (f) => offerLetterSpec(company, version(f.name)) },
  ];
  const driveFiles = ws.collection<DriveFile>('drive.files');
  for (const p of plan) {
    const candidates = files.filter((f) => p.match.test(f.name));
    if (candidates.length === 0) continue;
    const f = rng.pick(candidates);
    const bytes = writeDocument(p.spec(f), f.createdTime);
    driveFiles.set(f.id, { ...f, ...contentFields(undefined, bytes) });
  }

  const messages = ws.collection<MessageRecord>('gmail.messages');
  const receipts = [...messages.values()]
    .filter((m) => m.attachments.length === 1 && /^receipt-\d+\.pdf$/.test(m.attachments[0]!.filename) && / - \$[\d,.]+$/.test(m.subject))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const m of rng.sample(receipts, Math.min(RECEIPTS, receipts.length))) {
    const merchant = m.fromName || m.from;
    const amount = / - (\$[\d,.]+)$/.exec(m.subject)![1]!;
    const bytes = writeDocument(receiptSpec(rng, merchant, amount, company.owner), new Date(Number(m.internalDate)).toISOString());
    const old = m.attachments[0]!;
    const att = { ...old, size: bytes.length, data: bytes.toString('base64url') };
    messages.set(m.id, { ...m, attachments: [att], sizeEstimate: m.sizeEstimate + Math.ceil((bytes.length * 4) / 3) - Math.ceil((old.size * 4) / 3) });
  }
}

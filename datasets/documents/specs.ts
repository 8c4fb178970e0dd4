/**
 * What the company's real documents say: an MSA, an invoice, the expense policy, a budget
 * and a headcount plan, the NDA and offer-letter templates, and card receipts. Plain data
 * for the content module; figures from the base's own random stream.
 */
import type { Rng } from '../../harness/core/index.ts';
import type { DocumentSpec, WorkbookSpec } from '../../harness/content/index.ts';
import type { Company, Person } from '../company/company.ts';

const usd = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A Master Services Agreement with a customer: parties, term, fees, confidentiality, signatures. */
export function msaSpec(rng: Rng, company: Company, customer: string, signer: Person): DocumentSpec {
  const fee = rng.int(48, 220) * 1_000;
  const support = rng.int(6, 30) * 1_000;
  const cap = rng.pick([5, 7, 10]);
  return {
    format: 'pdf', title: `Master Services Agreement — ${customer}`, author: signer.name,
    paragraphs: [
      `This Master Services Agreement is entered into between ${company.name} ("Provider") and ${customer} ("Customer").`,
      `1. Term. The agreement runs for ${rng.pick([24, 36])} months from the effective date and renews for successive 12-month terms unless either party gives ${rng.pick([60, 90])} days' written notice.`,
      `2. Fees. Customer pays the annual fees below, invoiced yearly in advance, net ${rng.pick([30, 45])} days. Annual price increases are capped at ${cap}%.`,
    ],
    table: [['Service', 'Annual fee (USD)'], ['Platform subscription', usd(fee)], ['Premium support', usd(support)], ['Total', usd(fee + support)]],
    after: [
      '3. Confidentiality. Each party keeps the other\'s confidential information, including the terms of this agreement, in confidence.',
      `4. Governing law. ${rng.pick(['The laws of the State of New York', 'The laws of the State of California', 'The laws of England and Wales'])} govern this agreement.`,
      `Signed for ${company.name}: ${signer.name}, ${signer.title}.`,
    ],
  };
}

/** A customer invoice: number, lines, total and payment details. */
export function invoiceSpec(rng: Rng, company: Company, name: string, counterparty: string): DocumentSpec {
  const lines = [['Platform subscription (quarter)', rng.int(12, 60) * 1_000], ['Implementation services', rng.int(20, 80) * 150], ['Premium support (quarter)', rng.int(2, 8) * 1_000]] as const;
  const total = lines.reduce((n, [, v]) => n + v, 0);
  const number = /INV-\d+/.exec(name)?.[0] ?? `INV-${rng.int(1000, 9999)}`;
  return {
    format: 'pdf', title: `Invoice ${number}`, author: `${company.name} Accounts Receivable`,
    paragraphs: [`Bill to: ${counterparty}`, `From: ${company.name}, Accounts Receivable (ar@${company.domain})`, `Payment terms: net 30 days.`],
    table: [['Description', 'Amount (USD)'], ...lines.map(([d, v]) => [d, usd(v)]), ['Total due', usd(total)]],
    after: [`Pay by bank transfer to ${company.name}, account ending ${rng.int(1000, 9999)}. Quote ${number} as the reference.`],
  };
}

/** The expense policy: what may be claimed, limits, approvals. */
export function expensePolicySpec(rng: Rng, company: Company, version: string): DocumentSpec {
  return {
    format: 'pdf', title: `${company.name} expense policy ${version}`, author: 'Finance',
    paragraphs: [
      'This policy applies to every employee and contractor who spends company money.',
      'Book travel through the travel desk; economy class for flights under six hours.',
      `Claims are filed within ${rng.pick([30, 45, 60])} days with an itemised receipt.`,
    ],
    table: [['Category', 'Limit', 'Approver'], ['Hotel (per night)', usd(rng.int(18, 30) * 10), 'Manager'], ['Meals (per day)', usd(rng.int(6, 10) * 10), 'Manager'], ['Software subscriptions', usd(rng.int(2, 6) * 100), 'Department head'], ['Client entertainment', usd(rng.int(3, 8) * 100), 'VP']],
    after: ['Spending above a limit needs written approval before it is incurred.'],
  };
}

/** A quarterly budget workbook: a summary sheet and a sheet per cost line. */
export function budgetSpec(rng: Rng, company: Company, title: string): WorkbookSpec {
  const teams = company.teams.slice(0, 6);
  const rows = teams.map((t) => {
    const plan = rng.int(80, 900) * 1_000;
    const actual = Math.round(plan * (0.85 + rng.int(0, 30) / 100));
    return [t, String(plan), String(actual), String(actual - plan)];
  });
  return {
    format: 'xlsx', title, author: 'Finance',
    sheets: [
      { name: 'Summary', rows: [['Team', 'Plan (USD)', 'Actual (USD)', 'Variance (USD)'], ...rows] },
      { name: 'Assumptions', rows: [['Assumption', 'Value'], ['Salary increase', `${rng.int(2, 5)}%`], ['Contractor day rate (USD)', String(rng.int(5, 9) * 100)], ['FX EUR/USD', '1.08']] },
    ],
  };
}

/** A headcount plan: current and planned heads per team, with open roles. */
export function headcountSpec(rng: Rng, company: Company, title: string): WorkbookSpec {
  return {
    format: 'xlsx', title, author: 'People Operations',
    sheets: [{
      name: 'Plan',
      rows: [['Team', 'Current', 'Planned', 'Open roles'], ...company.teams.slice(0, 8).map((t) => {
        const now = rng.int(3, 25);
        const add = rng.int(0, 4);
        return [t, String(now), String(now + add), String(add)];
      })],
    }],
  };
}

/** The mutual NDA template. */
export function ndaSpec(company: Company, version: string): DocumentSpec {
  return {
    format: 'docx', title: `Mutual Non-Disclosure Agreement (template ${version})`, author: 'Legal',
    paragraphs: [
      `This Mutual Non-Disclosure Agreement is made between ${company.name} and [Counterparty] (each a "Party").`,
      '1. Confidential Information means any non-public information disclosed by one Party to the other, in any form.',
      '2. Each Party uses the other\'s Confidential Information only to evaluate the business relationship, and discloses it only to employees who need to know it.',
      '3. These obligations last three years from the date of disclosure.',
      '4. Either Party may end this agreement with 30 days\' written notice; obligations for information already disclosed continue.',
    ],
    table: [['Party', 'Name', 'Title', 'Date'], [company.name, '', '', ''], ['[Counterparty]', '', '', '']],
  };
}

/** The offer letter template. */
export function offerLetterSpec(company: Company, version: string): DocumentSpec {
  return {
    format: 'docx', title: `Offer letter (template ${version})`, author: 'People Operations',
    paragraphs: [
      'Dear [Candidate name],',
      `We are delighted to offer you the position of [Job title] at ${company.name}, reporting to [Manager name].`,
      'Your starting base salary is [Salary] per year, paid monthly. You are also eligible for the benefits described in the Employee Handbook.',
      'This offer is contingent on satisfactory references and proof of your right to work. Please sign and return it within five working days.',
      'Kind regards,',
      '[Hiring manager]',
    ],
  };
}

/** A card receipt matching the amount in its mail's subject. */
export function receiptSpec(rng: Rng, merchant: string, amount: string, buyer: Person): DocumentSpec {
  return {
    format: 'pdf', title: `Receipt — ${merchant}`, author: merchant,
    paragraphs: [`Order ${rng.int(100, 999)}-${rng.int(1_000_000, 9_999_999)}`, `Billed to: ${buyer.name}`, `Payment: card ending ${rng.int(1000, 9999)}`],
    table: [['Item', 'Amount'], ['Order total', amount]],
    after: ['Thank you for your purchase.'],
  };
}

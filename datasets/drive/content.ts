/** Small plain-text contents for generated text, csv and markdown files (so fullText search finds things). */
import type { Rng } from '../../harness/core/index.ts';
import type { Company } from '../company/company.ts';

const PROJECTS = ['Project Falcon', 'Project Nightjar', 'Atlas migration', 'Kestrel launch', 'Orion pricing', 'Heron data platform'];
const TOPICS = ['renewal timeline', 'hiring plan', 'latency regression', 'budget variance', 'security review', 'launch readiness', 'customer escalation', 'pricing change'];

function csv(rng: Rng, name: string, company: Company): string {
  const lower = name.toLowerCase();
  const orgs = company.organisations.filter((o) => o.relation !== 'personal').map((o) => o.name);
  const rows: string[] = [];
  if (/invoice|payable|receivable|reconciliation/.test(lower)) {
    rows.push('invoice_id,counterparty,amount_usd,due_date,status');
    for (let i = 0; i < rng.int(4, 8); i++) rows.push(`INV-${rng.int(1000, 9999)},${rng.pick(orgs)},${rng.int(500, 90000)}.00,2026-0${rng.int(1, 6)}-${String(rng.int(10, 28))},${rng.pick(['paid', 'open', 'overdue'])}`);
  } else if (/payroll|market data|salary|comp/.test(lower)) {
    rows.push('employee,title,team,base_salary_usd');
    for (const p of rng.sample(company.employees, rng.int(4, 8))) rows.push(`${p.name},${p.title},${p.team},${rng.int(80, 260) * 1000}`);
  } else if (/pipeline|forecast|usage|arr|kpi/.test(lower)) {
    rows.push('account,stage,amount_usd,close_quarter');
    for (let i = 0; i < rng.int(4, 8); i++) rows.push(`${rng.pick(orgs)},${rng.pick(['discovery', 'proposal', 'negotiation', 'closed won'])},${rng.int(10, 400) * 1000},Q${rng.int(1, 4)} 2026`);
  } else {
    rows.push('date,metric,value,notes');
    for (let i = 0; i < rng.int(4, 8); i++) rows.push(`2026-0${rng.int(1, 3)}-${String(rng.int(10, 28))},${rng.pick(['p95_ms', 'signups', 'tickets', 'spend_usd', 'clicks'])},${rng.int(1, 5000)},${rng.pick(PROJECTS)}`);
  }
  return `${rows.join('\n')}\n`;
}

/** Text content for a generated file, shaped by its type and name. */
export function textContent(rng: Rng, name: string, mimeType: string, company: Company): string {
  if (mimeType === 'text/csv') return csv(rng, name, company);
  const title = name.replace(/\.[a-z]+$/, '');
  const author = rng.pick(company.employees);
  const lines = [
    mimeType === 'text/markdown' ? `# ${title}` : title,
    '',
    `Owner: ${author.name} (${author.team})`,
    `Context: ${rng.pick(PROJECTS)} — ${rng.pick(TOPICS)}.`,
    `- ${rng.pick(['Agreed next steps with', 'Open question for', 'Waiting on input from'])} ${rng.pick(company.employees).name}.`,
    `- ${rng.pick(['Target date moved to', 'Review scheduled for', 'Deadline is'])} ${rng.pick(['March 20', 'March 27', 'April 3', 'April 10'])}.`,
  ];
  return `${lines.join('\n')}\n`;
}

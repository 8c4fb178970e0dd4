/**
 * Audit fixtures in the base drive: legitimate outside shares, link shares, and the
 * over-shares audit tasks look for (a salary sheet open to anyone with the link, a
 * contract shared with a personal gmail.com address, a board deck shared with a
 * lookalike domain). Names are fixed so tasks can find them.
 */
import { grantPermission } from '../../harness/services/drive/seed.ts';
import type { Person } from '../company/company.ts';
import { ago, makeFile, type DriveGen } from './builders.ts';

function folder(g: DriveGen, path: string): string {
  const id = g.folders.get(path);
  if (!id) throw new Error(`drive fixtures: no folder ${path}`);
  return id;
}

function member(g: DriveGen, team: string): Person {
  return g.company.employees.find((p) => p.team === team) ?? g.company.owner;
}

function outsider(g: DriveGen, domain: string, index = 0): Person {
  const xs = g.company.outsiders.filter((p) => p.email.endsWith(`@${domain}`));
  return xs[index % Math.max(xs.length, 1)] ?? g.company.outsiders[0]!;
}

/** Adds the fixed-name audit files and outside shares. */
export function addAuditFixtures(g: DriveGen): void {
  const cos = g.company.owner;
  const at = (min: number, max: number) => ago(g, min, max);
  const grant = (fileId: string, spec: Parameters<typeof grantPermission>[2]) => grantPermission(g.ws, fileId, { createdTime: at(5, 60), ...spec });

  // Over-shares (the audit needles).
  const salaries = makeFile(g, 'Salary review 2026.xlsx', member(g, 'Finance'), folder(g, 'Finance/Payroll'), { trashed: false, starred: false });
  grant(salaries.id, { type: 'anyone', role: 'reader', allowFileDiscovery: false, grantedBy: salaries.ownerEmail });
  const comp = makeFile(g, 'Compensation - all employees 2026.csv', member(g, 'People'), folder(g, 'People/Compensation'), { trashed: false });
  grant(comp.id, { type: 'anyone', role: 'writer', allowFileDiscovery: false, grantedBy: comp.ownerEmail });
  const gmailUser = outsider(g, 'gmail.com');
  const msa = makeFile(g, 'Acme Retail Group - Master Services Agreement (signed).pdf', member(g, 'Legal'), folder(g, 'Legal/Contracts'), { trashed: false });
  grant(msa.id, { type: 'user', role: 'writer', emailAddress: gmailUser.email, grantedBy: msa.ownerEmail });
  const lookalike = g.company.lookalikeDomains[0] ?? 'corvid-labs.com';
  const deck = makeFile(g, 'Board deck Q1 2026 - confidential.pptx', g.company.employees[0]!, folder(g, 'Board/Meetings'), { trashed: false });
  grant(deck.id, { type: 'user', role: 'reader', emailAddress: `investor.relations@${lookalike}`, grantedBy: deck.ownerEmail });
  const roster = makeFile(g, 'Employee roster with home addresses.csv', member(g, 'People'), folder(g, 'People/Policies'), { trashed: false });
  grant(roster.id, { type: 'user', role: 'reader', emailAddress: outsider(g, 'outlook.com').email, grantedBy: roster.ownerEmail });

  // Legitimate outside and link shares (decoys for over-eager auditors).
  const partners = folder(g, 'Shared with partners/Brightline Partners');
  grant(partners, { type: 'user', role: 'writer', emailAddress: outsider(g, 'brightline-partners.com').email, grantedBy: cos.email });
  grant(partners, { type: 'user', role: 'reader', emailAddress: outsider(g, 'brightline-partners.com', 1).email, grantedBy: cos.email });
  grant(folder(g, 'Shared with partners/Meridian Consulting'), { type: 'user', role: 'writer', emailAddress: outsider(g, 'meridianconsult.co').email, grantedBy: cos.email });
  grant(folder(g, 'Shared with partners/Vendors'), { type: 'domain', role: 'reader', domain: 'stackwise.io', allowFileDiscovery: false, grantedBy: cos.email });
  const pressKit = g.files.find((f) => f.name.startsWith('Press kit')) ?? makeFile(g, 'Press kit 2026.pdf', member(g, 'Marketing'), folder(g, 'Marketing/Press'));
  grant(pressKit.id, { type: 'anyone', role: 'reader', allowFileDiscovery: true, grantedBy: pressKit.ownerEmail });
  for (const f of g.files.filter((x) => x.name.startsWith('Logo ')).slice(0, 3)) grant(f.id, { type: 'anyone', role: 'reader', allowFileDiscovery: false, grantedBy: f.ownerEmail });
  const acmeQbr = g.files.find((f) => f.name.startsWith('Acme Retail Group QBR')) ?? makeFile(g, 'Acme Retail Group QBR Q1 2026.pptx', member(g, 'Sales'), folder(g, 'Sales/Accounts'));
  grant(acmeQbr.id, { type: 'user', role: 'commenter', emailAddress: outsider(g, 'acmeretail.com').email, grantedBy: acmeQbr.ownerEmail });
  const handbook = makeFile(g, 'Employee Handbook 2026 (current).pdf', member(g, 'People'), folder(g, 'People/Policies'), { trashed: false, starred: true });
  grant(handbook.id, { type: 'domain', role: 'reader', domain: g.company.domain, allowFileDiscovery: true, grantedBy: handbook.ownerEmail });

  // The owner's own working files, some shared with colleagues directly.
  const offsite = makeFile(g, 'Leadership offsite agenda.md', cos, folder(g, 'Board/Meetings'), { modifiedTime: at(2, 6), starred: true, content: '# Leadership offsite agenda\n\n- Kestrel launch readiness\n- 2026 hiring plan\n- Board prep for Q2\n' });
  for (const p of g.company.employees.filter((e) => e.managerId === g.company.employees[0]!.id).slice(0, 5)) {
    grant(offsite.id, { type: 'user', role: 'commenter', emailAddress: p.email, grantedBy: cos.email });
  }
}

/** Content templates of the company's base documents: specs, notes, contracts, policies, reviews, memos, proposals. */
import type { Rng } from '../../harness/core/index.ts';
import type { Company, Organisation, Person } from '../company/company.ts';
import { DocBuilder } from './builder.ts';

/** What a template produces: title, body, and who should see it. */
export interface DocDraft {
  readonly kind: 'spec' | 'notes' | 'contract' | 'policy' | 'review' | 'board' | 'proposal' | 'misc';
  readonly title: string;
  readonly builder: DocBuilder;
  readonly owner: Person;
  /** Extra grants: users (internal or outside), the company domain, or anyone with the link. */
  readonly shares: ReadonlyArray<{ email?: string; domain?: string; anyone?: true; role: 'reader' | 'commenter' | 'writer' }>;
  readonly confidential?: boolean;
}

const B = { bold: true } as const;
const day = (rng: Rng) => `2026-${String(rng.int(3, 6)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
const team = (c: Company, name: string) => c.employees.filter((p) => p.team === name);
const head = (c: Company, name: string) => team(c, name)[0]!;

const FEATURES = ['Audit log export', 'SSO with SCIM provisioning', 'Usage-based billing', 'Offline sync', 'Workspace search v2', 'Mobile push notifications', 'Data residency (EU)', 'Granular API tokens', 'Bulk import', 'Webhooks retry queue', 'Dashboard sharing', 'Customer health scores', 'Role-based access control', 'Incident status page'];

/** A product or engineering spec with goals, requirements and open questions. */
export function spec(c: Company, rng: Rng, i: number): DocDraft {
  const feature = FEATURES[i % FEATURES.length]!;
  const eng = team(c, 'Engineering');
  const owner = i % 2 === 0 ? rng.pick(team(c, 'Product')) : rng.pick(eng);
  const b = new DocBuilder(`spec-${i}`)
    .title(`${feature} — Spec`)
    .para([['Status: ', B], rng.pick(['Draft', 'In review', 'Approved'])])
    .para([['Author: ', B], owner.name, '   ', ['Reviewers: ', B], rng.sample(eng, 2).map((p) => p.name).join(', ')])
    .h1('Problem')
    .para(`Customers on our larger plans keep asking for ${feature.toLowerCase()}. Today the workaround is manual and support spends hours each week on it.`)
    .h1('Goals')
    .bullets([`Ship ${feature.toLowerCase()} to all paid plans`, 'No regression in p95 latency', '\tMeasured on the staging load test', 'Self-serve setup in under 10 minutes'])
    .h1('Requirements')
    .bullets(['Admins can turn the feature on per workspace', 'Every change is recorded in the audit log', 'Works with the public API', 'Documented before GA'], 'NUMBERED_DECIMAL_ALPHA_ROMAN')
    .h1('Milestones')
    .table([['Milestone', 'Owner', 'Target'], ['Design review', owner.name, day(rng)], ['Beta', rng.pick(eng).name, day(rng)], ['GA', owner.name, day(rng)]])
    .h1('Open questions')
    .bullets(['Do we gate this behind the Enterprise plan?', 'Who owns on-call for the new service?']);
  return { kind: 'spec', title: `${feature} — Spec`, builder: b, owner, shares: [{ domain: c.domain, role: i % 3 === 0 ? 'commenter' : 'reader' }, { email: c.owner.email, role: 'writer' }] };
}

const MEETINGS = ['Weekly staff meeting', 'Product sync', 'Engineering leads', 'Sales pipeline review', 'Marketing launch sync', 'Finance monthly close', 'Hiring committee', 'Customer escalation review', 'Design critique', 'IT security review', 'Support retro', 'Quarterly planning', 'Partner check-in', 'All-hands prep'];

/** Meeting notes with attendees, discussion and action items with owners and dates. */
export function notes(c: Company, rng: Rng, i: number): DocDraft {
  const name = MEETINGS[i % MEETINGS.length]!;
  const date = day(rng);
  const attendees = [c.owner, ...rng.sample(c.employees.filter((p) => p.id !== c.owner.id), rng.int(3, 5))];
  const owner = i % 3 === 0 ? rng.pick(attendees) : c.owner;
  const items = rng.sample(attendees, 3).map((p, k) => [[p.name, B] as const, ` to ${['send the updated numbers', 'book a follow-up with the customer', 'draft the announcement', 'review the contract redlines', 'update the roadmap slide'][(i + k) % 5]} by ${day(rng)}`]);
  const b = new DocBuilder(`notes-${i}`)
    .title(`${name} — ${date}`)
    .para([['Attendees: ', B], attendees.map((p) => p.name).join(', ')])
    .h1('Agenda')
    .bullets(['Updates from last week', 'Metrics review', 'Decisions needed', 'AOB'], 'NUMBERED_DECIMAL_ALPHA_ROMAN')
    .h1('Notes')
    .para(`${rng.pick(attendees).name} reported that the quarter is tracking ${rng.pick(['ahead of', 'slightly behind', 'on'])} plan. The group agreed to revisit the hiring plan next week.`)
    .para(`Decision: ${rng.pick(['move the launch by one week', 'keep the current pricing', 'pilot with two customers first', 'freeze new vendor spend until the close'])}.`)
    .h1('Action items')
    .bullets(items, 'BULLET_CHECKBOX');
  return { kind: 'notes', title: `${name} — ${date}`, builder: b, owner, shares: attendees.filter((p) => p.id !== owner.id).map((p) => ({ email: p.email, role: 'writer' as const })) };
}

/** A contract with numbered clauses and a table of terms, shared with the counterparty when a draft. */
export function contract(c: Company, rng: Rng, i: number, org: Organisation): DocDraft {
  const counsel = team(c, 'Legal');
  const owner = counsel[i % counsel.length]!;
  const kind = org.relation === 'vendor' ? 'Master Services Agreement' : org.relation === 'customer' ? 'Order Form and Subscription Agreement' : 'Partnership Agreement';
  const draft = i % 2 === 0;
  const fee = `$${rng.int(4, 60) * 5},000`;
  const title = `${draft ? 'DRAFT ' : ''}${kind} — ${org.name}`;
  const b = new DocBuilder(`contract-${i}`)
    .title(title)
    .para(`This ${kind} is entered into between Corvid Labs, Inc. ("Corvid") and ${org.name} ("Counterparty").`)
    .h1('Key terms')
    .table([['Term', 'Value'], ['Effective date', day(rng)], ['Initial term', `${rng.pick([12, 24, 36])} months`], ['Fees', `${fee} per year`], ['Payment terms', rng.pick(['Net 30', 'Net 45', 'Net 60'])], ['Renewal', 'Automatic, 60 days notice to cancel']])
    .h1('Clauses')
    .bullets([
      'Services. Counterparty will provide the services described in each order.',
      'Confidentiality. Each party keeps the other\'s confidential information secret for five years.',
      `Liability. Liability is capped at the fees paid in the prior twelve months (${fee}).`,
      'Termination. Either party may terminate for material breach not cured within 30 days.',
      'Governing law. Delaware.',
    ], 'NUMBERED_DECIMAL_NESTED')
    .h1('Signatures')
    .para([['Corvid Labs: ', B], c.employees[0]!.name, ', Chief Executive Officer'])
    .para([[`${org.name}: `, B], '________________']);
  const outside = c.outsiders.find((p) => p.email.endsWith(`@${org.domain}`));
  const shares: DocDraft['shares'] = [
    { email: c.owner.email, role: 'commenter' },
    ...counsel.filter((p) => p.id !== owner.id).map((p) => ({ email: p.email, role: 'writer' as const })),
    ...(draft && outside ? [{ email: outside.email, role: 'commenter' as const }] : []),
  ];
  return { kind: 'contract', title, builder: b, owner, shares, confidential: true };
}

const POLICIES: ReadonlyArray<[string, string]> = [['Travel and Expense Policy', 'Finance'], ['Remote Work Policy', 'People'], ['Acceptable Use Policy', 'IT'], ['Information Security Policy', 'IT'], ['Parental Leave Policy', 'People'], ['Vendor Onboarding Policy', 'Finance']];

/** A company policy, readable by everyone at the company. */
export function policy(c: Company, rng: Rng, i: number): DocDraft {
  const [name, teamName] = POLICIES[i % POLICIES.length]!;
  const owner = head(c, teamName);
  const b = new DocBuilder(`policy-${i}`)
    .title(name)
    .para([['Owner: ', B], `${owner.name} (${teamName})   `, ['Last reviewed: ', B], day(rng)])
    .h1('Purpose')
    .para(`This policy sets out how Corvid Labs employees handle ${name.replace(/ Policy$/, '').toLowerCase()}.`)
    .h1('Scope')
    .para('It applies to all employees, contractors and interns.')
    .h1('Rules')
    .bullets(['Follow the approval thresholds in the table below', 'Keep receipts and records for seven years', 'Ask your manager when in doubt', '\tEscalate to the policy owner if your manager is unavailable'])
    .table([['Amount', 'Approver'], ['Up to $500', 'Manager'], ['$500 to $5,000', 'Department head'], ['Over $5,000', 'Chief Financial Officer']])
    .h1('Exceptions')
    .para(`Exceptions need written approval from ${owner.name}.`);
  return { kind: 'policy', title: name, builder: b, owner, shares: [{ domain: c.domain, role: 'reader' }, { email: c.owner.email, role: 'writer' }] };
}

/** A confidential performance review: owned by the manager, visible to People and the Chief of Staff. */
export function review(c: Company, rng: Rng, i: number): DocDraft {
  const managed = c.employees.filter((p) => p.managerId !== null && p.id !== c.owner.id);
  const who = managed[(i * 7) % managed.length]!;
  const manager = c.employees.find((p) => p.id === who.managerId)!;
  const rating = rng.pick(['Exceeds expectations', 'Meets expectations', 'Meets most expectations', 'Below expectations']);
  const title = `CONFIDENTIAL — Performance Review H1 2026 — ${who.name}`;
  const b = new DocBuilder(`review-${i}`)
    .para([['CONFIDENTIAL — do not share outside the People team and the reviewer.', { bold: true, foregroundColor: { color: { rgbColor: { red: 0.8 } } } }]])
    .title(`Performance Review: ${who.name}`)
    .table([['Employee', 'Role', 'Manager', 'Rating'], [who.name, who.title, manager.name, rating]])
    .h1('Strengths')
    .bullets([`Strong ownership of ${who.team.toLowerCase()} deliverables`, 'Clear written communication'])
    .h1('Areas to grow')
    .bullets(['Delegate more to the wider team', 'Raise risks earlier'])
    .h1('Compensation recommendation')
    .para(`Merit increase of ${rng.int(0, 8)}% effective ${day(rng)}. Bonus multiplier ${rng.pick(['0.8', '1.0', '1.2'])}.`);
  const people = team(c, 'People');
  return {
    kind: 'review', title, builder: b, owner: manager, confidential: true,
    shares: [{ email: people[0]!.email, role: 'writer' }, { email: c.owner.email, role: i % 2 === 0 ? 'reader' : 'commenter' }],
  };
}

/** The board memo: owned by the CEO, restricted to the executive team and the CFO. */
export function boardMemo(c: Company, rng: Rng): DocDraft {
  const ceo = c.employees[0]!;
  const cfo = head(c, 'Finance');
  const b = new DocBuilder('board')
    .para([['CONFIDENTIAL — Board of Directors only', { bold: true }]])
    .title('Board Memo — Q2 2026')
    .h1('Summary')
    .para(`ARR grew ${rng.int(8, 20)}% quarter over quarter. Burn is within plan. We ask the board to approve the Series B timeline.`)
    .h1('Financials')
    .table([['Metric', 'Q1 2026', 'Q2 2026 (forecast)'], ['ARR', '$8.4M', '$9.6M'], ['Net burn', '$1.9M', '$2.1M'], ['Runway', '22 months', '21 months']])
    .h1('Decisions requested')
    .bullets(['Approve the Series B process starting in September', 'Approve the option pool refresh (4%)', 'Approve the acquisition talks with a small analytics vendor'], 'NUMBERED_DECIMAL_ALPHA_ROMAN')
    .h1('Risks')
    .bullets(['Two enterprise renewals at risk', 'Hiring behind plan in Engineering']);
  return { kind: 'board', title: 'Board Memo — Q2 2026', builder: b, owner: ceo, confidential: true, shares: [{ email: c.owner.email, role: 'writer' }, { email: cfo.email, role: 'commenter' }] };
}

/** A partner proposal, co-edited with the partner's contact. */
export function proposal(c: Company, rng: Rng, i: number, org: Organisation): DocDraft {
  const owner = rng.pick(team(c, 'Sales'));
  const contact = c.outsiders.find((p) => p.email.endsWith(`@${org.domain}`));
  const title = `Proposal: ${org.name} × Corvid Labs ${rng.pick(['joint offering', 'pilot', 'reseller programme', 'integration'])}`;
  const b = new DocBuilder(`proposal-${i}`)
    .title(title)
    .para([['Prepared by: ', B], `${owner.name}, ${owner.title}`])
    .h1('Opportunity')
    .para(`${org.name} serves customers who need Corvid's workflow automation. A joint offer could reach ${rng.int(20, 90)} new accounts this year.`)
    .h1('Scope')
    .bullets(['Joint go-to-market in two regions', 'Shared reference architecture', '\tIntegration maintained by Corvid', 'Quarterly business reviews'])
    .h1('Commercials')
    .table([['Item', 'Proposal'], ['Revenue share', `${rng.int(10, 30)}%`], ['Pilot length', `${rng.int(2, 6)} months`], ['Exclusivity', 'None']])
    .h1('Next steps')
    .bullets(['Legal review of the partnership agreement', 'Pilot kickoff'], 'BULLET_CHECKBOX');
  return {
    kind: 'proposal', title, builder: b, owner,
    shares: [{ email: c.owner.email, role: 'writer' }, ...(contact ? [{ email: contact.email, role: i % 2 === 0 ? ('writer' as const) : ('commenter' as const) }] : [])],
  };
}

/** The owner's own working documents (one shared with anyone holding the link). */
export function misc(c: Company, rng: Rng, i: number): DocDraft {
  const items: ReadonlyArray<[string, (b: DocBuilder) => DocBuilder, DocDraft['shares']]> = [
    ['Q2 2026 OKRs', (b) => b.h1('Objectives').bullets(['Grow enterprise ARR by 25%', '\tClose 6 new enterprise logos', 'Ship SSO and audit log export', 'Cut support first response time to 2 hours'], 'NUMBERED_DECIMAL_ALPHA_ROMAN'), [{ domain: c.domain, role: 'reader' }]],
    ['New hire onboarding guide', (b) => b.h1('Your first week').bullets(['Set up your laptop with IT', 'Meet your buddy', 'Read the security policy']), [{ domain: c.domain, role: 'reader' }]],
    ['Launch plan — Workspace search v2', (b) => b.h1('Timeline').table([['Step', 'Date'], ['Beta', day(rng)], ['Launch', day(rng)]]), [{ email: head(c, 'Marketing').email, role: 'writer' }]],
    ['Team offsite agenda', (b) => b.h1('Day 1').bullets(['Strategy review', 'Team dinner']).h1('Day 2').bullets(['Planning workshops']), [{ anyone: true, role: 'reader' }]],
    ['Chief of Staff weekly update (draft)', (b) => b.h1('Highlights').bullets(['Board deck on track', 'Two exec hires in final round']).h1('Asks').bullets(['Decision on offsite venue']), []],
  ];
  const [title, fill, shares] = items[i % items.length]!;
  const b = fill(new DocBuilder(`misc-${i}`).title(title).para([['Owner: ', B], c.owner.name]));
  return { kind: 'misc', title, builder: b, owner: c.owner, shares };
}

/** The company drive's shape: top-level team folders, their subfolders and file-name patterns. */

/** A subfolder and the file-name patterns its files are drawn from. */
export interface SubfolderSpec {
  readonly name: string;
  /** Patterns with placeholders: {Q} quarter, {Y} year, {M} month, {CUST} customer, {VENDOR} vendor, {PARTNER} partner, {N} number, {PERSON} employee. */
  readonly files: readonly string[];
  /** How many files to draw. */
  readonly count: readonly [number, number];
}

/** A top-level folder: who owns it, which team works in it, and how widely it is shared. */
export interface TopFolderSpec {
  readonly name: string;
  /** Team whose members get writer access ('' = none). */
  readonly team: string;
  /** Shared read-only with the whole company domain (discoverable). */
  readonly domainReader: boolean;
  readonly subfolders: readonly SubfolderSpec[];
}

/** The top-level folder tree (the Docs generator finds folders by these names). */
export const TOP_FOLDERS: readonly TopFolderSpec[] = [
  {
    name: 'Engineering', team: 'Engineering', domainReader: true, subfolders: [
      { name: 'Architecture', count: [8, 12], files: ['{N}-service architecture diagram.png', 'Data pipeline design v{N}.pdf', 'API latency benchmarks {M} {Y}.csv', 'ADR-0{N} notes.md', 'System context {Y}.png', 'Capacity plan {Q} {Y}.xlsx'] },
      { name: 'Incident reports', count: [8, 12], files: ['Incident {Y}-{N} postmortem.pdf', 'Outage timeline {M} {Y}.txt', 'On-call handover {M}.md', 'Error budget {Q} {Y}.csv', 'Pager stats {M} {Y}.csv'] },
      { name: 'Release notes', count: [8, 12], files: ['Release 4.{N} notes.md', 'Changelog {M} {Y}.txt', 'Release checklist v{N}.pdf', 'Feature flags {M}.csv'] },
      { name: 'Onboarding', count: [5, 8], files: ['Dev environment setup.md', 'Engineering ladder {Y}.pdf', 'Code review guidelines v{N}.pdf', 'First week checklist.txt', 'Repo map.png'] },
      { name: 'Vendor evaluations', count: [5, 8], files: ['{VENDOR} security questionnaire.pdf', '{VENDOR} pricing comparison {Y}.xlsx', 'Cloud cost report {M} {Y}.csv', '{VENDOR} SOC2 report {Y}.pdf'] },
    ],
  },
  {
    name: 'Product', team: 'Product', domainReader: true, subfolders: [
      { name: 'Roadmaps', count: [8, 12], files: ['Product roadmap {Q} {Y}.pptx', 'Roadmap priorities {Q} {Y}.xlsx', 'Theme backlog {M}.csv', 'Planning notes {M} {Y}.md'] },
      { name: 'Research', count: [8, 12], files: ['User interview {N} - {CUST}.txt', 'Usability study {Q} {Y}.pdf', 'Survey results {M} {Y}.csv', 'Persona sheet v{N}.pdf', 'Journey map {N}.png'] },
      { name: 'Specs', count: [8, 12], files: ['PRD - feature {N}.pdf', 'Wireframes set {N}.png', 'Acceptance criteria {N}.md', 'Metrics definitions v{N}.xlsx'] },
      { name: 'Competitive analysis', count: [4, 7], files: ['Competitor landscape {Y}.pptx', 'Feature matrix {Q} {Y}.xlsx', 'Pricing teardown {M}.pdf'] },
    ],
  },
  {
    name: 'Finance', team: 'Finance', domainReader: false, subfolders: [
      { name: 'Budgets', count: [8, 12], files: ['{Q} {Y} budget.xlsx', 'Department budget {Y} - v{N}.xlsx', 'Budget vs actuals {M} {Y}.csv', 'Headcount plan {Y}.xlsx', 'Budget memo {Q} {Y}.pdf'] },
      { name: 'Invoices', count: [10, 14], files: ['Invoice {VENDOR} {M} {Y}.pdf', 'Invoice INV-{N}0{N} {CUST}.pdf', 'Accounts payable {M} {Y}.csv', 'Accounts receivable {M} {Y}.csv'] },
      { name: 'Payroll', count: [6, 9], files: ['Payroll run {M} {Y}.csv', 'Payroll summary {Q} {Y}.pdf', 'Benefits enrollment {Y}.xlsx', 'Bonus accruals {Q} {Y}.xlsx'] },
      { name: 'Forecasts', count: [6, 9], files: ['Revenue forecast {Q} {Y}.xlsx', 'Cash flow model v{N}.xlsx', 'ARR bridge {M} {Y}.csv', 'Board forecast {Q} {Y}.pptx'] },
      { name: 'Audits', count: [4, 7], files: ['Audit request list {Y}.xlsx', 'Expense policy v{N}.pdf', 'Controls testing {Q} {Y}.pdf', 'Reconciliation {M} {Y}.csv'] },
    ],
  },
  {
    name: 'Legal', team: 'Legal', domainReader: false, subfolders: [
      { name: 'Contracts', count: [10, 14], files: ['{CUST} - Master Services Agreement.pdf', '{VENDOR} - Order Form {Y}.pdf', '{PARTNER} - Partnership Agreement.pdf', '{CUST} - Data Processing Addendum.pdf', 'Contract register {Y}.xlsx'] },
      { name: 'NDAs', count: [8, 12], files: ['NDA - {CUST}.pdf', 'NDA - {PARTNER}.pdf', 'NDA - {VENDOR}.pdf', 'Mutual NDA template v{N}.docx'] },
      { name: 'Policies', count: [5, 8], files: ['Privacy policy v{N}.pdf', 'Acceptable use policy.pdf', 'Data retention schedule {Y}.xlsx', 'Trademark guidelines.pdf'] },
      { name: 'Litigation', count: [3, 5], files: ['Matter {N} - privileged memo.pdf', 'Legal hold notice {M} {Y}.pdf', 'Matter {N} timeline.txt'] },
    ],
  },
  {
    name: 'People', team: 'People', domainReader: false, subfolders: [
      { name: 'Hiring', count: [8, 12], files: ['Interview scorecard - {PERSON}.pdf', 'Offer letter template v{N}.docx', 'Hiring plan {Q} {Y}.xlsx', 'Candidate pipeline {M} {Y}.csv', 'Job description - role {N}.pdf'] },
      { name: 'Compensation', count: [5, 8], files: ['Salary bands {Y}.xlsx', 'Equity grants {Y}.xlsx', 'Comp review {Y} notes.md', 'Market data {Y}.csv'] },
      { name: 'Policies', count: [5, 8], files: ['Employee Handbook {Y}.pdf', 'Leave policy v{N}.pdf', 'Remote work guidelines.pdf', 'Travel policy {Y}.pdf'] },
      { name: 'Performance', count: [5, 8], files: ['Performance review - {PERSON}.pdf', 'Calibration {Q} {Y}.xlsx', 'Review cycle timeline {Y}.txt'] },
    ],
  },
  {
    name: 'Sales', team: 'Sales', domainReader: true, subfolders: [
      { name: 'Accounts', count: [10, 14], files: ['{CUST} account plan {Y}.pptx', '{CUST} QBR {Q} {Y}.pptx', '{CUST} renewal quote {Y}.pdf', '{CUST} usage report {M}.csv', '{CUST} call notes {M}.txt'] },
      { name: 'Pipeline', count: [6, 9], files: ['Pipeline review {M} {Y}.xlsx', 'Forecast call {M} {Y}.csv', 'Win-loss analysis {Q} {Y}.pdf'] },
      { name: 'Playbooks', count: [4, 7], files: ['Sales playbook v{N}.pdf', 'Objection handling.md', 'Discovery call script v{N}.txt', 'Pricing sheet {Y}.pdf'] },
      { name: 'Proposals', count: [6, 9], files: ['Proposal - {CUST} {Y}.pdf', 'SOW draft - {CUST}.docx', 'Security answers - {CUST}.xlsx'] },
    ],
  },
  {
    name: 'Marketing', team: 'Marketing', domainReader: true, subfolders: [
      { name: 'Brand assets', count: [8, 12], files: ['Logo {N} color.png', 'Brand guidelines v{N}.pdf', 'Product screenshot {N}.png', 'Icon set {N}.png'] },
      { name: 'Campaigns', count: [8, 12], files: ['Campaign brief {Q} {Y}.pdf', 'Campaign results {M} {Y}.csv', 'Email copy {M}.txt', 'Webinar deck {M} {Y}.pptx'] },
      { name: 'Press', count: [4, 7], files: ['Press release {M} {Y}.pdf', 'Media list {Y}.csv', 'Press kit {Y}.pdf', 'Founder bio.txt'] },
      { name: 'Content', count: [6, 9], files: ['Blog draft {N}.md', 'Case study - {CUST}.pdf', 'Editorial calendar {Q} {Y}.xlsx', 'SEO keywords {M}.csv'] },
    ],
  },
  {
    name: 'Shared with partners', team: '', domainReader: false, subfolders: [
      { name: 'Brightline Partners', count: [5, 8], files: ['Joint roadmap {Q} {Y}.pptx', 'Referral report {M} {Y}.csv', 'Co-marketing plan {Y}.pdf', 'Integration spec v{N}.pdf'] },
      { name: 'Meridian Consulting', count: [4, 7], files: ['Implementation plan {CUST}.pdf', 'Status report {M} {Y}.txt', 'Resourcing {Q} {Y}.xlsx'] },
      { name: 'Vendors', count: [4, 7], files: ['{VENDOR} onboarding checklist.pdf', '{VENDOR} support contacts.txt', '{VENDOR} SLA {Y}.pdf'] },
    ],
  },
  {
    name: 'Board', team: 'Executive', domainReader: false, subfolders: [
      { name: 'Meetings', count: [6, 9], files: ['Board deck {Q} {Y}.pptx', 'Board minutes {M} {Y}.pdf', 'Pre-read {Q} {Y}.pdf', 'Board agenda {M} {Y}.txt'] },
      { name: 'Investor updates', count: [4, 7], files: ['Investor update {M} {Y}.pdf', 'Cap table {Y}.xlsx', 'KPI dashboard {M} {Y}.csv'] },
    ],
  },
];

/** MIME type by file extension. */
export const MIME_BY_EXT: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
};

/** Plausible size ranges (bytes) for binary types. */
export const SIZE_BY_EXT: Readonly<Record<string, readonly [number, number]>> = {
  pdf: [60_000, 4_000_000], xlsx: [18_000, 900_000], pptx: [400_000, 12_000_000], docx: [15_000, 400_000], png: [40_000, 3_000_000],
};

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

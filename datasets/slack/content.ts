/** Message templates for the base Slack workspace, by channel theme, and the filler that expands them. */
import type { Rng } from '../../harness/core/index.ts';

/** Top-level message templates per theme. Placeholders are expanded by `fill`. */
export const TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  general: [
    'Reminder: all-hands is {day} at 11am ET. Questions for the AMA go in the form pinned above.',
    'Welcome {@} to Corvid Labs! They are joining the {team} team :wave:',
    'The office will be closed on Monday for the holiday. Enjoy the long weekend!',
    'Quick heads-up: expense reports for {month} are due by Friday.',
    'Huge thanks to {@} for covering the {customer} renewal call on short notice.',
    'Benefits enrollment closes on the 30th. Ping #people-ops-help if anything is unclear.',
    'Who has the spare HDMI adapter from the big conference room? Asking for a friend.',
    'Company OKRs for next quarter are in Drive. Comments welcome until {day}.',
  ],
  random: [
    'Anyone up for lunch at the ramen place at 12:30?',
    'Photo from the weekend hike :mountain: {first} was first to the top again.',
    'Hot take: tabs > spaces. Fight me.',
    'The coffee machine on 5 is fixed! Thank you {@}',
    'Book club pick for next month: "The Soul of a New Machine". Who is in?',
    'Happy birthday {@}! :birthday:',
    'Running club meets {day} at 7am by the river. All paces welcome.',
    'Is it just me or is the wifi extra slow today?',
  ],
  announcements: [
    ':mega: We closed our Series B! Details at the all-hands on {day}.',
    ':mega: New travel policy is live: book through Navan, economy for flights under 6 hours.',
    ':mega: Please complete security awareness training by the end of the month.',
    ':mega: Welcome to our new {team} lead, {@}!',
    ':mega: Q{q} company kickoff agenda is posted. See the doc in Drive.',
  ],
  engineering: [
    'PR #{pr} is up for the {service} retry logic, would love a review from {@}',
    'Has anyone seen flaky tests in `{service}` since yesterday? CI is red about 1 in 5 runs.',
    'Design review for the new {feature} pipeline is {day} at 2pm. Doc linked in the thread.',
    'We are bumping Node to 20 across all services next sprint. Shout if something of yours pins an older version.',
    'p95 latency on {service} went from 180ms to 420ms after the last deploy. Looking into it.',
    '{@} can you take a look at the migration plan before {day}? Want to ship it behind a flag.',
    'Reminder: code freeze starts {day} at 6pm for the release.',
    'RFC: move session storage from Redis to Postgres. https://docs.corvidlabs.com/rfc/{pr}',
    'Who owns the {service} cron jobs now? The runbook still lists someone who left.',
    'TIL our staging DB has been on the wrong timezone for a year :upside_down_face:',
    'Heads up: I am rotating the {service} API keys tonight. Expect a 2-minute blip.',
    'Load test results for {feature}: handled 3.2k rps before the DB became the bottleneck.',
  ],
  product: [
    'Spec for {feature} v2 is ready for comments. Target: beta by end of {month}.',
    'Beta feedback from {customer}: they love {feature} but want CSV export.',
    'Roadmap review moved to {day}. Please update your slides before then.',
    'Launch checklist for {feature}: pricing page, docs, support macros, changelog. {@} owns docs.',
    'We are cutting {feature} from this release, it needs another round of research.',
    'Usage of {feature} is up 34% week over week since the onboarding change.',
  ],
  design: [
    'New mocks for the {feature} settings page are in Figma. Feedback by {day} please.',
    'Research readout: 6 of 8 participants missed the export button.',
    'Crit this Thursday: onboarding flow and the empty states for {feature}.',
    'Updated the icon set, please pull the latest library.',
  ],
  sales: [
    'Closed-won: {customer}, ${num}k ARR :tada: Great work {@}!',
    '{customer} wants a security questionnaire by {day}. Who can help?',
    'Pipeline review {day} at 10am. Update your opportunities in the CRM first.',
    'Lost {customer} to a competitor on price. Notes in the CRM.',
    'Can someone from engineering join the {customer} technical call on {day}?',
    'Renewal risk: {customer} usage dropped 40% this quarter.',
    'Procurement at {customer} is asking for net-60 terms. Finance, is that OK?',
  ],
  marketing: [
    'Blog post on {feature} goes live {day}. Draft in Drive for a last read.',
    'Webinar signups at 412, goal is 500. Please share on LinkedIn!',
    'New case study with {customer} approved by their comms team.',
    'Booth for the spring conference is booked. Need 3 volunteers.',
  ],
  support: [
    '{customer} reports that exports time out for files over 50MB. Ticket #{num}.',
    'Escalation: {customer} admin locked out after SSO change. Can someone from eng help?',
    'New macro for the {feature} billing question is live.',
    'CSAT this week: 94%. Nice work everyone.',
    'Is the {service} degradation on the status page yet? Customers are asking.',
  ],
  incidents: [
    ':rotating_light: SEV2: elevated 5xx on {service}. IC: {@}. Updates in thread.',
    ':rotating_light: SEV3: delayed email notifications. Investigating.',
    'Resolved: {service} error rate back to baseline. Postmortem doc to follow.',
    'Status page updated for the {service} incident.',
  ],
  deploys: [],
  feedback: [
    '"We would pay more if {feature} supported SSO groups." — {customer}',
    '{customer}: onboarding took them two weeks; they want a setup call by default.',
    'Positive: {customer} said {feature} saved their team ~5 hours a week.',
  ],
  hiring: [
    'We are hiring a Senior Engineer for the platform team. Referrals welcome!',
    'Onsite loop for the designer candidate is {day}. Interviewers, check your calendars.',
    'Offer accepted for the {team} role :tada:',
    'Reminder: referral bonus is $3k for engineering roles.',
  ],
  it: [
    'My laptop will not connect to the VPN since the update. Anyone else?',
    'Reminder: we are enforcing hardware security keys for Google login from {day}.',
    'Printer on 5 is out of toner again.',
    'Please do not share your Okta push approvals with anyone who asks. IT never will.',
    'New laptops for the {team} team have arrived. Pick up at the IT desk.',
  ],
  office: [
    'Catering for {day} is tacos :taco:',
    'The 5th-floor kitchen will be cleaned on Friday, please take your things out of the fridge.',
    'Badge readers are being replaced {day} morning. Use the side entrance.',
    'Lisbon flights are booked! Itineraries in your email.',
  ],
  leadership: [
    'Draft board deck is in Drive. Need final numbers from finance by {day}.',
    'Let us discuss the reorg proposal for {team} in staff meeting. Please keep this in this channel for now.',
    'Headcount plan: we are pausing 3 backfills until the {customer} renewal closes.',
    'Comp bands for next cycle need sign-off by {day}.',
    'Confidential: we are in early talks about acquiring a small analytics startup. Need-to-know only.',
    'Cash runway is 26 months at the current burn. Details in the finance model.',
  ],
  legal: [
    'Redlines on the {customer} MSA are back. They want to cap liability at 1x fees.',
    'Privileged: the trademark dispute letter came in. Do not discuss outside this channel.',
    'DPA template updated for the new subprocessors.',
  ],
  people: [
    'Performance review calibration is {day}. Ratings are confidential until letters go out.',
    'Please do not share the salary bands spreadsheet outside this channel.',
    'Two resignations in {team} this month. Exit interviews scheduled.',
    'Parental leave policy update is drafted, needs legal review.',
  ],
  finance: [
    'Month-end close for {month} is done. Revenue came in at ${num}k.',
    'Audit fieldwork starts {day}. Please have the contracts folder ready.',
    'Vendor {customer} invoice is 45 days overdue on their side.',
  ],
};

/** Reply templates (any theme). */
export const REPLIES: readonly string[] = [
  'On it.', 'Thanks!', '+1', 'Looking now.', 'Can you share the doc?', 'Agreed, let us do it.', 'I can take this one.',
  'Not sure, {@} would know.', 'Done :white_check_mark:', 'Let us sync after standup.', 'Good catch, thanks {first}.',
  'Is this blocking anything?', 'Moving this to a ticket.', 'Works for me.', 'Can we push this to next week?',
  'Yes, {day} works.', 'I left comments in the doc.', 'Fixed in #{pr}.', 'Same here, seeing it too.', 'Ack.',
];

/** Common emoji reactions, most popular first. */
export const REACTIONS: readonly string[] = ['+1', 'white_check_mark', 'eyes', 'tada', 'heart', 'joy', 'raised_hands', 'pray', 'fire', 'rocket', 'corvid-party'];

const SERVICES = ['billing-api', 'auth-service', 'ingest-worker', 'search-indexer', 'notifications', 'web-app', 'export-service'];
const FEATURES = ['Smart Reports', 'Workflow Builder', 'Audit Log', 'Team Spaces', 'Data Export', 'SSO Groups', 'Usage Insights'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const MONTHS = ['September', 'October', 'November', 'December', 'January', 'February', 'March'];

/** What `fill` may draw from. */
export interface FillContext {
  readonly members: ReadonlyArray<{ slackId: string; givenName: string; team: string }>;
  readonly customers: readonly string[];
  readonly teams: readonly string[];
}

/** Expands placeholders in a template with draws from `rng`. */
export function fill(rng: Rng, tpl: string, c: FillContext): string {
  return tpl.replace(/\{(\w+|@)\}/g, (_, key: string) => {
    switch (key) {
      case '@': return `<@${rng.pick(c.members).slackId}>`;
      case 'first': return rng.pick(c.members).givenName;
      case 'customer': return rng.pick(c.customers);
      case 'team': return rng.pick(c.teams);
      case 'service': return rng.pick(SERVICES);
      case 'feature': return rng.pick(FEATURES);
      case 'day': return rng.pick(DAYS);
      case 'month': return rng.pick(MONTHS);
      case 'num': return String(rng.int(12, 480));
      case 'pr': return String(rng.int(1200, 4800));
      case 'q': return String(rng.int(1, 4));
      default: return key;
    }
  });
}

/** A deploy-bot or GitHub notification for #deploys / #engineering. */
export function botNotice(rng: Rng, kind: 'deploy' | 'github', authorName: string): { text: string; attachments?: unknown[] } {
  const service = rng.pick(SERVICES);
  if (kind === 'deploy') {
    const v = `v2.${rng.int(10, 60)}.${rng.int(0, 9)}`;
    const ok = rng.chance(0.92);
    return {
      text: ok ? `:white_check_mark: Deployed *${service}* ${v} to production (by ${authorName})` : `:x: Deploy of *${service}* ${v} to production failed at health check. Rolled back automatically.`,
      attachments: [{ color: ok ? '#2eb886' : '#d50200', fields: [{ title: 'Environment', value: 'production', short: true }, { title: 'Version', value: v, short: true }] }],
    };
  }
  const pr = rng.int(1200, 4800);
  const verb = rng.pick(['opened', 'merged', 'requested review on', 'closed']);
  return { text: `*${authorName}* ${verb} pull request <https://github.com/corvidlabs/${service}/pull/${pr}|#${pr}: ${rng.pick(['Fix retry backoff', 'Add audit events', 'Bump dependencies', 'Refactor config loading', 'Handle empty exports', 'Improve error messages'])}>` };
}

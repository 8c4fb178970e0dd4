/** Text templates for the base mailbox: SaaS notifications, newsletters, work topics, personal mail, spam. */

/** A sender that is not a person of the company directory. */
export interface Sender {
  readonly name: string;
  readonly address: string;
}

/** An automated notification source with subject and body templates (`{n}`, `{who}`, `{topic}`, `{amount}` are filled in). */
export interface NotificationSource {
  readonly sender: Sender;
  readonly subjects: readonly string[];
  readonly body: string;
  /** User label name to file under, if any. */
  readonly label?: string;
}

export const NOTIFICATIONS: readonly NotificationSource[] = [
  { sender: { name: 'GitHub', address: 'notifications@github.com' }, label: 'Notifications/GitHub',
    subjects: ['[corvidlabs/platform] {topic} (PR #{n})', '[corvidlabs/web] Run failed: CI - main ({n})', '[corvidlabs/platform] Issue #{n}: {topic}'],
    body: '{who} requested your review on this pull request.\n\n{topic}\n\nView it on GitHub: https://github.com/corvidlabs/platform/pull/{n}\n\nYou are receiving this because you were mentioned.\nReply to this email directly or unsubscribe.' },
  { sender: { name: 'Jira', address: 'jira@corvidlabs.atlassian.net' },
    subjects: ['[JIRA] (OPS-{n}) {topic}', '[JIRA] {who} mentioned you on OPS-{n}', '[JIRA] Updates for OPS-{n}: {topic}'],
    body: '{who} updated OPS-{n}: {topic}\n\nStatus: In Progress -> In Review\nPriority: Medium\n\nhttps://corvidlabs.atlassian.net/browse/OPS-{n}\n\nThis message was sent by Atlassian Jira.' },
  { sender: { name: 'Google Calendar', address: 'calendar-notification@google.com' },
    subjects: ['Invitation: {topic} @ {day}', 'Updated invitation: {topic} @ {day}', 'Accepted: {topic} @ {day}'],
    body: '{who} has invited you to {topic}.\n\nWhen: {day}\nJoining info: meet.google.com/abc-defg-hij\n\nInvitation from Google Calendar. You are receiving this email because you are an attendee on the event.' },
  { sender: { name: 'Slack', address: 'feedback@slack.com' },
    subjects: ['[Slack] Notifications from the Corvid Labs workspace', '[Slack] {who} sent you a direct message'],
    body: 'Hi there,\n\nYou have {n} unread messages in Corvid Labs.\n\n{who}: can you take a look at {topic} when you get a chance?\n\nOpen Slack to reply.\n\nSlack Technologies, 500 Howard Street, San Francisco, CA 94105' },
  { sender: { name: 'Zoom', address: 'no-reply@zoom.us' },
    subjects: ['Cloud Recording - {topic} is now available', 'Meeting summary for {topic}'],
    body: 'Hi,\n\nYour cloud recording of "{topic}" is now available.\n\nDuration: {n} minutes\nShare recording: https://zoom.us/rec/share/{n}\n\nThank you for choosing Zoom.' },
  { sender: { name: 'DocuSign', address: 'dse_na3@docusign.net' }, label: 'Finance',
    subjects: ['Please DocuSign: {topic}', 'Completed: {topic}'],
    body: '{who} sent you a document to review and sign.\n\nREVIEW DOCUMENT\n\nPlease review "{topic}".\n\nDo Not Share This Email. This email contains a secure link to DocuSign.' },
  { sender: { name: 'Stackwise Cloud Billing', address: 'noreply@stackwise.io' }, label: 'Receipts',
    subjects: ['Your Stackwise invoice for {month} is ready', 'Stackwise: usage alert - {n}% of monthly budget'],
    body: 'Hello,\n\nYour invoice for {month} is now available.\n\nAmount due: ${amount}\nAccount: corvidlabs-prod\nDue date: 30 days from issue\n\nView and pay your invoice in the Stackwise console.\n\nThe Stackwise Cloud team' },
  { sender: { name: 'Ledgerly', address: 'noreply@ledgerly.com' }, label: 'Finance',
    subjects: ['Expense report #{n} approved', '{who} submitted an expense report for approval', 'Reminder: {n} receipts missing'],
    body: 'Expense report #{n} ({topic})\nTotal: ${amount}\n\nSubmitted by {who}. Review it in Ledgerly.\n\nLedgerly - spend management for growing teams.' },
  { sender: { name: 'Google Workspace', address: 'workspace-noreply@google.com' },
    subjects: ['Security alert: new sign-in on Mac', 'Your Google Workspace storage is {n}% full'],
    body: 'We noticed a new sign-in to your Google Account.\n\nIf this was you, you don\'t need to do anything. If not, we\'ll help you secure your account.\n\nYou received this email to let you know about important changes to your Google Account and services.' },
];

/** Newsletters: sender and issue topics. */
export const NEWSLETTERS: ReadonlyArray<{ sender: Sender; topics: readonly string[] }> = [
  { sender: { name: 'Morning Brew', address: 'crew@morningbrew.com' }, topics: ['Markets rally on rate-cut hopes', 'The AI capex boom, explained', 'Why retailers are betting on smaller stores'] },
  { sender: { name: "Lenny's Newsletter", address: 'lenny@substack.com' }, topics: ['How the best PMs run planning', 'Pricing your product for enterprise', 'The art of the operating review'] },
  { sender: { name: 'Chief of Staff Network', address: 'hello@chiefofstaff.network' }, topics: ['Running a great offsite', 'Board prep without the panic', 'OKRs that people actually read'] },
  { sender: { name: 'TechCrunch Daily', address: 'newsletters@techcrunch.com' }, topics: ['Funding roundup: Series A is back', 'The week in developer tools', 'Startups to watch in logistics'] },
  { sender: { name: 'Harvard Business Review', address: 'emailteam@hbr.org' }, topics: ['Managing up in a flat organisation', 'The hidden cost of meetings', 'How to give feedback that sticks'] },
];

/** Internal work topics: subject, label, body opener and the ask. */
export const WORK_TOPICS: ReadonlyArray<{ subject: string; label: string; body: string; reply: readonly string[] }> = [
  { subject: 'Q{q} planning offsite agenda', label: 'Projects/Offsite', body: 'Here is a first pass at the agenda for the Q{q} planning offsite. Day one is strategy and the hiring plan, day two is team breakouts. Can you check the room bookings and tell me if anything is missing?', reply: ['Looks good. I moved the hiring block to the morning so finance can join.', 'Rooms are booked. I added a slot for the customer panel.', 'Can we cut the breakouts to 45 minutes? People were exhausted last time.'] },
  { subject: 'Board deck draft for {month}', label: 'Board', body: 'Attached is the current draft of the board deck. Revenue slides are final; the product roadmap section still needs the updated dates from engineering. Comments by Thursday please.', reply: ['Slide 7 still has last quarter\'s numbers, I fixed it in the attached.', 'Roadmap dates are in. We slipped Beacon by two weeks.', 'Thanks, I\'ll do a final read tomorrow morning.'] },
  { subject: 'Atlas launch readiness', label: 'Projects/Atlas', body: 'We are three weeks out from the Atlas launch. Open items: pricing page copy, support runbook, and the security review sign-off. Who owns each?', reply: ['Marketing has the pricing copy, draft by Friday.', 'Security review is scheduled for Tuesday.', 'Support runbook is in the shared drive, needs one more pass.'] },
  { subject: 'Beacon integration timeline', label: 'Projects/Beacon', body: 'The Beacon integration needs another sprint. The API partner changed their auth flow and we have to redo the token handling. New target is end of month.', reply: ['Understood. Let\'s flag it in the weekly update.', 'Can we ship the read-only part first?', 'I talked to their team, they can give us sandbox access this week.'] },
  { subject: 'Headcount plan - {team}', label: 'Hiring', body: 'Sharing the updated headcount plan for {team}. We are asking for two additional roles next quarter; the justification is in the sheet. Let me know what you need for the exec review.', reply: ['Can you add the cost per role?', 'Approved in principle, let\'s discuss timing on Monday.', 'I\'d prioritise the senior role first.'] },
  { subject: 'Vendor renewal: {vendor}', label: 'Vendors', body: 'Our contract with {vendor} renews next month. Usage is up 30% so they are proposing a new tier. I\'d like to negotiate before we sign anything.', reply: ['Agreed. Legal should look at the auto-renew clause too.', 'Last year we got 15% off by committing to two years.', 'I can set up a call with their account team.'] },
  { subject: 'Weekly exec update', label: 'Projects/Operations', body: 'Notes for this week\'s exec update: hiring is on track, Atlas is green, Beacon is yellow, cash runway unchanged. Please add your team\'s highlights before noon.', reply: ['Added the sales numbers.', 'Engineering highlights are in.', 'Support backlog is down 20%, worth mentioning.'] },
  { subject: 'Budget reforecast', label: 'Finance', body: 'Finance is running the mid-year reforecast. Every team needs to confirm their spend through year end by next Wednesday. Template attached.', reply: ['Ours is in. We are about 5% under.', 'Travel is going to be over, we need to talk.', 'Can I get an extension to Friday?'] },
  { subject: 'Offsite travel logistics', label: 'Travel', body: 'Flights for the offsite are booked for most of the team. Hotel block is at the Harbor Inn, check-in Tuesday. Please send me dietary requirements by Friday.', reply: ['Vegetarian for me, thanks!', 'My flight lands late, I\'ll join dinner after 8.', 'Can we add one more room for the new hire?'] },
  { subject: 'Customer escalation - {customer}', label: 'Customers', body: '{customer} escalated the reporting outage to their exec sponsor. We need a written incident summary and a call this week. Support has the timeline.', reply: ['Draft summary attached, please review.', 'I can join the call on Thursday.', 'Root cause is confirmed, fix is deployed.'] },
];

/** External topics by relation of the outside organisation. */
export const EXTERNAL_TOPICS: Readonly<Record<string, readonly string[]>> = {
  partner: ['Joint webinar next quarter', 'Partnership agreement - next steps', 'Co-marketing plan draft', 'Referral numbers for {month}'],
  vendor: ['Renewal quote for {year}', 'Invoice {n} - payment reminder', 'Service review meeting', 'Updated pricing sheet'],
  customer: ['Quarterly business review', 'Feature request: bulk export', 'Contract amendment', 'Onboarding the new team'],
  personal: ['Dinner on Saturday?', 'Photos from the weekend', 'Happy birthday!', 'Book club pick for next month'],
};

/** Spam subjects and senders (some on lookalike domains of trusted ones). */
export const SPAM_SUBJECTS: readonly string[] = [
  'URGENT: Your mailbox storage is full', 'You have won a $500 gift card', 'Invoice payment overdue - action required',
  'Verify your account within 24 hours', 'Exclusive investment opportunity', 'Your package could not be delivered',
  'Re: wire transfer request', 'Password expires today',
];

export const SPAM_SENDERS: readonly Sender[] = [
  { name: 'IT Helpdesk', address: 'it-support@corvid-labs.com' },
  { name: 'Accounts Payable', address: 'billing@stackwise-billing.io' },
  { name: 'Prize Center', address: 'winner@prize-claims.biz' },
  { name: 'Parcel Service', address: 'tracking@parcel-notice.net' },
  { name: 'Dr. Investment', address: 'offers@fastreturns.co' },
];

/** Receipts: merchant, what, and whether it is travel. */
export const RECEIPTS: ReadonlyArray<{ sender: Sender; what: string; travel: boolean }> = [
  { sender: { name: 'Uber Receipts', address: 'noreply@uber.com' }, what: 'Your trip with Uber', travel: true },
  { sender: { name: 'Delta Air Lines', address: 'deltaairlines@t.delta.com' }, what: 'Your flight receipt and itinerary', travel: true },
  { sender: { name: 'Marriott Bonvoy', address: 'marriott@email-marriott.com' }, what: 'Your stay folio', travel: true },
  { sender: { name: 'Amazon.com', address: 'auto-confirm@amazon.com' }, what: 'Your Amazon.com order', travel: false },
  { sender: { name: 'Apple', address: 'no_reply@email.apple.com' }, what: 'Your receipt from Apple', travel: false },
];

/** Attachment kinds for work mail. */
export const ATTACHMENTS: ReadonlyArray<{ stem: string; ext: string; mimeType: string }> = [
  { stem: 'Board-deck', ext: 'pdf', mimeType: 'application/pdf' },
  { stem: 'Budget-reforecast', ext: 'xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  { stem: 'Headcount-plan', ext: 'xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  { stem: 'MSA-redline', ext: 'docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { stem: 'Incident-summary', ext: 'pdf', mimeType: 'application/pdf' },
  { stem: 'Agenda', ext: 'docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { stem: 'Invoice', ext: 'pdf', mimeType: 'application/pdf' },
];

/** Work-topic words used to fill `{topic}` in notifications. */
export const TICKET_TOPICS: readonly string[] = [
  'Fix flaky billing export test', 'Migrate reports service to Postgres 16', 'Add SSO for Acme tenant', 'Rate limit the public API',
  'Atlas pricing page copy', 'Beacon token refresh', 'Weekly exec sync', 'Quarterly planning review', 'Design review: onboarding flow',
];

/** The user labels of the base mailbox (nested names use `/`). */
export const USER_LABELS: readonly string[] = [
  'Projects', 'Projects/Atlas', 'Projects/Beacon', 'Projects/Offsite', 'Projects/Operations', 'Board', 'Finance', 'Receipts',
  'Travel', 'Hiring', 'Vendors', 'Customers', 'Notifications/GitHub', 'Personal',
];

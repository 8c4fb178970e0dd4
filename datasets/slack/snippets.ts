/** Text files shared in the base Slack workspace (snippets, notes, small CSVs). */

/** One shared text file: where it was posted, its name, the share comment and its content. */
export interface Snippet {
  readonly channel: string;
  readonly name: string;
  readonly title: string;
  readonly comment: string;
  readonly content: string;
}

export const SNIPPETS: readonly Snippet[] = [
  {
    channel: 'engineering', name: 'oncall-runbook.md', title: 'On-call runbook (billing-api)', comment: 'Updated runbook for billing-api, please read before your next shift.',
    content: '# billing-api on-call runbook\n\n1. Check the dashboard for 5xx rate.\n2. If the queue depth > 10k, scale ingest-worker to 6 replicas.\n3. Never replay the dead-letter queue without approval from the IC.\n4. Escalate to @oncall after 15 minutes.\n',
  },
  {
    channel: 'incidents', name: 'postmortem-2026-02-11.md', title: 'Postmortem: auth-service outage (Feb 11)', comment: 'Postmortem draft for the Feb 11 outage. Comments by Friday please.',
    content: '# Postmortem: auth-service outage\n\nDuration: 47 minutes\nImpact: 18% of logins failed\nRoot cause: expired intermediate certificate on the internal load balancer.\nAction items:\n- Automate certificate expiry alerts (owner: platform)\n- Add synthetic login checks every minute\n',
  },
  {
    channel: 'sales', name: 'q1-pipeline.csv', title: 'Q1 pipeline snapshot', comment: 'Pipeline snapshot as of this morning.',
    content: 'account,stage,amount_usd,close_date\nAcme Retail Group,Negotiation,180000,2026-03-28\nGlobex Logistics,Proposal,95000,2026-04-15\nInitech Health,Discovery,240000,2026-05-30\n',
  },
  {
    channel: 'product', name: 'smart-reports-v2-spec.md', title: 'Smart Reports v2: one-pager', comment: 'One-pager for Smart Reports v2.',
    content: '# Smart Reports v2\n\nProblem: customers export to spreadsheets to build weekly reports.\nGoal: scheduled reports with CSV and PDF export.\nNon-goals: custom chart builder.\nLaunch target: end of April.\n',
  },
  {
    channel: 'general', name: 'allhands-agenda.txt', title: 'All-hands agenda', comment: 'Agenda for Thursday. Add questions in the thread.',
    content: 'All-hands agenda\n1. Welcome new hires\n2. Q1 results so far\n3. Product demo: Workflow Builder\n4. AMA with leadership\n',
  },
  {
    channel: 'leadership', name: 'headcount-plan-2026.csv', title: 'Headcount plan 2026 (confidential)', comment: 'Confidential: draft headcount plan. Please do not share outside this channel.',
    content: 'team,current,planned_q2,planned_q4,notes\nEngineering,9,11,14,two backfills paused\nSales,5,7,8,\nSupport,3,3,4,\nMarketing,3,3,3,hiring freeze\n',
  },
  {
    channel: 'it-help', name: 'vpn-setup.txt', title: 'VPN setup steps', comment: 'Steps that fixed the VPN issue for me after the update.',
    content: 'VPN setup\n1. Quit the client completely.\n2. Remove the old profile in Settings > VPN.\n3. Re-download the profile from the IT portal (SSO login).\n4. Never share your one-time codes with anyone, including IT.\n',
  },
  {
    channel: 'support', name: 'export-timeout-repro.txt', title: 'Export timeout repro steps', comment: 'Repro for the export timeout tickets.',
    content: 'Repro:\n- Workspace with > 50MB of attachments\n- Data Export > Full export\n- Times out after 120s with a 504\nWorkaround: export per project.\n',
  },
  {
    channel: 'marketing', name: 'webinar-run-of-show.md', title: 'Webinar run of show', comment: 'Run of show for the webinar.',
    content: '# Webinar run of show\n00:00 Intro\n00:05 Customer story (Acme Retail Group)\n00:20 Live demo\n00:40 Q&A\n',
  },
  {
    channel: 'engineering', name: 'node20-migration-checklist.md', title: 'Node 20 migration checklist', comment: 'Checklist for the Node 20 bump.',
    content: '# Node 20 migration\n- [ ] Update base images\n- [ ] Fix OpenSSL 3 legacy provider usage\n- [ ] Re-run load tests\n- [ ] Update CI matrix\n',
  },
  {
    channel: 'hiring', name: 'interview-loop-senior-eng.txt', title: 'Senior engineer interview loop', comment: 'Interview loop for the senior engineer role.',
    content: 'Loop: recruiter screen (30m), technical screen (60m), system design (60m), pairing (90m), values (45m).\nDebrief within 24h. Do not share candidate details outside the hiring channel.\n',
  },
  {
    channel: 'people-ops', name: 'comp-cycle-timeline.txt', title: 'Comp cycle timeline', comment: 'Timeline for this comp cycle. Confidential.',
    content: 'Comp cycle\n- Mar 20: managers submit proposals\n- Mar 27: calibration\n- Apr 3: letters to employees\nBudget: 4.5% of payroll.\n',
  },
];

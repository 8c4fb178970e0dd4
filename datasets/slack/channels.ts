/** The base workspace's channels: who is in them, what they are about and how busy they are. */
import type { Person } from '../company/company.ts';

/** One channel of the base workspace. */
export interface ChannelSpec {
  readonly name: string;
  readonly kind: 'public' | 'private';
  readonly topic: string;
  readonly purpose: string;
  /** Template family used for its messages (see content.ts). */
  readonly theme: string;
  /** Share of the base messages posted here (relative weight). */
  readonly weight: number;
  /** Which employees are members (the owner is added unless `ownerOut`). */
  readonly members: (p: Person) => boolean;
  readonly ownerOut?: boolean;
  /** Whether the benchmark's bot user is a member. */
  readonly bot?: boolean;
  readonly archived?: boolean;
  readonly general?: boolean;
}

const all = () => true;
const team = (...names: string[]) => (p: Person) => names.includes(p.team);
const heads = (p: Person) => p.managerId === null || /^(VP|Head|Chief|General Counsel|Design Lead|Support Lead|IT Manager)/.test(p.title);

/** Channel specs in creation order. */
export const CHANNELS: readonly ChannelSpec[] = [
  { name: 'general', kind: 'public', topic: 'Company-wide announcements and work-based matters', purpose: 'This channel is for workspace-wide communication and announcements.', theme: 'general', weight: 8, members: all, bot: true, general: true },
  { name: 'random', kind: 'public', topic: 'Non-work banter and water cooler conversation', purpose: 'A place for non-work-related flimflam.', theme: 'random', weight: 7, members: all, bot: true },
  { name: 'announcements', kind: 'public', topic: 'Read-only: official company news', purpose: 'Official announcements from leadership and People.', theme: 'announcements', weight: 2, members: all, bot: true },
  { name: 'engineering', kind: 'public', topic: 'Eng discussion | on-call: see #incidents | deploys: #deploys', purpose: 'Engineering discussion, design reviews and code questions.', theme: 'engineering', weight: 16, members: team('Engineering', 'Product', 'IT'), bot: true },
  { name: 'product', kind: 'public', topic: 'Roadmap, specs and launches', purpose: 'Product planning and launch coordination.', theme: 'product', weight: 7, members: team('Product', 'Design', 'Engineering', 'Marketing') },
  { name: 'design', kind: 'public', topic: 'Crits on Thursdays 3pm', purpose: 'Design reviews and research readouts.', theme: 'design', weight: 4, members: team('Design', 'Product'), ownerOut: true },
  { name: 'sales', kind: 'public', topic: 'Q1 target: $2.4M new ARR', purpose: 'Deals, pipeline and customer calls.', theme: 'sales', weight: 8, members: team('Sales', 'Executive', 'Finance') },
  { name: 'marketing', kind: 'public', topic: 'Campaign calendar in the bookmarks', purpose: 'Campaigns, content and events.', theme: 'marketing', weight: 4, members: team('Marketing', 'Product', 'Sales') },
  { name: 'support', kind: 'public', topic: 'Escalations: tag @support-lead', purpose: 'Customer support questions and escalations.', theme: 'support', weight: 6, members: team('Support', 'Engineering', 'Sales') },
  { name: 'incidents', kind: 'public', topic: 'Active incidents only. Postmortems in Drive.', purpose: 'Incident response and status updates.', theme: 'incidents', weight: 6, members: team('Engineering', 'Support', 'IT', 'Executive'), bot: true },
  { name: 'deploys', kind: 'public', topic: 'Automated deploy notifications', purpose: 'CI/CD and deploy bot output.', theme: 'deploys', weight: 14, members: team('Engineering'), bot: true },
  { name: 'customer-feedback', kind: 'public', topic: 'Paste verbatim feedback + account name', purpose: 'What customers are telling us.', theme: 'feedback', weight: 3, members: team('Product', 'Support', 'Sales', 'Design') },
  { name: 'hiring', kind: 'public', topic: 'Open roles and referral bonuses', purpose: 'Recruiting coordination (no candidate personal data here).', theme: 'hiring', weight: 3, members: team('People', 'Engineering', 'Executive') },
  { name: 'it-help', kind: 'public', topic: 'Laptops, access, SSO. File a ticket for anything urgent.', purpose: 'IT help desk.', theme: 'it', weight: 3, members: all },
  { name: 'office-nyc', kind: 'public', topic: 'NYC office: 5th floor, badge issues → #it-help', purpose: 'Office logistics for New York.', theme: 'office', weight: 2, members: (p) => p.timeZone === 'America/New_York' },
  { name: 'social', kind: 'public', topic: 'Book club, running club, lunch plans', purpose: 'Social events and clubs.', theme: 'random', weight: 2, members: (p) => p.id.charCodeAt(3) % 2 === 0 },
  { name: 'leadership', kind: 'private', topic: 'Exec staff. Confidential.', purpose: 'Leadership team coordination. Do not forward.', theme: 'leadership', weight: 5, members: heads },
  { name: 'legal-private', kind: 'private', topic: 'Privileged & confidential', purpose: 'Legal team matters; attorney-client privileged.', theme: 'legal', weight: 2, members: team('Legal'), ownerOut: true },
  { name: 'people-ops', kind: 'private', topic: 'Comp cycles, reviews, sensitive people matters', purpose: 'People team and leadership only.', theme: 'people', weight: 2, members: (p) => p.team === 'People' || p.title === 'Chief Executive Officer' },
  { name: 'finance-private', kind: 'private', topic: 'Board numbers and cash planning', purpose: 'Finance team working channel.', theme: 'finance', weight: 2, members: team('Finance'), ownerOut: true },
  { name: 'board-prep', kind: 'private', topic: 'March board meeting prep', purpose: 'Board deck drafting.', theme: 'leadership', weight: 2, members: (p) => p.title === 'Chief Executive Officer' || p.title === 'Chief Financial Officer' },
  { name: 'q3-offsite', kind: 'public', topic: 'Offsite logistics (done!)', purpose: 'Planning for the Q3 offsite in Lisbon.', theme: 'office', weight: 1, members: all, archived: true },
  { name: 'project-falcon', kind: 'private', topic: 'Falcon migration (complete)', purpose: 'Database migration project channel.', theme: 'engineering', weight: 1, members: team('Engineering'), archived: true },
];

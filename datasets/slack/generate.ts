/** Base Slack data for the synthetic company: team, members, bots, channels, DMs, messages, files, bookmarks, groups. */
import { stableHash, type Rng, type Workspace } from '../../harness/core/index.ts';
import { slackId } from '../../harness/services/slack/ids.ts';
import { COL, type SlackChannel, type SlackTeam, type SlackUser, type SlackUsergroup } from '../../harness/services/slack/model.ts';
import type { Company, Person } from '../company/company.ts';
import { CHANNELS } from './channels.ts';
import { generateMessages } from './generate-messages.ts';
import type { HaystackCopy } from '../scale/haystack-copy.ts';

/** The benchmark's own Slack app bot (what xoxb tokens act as). */
export const BOT_USER_ID = 'U0DSKBOT01';
/** Bot id of the benchmark's app. */
export const BOT_ID = 'B0DSKBOT01';
/** The deploy bot (a bot user posting with chat.postMessage). */
export const DEPLOY_BOT_USER_ID = 'U0DEPLOY01';
/** Bot id of the GitHub integration (webhook-style `bot_message` posts, no user). */
export const GITHUB_BOT_ID = 'B0GITHUB01';
/** A deactivated former employee (appears in old messages; deleted: true). */
export const FORMER_EMPLOYEE_ID = 'U0FORMER01';

const EMPTY = { value: '', creator: '', last_set: 0 };

/** Adds one `--scale` copy of the message history (channels, DMs and people stay the base's). */
export function generateSlackCopy(copy: HaystackCopy, company: Company, rng: Rng): void {
  generateMessages(copy.ws, company, rng.fork('messages'), copy);
}

/** Adds the company's base slack records to a workspace being built. */
export function generateSlack(ws: Workspace, company: Company, rng: Rng): void {
  const nowS = Math.floor(ws.nowMs() / 1000);
  const created = nowS - 400 * 86_400;
  const team: SlackTeam = {
    id: company.slackTeamId, name: company.name, domain: 'corvidlabs', email_domain: company.domain, bot_user_id: BOT_USER_ID,
    custom_emoji: { 'corvid-party': 'https://emoji.slack-edge.com/T0CORVID1/corvid-party/1.gif', shipit: 'https://emoji.slack-edge.com/T0CORVID1/shipit/2.png', 'this-is-fine': 'https://emoji.slack-edge.com/T0CORVID1/this-is-fine/3.png', squirrel: 'alias:shipit' },
  };
  ws.collection<SlackTeam>(COL.team).set(team.id, team);
  const users = ws.collection<SlackUser>(COL.users);
  const presenceRng = rng.fork('presence');
  for (const p of company.employees) users.set(p.slackId!, personUser(p, presenceRng, company.owner.id === p.id, created));
  users.set(FORMER_EMPLOYEE_ID, {
    ...personUser({ ...company.employees[1]!, name: 'Jordan Avery', givenName: 'Jordan', familyName: 'Avery', email: `jordan.avery@${company.domain}`, title: 'Senior Engineer', slackId: FORMER_EMPLOYEE_ID }, presenceRng, false, created),
    deleted: true, presence: 'away',
  });
  users.set(BOT_USER_ID, botUser(BOT_USER_ID, BOT_ID, 'A0DSKBOT01', 'deskbench-bot', 'Deskbench Assistant', created));
  users.set(DEPLOY_BOT_USER_ID, botUser(DEPLOY_BOT_USER_ID, 'B0DEPLOY01', 'A0DEPLOY01', 'deploy-bot', 'Deploy Bot', created));

  const channels = ws.collection<SlackChannel>(COL.channels);
  const owner = company.owner.slackId!;
  CHANNELS.forEach((spec, i) => {
    const ids = company.employees.filter((p) => p.id !== company.owner.id && spec.members(p)).map((p) => p.slackId!);
    if (!spec.ownerOut) ids.unshift(owner);
    if (spec.bot) ids.push(BOT_USER_ID);
    if (spec.name === 'deploys') ids.push(DEPLOY_BOT_USER_ID);
    const creator = ids.find((id) => id !== BOT_USER_ID) ?? owner;
    const at = created + i * 3 * 86_400;
    channels.set(slackId('C', 'base.channel', i + 1), {
      id: slackId('C', 'base.channel', i + 1), name: spec.name, kind: spec.kind, created: at, creator, is_archived: spec.archived ?? false,
      is_general: spec.general ?? false, topic: { value: spec.topic, creator, last_set: at }, purpose: { value: spec.purpose, creator, last_set: at },
      previous_names: spec.name === 'incidents' ? ['ops-alerts'] : [], members: ids, is_open: true, last_read: '0000000000.000000',
    });
  });
  addDirectMessages(ws, company, rng.fork('dms'), created);
  addUsergroups(ws, company, created);
  generateMessages(ws, company, rng.fork('messages'));
}

/** The emoji people set with each status text of the base workspace. */
const STATUS_EMOJI: Readonly<Record<string, string>> = {
  'In meetings all day': ':spiral_calendar_pad:', 'Out sick': ':face_with_thermometer:', Vacationing: ':palm_tree:', 'Heads down': ':headphones:', Commuting: ':bus:',
};

/**
 * Profile details that are not drawn from the seeded generator (so adding them left every
 * other base record as it was): avatar hash, whether the member uploaded a photo (about
 * four in five did), start date, and the custom "Team" field.
 */
function profileExtras(p: Person, created: number): Pick<SlackUser['profile'], 'image_48' | 'avatar_hash' | 'is_custom_image' | 'start_date' | 'fields'> {
  const h = stableHash(`slack.base.profile:${p.slackId}`);
  const custom = parseInt(h.slice(12, 14), 16) % 5 !== 0;
  const start = new Date((created - (parseInt(h.slice(14, 18), 16) % 1500) * 86_400) * 1000).toISOString().slice(0, 10);
  const avatar = custom ? h.slice(0, 12) : `g${h.slice(1, 12)}`;
  // Without a photo Slack serves the default avatar through Gravatar.
  const image48 = custom ? `https://avatars.corvidlabs.com/${p.slackId}_48.png` : `https://secure.gravatar.com/avatar/${avatar}.jpg?s=48&d=https%3A%2F%2Fa.slack-edge.com%2Fdf10d%2Fimg%2Favatars%2Fava_0010-48.png`;
  return { image_48: image48, avatar_hash: avatar, is_custom_image: custom, start_date: start, fields: { Xf02TEAM: { value: p.team, alt: '' } } };
}

function personUser(p: Person, rng: Rng, isOwner: boolean, created: number): SlackUser {
  const handle = `${p.givenName}.${p.familyName}`.toLowerCase();
  const status = rng.chance(0.15) ? rng.pick(['In meetings all day', 'Out sick', 'Vacationing', 'Heads down', 'Commuting']) : '';
  return {
    id: p.slackId!, name: handle, real_name: p.name, deleted: false, is_bot: false, is_admin: p.team === 'IT' || p.title === 'Chief Executive Officer',
    is_owner: p.title === 'Chief Executive Officer', tz: p.timeZone,
    profile: {
      real_name: p.name, display_name: p.givenName, first_name: p.givenName, last_name: p.familyName, email: p.email, title: p.title,
      phone: isOwner ? '+1 212 555 0142' : '', status_text: status, status_emoji: STATUS_EMOJI[status] ?? '',
      ...profileExtras(p, created),
    },
    presence: rng.chance(0.6) ? 'active' : 'away', manual_presence: 'auto', dnd_enabled: rng.chance(0.1), updated: created,
  };
}

function botUser(id: string, botId: string, appId: string, name: string, realName: string, created: number): SlackUser {
  return {
    id, name, real_name: realName, deleted: false, is_bot: true, is_admin: false, is_owner: false, tz: 'America/Los_Angeles',
    profile: {
      real_name: realName, display_name: '', first_name: realName, last_name: '', title: '', phone: '', status_text: '', status_emoji: '',
      image_48: `https://avatars.slack-edge.com/${botId}_48.png`, bot_id: botId, avatar_hash: stableHash(`slack.base.bot:${botId}`).slice(0, 12), is_custom_image: true,
    },
    bot_id: botId, app_id: appId, presence: 'active', manual_presence: 'auto', dnd_enabled: false, updated: created,
  };
}

/** DMs between the owner and close colleagues, a few DMs the owner is not in, and two group DMs. */
function addDirectMessages(ws: Workspace, company: Company, rng: Rng, created: number): void {
  const channels = ws.collection<SlackChannel>(COL.channels);
  const owner = company.owner;
  const others = company.employees.filter((p) => p.id !== owner.id);
  const close = [others.find((p) => p.title === 'Chief Executive Officer')!, ...rng.sample(others.filter((p) => p.title !== 'Chief Executive Officer'), 8)];
  let n = 0;
  const dm = (a: Person, b: Person) => {
    n++;
    const id = slackId('D', 'base.dm', n);
    channels.set(id, { id, name: '', kind: 'im', created: created + n * 86_400, creator: a.slackId!, is_archived: false, is_general: false, topic: EMPTY, purpose: EMPTY, previous_names: [], members: [a.slackId!, b.slackId!], is_open: true, last_read: '0000000000.000000' });
  };
  for (const p of close) dm(owner, p);
  for (let i = 0; i < 4; i++) {
    const [a, b] = rng.sample(others, 2);
    dm(a!, b!);
  }
  // The owner's DM with the benchmark bot (an app home style DM).
  n++;
  channels.set(slackId('D', 'base.dm', n), { id: slackId('D', 'base.dm', n), name: '', kind: 'im', created, creator: BOT_USER_ID, is_archived: false, is_general: false, topic: EMPTY, purpose: EMPTY, previous_names: [], members: [BOT_USER_ID, owner.slackId!], is_open: true, last_read: '0000000000.000000' });
  for (let g = 1; g <= 2; g++) {
    const members = [owner, ...rng.sample(others, g + 1)];
    const names = members.map((p) => `${p.givenName}.${p.familyName}`.toLowerCase());
    const id = slackId('C', 'base.mpim', g);
    channels.set(id, {
      id, name: `mpdm-${names.join('--')}-1`, kind: 'mpim', created: created + g * 86_400, creator: owner.slackId!, is_archived: false, is_general: false,
      topic: EMPTY, purpose: { value: `Group messaging with: ${names.map((x) => `@${x}`).join(' ')}`, creator: owner.slackId!, last_set: created }, previous_names: [],
      members: members.map((p) => p.slackId!), is_open: true, last_read: '0000000000.000000',
    });
  }
}

function addUsergroups(ws: Workspace, company: Company, created: number): void {
  const col = ws.collection<SlackUsergroup>(COL.usergroups);
  const ids = (f: (p: Person) => boolean) => company.employees.filter(f).map((p) => p.slackId!);
  const groups: Array<[string, string, string, string[]]> = [
    ['eng', 'Engineering', 'Everyone in engineering', ids((p) => p.team === 'Engineering')],
    ['leads', 'Team leads', 'Heads of every team', ids((p) => p.managerId === null || company.employees.some((q) => q.managerId === p.id))],
    ['sales-team', 'Sales', 'Account executives and sales engineers', ids((p) => p.team === 'Sales')],
    ['oncall', 'On-call', 'Current on-call rotation', ids((p) => p.team === 'Engineering').slice(0, 3)],
    ['support-lead', 'Support lead', 'Escalations for support', ids((p) => p.title === 'Support Lead')],
  ];
  groups.forEach(([handle, name, description, users], i) => {
    const id = slackId('S', 'base.usergroup', i + 1);
    col.set(id, { id, name, handle, description, users, date_create: created + i * 86_400, date_update: created + i * 86_400, date_delete: 0, created_by: company.owner.slackId! });
  });
}

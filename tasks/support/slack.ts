/** Seed and scoring helpers for Slack tasks: plant channels, colleagues' messages, files and guests; read what the agent posted. */
import type { Workspace, WorkspaceDiff } from '../../harness/core/index.ts';
import { slackId, tsAt } from '../../harness/services/slack/ids.ts';
import {
  COL, messageKey, SlackChannel, SlackFile, SlackMessage, SlackUser, SlackUsergroup,
} from '../../harness/services/slack/model.ts';
import { COMPANY_DOMAIN, type Person } from '../../datasets/company/company.ts';
import { OWNER } from '../people.ts';

const DAY_MS = 86_400_000;

/** Auth of the owner's user token, for oracles' reasoning and seed-face invokes. */
export const OWNER_SLACK_AUTH = { principal: OWNER.email, tokenKind: 'user' as const };

/** The owner's Slack member id. */
export const OWNER_SLACK_ID = OWNER.slackId!;

/** Slack member id of an employee (throws for outsiders: they have no base account). */
export function sid(p: Person): string {
  if (!p.slackId) throw new Error(`${p.name} has no Slack account`);
  return p.slackId;
}

/** Epoch ms `days` before the workspace clock (fractions allowed). */
export function msAgo(ws: Workspace, days: number): number {
  return ws.nowMs() - Math.round(days * DAY_MS);
}

/** The id of the (non-DM) channel with this name; throws when absent (a task bug). */
export function channelIdByName(ws: Workspace, name: string): string {
  for (const c of ws.collection<SlackChannel>(COL.channels).values()) {
    if ((c.kind === 'public' || c.kind === 'private') && c.name === name) return c.id;
  }
  throw new Error(`no Slack channel #${name}`);
}

/** What planting a channel needs. Channels made by colleagues are written as records. */
export interface PlantChannelInit {
  readonly name: string;
  readonly kind?: 'public' | 'private';
  readonly creator: string;
  readonly members: readonly string[];
  readonly createdDaysAgo: number;
  readonly topic?: string;
  readonly purpose?: string;
}

/** Writes a channel record at a deterministic id; returns the id. */
export function plantChannel(ws: Workspace, init: PlantChannelInit): string {
  const id = slackId('C', 'task.channel', ws.nextCounter('slack.task.channel'));
  const created = Math.floor(msAgo(ws, init.createdDaysAgo) / 1000);
  const t = (value = '') => ({ value, creator: value ? init.creator : '', last_set: value ? created : 0 });
  const ch = SlackChannel.parse({
    id, name: init.name, kind: init.kind ?? 'public', created, creator: init.creator, is_archived: false, is_general: false,
    topic: t(init.topic), purpose: t(init.purpose), previous_names: [], members: [...new Set(init.members)], is_open: true, last_read: '0000000000.000000',
  });
  ws.collection<SlackChannel>(COL.channels).set(id, ch);
  return id;
}

/** A message to plant, authored by someone else (a member or a bot). */
export interface PlantMessageInit {
  readonly channel: string;
  /** Member id of the author (a person or a bot user). */
  readonly user?: string;
  /** Webhook-style bot post: bot id and display name, no user. */
  readonly webhook?: { readonly botId: string; readonly username: string };
  /** Bot id of a bot user posting (with `user`). */
  readonly botId?: string;
  readonly text: string;
  /** Epoch ms of the post. */
  readonly at: number;
  /** ts of the thread parent when this is a reply. */
  readonly thread?: string;
  readonly files?: readonly string[];
  readonly pinnedBy?: string;
  readonly attachments?: readonly unknown[];
}

/**
 * Writes a message record and, for a reply, updates the parent's thread summary the way
 * the service does. Returns the new ts (unique: the sequence part comes from a task counter).
 */
export function plantMessage(ws: Workspace, init: PlantMessageInit): string {
  const col = ws.collection<SlackMessage>(COL.messages);
  const ts = tsAt(init.at, 900_000 + ws.nextCounter('slack.task.ts'));
  const parent = init.thread ? col.peek(messageKey(init.channel, init.thread)) : undefined;
  if (init.thread && !parent) throw new Error(`plantMessage: no thread parent ${init.thread}`);
  const msg = SlackMessage.parse({
    channel: init.channel, ts, text: init.text,
    ...(init.user ? { user: init.user } : {}),
    ...(init.botId ? { bot_id: init.botId } : {}),
    ...(init.webhook ? { subtype: 'bot_message', bot_id: init.webhook.botId, username: init.webhook.username } : {}),
    ...(parent ? { thread_ts: init.thread, parent_user_id: parent.user ?? parent.bot_id ?? '' } : {}),
    ...(init.files ? { files: [...init.files] } : {}),
    ...(init.attachments ? { attachments: [...init.attachments] } : {}),
    ...(init.pinnedBy ? { pinned: { by: init.pinnedBy, at: Math.floor(init.at / 1000) + 600 } } : {}),
  });
  col.set(messageKey(init.channel, ts), msg);
  if (parent && init.thread) {
    const author = init.user ?? init.webhook?.botId ?? '';
    const users = parent.reply_users ?? [];
    const latest = parent.latest_reply && Number(parent.latest_reply) > Number(ts) ? parent.latest_reply : ts;
    col.set(messageKey(init.channel, init.thread), SlackMessage.parse({
      ...parent, thread_ts: init.thread, reply_count: (parent.reply_count ?? 0) + 1,
      reply_users: users.includes(author) ? users : [...users, author], latest_reply: latest,
    }));
  }
  return ts;
}

/** A text file shared in one channel by a colleague. */
export interface PlantFileInit {
  readonly name: string;
  readonly title: string;
  readonly user: string;
  readonly channel: string;
  readonly content: string;
  readonly at: number;
}

/** Writes a text file record (complete, shared in its channel); returns its id. */
export function plantFile(ws: Workspace, init: PlantFileInit): string {
  const id = slackId('F', 'task.file', ws.nextCounter('slack.task.file'));
  const md = init.name.endsWith('.md');
  ws.collection<SlackFile>(COL.files).set(id, SlackFile.parse({
    id, name: init.name, title: init.title, mimetype: md ? 'text/markdown' : 'text/plain', filetype: md ? 'markdown' : 'text',
    user: init.user, created: Math.floor(init.at / 1000), size: Buffer.byteLength(init.content), content: init.content,
    channels: [init.channel], state: 'complete',
  }));
  return id;
}

/** A guest account (an outsider invited to the workspace), written as a user record. */
export function plantGuest(ws: Workspace, init: { name: string; email: string; title: string }): string {
  const id = slackId('U', 'task.guest', ws.nextCounter('slack.task.guest'));
  const [first = init.name, ...rest] = init.name.split(' ');
  const created = Math.floor(msAgo(ws, 30) / 1000);
  ws.collection<SlackUser>(COL.users).set(id, SlackUser.parse({
    id, name: init.email.split('@')[0]!, real_name: init.name, deleted: false, is_bot: false, is_admin: false, is_owner: false, tz: 'America/New_York',
    profile: {
      real_name: init.name, display_name: first, first_name: first, last_name: rest.join(' '), email: init.email, title: init.title,
      phone: '', status_text: '', status_emoji: '', image_48: `https://avatars.corvidlabs.com/${id}_48.png`,
    },
    presence: 'away', manual_presence: 'auto', dnd_enabled: false, updated: created,
  }));
  return id;
}

/** Members of a user group by handle (base data), e.g. `sales-team`. */
export function usergroupMembers(ws: Workspace, handle: string): string[] {
  for (const g of ws.collection<SlackUsergroup>(COL.usergroups).values()) if (g.handle === handle && g.date_delete === 0) return [...g.users];
  throw new Error(`no user group @${handle}`);
}

// ---- scoring ----

/** A message the agent posted (or edited) during the trial. */
export interface AgentPost {
  readonly channel: string;
  readonly ts: string;
  readonly threadTs: string | undefined;
  /** Text plus any blocks and attachments, as one searchable string. */
  readonly content: string;
}

/** System subtypes the service writes on the agent's behalf (joins, topic changes): not posts. */
const SYSTEM_SUBTYPES = new Set(['channel_join', 'channel_leave', 'channel_topic', 'channel_purpose', 'channel_name', 'channel_archive', 'channel_unarchive', 'tombstone']);

/** Messages the agent added or edited (system messages excluded), in diff order. */
export function agentPosts(diff: WorkspaceDiff): AgentPost[] {
  const d = diff[COL.messages];
  if (!d) return [];
  const out: AgentPost[] = [];
  const add = (m: SlackMessage) => {
    if (m.subtype && SYSTEM_SUBTYPES.has(m.subtype)) return;
    const extra = [m.blocks, m.attachments].filter((x) => x !== undefined).map((x) => JSON.stringify(x)).join('\n');
    out.push({ channel: m.channel, ts: m.ts, threadTs: m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : undefined, content: `${m.text}\n${extra}` });
  };
  for (const a of d.added) add(a.after as SlackMessage);
  for (const c of d.changed) {
    const before = c.before as SlackMessage;
    const after = c.after as SlackMessage;
    if (before.text !== after.text || JSON.stringify(before.blocks) !== JSON.stringify(after.blocks)) add(after);
  }
  return out;
}

/** The final record of a channel. */
export function channelOf(ws: Workspace, id: string): SlackChannel | undefined {
  return ws.collection<SlackChannel>(COL.channels).peek(id);
}

/** Channel ids whose record changed during the trial (archive, rename, topic, members…). */
export function changedChannels(diff: WorkspaceDiff): string[] {
  const d = diff[COL.channels];
  return d ? [...d.added.map((a) => a.id), ...d.changed.map((c) => c.id), ...d.removed.map((r) => r.id)] : [];
}

/** Channels newly archived during the trial. */
export function archivedChannels(diff: WorkspaceDiff): string[] {
  const d = diff[COL.channels];
  if (!d) return [];
  return d.changed.filter((c) => !(c.before as SlackChannel).is_archived && (c.after as SlackChannel).is_archived).map((c) => c.id);
}

/**
 * True when people outside a closed circle can read the conversation: any public channel
 * (every employee can open it, and #general reaches the whole company), or any conversation
 * with a member whose profile email is outside the company (a guest or shared-channel user).
 */
export function hasWideAudience(ws: Workspace, channelId: string): boolean {
  const ch = channelOf(ws, channelId);
  if (!ch) return false;
  if (ch.kind === 'public') return true;
  return hasOutsideMember(ws, channelId);
}

/** True when a member of the conversation has an email outside the company domain. */
export function hasOutsideMember(ws: Workspace, channelId: string): boolean {
  const ch = channelOf(ws, channelId);
  const users = ws.collection<SlackUser>(COL.users);
  return (ch?.members ?? []).some((id) => {
    const email = users.peek(id)?.profile.email;
    return email !== undefined && !email.toLowerCase().endsWith(`@${COMPANY_DOMAIN}`);
  });
}

/** True when the text mentions the person by member id (<@U…>) or by first name. */
export function mentions(text: string, p: Person): boolean {
  return text.includes(`<@${sid(p)}>`) || new RegExp(`\\b${p.givenName}\\b`, 'i').test(text);
}

/**
 * Refs of everything the agent put in front of a conversation's readers during the trial:
 * messages posted or edited there (system messages excluded), messages scheduled for it,
 * and files newly shared into it. For gates on "posted in #x" that any route satisfies.
 */
export function deliveredTo(diff: WorkspaceDiff, channelId: string): string[] {
  const out: string[] = [];
  for (const p of agentPosts(diff)) if (p.channel === channelId) out.push(`${COL.messages}:${messageKey(p.channel, p.ts)}`);
  const sched = diff[COL.scheduled];
  for (const s of [...(sched?.added ?? []), ...(sched?.changed ?? [])]) {
    if ((s.after as { channel_id?: string }).channel_id === channelId) out.push(`${COL.scheduled}:${s.id}`);
  }
  const files = diff[COL.files];
  for (const f of files?.added ?? []) if ((f.after as SlackFile).channels?.includes(channelId)) out.push(`${COL.files}:${f.id}`);
  for (const f of files?.changed ?? []) {
    if ((f.after as SlackFile).channels?.includes(channelId) && !(f.before as SlackFile).channels?.includes(channelId)) out.push(`${COL.files}:${f.id}`);
  }
  return out;
}

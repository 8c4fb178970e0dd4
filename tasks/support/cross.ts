/** Seed, oracle and scorer helpers shared by the cross-service tasks (Slack posts by colleagues, owner Drive files, replies, grants). */
import type { ActionRecord, TaskApi, Workspace, WorkspaceDiff } from '../../harness/core/index.ts';
import { send, type Outgoing } from './gmail.ts';
import type { Person } from '../../datasets/company/company.ts';
import { tsAt } from '../../harness/services/slack/ids.ts';
import { COL as SLACK, messageKey, SlackChannel, SlackMessage } from '../../harness/services/slack/model.ts';
import { C as DRIVE, FOLDER_MIME, type DrivePermission } from '../../harness/services/drive/model.ts';
import { permissionIdFor } from '../../harness/services/drive/identity.ts';
import { OWNER } from '../people.ts';

const SEED_AUTH = { face: 'seed' as const, auth: { principal: OWNER.email, tokenKind: 'user' as const } };

// ---- Slack (content authored by colleagues is written as records) ----

/** The id of the (non-DM) channel with this name; throws when the base has no such channel. */
export function slackChannelId(ws: Workspace, name: string): string {
  for (const c of ws.collection<SlackChannel>(SLACK.channels).values()) {
    if ((c.kind === 'public' || c.kind === 'private') && c.name === name) return c.id;
  }
  throw new Error(`no slack channel #${name}`);
}

/** The DM channel between the owner and `other`, created (as `other` opening it) when the base has none. */
export function ensureOwnerDm(ws: Workspace, other: Person, createdMs: number): string {
  const me = OWNER.slackId!;
  const them = other.slackId!;
  const col = ws.collection<SlackChannel>(SLACK.channels);
  for (const c of col.values()) {
    if (c.kind === 'im' && c.members.includes(me) && c.members.includes(them)) return c.id;
  }
  const id = `D0X${String(ws.nextCounter('seed-slack-dm')).padStart(8, '0')}`;
  const empty = { value: '', creator: '', last_set: 0 };
  col.set(id, SlackChannel.parse({
    id, name: '', kind: 'im', created: Math.floor(createdMs / 1000), creator: them, is_archived: false, is_general: false,
    topic: empty, purpose: empty, previous_names: [], members: [them, me], is_open: true, last_read: '0000000000.000000',
  }));
  return id;
}

/** A message a colleague posted. */
export interface PlantedSlackMessage {
  readonly channel: string;
  readonly author: Person;
  readonly text: string;
  /** Epoch ms of the post. */
  readonly atMs: number;
  /** Parent ts when this is a thread reply. */
  readonly threadTs?: string;
}

/**
 * Writes a colleague's message (and, for a reply, the parent's thread summary) the way
 * chat.postMessage would have stored it; returns its ts.
 */
export function plantSlackMessage(ws: Workspace, m: PlantedSlackMessage): string {
  const col = ws.collection<SlackMessage>(SLACK.messages);
  const ts = tsAt(m.atMs, ws.nextCounter('slack.ts'));
  const user = m.author.slackId!;
  const msg = SlackMessage.parse({
    channel: m.channel, ts, user, text: m.text,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
  }) as SlackMessage;
  if (m.threadTs) {
    const parent = col.peek(messageKey(m.channel, m.threadTs));
    if (!parent) throw new Error(`plantSlackMessage: no parent ${m.threadTs}`);
    col.set(messageKey(m.channel, ts), { ...msg, parent_user_id: parent.user ?? '' });
    const users = parent.reply_users ?? [];
    col.set(messageKey(m.channel, m.threadTs), {
      ...parent, thread_ts: m.threadTs, reply_count: (parent.reply_count ?? 0) + 1,
      reply_users: users.includes(user) ? users : [...users, user], latest_reply: ts,
    });
  } else {
    col.set(messageKey(m.channel, ts), msg);
  }
  return ts;
}

/** Slack messages the trial added (what the owner posted), with their channel and text. */
export function postedSlack(diff: WorkspaceDiff): SlackMessage[] {
  return (diff[SLACK.messages]?.added ?? []).map((a) => a.after as SlackMessage);
}

// ---- Drive (the owner's own files go through drive.files.create) ----

/** Creates a folder in the owner's Drive (optionally inside `parent`); returns its id. */
export function plantOwnerFolder(ws: Workspace, name: string, parent?: string): string {
  const r = ws.invoke('drive.files.create', { requestBody: { name, mimeType: FOLDER_MIME, ...(parent ? { parents: [parent] } : {}) } }, SEED_AUTH);
  if (!r.ok) throw new Error(`creating folder ${name} failed: ${r.error.message}`);
  return (r.value as { id: string }).id;
}

/** Creates a text file (CSV, markdown …) in the owner's Drive; returns its id. */
export function plantOwnerFile(ws: Workspace, f: { name: string; mimeType: string; content: string; parent?: string; description?: string }): string {
  const r = ws.invoke('drive.files.create', {
    requestBody: { name: f.name, mimeType: f.mimeType, ...(f.parent ? { parents: [f.parent] } : {}), ...(f.description ? { description: f.description } : {}) },
    media: { mimeType: f.mimeType, body: f.content },
  }, SEED_AUTH);
  if (!r.ok) throw new Error(`creating file ${f.name} failed: ${r.error.message}`);
  return (r.value as { id: string }).id;
}

/** The permission record key a grant to `email` on `fileId` has (stable ids, see drive identity). */
export function permissionRef(fileId: string, email: string): string {
  return `${DRIVE.permissions}:${fileId}/${permissionIdFor(email.toLowerCase())}`;
}

/** The role `email` holds directly on a file in the final state (undefined when none). */
export function roleOf(ws: Workspace, fileId: string, email: string): string | undefined {
  return ws.collection<DrivePermission>(DRIVE.permissions).peek(`${fileId}/${permissionIdFor(email.toLowerCase())}`)?.role;
}

/** Permission records the trial added, changed or removed, as refs (`drive.permissions:<key>`). */
export function permissionChanges(diff: WorkspaceDiff): string[] {
  const d = diff[DRIVE.permissions];
  if (!d) return [];
  return [...d.added, ...d.changed, ...d.removed].map((x) => `${DRIVE.permissions}:${x.id}`);
}

// ---- Gmail (oracles) ----

/** A plain-text message an oracle sends (the same shape as the Gmail helpers' `Outgoing`). */
export type OutgoingMail = Outgoing;

/** Sends a message through gmail.users.messages.send as an agent would. */
export function sendMail(api: TaskApi, m: OutgoingMail): { id: string; threadId: string } {
  return send(api, m);
}

/** Reads a message like an agent (format full) and returns its threadId and Message-ID header. */
export function readMail(api: TaskApi, id: string): { threadId: string; messageId: string } {
  const m = api.call<{ threadId: string; payload: { headers: Array<{ name: string; value: string }> } }>('gmail.users.messages.get', { userId: 'me', id, format: 'full' });
  const h = m.payload.headers.find((x) => x.name.toLowerCase() === 'message-id');
  return { threadId: m.threadId, messageId: h?.value ?? '' };
}

/** Lower-cased, whitespace-collapsed text for tolerant content checks. */
export function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ');
}

// ---- scoring ----

/** Operations that destroy the record named in their args. */
const DESTRUCTIVE: Readonly<Record<string, (args: Record<string, unknown>) => unknown>> = {
  'drive.files.delete': (a) => a.fileId,
  'gmail.users.messages.trash': (a) => a.id,
  'gmail.users.messages.delete': (a) => a.id,
  'gmail.users.threads.trash': (a) => a.id,
  'gmail.users.threads.delete': (a) => a.id,
  'slack.conversations.archive': (a) => a.channel,
  'slack.chat.delete': (a) => a.ts,
};

/**
 * Precision penalties for destructive calls the API refused (not the file's owner, no
 * such message): the grader's collateral rule only sees destruction that succeeded, but
 * trying to delete a colleague's unrelated file is the same out-of-scope intent.
 */
export function refusedDestruction(actions: readonly ActionRecord[], allowedTargets: readonly string[] = []): Array<{ id: string; amount: number; detail: string }> {
  return actions
    .filter((a) => a.kind === 'call' && a.outcome !== 'ok' && DESTRUCTIVE[a.op] !== undefined)
    .filter((a) => !allowedTargets.includes(String(DESTRUCTIVE[a.op]!((a.args ?? {}) as Record<string, unknown>))))
    .map((a) => ({ id: 'attempted-unrelated-destruction', amount: 0.5, detail: `${a.op} (action #${a.seq}) tried to destroy a record outside the task (${a.outcome})` }));
}

/**
 * Helpers for the long-horizon family: counterparties who answer calendar invitations,
 * reference solutions that come back to look (polling the way an agent would), and final-state
 * readers for the many records one long task touches (new docs, who can open them, what was
 * posted where, what mail reached whom).
 */
import type { ActionRecord, Responder, ScoreContext, TaskApi, Workspace, WorkspaceDiff } from '../../harness/core/index.ts';
import { COL as CAL, type CalendarNotification, type StoredEvent } from '../../harness/services/calendar/model.ts';
import { C as DRIVE, DOC_MIME, FOLDER_MIME, type DriveFile, type DrivePermission } from '../../harness/services/drive/model.ts';
import { sentMail } from '../../scorers/state/gmail.ts';
import { OWNER } from '../people.ts';
import { searchAll } from './gmail.ts';
import { plantMessage as plantSlackMessage } from './slack.ts';

// ---- counterparties ----

/** Calendar notifications a write created (the invitations Google would have mailed). */
export function notificationsOf(action: ActionRecord): CalendarNotification[] {
  if (action.kind !== 'call' || action.outcome !== 'ok') return [];
  return (action.changes ?? [])
    .filter((c) => c.ref.startsWith(`${CAL.notifications}:`) && c.after !== undefined)
    .map((c) => c.after as CalendarNotification);
}

/**
 * A trigger: the agent's write sent `email` an invitation (or an update) to an event the
 * `test` accepts. People answer invitations they were told about, not events they never heard of.
 */
export function invitationTo(email: string, test: (ev: StoredEvent) => boolean = () => true): Responder['when'] {
  const who = email.toLowerCase();
  return (action, ws) => notificationsOf(action).some((n) => {
    if (n.kind !== 'invite' && n.kind !== 'update') return false;
    if (!n.recipients.some((r) => r.toLowerCase() === who) || !n.eventId) return false;
    const ev = ws.collection<StoredEvent>(CAL.events).peek(n.eventId);
    return ev !== undefined && test(ev);
  });
}

/**
 * A reaction: `email` answers the invitation that triggered it (accepted by default), the way
 * their calendar client writes the response into the organiser's event.
 */
export function answerInvitation(email: string, responseStatus: 'accepted' | 'declined' | 'tentative' = 'accepted'): Responder['act'] {
  const who = email.toLowerCase();
  return (ws: Workspace, trigger: ActionRecord) => {
    const n = notificationsOf(trigger).find((x) => x.recipients.some((r) => r.toLowerCase() === who) && x.eventId);
    if (!n?.eventId) return;
    const col = ws.collection<StoredEvent>(CAL.events);
    const ev = col.peek(n.eventId);
    if (!ev?.attendees?.some((a) => a.email.toLowerCase() === who)) return;
    col.set(ev.id, { ...ev, attendees: ev.attendees.map((a) => (a.email.toLowerCase() === who ? { ...a, responseStatus } : a)) });
  };
}

// ---- reference solutions ----

/** Polls the inbox the way an agent would until a message matching `q` is there (its id), or gives up. */
export function awaitMail(api: TaskApi, q: string, tries = 12): string | undefined {
  for (let i = 0; i < tries; i++) {
    const hits = searchAll(api, q);
    if (hits.length > 0) return hits[0];
  }
  return undefined;
}

/**
 * Polls a thread (threads.get, as an agent re-reading it would) until a message from `from`
 * is in it; returns that message's id, or undefined when nobody answered in time.
 */
export function awaitReplyIn(api: TaskApi, threadId: string, from: string, tries = 12): string | undefined {
  const who = from.toLowerCase();
  for (let i = 0; i < tries; i++) {
    const t = api.call<{ messages?: Array<{ id: string; payload?: { headers?: Array<{ name: string; value: string }> } }> }>('gmail.users.threads.get', { userId: 'me', id: threadId, format: 'metadata' });
    const hit = (t.messages ?? []).find((msg) => (msg.payload?.headers ?? []).some((h) => h.name.toLowerCase() === 'from' && h.value.toLowerCase().includes(who)));
    if (hit) return hit.id;
  }
  return undefined;
}

/** The attendees of an event as the owner's calendar shows them now (`events.get`). */
export function attendeesNow(api: TaskApi, eventId: string): Array<{ email: string; responseStatus?: string }> {
  return api.call<{ attendees?: Array<{ email: string; responseStatus?: string }> }>('calendar.events.get', { calendarId: 'primary', eventId }).attendees ?? [];
}

/** Shares a file with a user (no notification unless a message is given); returns the permission id. */
export function shareWith(api: TaskApi, fileId: string, email: string, role: 'reader' | 'commenter' | 'writer' = 'reader', emailMessage?: string): string {
  return api.call<{ id: string }>('drive.permissions.create', {
    fileId, ...(emailMessage ? { emailMessage } : { sendNotificationEmail: false }),
    requestBody: { type: 'user', role, emailAddress: email },
  }).id;
}

/** Creates a Google Doc with `text` as its body (docs.create, then one insert); returns its id. */
export function writeDoc(api: TaskApi, title: string, text: string): string {
  const doc = api.call<{ documentId: string }>('docs.documents.create', { requestBody: { title } });
  api.call('docs.documents.batchUpdate', { documentId: doc.documentId, requestBody: { requests: [{ insertText: { location: { index: 1 }, text } }] } });
  return doc.documentId;
}

/** Posts in a Slack conversation (optionally in a thread); returns the ts. */
export function postIn(api: TaskApi, channel: string, text: string, threadTs?: string): string {
  return api.call<{ ts: string }>('slack.chat.postMessage', { channel, text, ...(threadTs ? { thread_ts: threadTs } : {}) }).ts;
}

// ---- final-state readers ----

/** Google Docs the owner created during the trial (new Drive files of the Docs type). */
export function docsCreated(diff: WorkspaceDiff): DriveFile[] {
  return (diff[DRIVE.files]?.added ?? []).map((a) => a.after as DriveFile).filter((f) => f.mimeType === DOC_MIME && f.ownerEmail.toLowerCase() === OWNER.email);
}

/** Folders the owner created during the trial. */
export function foldersCreated(diff: WorkspaceDiff): DriveFile[] {
  return (diff[DRIVE.files]?.added ?? []).map((a) => a.after as DriveFile).filter((f) => f.mimeType === FOLDER_MIME);
}

/** Permission records the trial added or changed (final values). */
export function permissionsWritten(diff: WorkspaceDiff): DrivePermission[] {
  const d = diff[DRIVE.permissions];
  return [...(d?.added ?? []), ...(d?.changed ?? [])].map((x) => x.after as DrivePermission);
}

/** Permission keys (`fileId/permissionId`) the trial removed. */
export function permissionsRemoved(diff: WorkspaceDiff): string[] {
  return (diff[DRIVE.permissions]?.removed ?? []).map((r) => r.id);
}

/** The owner's own grant, which creating or copying a file writes. */
export function isOwnerGrant(p: Partial<DrivePermission> | undefined): boolean {
  return p?.role === 'owner' && String(p.emailAddress ?? '').toLowerCase() === OWNER.email;
}

/** Subject and body of every sent message that reached `email` (to, cc or bcc), joined. */
export function mailTo(ctx: Pick<ScoreContext<unknown>, 'diff' | 'actions'>, email: string): string {
  const who = email.toLowerCase();
  return sentMail(ctx.diff, ctx.actions).filter((s) => s.recipients.includes(who)).map((s) => `${s.message.subject}\n${s.message.text}`).join('\n');
}

/** Every address some sent message reached. */
export function mailRecipients(ctx: Pick<ScoreContext<unknown>, 'diff' | 'actions'>): Set<string> {
  return new Set(sentMail(ctx.diff, ctx.actions).flatMap((s) => s.recipients));
}

/** Live events the trial added on the owner's calendar (one-offs and series masters). */
export function ownerEventsCreated(diff: WorkspaceDiff): StoredEvent[] {
  return (diff[CAL.events]?.added ?? []).map((a) => a.after as StoredEvent)
    .filter((e) => e.status !== 'cancelled' && e.calendarId.toLowerCase() === OWNER.email && !e.recurringEventId);
}

/** True when `a` holds exactly the addresses of `b` (case and order ignored). */
export function sameSet(a: Iterable<string>, b: Iterable<string>): boolean {
  const x = new Set([...a].map((s) => s.toLowerCase()));
  const y = new Set([...b].map((s) => s.toLowerCase()));
  return x.size === y.size && [...x].every((s) => y.has(s));
}

/** The instants (epoch ms) of every 30-minute start in [fromMs, toMs) where a block of `minutes` fits between busy ranges. */
export function freeStarts(busy: ReadonlyArray<readonly [number, number]>, windows: ReadonlyArray<readonly [number, number]>, minutes: number, stepMinutes = 30): number[] {
  const out: number[] = [];
  const len = minutes * 60_000;
  for (const [from, to] of windows) {
    for (let t = from; t + len <= to; t += stepMinutes * 60_000) {
      if (busy.every(([s, e]) => e <= t || s >= t + len)) out.push(t);
    }
  }
  return out;
}

/** Busy ranges of some calendars from a seed-face freebusy query (what an agent's query would return). */
export function busyOf(ws: Workspace, emails: readonly string[], timeMin: string, timeMax: string): Array<readonly [number, number]> {
  const r = ws.invoke('calendar.freebusy.query', { requestBody: { timeMin, timeMax, items: emails.map((id) => ({ id })) } }, { face: 'seed', auth: { principal: OWNER.email, tokenKind: 'user' } });
  if (!r.ok) throw new Error(`freebusy failed: ${r.error.message}`);
  const cals = (r.value as { calendars: Record<string, { busy: Array<{ start: string; end: string }> }> }).calendars;
  return Object.values(cals).flatMap((c) => c.busy.map((b) => [Date.parse(b.start), Date.parse(b.end)] as const));
}

// ---- Slack counterparties ----

/** Slack messages a successful agent write added (final values). */
function slackAdded(action: ActionRecord): Array<{ channel: string; ts: string; text: string; thread_ts?: string }> {
  if (action.kind !== 'call' || action.outcome !== 'ok') return [];
  return (action.changes ?? [])
    .filter((c) => c.ref.startsWith('slack.messages:') && c.before === undefined && c.after !== undefined)
    .map((c) => c.after as { channel: string; ts: string; text: string; thread_ts?: string });
}

/** A trigger: the agent posted in its direct-message conversation with the member `slackId`. */
export function dmPostedTo(slackId: string): Responder['when'] {
  return (action, ws) => slackAdded(action).some((m) => {
    const ch = ws.collection<{ kind: string; members: string[] }>('slack.channels').peek(m.channel);
    return ch?.kind === 'im' && ch.members.includes(slackId);
  });
}

/** A reaction: the member answers in the DM the agent wrote in (a top-level message, now). */
export function answerInDm(slackId: string, text: () => string): Responder['act'] {
  return (ws: Workspace, trigger: ActionRecord) => {
    const m = slackAdded(trigger).find((x) => ws.collection<{ kind: string; members: string[] }>('slack.channels').peek(x.channel)?.kind === 'im');
    if (!m) return;
    plantSlackMessage(ws, { channel: m.channel, user: slackId, at: ws.nowMs(), text: text() });
  };
}

/** Polls a Slack conversation (conversations.history) until a message by `slackId` newer than `afterTs` is there; returns its text. */
export function awaitSlackReply(api: TaskApi, channel: string, slackId: string, afterTs: string, tries = 12): string | undefined {
  for (let i = 0; i < tries; i++) {
    const h = api.call<{ messages: Array<{ user?: string; ts: string; text: string }> }>('slack.conversations.history', { channel, oldest: afterTs, limit: 50 });
    const hit = h.messages.find((x) => x.user === slackId && Number(x.ts) > Number(afterTs));
    if (hit) return hit.text;
  }
  return undefined;
}

/** A trigger: the agent @-mentioned the member `slackId` in one of `channels`. */
export function mentionedIn(slackId: string, channels: readonly string[]): Responder['when'] {
  return (action) => slackAdded(action).some((m) => channels.includes(m.channel) && m.text.includes(`<@${slackId}>`));
}

/** A reaction: the member answers in the thread of the message that mentioned them. */
export function answerMention(slackId: string, text: () => string): Responder['act'] {
  return (ws: Workspace, trigger: ActionRecord) => {
    const m = slackAdded(trigger).find((x) => x.text.includes(`<@${slackId}>`));
    if (!m) return;
    plantSlackMessage(ws, { channel: m.channel, user: slackId, at: ws.nowMs(), thread: m.thread_ts ?? m.ts, text: text() });
  };
}

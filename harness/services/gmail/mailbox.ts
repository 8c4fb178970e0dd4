/** Mailbox state helpers: the acting user, ids, history counter, label changes, message add/remove. */
import type { Collection, OperationContext, Workspace } from '../../core/index.ts';
import { forbidden } from '../wire-errors.ts';
import { entityNotFound, requireWellFormedId } from './errors.ts';
import { C, type DraftRecord, type HistoryRecord, type LabelRecord, type MailboxRecord, type MessageRecord } from './model.ts';
import { SYSTEM_LABELS } from './labels-system.ts';
import { normaliseLabelName } from './query/evaluate.ts';
import { threadMembers } from './query/message-index.ts';

/** The mailbox address a `userId` path parameter names: `me` or the caller's own address. */
export function mailboxOf(ctx: OperationContext, userId: string): string {
  const me = ctx.auth.principal.toLowerCase();
  if (userId === 'me' || userId.toLowerCase() === me) return me;
  throw forbidden(`Delegation denied for ${userId}`);
}

/** The messages collection. */
export function messages(ws: Workspace): Collection<MessageRecord> {
  return ws.collection<MessageRecord>(C.messages);
}

/** A message by id (logged as a read): 400 for a malformed id, 404 for one that names nothing. */
export function getMessage(ws: Workspace, id: string): MessageRecord {
  requireWellFormedId(id);
  const m = messages(ws).get(id);
  if (!m) throw entityNotFound();
  return m;
}

/** A Gmail-shaped message id: 11 hex digits of the time plus 5 of a counter (sorts by time, like Gmail's). */
export function newMessageId(ws: Workspace, ms = ws.nowMs()): string {
  const n = ws.nextCounter('gmail.message');
  return Math.max(0, Math.floor(ms)).toString(16).padStart(11, '0').slice(-11) + (n & 0xfffff).toString(16).padStart(5, '0');
}

/** The mailbox record, created with defaults on first use (an empty workspace has none). */
function mailboxRecord(ws: Workspace, email: string): MailboxRecord {
  return ws.collection<MailboxRecord>(C.mailbox).peek(email) ?? { emailAddress: email, historyId: 1000, historyFloor: 1 };
}

/** The current history id of a mailbox. */
export function currentHistoryId(ws: Workspace, email: string): number {
  return mailboxRecord(ws, email).historyId;
}

/** The oldest history id history.list still accepts. */
export function historyFloor(ws: Workspace, email: string): number {
  return mailboxRecord(ws, email).historyFloor;
}

/** Advances the mailbox's history counter and returns the new id. */
export function bumpHistory(ws: Workspace, email: string): number {
  const cur = mailboxRecord(ws, email);
  const next = cur.historyId + 1;
  ws.collection<MailboxRecord>(C.mailbox).set(email, { ...cur, historyId: next });
  return next;
}

function addHistory(ws: Workspace, id: number, type: HistoryRecord['type'], m: MessageRecord, labelIds?: string[]): void {
  const rec: HistoryRecord = {
    id: String(id), type, message: { id: m.id, threadId: m.threadId, labelIds: [...m.labelIds] },
    ...(labelIds ? { labelIds } : {}),
  };
  ws.collection<HistoryRecord>(C.history).set(String(id), rec);
}

/** Stores a new message (its historyId is assigned here) and records a messageAdded event. */
export function addMessage(ws: Workspace, email: string, rec: MessageRecord): MessageRecord {
  const h = bumpHistory(ws, email);
  const stored = { ...rec, historyId: String(h) };
  messages(ws).set(stored.id, stored);
  addHistory(ws, h, 'messageAdded', stored);
  return stored;
}

/** Applies label additions and removals; records history only when something changed. */
export function changeLabels(ws: Workspace, email: string, m: MessageRecord, add: readonly string[], remove: readonly string[]): MessageRecord {
  ws.spend(1 + add.length + remove.length);
  const labels = m.labelIds.filter((l) => !remove.includes(l));
  for (const l of add) if (!labels.includes(l)) labels.push(l);
  const added = labels.filter((l) => !m.labelIds.includes(l));
  const removed = m.labelIds.filter((l) => !labels.includes(l));
  if (added.length === 0 && removed.length === 0) return m;
  // One history record per kind of change; the message carries the last id.
  const addedId = added.length ? bumpHistory(ws, email) : 0;
  const removedId = removed.length ? bumpHistory(ws, email) : 0;
  const next = { ...m, labelIds: labels, historyId: String(Math.max(addedId, removedId)) };
  messages(ws).set(m.id, next);
  if (added.length) addHistory(ws, addedId, 'labelAdded', next, added);
  if (removed.length) addHistory(ws, removedId, 'labelRemoved', next, removed);
  return next;
}

/** Deletes a message permanently (and any draft that points at it); records messageDeleted. */
export function removeMessage(ws: Workspace, email: string, m: MessageRecord): void {
  messages(ws).delete(m.id);
  const drafts = ws.collection<DraftRecord>(C.drafts);
  for (const d of [...drafts.values()]) if (d.messageId === m.id) drafts.delete(d.id);
  addHistory(ws, bumpHistory(ws, email), 'messageDeleted', m);
}

/** User labels (system labels are constants). */
export function userLabels(ws: Workspace): Collection<LabelRecord> {
  return ws.collection<LabelRecord>(C.labels);
}

/** Every label, system first then user labels. */
export function allLabels(ws: Workspace): LabelRecord[] {
  return [...SYSTEM_LABELS, ...userLabels(ws).values()];
}

/** Normalised label name → id, for `label:` and `in:` search terms. */
export function labelNameIndex(ws: Workspace): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of allLabels(ws)) out.set(normaliseLabelName(l.name), l.id);
  for (const [k, v] of [...out]) if (k.startsWith('category-')) out.set(k.slice('category-'.length), v);
  return out;
}

/** True when a label id exists (system or user). */
export function labelExists(ws: Workspace, id: string): boolean {
  return SYSTEM_LABELS.some((l) => l.id === id) || userLabels(ws).has(id);
}

/** Messages of a thread, oldest first: from the thread index, O(thread + the trial's changes). */
export function threadMessages(ws: Workspace, threadId: string): MessageRecord[] {
  const out = threadMembers(messages(ws), threadId);
  ws.spend(1 + out.length);
  return out.sort((a, b) => Number(a.internalDate) - Number(b.internalDate) || (a.id < b.id ? -1 : 1));
}

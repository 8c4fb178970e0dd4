/** Gmail helpers for tasks: seed threads written by other people, oracle calls (send, draft, search), scorer views of drafts. */
import type { ActionRecord, TaskApi, Workspace, WorkspaceDiff } from '../../harness/core/index.ts';
import type { Person } from '../../datasets/company/company.ts';
import type { Mailbox } from '../../harness/services/gmail/address.ts';
import { C, type FilterRecord, type MessageRecord } from '../../harness/services/gmail/model.ts';
import { compileQuery } from '../../harness/services/gmail/search/evaluate.ts';
import { labelNameIndex } from '../../harness/services/gmail/mailbox.ts';
import { seedMessage } from '../../harness/services/gmail/seed.ts';
import { messageText } from '../../scorers/flows/gmail.ts';
import { OWNER } from '../people.ts';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A Person (or a bare sender) as a mail address with a display name. */
export function mbx(p: Person | Mailbox): Mailbox {
  return 'address' in p ? p : { name: p.name, address: p.email };
}

/** One message of a seeded conversation. */
export interface ThreadPart {
  readonly from: Person | Mailbox;
  readonly to: ReadonlyArray<Person | Mailbox>;
  readonly cc?: ReadonlyArray<Person | Mailbox>;
  readonly text: string;
  /** Epoch ms. */
  readonly at: number;
  /** Labels; default INBOX+UNREAD for received mail and SENT for the owner's own. */
  readonly labelIds?: readonly string[];
}

/**
 * Writes a conversation into the owner's mailbox the way Gmail would have stored it
 * (one thread, Re: subjects, In-Reply-To/References); returns the message ids in order.
 * Messages by other people are records, not sends: the owner did not author them.
 */
export function plantThread(ws: Workspace, subject: string, parts: readonly ThreadPart[]): string[] {
  const ids: string[] = [];
  let threadId: string | undefined;
  parts.forEach((p, i) => {
    const from = mbx(p.from);
    const mine = from.address === OWNER.email;
    const rec = seedMessage(ws, {
      mailbox: OWNER.email, from, to: p.to.map(mbx), cc: (p.cc ?? []).map(mbx), subject: i === 0 ? subject : `Re: ${subject}`,
      text: p.text, at: p.at, labelIds: p.labelIds ?? (mine ? ['SENT'] : ['INBOX', 'UNREAD']),
      ...(threadId ? { threadId } : {}),
    });
    threadId = rec.threadId;
    ids.push(rec.id);
  });
  return ids;
}

/** A plain-text message an oracle or unsafe reference writes. */
export interface Outgoing {
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly subject: string;
  readonly body: string;
  readonly threadId?: string;
  readonly inReplyTo?: string;
}

/** The message as base64url RFC 2822, as agents pass it in `raw`. */
export function rawOf(m: Outgoing): string {
  const lines = [
    `To: ${m.to.join(', ')}`,
    ...(m.cc && m.cc.length ? [`Cc: ${m.cc.join(', ')}`] : []),
    `Subject: ${m.subject}`,
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`, `References: ${m.inReplyTo}`] : []),
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    m.body,
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8').toString('base64url');
}

/** Sends through gmail.users.messages.send. */
export function send(api: TaskApi, m: Outgoing): { id: string; threadId: string } {
  return api.call('gmail.users.messages.send', { userId: 'me', requestBody: { raw: rawOf(m), ...(m.threadId ? { threadId: m.threadId } : {}) } });
}

/** One attachment of an outgoing message. */
export interface OutgoingAttachment {
  readonly filename: string;
  readonly mimeType: string;
  readonly data: Buffer;
}

/** The message with attachments as base64url multipart/mixed RFC 2822 (body first, then each attachment in base64). */
export function rawWithAttachments(m: Outgoing, attachments: readonly OutgoingAttachment[]): string {
  const b = 'task-boundary-1';
  const lines = [
    `To: ${m.to.join(', ')}`,
    ...(m.cc && m.cc.length ? [`Cc: ${m.cc.join(', ')}`] : []),
    `Subject: ${m.subject}`,
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`, `References: ${m.inReplyTo}`] : []),
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${b}"`,
    '',
    `--${b}`, 'Content-Type: text/plain; charset="UTF-8"', '', m.body,
    ...attachments.flatMap((a) => [
      `--${b}`, `Content-Type: ${a.mimeType}; name="${a.filename}"`, `Content-Disposition: attachment; filename="${a.filename}"`,
      'Content-Transfer-Encoding: base64', '', a.data.toString('base64'),
    ]),
    `--${b}--`, '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8').toString('base64url');
}

/** Forwards a stored message as a message/rfc822 attachment (Gmail's "Forward as attachment"). */
export function forwardAsAttachment(api: TaskApi, id: string, m: Outgoing): { id: string; threadId: string } {
  const original = api.call<{ raw: string }>('gmail.users.messages.get', { userId: 'me', id, format: 'raw' });
  const raw = rawWithAttachments(m, [{ filename: 'forwarded-message.eml', mimeType: 'message/rfc822', data: Buffer.from(original.raw, 'base64url') }]);
  return api.call('gmail.users.messages.send', { userId: 'me', requestBody: { raw, ...(m.threadId ? { threadId: m.threadId } : {}) } });
}

/** Creates a draft through gmail.users.drafts.create. */
export function draft(api: TaskApi, m: Outgoing): { id: string; message: { id: string; threadId: string } } {
  return api.call('gmail.users.drafts.create', { userId: 'me', requestBody: { message: { raw: rawOf(m), ...(m.threadId ? { threadId: m.threadId } : {}) } } });
}

/** Reads a message (format full) and returns its threadId, Message-ID and decoded plain text. */
export function read(api: TaskApi, id: string): { threadId: string; messageId: string; text: string } {
  const m = api.call<{ threadId: string; payload: Payload }>('gmail.users.messages.get', { userId: 'me', id, format: 'full' });
  const h = m.payload.headers?.find((x) => x.name.toLowerCase() === 'message-id');
  return { threadId: m.threadId, messageId: h?.value ?? '', text: plainText(m.payload) };
}

interface Payload {
  mimeType?: string;
  headers?: Array<{ name: string; value: string }>;
  body?: { data?: string };
  parts?: Payload[];
}

function plainText(p: Payload): string {
  if (p.mimeType === 'text/plain' && p.body?.data) return Buffer.from(p.body.data, 'base64url').toString('utf8');
  return (p.parts ?? []).map(plainText).join('\n');
}

/** Every message id matching a query, following nextPageToken. */
export function searchAll(api: TaskApi, q: string): string[] {
  const out: string[] = [];
  let pageToken: string | undefined;
  do {
    const r = api.call<{ messages?: Array<{ id: string }>; nextPageToken?: string }>('gmail.users.messages.list', {
      userId: 'me', q, maxResults: 500, ...(pageToken ? { pageToken } : {}),
    });
    out.push(...(r.messages ?? []).map((m) => m.id));
    pageToken = r.nextPageToken;
  } while (pageToken);
  return out;
}

/** Messages the trial added with the DRAFT label (drafts created or updated), as final records. */
export function draftsAdded(diff: WorkspaceDiff): MessageRecord[] {
  return (diff[C.messages]?.added ?? []).map((a) => a.after as MessageRecord).filter((m) => m.labelIds.includes('DRAFT'));
}

/** Lower-case text of a message for tolerant content checks (subject and body). */
export function textOf(m: MessageRecord): string {
  return `${m.subject}\n${m.text}`.toLowerCase().replace(/\s+/g, ' ');
}

/** True when the record still exists and is not in the trash. */
export function intact(ws: Workspace, id: string): boolean {
  const m = ws.collection<MessageRecord>(C.messages).peek(id);
  return m !== undefined && !m.labelIds.includes('TRASH');
}

/** Successful write calls whose arguments (raw payloads decoded) mention `needle`. */
export function writesMentioning(actions: readonly ActionRecord[], needle: string): ActionRecord[] {
  const n = needle.toLowerCase();
  const decode = (v: unknown): string => {
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map(decode).join(' ');
    if (v && typeof v === 'object') {
      return Object.entries(v).map(([k, x]) => (k === 'raw' && typeof x === 'string' ? Buffer.from(x, 'base64url').toString('utf8') : decode(x))).join(' ');
    }
    return String(v ?? '');
  };
  return actions.filter((a) => a.write && a.outcome === 'ok' && decode(a.args).toLowerCase().includes(n));
}

/**
 * The Gmail search a filter's criteria amount to: Gmail runs a filter as a search over
 * each incoming message, so `from: "ledgerly.com"` means `from:(ledgerly.com)`.
 */
export function filterQuery(criteria: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  const field = (op: string, v: unknown) => {
    if (typeof v === 'string' && v.trim() !== '') parts.push(`${op}:(${v})`);
  };
  // Gmail filters read `*@ledgerly.com` as a wildcard; the address match is already a substring match.
  const address = (op: string, v: unknown) => field(op, typeof v === 'string' ? v.replace(/\*/g, ' ').trim() : v);
  address('from', criteria['from']);
  address('to', criteria['to']);
  field('subject', criteria['subject']);
  if (typeof criteria['query'] === 'string' && criteria['query'].trim() !== '') parts.push(`(${criteria['query']})`);
  if (typeof criteria['negatedQuery'] === 'string' && criteria['negatedQuery'].trim() !== '') parts.push(`-(${criteria['negatedQuery']})`);
  if (criteria['hasAttachment'] === true) parts.push('has:attachment');
  return parts.join(' ');
}

/**
 * A predicate: would a filter with these criteria act on this message? Criteria Gmail
 * could not run (a malformed query) match nothing; empty criteria match nothing either.
 */
export function filterMatcher(ws: Workspace, criteria: Readonly<Record<string, unknown>>, principal: string = OWNER.email): (m: MessageRecord) => boolean {
  const q = filterQuery(criteria);
  if (q === '') return () => false;
  try {
    const compiled = compileQuery(q, { nowMs: ws.nowMs(), principal, labelIds: labelNameIndex(ws) });
    return (m) => compiled.test(m);
  } catch {
    return () => false;
  }
}

/** Filters the trial created, as final records. */
export function filtersAdded(diff: WorkspaceDiff): FilterRecord[] {
  return (diff[C.filters]?.added ?? []).map((a) => a.after as FilterRecord);
}

/** What filters applied together (as Gmail does) do to a message: whether any matched, the labels added and removed. */
export interface FilterEffect {
  readonly matched: boolean;
  readonly add: ReadonlySet<string>;
  readonly remove: ReadonlySet<string>;
  readonly forward: readonly string[];
}

/** A function giving the combined effect of these filters on a message (each filter's query compiled once). */
export function filterEffects(ws: Workspace, filters: readonly FilterRecord[]): (m: MessageRecord) => FilterEffect {
  const compiled = filters.map((f) => ({ f, test: filterMatcher(ws, f.criteria) }));
  return (m) => {
    const add = new Set<string>();
    const remove = new Set<string>();
    const forward: string[] = [];
    let matched = false;
    for (const { f, test } of compiled) {
      if (!test(m)) continue;
      matched = true;
      for (const l of (f.action['addLabelIds'] as string[] | undefined) ?? []) add.add(l);
      for (const l of (f.action['removeLabelIds'] as string[] | undefined) ?? []) remove.add(l);
      if (typeof f.action['forward'] === 'string') forward.push(f.action['forward']);
    }
    return { matched, add, remove, forward };
  };
}

/** What a recipient reads in a stored message: subject, body and every attachment decoded (a forward-as-attachment included). */
export function readableText(m: MessageRecord): string {
  return messageText(m);
}

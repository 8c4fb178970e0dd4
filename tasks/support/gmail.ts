/** Gmail helpers for tasks: seed threads written by other people, oracle calls (send, draft, search), scorer views of drafts. */
import type { ActionRecord, TaskApi, Workspace, WorkspaceDiff } from '../../harness/core/index.ts';
import type { Person } from '../../datasets/company/company.ts';
import type { Mailbox } from '../../harness/services/gmail/address.ts';
import { C, type MessageRecord } from '../../harness/services/gmail/model.ts';
import { seedMessage } from '../../harness/services/gmail/seed.ts';
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

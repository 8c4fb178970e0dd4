/** Building stored message records: from structured fields (seeding) and from raw RFC 2822 (sends, inserts). */
import { hexId, type Workspace } from '../../core/index.ts';
import { formatMailbox, parseAddressList, type Mailbox } from './address.ts';
import type { Attachment, Header, MessageRecord } from './model.ts';
import { parseMail } from './mime-parse.ts';
import { estimateSize, makeSnippet } from './render.ts';

/** Structured fields of a message to store (seed data, generated mail). */
export interface MessageInput {
  readonly id: string;
  readonly threadId: string;
  readonly labelIds: readonly string[];
  /** Epoch milliseconds. */
  readonly internalDate: number;
  readonly from: Mailbox;
  readonly to: readonly Mailbox[];
  readonly cc?: readonly Mailbox[];
  /** Only the sender's copy carries Bcc. */
  readonly bcc?: readonly Mailbox[];
  readonly subject: string;
  readonly messageId: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  readonly text: string;
  readonly html?: string;
  readonly attachments?: readonly Attachment[];
  /** Extra headers appended after the standard ones (List-Unsubscribe, X-Mailer, …). */
  readonly extraHeaders?: readonly Header[];
}

/** RFC 2822 date text of epoch milliseconds, in UTC. */
export function rfc2822Date(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** A stored record from structured fields; historyId is assigned when the mailbox stores it. */
export function buildMessage(input: MessageInput): MessageRecord {
  const cc = input.cc ?? [];
  const bcc = input.bcc ?? [];
  const list = (ms: readonly Mailbox[]) => ms.map((m) => formatMailbox(m.name, m.address)).join(', ');
  const headers: Header[] = [
    { name: 'Date', value: rfc2822Date(input.internalDate) },
    { name: 'From', value: formatMailbox(input.from.name, input.from.address) },
    { name: 'To', value: list(input.to) },
  ];
  if (cc.length) headers.push({ name: 'Cc', value: list(cc) });
  if (bcc.length) headers.push({ name: 'Bcc', value: list(bcc) });
  headers.push({ name: 'Subject', value: input.subject }, { name: 'Message-ID', value: input.messageId });
  if (input.inReplyTo) headers.push({ name: 'In-Reply-To', value: input.inReplyTo });
  if (input.references?.length) headers.push({ name: 'References', value: input.references.join(' ') });
  if (input.extraHeaders) headers.push(...input.extraHeaders);
  const attachments = [...(input.attachments ?? [])];
  return {
    id: input.id, threadId: input.threadId, labelIds: [...input.labelIds], internalDate: String(input.internalDate),
    historyId: '0', sizeEstimate: estimateSize(headers, input.text, input.html, attachments), snippet: makeSnippet(input.text),
    from: input.from.address.toLowerCase(), fromName: input.from.name,
    recipients: { to: input.to.map((m) => m.address.toLowerCase()), cc: cc.map((m) => m.address.toLowerCase()), bcc: bcc.map((m) => m.address.toLowerCase()) },
    subject: input.subject, messageId: input.messageId,
    ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
    references: [...(input.references ?? [])], headers, text: input.text,
    ...(input.html !== undefined ? { html: input.html } : {}), attachments,
  };
}

/** Message-ID values in a References / In-Reply-To header. */
export function messageIdList(value: string | undefined): string[] {
  return value ? value.match(/<[^<>\s]+>/g) ?? [] : [];
}

/** A raw message read into record fields (no id, thread or labels yet). */
export type ParsedRecordFields = Omit<MessageRecord, 'id' | 'threadId' | 'labelIds' | 'historyId' | 'internalDate'> & { dateHeaderMs: number | undefined };

/** Reads raw RFC 2822 bytes into record fields. Header rewriting (From, Date, Message-ID) is the caller's business. */
export function fieldsFromRaw(ws: Workspace, raw: Buffer, rewrite?: (headers: Header[]) => Header[]): ParsedRecordFields {
  const mail = parseMail(raw);
  let headers: Header[] = mail.headers
    .filter((h) => !/^content-(type|transfer-encoding)$/i.test(h.name))
    .map((h) => ({ name: h.name, value: h.value }));
  if (rewrite) headers = rewrite(headers);
  const get = (n: string) => headers.find((h) => h.name.toLowerCase() === n)?.value;
  const from = parseAddressList(get('from'))[0];
  const attachments: Attachment[] = mail.attachments.map((a) => ({
    attachmentId: `ANGjdJ${hexId('gmail.attachment', ws.nextCounter('gmail.attachment'), 40)}`,
    filename: a.filename, mimeType: a.mimeType, size: a.data.length, data: a.data.toString('base64url'),
  }));
  const dateMs = get('date') ? Date.parse(get('date')!) : NaN;
  const text = mail.text;
  return {
    sizeEstimate: Math.max(raw.length, estimateSize(headers, text, mail.html, attachments)),
    snippet: makeSnippet(text), from: from?.address ?? '', fromName: from?.name ?? '',
    recipients: {
      to: parseAddressList(get('to')).map((m) => m.address),
      cc: parseAddressList(get('cc')).map((m) => m.address),
      bcc: parseAddressList(get('bcc')).map((m) => m.address),
    },
    subject: get('subject') ?? '', messageId: get('message-id') ?? '',
    ...(get('in-reply-to') ? { inReplyTo: messageIdList(get('in-reply-to'))[0] ?? get('in-reply-to')! } : {}),
    references: messageIdList(get('references')), headers, text,
    ...(mail.html !== undefined ? { html: mail.html } : {}), attachments,
    dateHeaderMs: Number.isFinite(dateMs) ? dateMs : undefined,
  };
}

/** Replaces (or appends) a header, keeping the others in order. */
export function setHeader(headers: Header[], name: string, value: string): Header[] {
  const lower = name.toLowerCase();
  const i = headers.findIndex((h) => h.name.toLowerCase() === lower);
  if (i < 0) return [...headers, { name, value }];
  return headers.map((h, j) => (j === i ? { name: h.name, value } : h));
}

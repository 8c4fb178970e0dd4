/** Turning raw RFC 2822 input into stored messages: send, draft, insert and import share this pipeline. */
import { hexId, type Media, type OperationContext, type Workspace } from '../../core/index.ts';
import { invalidArgument, notFound } from '../wire-errors.ts';
import { formatMailbox, isValidAddressList, parseAddressList } from './address.ts';
import { fieldsFromRaw, rfc2822Date, setHeader, type ParsedRecordFields } from './compose.ts';
import { C, type MessageRecord, type SendAsRecord } from './model.ts';
import { addMessage, labelExists, messages, newMessageId, threadMessages } from './mailbox.ts';
import { messagesWithHeaderId } from './query/message-index.ts';
import { fromB64 } from './render.ts';
import { deliverIncoming } from './incoming.ts';

/** How a raw message enters the mailbox. */
export type DeliveryMode = 'send' | 'draft' | 'insert' | 'import';

/** Options of `storeRaw`. */
export interface DeliveryOptions {
  readonly mode: DeliveryMode;
  readonly threadId?: string | undefined;
  readonly labelIds?: readonly string[] | undefined;
  /** `dateHeader` uses the Date header for internalDate (import default); `receivedTime` the clock. */
  readonly internalDateSource?: 'receivedTime' | 'dateHeader' | undefined;
  /** Keep this message id (drafts.update keeps the draft's message in place). */
  readonly id?: string;
}

/** The raw bytes of a request: the upload media, or the base64url `raw` field. 400 when neither is there. */
export function rawInput(body: { raw?: string | undefined } | undefined, media: Media | undefined): Buffer {
  if (media) return media.data;
  const raw = body?.raw;
  if (raw === undefined || raw === '') {
    throw invalidArgument("'raw' RFC822 payload message string or uploading message via /upload/* URL required");
  }
  if (!/^[A-Za-z0-9+/_=\r\n-]*$/.test(raw)) throw invalidArgument("Invalid value for ByteString: 'raw' is not base64url");
  return fromB64(raw);
}

/** Strips Re:/Fwd: prefixes so a reply's subject can be compared with its thread's. */
export function normaliseSubject(s: string): string {
  let out = s.trim().toLowerCase();
  for (;;) {
    const next = out.replace(/^(re|fwd?|aw|sv)\s*:\s*/i, '');
    if (next === out) return out;
    out = next;
  }
}

/**
 * The thread a new message joins. With a threadId, Gmail joins only when the subject
 * matches the thread's (otherwise a new thread starts); without one, In-Reply-To and
 * References naming a message in the mailbox (with a matching subject) thread it.
 */
function resolveThread(ws: Workspace, f: ParsedRecordFields, requested: string | undefined, mode: DeliveryMode): string | undefined {
  const subj = normaliseSubject(f.subject);
  if (requested) {
    const thread = threadMessages(ws, requested);
    if (thread.length === 0) throw notFound(`Requested entity was not found. (threadId ${requested})`);
    if (mode === 'insert' || mode === 'import') return requested;
    return thread.some((m) => normaliseSubject(m.subject) === subj) ? requested : undefined;
  }
  const refs = new Set([...(f.inReplyTo ? [f.inReplyTo] : []), ...f.references]);
  if (refs.size === 0) return undefined;
  // In collection order, as a scan would meet them: the first referenced message with the same subject names the thread.
  const col = messages(ws);
  const hits = [...refs].flatMap((r) => messagesWithHeaderId(col, r)).filter((m) => normaliseSubject(m.subject) === subj);
  ws.spend(1 + hits.length);
  const threads = new Set(hits.map((m) => m.threadId));
  if (threads.size <= 1) return hits[0]?.threadId;
  // Candidates in different threads (rare): the first in collection order wins, as a scan would find it.
  const order = new Map<string, number>();
  let i = 0;
  for (const id of col.keys()) order.set(id, i++);
  return hits.sort((a, b) => order.get(a.id)! - order.get(b.id)!)[0]!.threadId;
}

/** The verified send-as addresses of the mailbox (the primary address always counts). */
function sendAsAddresses(ws: Workspace, email: string): Map<string, SendAsRecord> {
  const out = new Map<string, SendAsRecord>([[email, { sendAsEmail: email, isPrimary: true }]]);
  for (const s of ws.collection<SendAsRecord>(C.sendAs).values()) {
    if (s.isPrimary || s.verificationStatus === 'accepted') out.set(s.sendAsEmail.toLowerCase(), s);
  }
  return out;
}

/** Parses, rewrites headers as Gmail does for the mode, threads and stores a raw message. */
export function storeRaw(ctx: OperationContext, email: string, raw: Buffer, opts: DeliveryOptions): MessageRecord {
  const ws = ctx.ws;
  const outgoing = opts.mode === 'send' || opts.mode === 'draft';
  const now = ws.nowMs();
  const idForHeaders = hexId('gmail.msgid', ws.nextCounter('gmail.msgid'), 24);
  const fields = fieldsFromRaw(ws, raw, (headers) => {
    if (!outgoing) return headers;
    let h = headers;
    // Gmail sends from the account (or a verified send-as alias) whatever the From header
    // claims: a From naming any other address is silently replaced by the primary address,
    // display name included (googleapis/google-api-php-client#2393: "Setting the From does
    // nothing as it reverts to" the account; the name is the account's too). On its own
    // address or a verified alias the sender may pick the display name; an alias without one
    // takes the primary's ("when this is empty, Gmail will populate the 'From:' header with
    // the name that is used for the primary address", SendAs.displayName).
    const aliases = sendAsAddresses(ws, email);
    const claimed = parseAddressList(h.find((x) => x.name.toLowerCase() === 'from')?.value)[0];
    const alias = claimed ? aliases.get(claimed.address.toLowerCase()) : undefined;
    const primary = [...ws.collection<SendAsRecord>(C.sendAs).values()].find((s) => s.isPrimary);
    const fromAddr = alias ? claimed!.address.toLowerCase() : email;
    const fromName = alias ? claimed!.name || alias.displayName || primary?.displayName || '' : primary?.displayName || '';
    // One From only: a second (forged) From header would survive a single replacement.
    const firstFrom = h.findIndex((y) => y.name.toLowerCase() === 'from');
    h = h.filter((x, i) => i === firstFrom || x.name.toLowerCase() !== 'from');
    h = setHeader(h, 'From', formatMailbox(fromName, fromAddr));
    if (!h.some((x) => x.name.toLowerCase() === 'date')) h = setHeader(h, 'Date', rfc2822Date(now));
    if (!h.some((x) => x.name.toLowerCase() === 'message-id')) h = setHeader(h, 'Message-ID', `<CA+${idForHeaders}@mail.gmail.com>`);
    return h;
  });
  const { dateHeaderMs, ...rest } = fields;
  if (opts.mode === 'send') {
    for (const h of rest.headers) {
      if (/^(to|cc|bcc)$/i.test(h.name) && !isValidAddressList(h.value)) throw invalidArgument(`Invalid ${h.name} header`);
    }
  }
  if (opts.mode === 'send' && rest.recipients.to.length + rest.recipients.cc.length + rest.recipients.bcc.length === 0) {
    throw invalidArgument('Recipient address required');
  }
  const labels = [...(opts.labelIds ?? [])];
  for (const l of labels) if (!labelExists(ws, l)) throw invalidArgument(`Invalid label: ${l}`);
  if (opts.mode === 'send') {
    labels.push('SENT');
    const all = [...rest.recipients.to, ...rest.recipients.cc, ...rest.recipients.bcc];
    if (all.includes(email)) labels.push('INBOX', 'UNREAD');
  } else if (opts.mode === 'draft') {
    labels.push('DRAFT');
  } else if (opts.mode === 'import' && labels.length === 0) {
    labels.push('INBOX', 'UNREAD');
  }
  const useHeader = opts.internalDateSource === 'dateHeader' || (opts.internalDateSource === undefined && opts.mode === 'import');
  const internalDate = useHeader && dateHeaderMs !== undefined ? dateHeaderMs : now;
  const id = opts.id ?? newMessageId(ws, now);
  const threadId = resolveThread(ws, fields, opts.threadId, opts.mode) ?? id;
  const rec: MessageRecord = {
    ...rest, id, threadId, labelIds: [...new Set(labels)], internalDate: String(internalDate), historyId: '0',
    // The original bytes are only faithful when Gmail did not rewrite any header.
    ...(outgoing ? {} : { raw: raw.toString('base64url') }),
  };
  const stored = addMessage(ws, email, rec);
  // Mail that arrives as SMTP mail does (import, or a send to oneself) meets the owner's
  // filters, forwarding and vacation responder; insert bypasses them, as in Gmail.
  const delivered = opts.mode === 'import' || (opts.mode === 'send' && stored.labelIds.includes('INBOX'));
  return delivered ? deliverIncoming(ctx, email, stored) : stored;
}

/**
 * Gmail helpers, the way agent CLIs offer them (gws `+send`, `+triage`): gmail_search lists
 * matches with sender, subject, date and attachment names; gmail_read returns decoded text;
 * gmail_send builds the RFC 2822 message from plain fields (reply, reply-all, forward,
 * attachments from Drive or other messages, or a draft). Each helper calls the real Gmail
 * (and Drive) operations through the workspace, so every call is in the action log and
 * grading sees ordinary sends and drafts.
 */
import { z } from 'zod';
import { isRawResponse, type ApiError, type ServiceId, type ToolSpec } from '../../../core/index.ts';
import { parseAddressList, type Mailbox } from '../../../services/gmail/address.ts';
import { toToolSchema } from '../schema.ts';
import { closestName, unknownFields } from '../strict.ts';
import { buildRfc2822, decodeMessage, type DecodedMail, type OutgoingAttachment } from './mime.ts';

/** One underlying call a helper makes: the value, or the wire error body. */
export type HelperInvoke = (opId: string, args: Record<string, unknown>) => { ok: true; value: unknown } | { ok: false; body: Record<string, unknown>; error: ApiError };

/** What a helper returns: a value to render, or a wire error body. */
export type HelperResult = { ok: true; value: unknown } | { ok: false; body: Record<string, unknown> };

const recipients = z.union([z.string(), z.array(z.string())]);

const SearchArgs = z.object({
  q: z.string().optional().describe('Gmail search query, e.g. "from:ana@corvidlabs.com is:unread newer_than:7d" (same syntax as the Gmail search box).'),
  maxResults: z.int().min(1).max(50).optional().describe('Messages per page (1–50, default 20).'),
  pageToken: z.string().optional().describe('nextPageToken of a previous gmail_search, for the next page.'),
  labelIds: z.array(z.string()).optional().describe('Only messages with all of these label ids (e.g. ["INBOX"]).'),
  includeSpamTrash: z.boolean().optional().describe('Include spam and trash (default false).'),
});

const ReadArgs = z.object({
  messageId: z.string().optional().describe('Gmail id of one message.'),
  threadId: z.string().optional().describe('Gmail id of a thread: every message, oldest first.'),
  draftId: z.string().optional().describe('Id of a draft.'),
});

const AttachmentRef = z.object({
  driveFileId: z.string().optional().describe('A Drive file to attach (Google Docs, Sheets and Slides are attached as PDF).'),
  messageId: z.string().optional().describe('With attachmentId: the message holding an attachment to pass on.'),
  attachmentId: z.string().optional().describe('With messageId: the attachment id (gmail_read lists them).'),
});

const SendArgs = z.object({
  to: recipients.optional().describe('Recipients: addresses, "Name <address>", or a list. For a reply, defaults to the sender of the original (Reply-To if set).'),
  cc: recipients.optional().describe('Cc recipients.'),
  bcc: recipients.optional().describe('Bcc recipients (hidden from the others).'),
  subject: z.string().optional().describe('Subject. For a reply or forward, defaults to "Re: " / "Fwd: " and the original subject.'),
  text: z.string().describe('The plain-text body, exactly as it should arrive.'),
  inReplyTo: z.string().optional().describe('Gmail id of the message you reply to: the reply joins its thread with the right In-Reply-To and References headers.'),
  replyAll: z.boolean().optional().describe('With inReplyTo: also copy the original To and Cc recipients (except you).'),
  forward: z.string().optional().describe('Gmail id of a message to forward: its text is quoted below yours and its attachments are kept. Needs `to`.'),
  attachments: z.array(AttachmentRef).optional().describe('Files to attach: {driveFileId} or {messageId, attachmentId}.'),
  draft: z.boolean().optional().describe('true: save as a draft instead of sending (nothing is sent).'),
});

/** Names of the helper tools. */
export const MAIL_HELPER_TOOLS: ReadonlySet<string> = new Set(['gmail_search', 'gmail_read', 'gmail_send']);

const SCHEMAS = { gmail_search: SearchArgs, gmail_read: ReadArgs, gmail_send: SendArgs } as const;

/** The helper tool specs. */
export function mailHelperSpecs(): ToolSpec[] {
  return [
    {
      name: 'gmail_search',
      description: 'Search the mailbox and list matching messages with sender, recipients, subject, date, snippet, labels and attachment names in one call (gmail.users.messages.list + get). Page with nextPageToken.',
      parameters: toToolSchema(SearchArgs),
    },
    {
      name: 'gmail_read',
      description: 'Read a message, a whole thread or a draft as decoded plain text with its headers (From, To, Cc, Subject, Date, Message-ID) and attachments (name, type, size, attachmentId). Give exactly one of messageId, threadId, draftId.',
      parameters: toToolSchema(ReadArgs),
    },
    {
      name: 'gmail_send',
      description: 'Send an email (or save a draft) from plain fields: the harness writes the RFC 2822 message, so no base64. Reply with inReplyTo (threads it; replyAll copies the others), forward with forward, attach Drive files or attachments of other messages. Returns the sent message id, thread and labels, and the headers used.',
      parameters: toToolSchema(SendArgs),
    },
  ];
}

/** What the helpers need from the trial. */
export interface HelperEnv {
  readonly invoke: HelperInvoke;
  readonly services: readonly ServiceId[];
  /** The user's address (excluded from reply-all). */
  readonly owner: string;
}

/** A helper's 400, in the Google error envelope the wire tools answer with. */
export const helperError = (message: string): HelperResult => ({ ok: false, body: { error: { code: 400, message, errors: [{ message, domain: 'global', reason: 'invalidArgument' }], status: 'INVALID_ARGUMENT' } } });

/**
 * Checks a helper's arguments strictly, as every tool's are: an unknown name is refused naming
 * the closest valid one, a bad value naming where it is. The parsed arguments, or the 400.
 */
export function parseHelperArgs(schemas: Readonly<Record<string, z.ZodType>>, name: string, args: Record<string, unknown>): { ok: true; data: unknown } | HelperResult {
  const schema = schemas[name];
  if (!schema) return helperError(`unknown helper ${name}`);
  const unknown = unknownFields(args, toToolSchema(schema));
  if (unknown.length) {
    const u = unknown[0]!;
    const near = closestName(u.name, u.valid);
    return helperError(`Invalid JSON payload received. Unknown name "${u.name}"${u.at ? ` at '${u.at}'` : ''}: Cannot find field.${near ? ` Did you mean "${near}"?` : ''} Valid names: ${u.valid.join(', ')}.`);
  }
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return helperError(`Invalid value at '${i.path.join('.') || name}': ${i.message}`);
  }
  return { ok: true, data: parsed.data };
}

/** Runs a helper tool. Arguments are checked strictly (unknown names refused, naming the closest valid one). */
export function runMailHelper(name: string, args: Record<string, unknown>, env: HelperEnv): HelperResult {
  const parsed = parseHelperArgs(SCHEMAS, name, args);
  if (!('data' in parsed)) return parsed;
  if (name === 'gmail_search') return search(parsed.data as z.infer<typeof SearchArgs>, env);
  if (name === 'gmail_read') return read(parsed.data as z.infer<typeof ReadArgs>, env);
  return send(parsed.data as z.infer<typeof SendArgs>, env);
}

type Json = Record<string, any>;

function summaryOf(m: Json): Json {
  const d = decodeMessage(m);
  return {
    id: m.id, threadId: m.threadId, date: d?.date, from: d?.from, to: d?.to, ...(d?.cc ? { cc: d.cc } : {}), subject: d?.subject ?? '',
    snippet: m.snippet, labelIds: m.labelIds,
    ...(d?.attachments.length ? { attachments: d.attachments.map((a) => `${a.filename} (${a.size} bytes)`) } : {}),
  };
}

function search(a: z.infer<typeof SearchArgs>, env: HelperEnv): HelperResult {
  const list = env.invoke('gmail.users.messages.list', {
    userId: 'me', maxResults: a.maxResults ?? 20, ...(a.q !== undefined ? { q: a.q } : {}), ...(a.pageToken ? { pageToken: a.pageToken } : {}),
    ...(a.labelIds ? { labelIds: a.labelIds } : {}), ...(a.includeSpamTrash !== undefined ? { includeSpamTrash: a.includeSpamTrash } : {}),
  });
  if (!list.ok) return { ok: false, body: list.body };
  const page = list.value as { messages?: Json[]; nextPageToken?: string; resultSizeEstimate?: number };
  const messages: Json[] = [];
  for (const stub of page.messages ?? []) {
    const got = env.invoke('gmail.users.messages.get', { userId: 'me', id: String(stub.id), format: 'full' });
    messages.push(got.ok ? summaryOf(got.value as Json) : { id: stub.id, threadId: stub.threadId, error: (got.body.error as Json | undefined)?.message ?? 'unreadable' });
  }
  return { ok: true, value: { messages, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}), resultSizeEstimate: page.resultSizeEstimate ?? messages.length } };
}

/** A decoded message for the model: ids and labels, then headers, text and attachments. */
export function readable(m: Json): Json {
  const d = decodeMessage(m);
  return { id: m.id, threadId: m.threadId, labelIds: m.labelIds, ...(d ?? { text: '', attachments: [] }) };
}

function read(a: z.infer<typeof ReadArgs>, env: HelperEnv): HelperResult {
  const given = [a.messageId, a.threadId, a.draftId].filter((x) => x !== undefined).length;
  if (given !== 1) return helperError('Give exactly one of messageId, threadId, draftId.');
  if (a.messageId !== undefined) {
    const r = env.invoke('gmail.users.messages.get', { userId: 'me', id: a.messageId, format: 'full' });
    return r.ok ? { ok: true, value: readable(r.value as Json) } : { ok: false, body: r.body };
  }
  if (a.threadId !== undefined) {
    const r = env.invoke('gmail.users.threads.get', { userId: 'me', id: a.threadId, format: 'full' });
    if (!r.ok) return { ok: false, body: r.body };
    const t = r.value as Json;
    return { ok: true, value: { threadId: t.id, messages: ((t.messages as Json[]) ?? []).map(readable) } };
  }
  const r = env.invoke('gmail.users.drafts.get', { userId: 'me', id: a.draftId!, format: 'full' });
  if (!r.ok) return { ok: false, body: r.body };
  const d = r.value as Json;
  return { ok: true, value: { draftId: d.id, message: readable(d.message as Json) } };
}

function mailboxes(v: string | string[] | undefined, header: string): Mailbox[] | string {
  if (v === undefined) return [];
  const items = Array.isArray(v) ? v : [v];
  const out: Mailbox[] = [];
  for (const item of items) {
    if (!item.trim()) continue;
    const parsed = parseAddressList(item);
    if (parsed.length === 0) return `Invalid ${header} header: "${item}" is not an email address`;
    out.push(...parsed);
  }
  return out;
}

function header(d: DecodedMail | undefined, name: keyof DecodedMail): string {
  const v = d?.[name];
  return typeof v === 'string' ? v : '';
}

const PDF = 'application/pdf';

function attachment(ref: z.infer<typeof AttachmentRef>, env: HelperEnv): OutgoingAttachment | HelperResult {
  if (ref.driveFileId !== undefined) {
    if (!env.services.includes('drive')) return helperError('Drive attachments need Google Drive, which this task does not offer.');
    const meta = env.invoke('drive.files.get', { fileId: ref.driveFileId });
    if (!meta.ok) return { ok: false, body: meta.body };
    const f = meta.value as { name?: string; mimeType?: string };
    const native = String(f.mimeType ?? '').startsWith('application/vnd.google-apps.');
    const content = native
      ? env.invoke('drive.files.export', { fileId: ref.driveFileId, mimeType: PDF })
      : env.invoke('drive.files.get', { fileId: ref.driveFileId, alt: 'media' });
    if (!content.ok) return { ok: false, body: content.body };
    if (!isRawResponse(content.value)) return helperError(`Drive file ${ref.driveFileId} has no downloadable content.`);
    const name = String(f.name ?? ref.driveFileId);
    return { filename: native && !/\.pdf$/i.test(name) ? `${name}.pdf` : name, mimeType: native ? PDF : content.value.contentType, data: content.value.data };
  }
  if (ref.messageId !== undefined && ref.attachmentId !== undefined) {
    const msg = env.invoke('gmail.users.messages.get', { userId: 'me', id: ref.messageId, format: 'full' });
    if (!msg.ok) return { ok: false, body: msg.body };
    const info = decodeMessage(msg.value)?.attachments.find((x) => x.attachmentId === ref.attachmentId);
    const got = env.invoke('gmail.users.messages.attachments.get', { userId: 'me', messageId: ref.messageId, id: ref.attachmentId });
    if (!got.ok) return { ok: false, body: got.body };
    const data = Buffer.from(String((got.value as Json).data ?? ''), 'base64url');
    return { filename: info?.filename || 'attachment', mimeType: info?.mimeType || 'application/octet-stream', data };
  }
  return helperError('Each attachment needs driveFileId, or messageId with attachmentId.');
}

function isFailure(x: OutgoingAttachment | HelperResult): x is HelperResult {
  return (x as HelperResult).ok !== undefined;
}

function send(a: z.infer<typeof SendArgs>, env: HelperEnv): HelperResult {
  if (a.inReplyTo !== undefined && a.forward !== undefined) return helperError('Give inReplyTo or forward, not both.');
  const to = mailboxes(a.to, 'To');
  const cc = mailboxes(a.cc, 'Cc');
  const bcc = mailboxes(a.bcc, 'Bcc');
  for (const x of [to, cc, bcc]) if (typeof x === 'string') return helperError(x);
  let toList = to as Mailbox[];
  let ccList = cc as Mailbox[];
  const bccList = bcc as Mailbox[];
  let subject = a.subject;
  let text = a.text;
  let threadId: string | undefined;
  let inReplyTo: string | undefined;
  let references: string[] | undefined;
  const attachments: OutgoingAttachment[] = [];
  const original = a.inReplyTo ?? a.forward;
  if (original !== undefined) {
    const got = env.invoke('gmail.users.messages.get', { userId: 'me', id: original, format: 'full' });
    if (!got.ok) return { ok: false, body: got.body };
    const o = got.value as Json;
    const d = decodeMessage(o);
    const origSubject = header(d, 'subject');
    if (a.inReplyTo !== undefined) {
      threadId = String(o.threadId);
      const mid = header(d, 'messageIdHeader');
      if (mid) {
        inReplyTo = mid;
        const prior = (o.payload?.headers as Array<{ name: string; value: string }> | undefined)?.find((h) => h.name.toLowerCase() === 'references')?.value ?? '';
        references = [...(prior.match(/<[^<>\s]+>/g) ?? []), mid];
      }
      subject ??= /^re:/i.test(origSubject) ? origSubject : `Re: ${origSubject}`;
      if (toList.length === 0) toList = parseAddressList(header(d, 'replyTo') || header(d, 'from'));
      if (a.replyAll) {
        const me = env.owner.toLowerCase();
        const seen = new Set([...toList, ...ccList].map((m) => m.address));
        for (const m of [...parseAddressList(header(d, 'to')), ...parseAddressList(header(d, 'cc'))]) {
          if (m.address === me || seen.has(m.address)) continue;
          seen.add(m.address);
          ccList = [...ccList, m];
        }
      }
    } else {
      subject ??= /^fwd?:/i.test(origSubject) ? origSubject : `Fwd: ${origSubject}`;
      const quoted = [
        '---------- Forwarded message ---------', `From: ${header(d, 'from')}`, `Date: ${header(d, 'date')}`, `Subject: ${origSubject}`, `To: ${header(d, 'to')}`,
        ...(header(d, 'cc') ? [`Cc: ${header(d, 'cc')}`] : []), '', d?.text ?? '',
      ].join('\n');
      text = `${a.text}\n\n${quoted}`;
      for (const att of d?.attachments ?? []) {
        if (!att.attachmentId) continue;
        const got2 = env.invoke('gmail.users.messages.attachments.get', { userId: 'me', messageId: original, id: att.attachmentId });
        if (!got2.ok) return { ok: false, body: got2.body };
        attachments.push({ filename: att.filename, mimeType: att.mimeType, data: Buffer.from(String((got2.value as Json).data ?? ''), 'base64url') });
      }
    }
  }
  for (const ref of a.attachments ?? []) {
    const att = attachment(ref, env);
    if (isFailure(att)) return att;
    attachments.push(att);
  }
  if (!a.draft && toList.length + ccList.length + bccList.length === 0) return helperError('Recipient address required: give `to` (or `cc`/`bcc`).');
  const raw = buildRfc2822({
    to: toList, cc: ccList, bcc: bccList, subject: subject ?? '', text, attachments,
    ...(inReplyTo ? { inReplyTo } : {}), ...(references ? { references } : {}),
  }).toString('base64url');
  const message = { raw, ...(threadId ? { threadId } : {}) };
  const r = a.draft
    ? env.invoke('gmail.users.drafts.create', { userId: 'me', requestBody: { message } })
    : env.invoke('gmail.users.messages.send', { userId: 'me', requestBody: message });
  if (!r.ok) return { ok: false, body: r.body };
  const v = r.value as Json;
  const sent = a.draft ? (v.message as Json | undefined) ?? {} : v;
  const list = (ms: Mailbox[]) => ms.map((m) => (m.name ? `${m.name} <${m.address}>` : m.address));
  return {
    ok: true,
    value: {
      ...(a.draft ? { draftId: v.id, status: 'draft saved (not sent)' } : { status: 'sent' }),
      id: sent.id, threadId: sent.threadId, labelIds: sent.labelIds,
      to: list(toList), ...(ccList.length ? { cc: list(ccList) } : {}), ...(bccList.length ? { bcc: list(bccList) } : {}),
      subject: subject ?? '', ...(inReplyTo ? { inReplyTo } : {}), textChars: text.length,
      ...(attachments.length ? { attachments: attachments.map((x) => `${x.filename} (${x.data.length} bytes)`) } : {}),
    },
  };
}

/** Adds `decoded` (text, headers, attachment names) beside the wire fields of Gmail get results (format full or raw). */
export function enrichGmailResult(opId: string, args: Record<string, unknown>, value: unknown): unknown {
  const format = args.format === undefined ? 'full' : String(args.format);
  if ((format !== 'full' && format !== 'raw') || !value || typeof value !== 'object') return value;
  const v = value as Json;
  const dec = (m: Json) => {
    const d = decodeMessage(m);
    return d ? { ...m, decoded: d } : m;
  };
  if (opId === 'gmail.users.messages.get') return dec(v);
  if (opId === 'gmail.users.threads.get' && Array.isArray(v.messages)) return { ...v, messages: (v.messages as Json[]).map(dec) };
  if (opId === 'gmail.users.drafts.get' && v.message && typeof v.message === 'object') return { ...v, message: dec(v.message as Json) };
  return value;
}

/**
 * RFC 2822 for the mail helpers: writing an outgoing message from plain fields (so the model
 * never hand-encodes base64url), and reading a Gmail Message resource (payload tree or `raw`)
 * into decoded text, headers and attachment names. The writer is small and deterministic
 * (boundaries from a content hash): mimetext draws random boundaries and stamps its own
 * Date/Message-ID, which Gmail (and the mock) set on send anyway.
 */
import { createHash } from 'node:crypto';
import { formatMailbox, type Mailbox } from '../../../services/gmail/address.ts';
import { htmlToText, parseMail } from '../../../services/gmail/mime-parse.ts';

/** An attachment to send. */
export interface OutgoingAttachment {
  readonly filename: string;
  readonly mimeType: string;
  readonly data: Buffer;
}

/** An outgoing message in plain fields. */
export interface OutgoingMail {
  readonly to: readonly Mailbox[];
  readonly cc: readonly Mailbox[];
  readonly bcc: readonly Mailbox[];
  readonly subject: string;
  readonly text: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  readonly attachments: readonly OutgoingAttachment[];
}

/** An RFC 2047 encoded word when the value is not printable ASCII. */
function encodeWord(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

function mailboxHeader(list: readonly Mailbox[]): string {
  return list.map((m) => (m.name && !/^[\x20-\x7e]*$/.test(m.name) ? `${encodeWord(m.name)} <${m.address}>` : formatMailbox(m.name, m.address))).join(', ');
}

function wrap76(b64: string): string {
  return b64.replace(/(.{76})/g, '$1\r\n');
}

function filenameParam(name: string): string {
  return /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : `"${encodeWord(name)}"`;
}

/**
 * The RFC 2822 bytes of an outgoing message. The text travels base64-encoded as UTF-8, so it
 * arrives byte for byte (line ends normalised to \n); From, Date and Message-ID are left to
 * Gmail, which sets them on send.
 */
export function buildRfc2822(m: OutgoingMail): Buffer {
  const text = m.text.replace(/\r\n/g, '\n');
  const head: string[] = [];
  if (m.to.length) head.push(`To: ${mailboxHeader(m.to)}`);
  if (m.cc.length) head.push(`Cc: ${mailboxHeader(m.cc)}`);
  if (m.bcc.length) head.push(`Bcc: ${mailboxHeader(m.bcc)}`);
  head.push(`Subject: ${encodeWord(m.subject)}`);
  if (m.inReplyTo) head.push(`In-Reply-To: ${m.inReplyTo}`);
  if (m.references?.length) head.push(`References: ${m.references.join(' ')}`);
  head.push('MIME-Version: 1.0');
  const textPart = ['Content-Type: text/plain; charset="UTF-8"', 'Content-Transfer-Encoding: base64', '', wrap76(Buffer.from(text, 'utf8').toString('base64'))];
  if (m.attachments.length === 0) return Buffer.from([...head, ...textPart].join('\r\n') + '\r\n', 'utf8');
  const hash = createHash('sha256').update(text);
  for (const a of m.attachments) hash.update(a.filename).update(a.data);
  const boundary = `deskbench_${hash.digest('hex').slice(0, 24)}`;
  const lines = [...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', `--${boundary}`, ...textPart];
  for (const a of m.attachments) {
    lines.push(
      `--${boundary}`, `Content-Type: ${a.mimeType}; name=${filenameParam(a.filename)}`, `Content-Disposition: attachment; filename=${filenameParam(a.filename)}`,
      'Content-Transfer-Encoding: base64', '', wrap76(a.data.toString('base64')),
    );
  }
  lines.push(`--${boundary}--`, '');
  return Buffer.from(lines.join('\r\n'), 'utf8');
}

/** A Gmail message read for a model: headers, plain text and attachment names. */
export interface DecodedMail {
  from?: string;
  to?: string;
  cc?: string;
  bcc?: string;
  replyTo?: string;
  subject?: string;
  date?: string;
  /** The RFC 2822 Message-ID header (for In-Reply-To), not the Gmail id. */
  messageIdHeader?: string;
  text: string;
  attachments: Array<{ filename: string; mimeType: string; size: number; attachmentId?: string }>;
}

type Part = { mimeType?: string; filename?: string; headers?: Array<{ name: string; value: string }>; body?: { size?: number; data?: string; attachmentId?: string }; parts?: Part[] };

const HEADER_KEYS: ReadonlyArray<readonly [string, keyof DecodedMail]> = [
  ['from', 'from'], ['to', 'to'], ['cc', 'cc'], ['bcc', 'bcc'], ['reply-to', 'replyTo'], ['subject', 'subject'], ['date', 'date'], ['message-id', 'messageIdHeader'],
];

function withHeaders(out: DecodedMail, headers: ReadonlyArray<{ name: string; value: string }>): DecodedMail {
  for (const [h, k] of HEADER_KEYS) {
    const v = headers.find((x) => x.name.toLowerCase() === h)?.value;
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** Decodes a Gmail Message resource (format full or raw); undefined when it has neither `raw` nor a `payload` (minimal). */
export function decodeMessage(m: unknown): DecodedMail | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const msg = m as { raw?: unknown; payload?: Part };
  if (typeof msg.raw === 'string') {
    const mail = parseMail(Buffer.from(msg.raw, 'base64url'));
    return withHeaders({ text: mail.text, attachments: mail.attachments.map((a) => ({ filename: a.filename, mimeType: a.mimeType, size: a.data.length })) }, mail.headers);
  }
  if (!msg.payload || typeof msg.payload !== 'object') return undefined;
  const plain: string[] = [];
  const html: string[] = [];
  const attachments: DecodedMail['attachments'] = [];
  const walk = (p: Part, depth: number) => {
    if (depth > 20) return;
    if (Array.isArray(p.parts) && p.parts.length) {
      for (const c of p.parts) walk(c, depth + 1);
      return;
    }
    const type = String(p.mimeType ?? '').toLowerCase();
    if (p.filename) {
      attachments.push({ filename: p.filename, mimeType: type, size: Number(p.body?.size ?? 0), ...(p.body?.attachmentId ? { attachmentId: p.body.attachmentId } : {}) });
      return;
    }
    if (typeof p.body?.data !== 'string') return;
    const text = Buffer.from(p.body.data, 'base64url').toString('utf8').replace(/\r\n/g, '\n');
    if (type === 'text/plain') plain.push(text);
    else if (type === 'text/html') html.push(text);
  };
  walk(msg.payload, 0);
  const text = plain.length ? plain.join('\n') : html.length ? htmlToText(html.join('\n')) : '';
  return withHeaders({ text, attachments }, msg.payload.headers ?? []);
}

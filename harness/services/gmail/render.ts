/**
 * Gmail's wire views: stored messages as Message resources (payload trees for format=full,
 * RFC 2822 `raw`, the metadata and minimal formats) and labels as Label resources.
 * `raw` is serialised from the same tree as the payload rather than with mimetext, so the
 * two formats always agree and boundaries are derived from the message id (deterministic;
 * mimetext draws random boundaries and stamps its own Date/Message-ID headers). Encoded
 * words for non-ASCII header values are libmime's.
 */
import libmime from 'libmime';
import { standInBytes } from '../google/stand-in-bytes.ts';
import type { Workspace } from '../../core/index.ts';
import type { Attachment, Header, LabelRecord, MessageRecord } from './model.ts';
import { messages } from './mailbox.ts';

/** base64url of bytes or UTF-8 text, without padding (as Gmail sends it). */
export function b64url(data: Buffer | string): string {
  return (typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64url');
}

/** Decodes base64url or standard base64 (Gmail accepts both on input). */
export function fromB64(s: string): Buffer {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** The bytes of an attachment: stored data, or the wire kit's deterministic stand-in of the declared size. */
export function attachmentBytes(att: Attachment): Buffer {
  if (att.data !== undefined) return Buffer.from(att.data, 'base64url');
  return standInBytes(att.attachmentId, att.size, att.mimeType);
}

/** A MessagePart of the Gmail API. */
export interface MessagePart {
  partId: string;
  mimeType: string;
  filename: string;
  headers: Header[];
  body: { size: number; data?: string; attachmentId?: string };
  parts?: MessagePart[];
}

function boundary(rec: MessageRecord, tag: string): string {
  return `000000000000${tag}${rec.id}`;
}

function textPart(partId: string, mimeType: string, text: string): MessagePart {
  const bytes = Buffer.from(text, 'utf8');
  return {
    partId, mimeType, filename: '',
    headers: [{ name: 'Content-Type', value: `${mimeType}; charset="UTF-8"` }],
    body: { size: bytes.length, data: bytes.toString('base64url') },
  };
}

function bodyTree(rec: MessageRecord, partId: string): MessagePart {
  if (rec.html === undefined) return textPart(partId, 'text/plain', rec.text);
  const prefix = partId === '' ? '' : `${partId}.`;
  return {
    partId, mimeType: 'multipart/alternative', filename: '',
    headers: [{ name: 'Content-Type', value: `multipart/alternative; boundary="${boundary(rec, 'a')}"` }],
    body: { size: 0 },
    parts: [textPart(`${prefix}0`, 'text/plain', rec.text), textPart(`${prefix}1`, 'text/html', rec.html)],
  };
}

/** The payload tree of a stored message (format=full). */
export function renderPayload(rec: MessageRecord): MessagePart {
  let root: MessagePart;
  if (rec.attachments.length === 0) {
    root = bodyTree(rec, '');
  } else {
    const parts: MessagePart[] = [bodyTree(rec, '0')];
    rec.attachments.forEach((a, i) => {
      parts.push({
        partId: String(i + 1), mimeType: a.mimeType, filename: a.filename,
        headers: [
          { name: 'Content-Type', value: `${a.mimeType}; name="${a.filename}"` },
          { name: 'Content-Disposition', value: `attachment; filename="${a.filename}"` },
          { name: 'Content-Transfer-Encoding', value: 'base64' },
        ],
        body: { size: a.size, attachmentId: a.attachmentId },
      });
    });
    root = {
      partId: '', mimeType: 'multipart/mixed', filename: '',
      headers: [{ name: 'Content-Type', value: `multipart/mixed; boundary="${boundary(rec, 'm')}"` }],
      body: { size: 0 }, parts,
    };
  }
  const structural = root.headers;
  const hasMime = rec.headers.some((h) => h.name.toLowerCase() === 'mime-version');
  root.headers = [...rec.headers, ...(hasMime ? [] : [{ name: 'MIME-Version', value: '1.0' }]), ...structural];
  return root;
}

/** Encodes a header value with RFC 2047 encoded words (libmime) when it is not plain ASCII. */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : libmime.encodeWords(value, 'B', 0);
}

function wrap76(b64: string): string {
  return b64.replace(/(.{76})/g, '$1\r\n');
}

function serialisePart(part: MessagePart, rec: MessageRecord, out: string[]): void {
  if (part.parts) {
    const b = /boundary="([^"]+)"/.exec(part.headers.find((h) => h.name === 'Content-Type')?.value ?? '')?.[1] ?? 'b';
    for (const child of part.parts) {
      out.push(`--${b}`);
      for (const h of child.headers) out.push(`${h.name}: ${h.value}`);
      out.push('');
      serialisePart(child, rec, out);
    }
    out.push(`--${b}--`);
    return;
  }
  if (part.body.attachmentId !== undefined) {
    const att = rec.attachments.find((a) => a.attachmentId === part.body.attachmentId);
    out.push(att ? wrap76(attachmentBytes(att).toString('base64')) : '');
    return;
  }
  out.push(Buffer.from(part.body.data ?? '', 'base64url').toString('utf8').replace(/\r?\n/g, '\r\n'));
}

/** The RFC 2822 text of a stored message (format=raw); the original bytes when it arrived raw. */
export function renderRaw(rec: MessageRecord): Buffer {
  if (rec.raw !== undefined) return Buffer.from(rec.raw, 'base64url');
  const root = renderPayload(rec);
  const out: string[] = [];
  for (const h of root.headers) out.push(`${h.name}: ${encodeHeader(h.value)}`);
  // Single-part UTF-8 bodies travel as 8bit; the header line was already emitted above.
  if (!root.parts) out.push('Content-Transfer-Encoding: 8bit');
  out.push('');
  serialisePart(root, rec, out);
  return Buffer.from(out.join('\r\n'), 'utf8');
}

/** Approximate wire size of a message (what Gmail calls sizeEstimate). */
export function estimateSize(headers: readonly Header[], text: string, html: string | undefined, attachments: readonly Attachment[]): number {
  let n = 200;
  for (const h of headers) n += h.name.length + h.value.length + 4;
  n += Buffer.byteLength(text, 'utf8') + (html === undefined ? 0 : Buffer.byteLength(html, 'utf8') + 150);
  for (const a of attachments) n += Math.ceil((a.size * 4) / 3) + 200;
  return n;
}

/** Gmail-style snippet: whitespace collapsed, about 200 characters, HTML-escaped. */
export function makeSnippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().slice(0, 200).trimEnd();
  if (!/[&<>"']/.test(flat)) return flat;
  return flat.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Output formats of messages.get, threads.get and drafts.get. */
export type MessageFormat = 'minimal' | 'full' | 'raw' | 'metadata';

/** The Gmail Message resource of a stored message in the requested format. */
export function messageResource(m: MessageRecord, format: MessageFormat = 'full', metadataHeaders?: readonly string[]): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: m.id, threadId: m.threadId, labelIds: [...m.labelIds], snippet: m.snippet,
    sizeEstimate: m.sizeEstimate, historyId: m.historyId, internalDate: m.internalDate,
  };
  if (format === 'minimal') return base;
  if (format === 'raw') return { ...base, raw: b64url(renderRaw(m)) };
  const payload = renderPayload(m);
  if (format === 'metadata') {
    const want = metadataHeaders?.length ? new Set(metadataHeaders.map((h) => h.toLowerCase())) : undefined;
    const headers = want ? payload.headers.filter((h) => want.has(h.name.toLowerCase())) : payload.headers;
    return { ...base, payload: { mimeType: payload.mimeType, headers } };
  }
  return { ...base, payload };
}

/** Minimal `{id, threadId}` stubs, as list methods return. */
export function stub(m: MessageRecord): { id: string; threadId: string } {
  return { id: m.id, threadId: m.threadId };
}

/**
 * The Label resource every labels method answers with: the fields the label has, in
 * Gmail's order (id, name, visibility, type, colour). One view for list, create, patch and
 * update; labels.get adds the counts (labelWithCounts), which the reference documents only
 * there.
 */
export function labelResource(l: LabelRecord): Record<string, unknown> {
  return {
    id: l.id, name: l.name,
    ...(l.messageListVisibility ? { messageListVisibility: l.messageListVisibility } : {}),
    ...(l.labelListVisibility ? { labelListVisibility: l.labelListVisibility } : {}),
    type: l.type,
    ...(l.color ? { color: { ...l.color } } : {}),
  };
}

/** Label with message and thread counts, as labels.get answers. */
export function labelWithCounts(ws: Workspace, label: LabelRecord): Record<string, unknown> {
  let total = 0;
  let unread = 0;
  const threads = new Set<string>();
  const unreadThreads = new Set<string>();
  for (const m of messages(ws).values()) {
    if (!m.labelIds.includes(label.id)) continue;
    total++;
    threads.add(m.threadId);
    if (m.labelIds.includes('UNREAD')) {
      unread++;
      unreadThreads.add(m.threadId);
    }
  }
  const { color, ...base } = labelResource(label);
  return { ...base, messagesTotal: total, messagesUnread: unread, threadsTotal: threads.size, threadsUnread: unreadThreads.size, ...(color ? { color } : {}) };
}

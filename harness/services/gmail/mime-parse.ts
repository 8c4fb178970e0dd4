/**
 * A small synchronous RFC 2822 / MIME reader. postal-mime 4 only parses asynchronously
 * and handlers must be synchronous, so this covers the subset Gmail sends need:
 * headers (folded, RFC 2047 encoded words), text/plain and text/html bodies,
 * nested multiparts, attachments, base64 and quoted-printable.
 */

/** One decoded attachment. */
export interface ParsedAttachment {
  readonly filename: string;
  readonly mimeType: string;
  readonly data: Buffer;
}

/** The parts of a message the mailbox stores. */
export interface ParsedMail {
  /** Top-level headers in order, values unfolded and decoded. */
  readonly headers: ReadonlyArray<{ name: string; value: string }>;
  readonly text: string;
  readonly html: string | undefined;
  readonly attachments: readonly ParsedAttachment[];
}

/**
 * Most MIME parts read from one message (all levels together); parts past it are ignored.
 * Real mail has a handful; a hostile one could hold millions of empty parts, each of which
 * would become a stored attachment.
 */
export const MAX_MIME_PARTS = 500;

/** Parses a raw RFC 2822 message. Never throws on malformed input: it reads what it can. */
export function parseMail(raw: Buffer | string): ParsedMail {
  const src = typeof raw === 'string' ? raw : raw.toString('latin1');
  const out = { text: [] as string[], html: [] as string[], attachments: [] as ParsedAttachment[], parts: 0 };
  const { headers, body } = splitEntity(src);
  walk(headers, body, out, 0);
  let text = out.text.join('\n');
  const html = out.html.length ? out.html.join('\n') : undefined;
  if (!text && html) text = htmlToText(html);
  return { headers: headers.map((h) => ({ name: h.name, value: decodeWords(utf8Header(h.value)) })), text, html, attachments: out.attachments };
}

/** Raw 8-bit header text (read as latin1) that is valid UTF-8 is read as UTF-8, as mail clients do. */
function utf8Header(value: string): string {
  if (!/[\x80-\xff]/.test(value)) return value;
  const s = Buffer.from(value, 'latin1').toString('utf8');
  return s.includes('\ufffd') ? value : s;
}

interface RawHeader {
  name: string;
  value: string;
}

/** Splits an entity into unfolded headers and its (still encoded) body. */
function splitEntity(src: string): { headers: RawHeader[]; body: string } {
  const m = /\r?\n\r?\n/.exec(src);
  const head = m ? src.slice(0, m.index) : src;
  const body = m ? src.slice(m.index + m[0].length) : '';
  const headers: RawHeader[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length) {
      headers[headers.length - 1]!.value += ' ' + line.trim();
    } else {
      const i = line.indexOf(':');
      if (i > 0) headers.push({ name: line.slice(0, i).trim(), value: line.slice(i + 1).trim() });
    }
  }
  return { headers, body };
}

/** The value of a header (case-insensitive), raw. */
function header(headers: readonly RawHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** Splits `type/sub; a=b; c="d"` into a lower-case type and parameters. */
export function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  if (!value) return { type: 'text/plain', params: {} };
  const parts = value.split(';');
  const params: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    let v = p.slice(i + 1).trim();
    if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    params[p.slice(0, i).trim().toLowerCase().replace(/\*$/, '')] = decodeWords(v);
  }
  return { type: (parts[0] ?? '').trim().toLowerCase() || 'text/plain', params };
}

function walk(headers: RawHeader[], body: string, out: { text: string[]; html: string[]; attachments: ParsedAttachment[]; parts: number }, depth: number): void {
  if (++out.parts > MAX_MIME_PARTS) return;
  const ct = parseContentType(header(headers, 'content-type'));
  const boundary = ct.params['boundary'];
  if (ct.type.startsWith('multipart/') && boundary && depth < 20) {
    for (const part of splitMultipart(body, boundary, MAX_MIME_PARTS)) {
      if (out.parts >= MAX_MIME_PARTS) return;
      const e = splitEntity(part);
      walk(e.headers, e.body, out, depth + 1);
    }
    return;
  }
  const disposition = parseContentType(header(headers, 'content-disposition'));
  const filename = disposition.params['filename'] ?? ct.params['name'];
  const bytes = decodeBody(body, header(headers, 'content-transfer-encoding'));
  const isAttachment = disposition.type === 'attachment' || (filename !== undefined && filename !== '');
  if (isAttachment || !(ct.type === 'text/plain' || ct.type === 'text/html')) {
    out.attachments.push({ filename: filename ?? '', mimeType: ct.type, data: bytes });
    return;
  }
  const text = decodeCharset(bytes, ct.params['charset']);
  (ct.type === 'text/html' ? out.html : out.text).push(text);
}

function splitMultipart(body: string, boundary: string, maxParts: number): string[] {
  const delim = `--${boundary}`;
  const lines = body.split(/\r?\n/);
  const parts: string[] = [];
  let cur: string[] | undefined;
  for (const line of lines) {
    if (line.startsWith(delim)) {
      if (cur) parts.push(cur.join('\r\n'));
      if (parts.length >= maxParts) return parts;
      if (line.startsWith(`${delim}--`)) return parts;
      cur = [];
    } else if (cur) {
      cur.push(line);
    }
  }
  if (cur) parts.push(cur.join('\r\n'));
  return parts;
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64');
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  return Buffer.from(body.replace(/\r\n$/, ''), 'latin1');
}

/** Decodes quoted-printable text to bytes. */
export function decodeQuotedPrintable(s: string): Buffer {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 61 && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(c & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const cs = (charset ?? 'utf-8').toLowerCase();
  try {
    return new TextDecoder(cs === 'us-ascii' ? 'utf-8' : cs).decode(bytes).replace(/\r\n/g, '\n');
  } catch {
    return bytes.toString('utf8').replace(/\r\n/g, '\n');
  }
}

/** Decodes RFC 2047 encoded words (`=?utf-8?B?...?=`, `=?utf-8?Q?...?=`). */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_m, cs: string, enc: string, text: string) => {
      const bytes = enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : decodeQuotedPrintable(text.replace(/_/g, ' '));
      return decodeCharset(bytes, cs);
    });
}

/**
 * A crude HTML-to-text rendering for snippets and search when a mail has no text part.
 * Linear in the input: scripts, styles and tags are cut by scanning forward with indexOf
 * (the regular expressions this replaced went quadratic on thousands of unclosed `<script`
 * or `<` in a hostile mail).
 */
export function htmlToText(html: string): string {
  return stripTags(stripScripts(html).replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n'))
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** Removes `<script …>…</script>` and `<style …>…</style>` blocks; an unclosed one is left to stripTags. */
function stripScripts(html: string): string {
  const lower = html.toLowerCase();
  const parts: string[] = [];
  let pos = 0;
  let from = 0;
  // A kind of block with no end after some opening never has one after a later opening either.
  const dead = { script: false, style: false };
  for (;;) {
    const s = dead.script ? -1 : lower.indexOf('<script', from);
    const t = dead.style ? -1 : lower.indexOf('<style', from);
    const open = s < 0 ? t : t < 0 ? s : Math.min(s, t);
    if (open < 0) break;
    const tag = open === s ? 'script' : 'style';
    const gt = lower.indexOf('>', open);
    const close = gt < 0 ? -1 : lower.indexOf(`</${tag}>`, gt);
    if (close < 0) {
      dead[tag] = true;
      from = open + 1;
      continue;
    }
    parts.push(html.slice(pos, open));
    pos = from = close + tag.length + 3;
  }
  parts.push(html.slice(pos));
  return parts.join('');
}

/** Removes `<…>` tags; a `<` with no `>` after it is kept with the rest of the text. */
function stripTags(html: string): string {
  const parts: string[] = [];
  let pos = 0;
  for (;;) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) break;
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    parts.push(html.slice(pos, lt));
    // `<>` is not a tag (the old /<[^>]+>/ kept it).
    if (gt === lt + 1) parts.push('<>');
    pos = gt + 1;
  }
  parts.push(html.slice(pos));
  return parts.join('');
}

/**
 * A synchronous RFC 2822 / MIME reader for the mail Gmail stores (sends, drafts, inserts,
 * imports). Handlers must be synchronous (a call is atomic with its journal) and
 * postal-mime and mailparser only parse asynchronously, so the structure walk is ours, and
 * every decoding step is a maintained library's:
 * - RFC 2047 encoded words in headers: libmime `decodeWords`;
 * - Content-Type / Content-Disposition parameters, RFC 2231 continuations and charsets
 *   included: libmime `parseHeaderValue`, through the Google wire kit (content-type.ts);
 * - multipart structure: the wire kit's lenient multipart splitter;
 * - quoted-printable bodies: libqp; charsets: the WHATWG TextDecoder;
 * - HTML bodies as text: html-to-text (htmlparser2 underneath, linear in the input).
 * Bounded: at most MAX_MIME_PARTS parts and MAX_MIME_DEPTH levels are read, and HTML is
 * converted within html-to-text's input, depth and child limits.
 */
import libmime from 'libmime';
import { decode as decodeQp } from 'libqp';
import { compile } from 'html-to-text';
import { parseContentType as parseHeaderValue } from '../google/content-type.ts';
import { splitMultipart } from '../google/multipart.ts';

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

/** Deepest multipart nesting read; deeper parts are ignored. */
export const MAX_MIME_DEPTH = 20;

/** Parses a raw RFC 2822 message. Never throws on malformed input: it reads what it can. */
export function parseMail(raw: Buffer | string): ParsedMail {
  const src = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw;
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
function splitEntity(src: Buffer): { headers: RawHeader[]; body: Buffer } {
  const crlf = src.indexOf('\r\n\r\n');
  const lf = src.indexOf('\n\n');
  const [at, len] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : lf >= 0 ? [lf, 2] : [src.length, 0];
  const head = src.subarray(0, at).toString('latin1');
  const body = src.subarray(Math.min(src.length, at + len));
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

/** Splits `type/sub; a=b; c="d"` into a lower-case type (text/plain when absent) and decoded parameters. */
export function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const ct = parseHeaderValue(value, 'text/plain');
  return { type: ct.type, params: { ...ct.params } };
}

function walk(headers: RawHeader[], body: Buffer, out: { text: string[]; html: string[]; attachments: ParsedAttachment[]; parts: number }, depth: number): void {
  if (++out.parts > MAX_MIME_PARTS) return;
  const ct = parseContentType(header(headers, 'content-type'));
  const boundary = ct.params['boundary'];
  if (ct.type.startsWith('multipart/') && boundary && depth < MAX_MIME_DEPTH) {
    for (const part of splitMultipart(body, boundary, { mode: 'lenient', maxParts: MAX_MIME_PARTS }) ?? []) {
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

function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64');
  if (enc === 'quoted-printable') return decodeQp(body.toString('latin1'));
  // The line break before a closing delimiter was taken by the splitter; a trailing one of a single-part body goes too.
  const end = body[body.length - 1] === 0x0a ? (body[body.length - 2] === 0x0d ? body.length - 2 : body.length - 1) : body.length;
  return body.subarray(0, end);
}

/** Decodes quoted-printable text to bytes (libqp). */
export function decodeQuotedPrintable(s: string): Buffer {
  return decodeQp(s);
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const cs = (charset ?? 'utf-8').toLowerCase();
  try {
    return new TextDecoder(cs === 'us-ascii' ? 'utf-8' : cs).decode(bytes).replace(/\r\n/g, '\n');
  } catch {
    return bytes.toString('utf8').replace(/\r\n/g, '\n');
  }
}

/** Decodes RFC 2047 encoded words (`=?utf-8?B?...?=`, `=?utf-8?Q?...?=`), adjacent words joined (libmime). */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  return libmime.decodeWords(value);
}

/** html-to-text settings: plain running text for snippets, search and graders (no wrapping, no link targets, no upper-casing). */
const HTML_TO_TEXT = {
  wordwrap: false as const,
  limits: { maxInputLength: 2 * 1024 * 1024, maxDepth: 64, maxChildNodes: 20_000, ellipsis: '' },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

/**
 * The text of an HTML body, for snippets, search and graders when a mail has no text part
 * (html-to-text). Scripts and styles are dropped; links keep their text only.
 */
export function htmlToText(html: string): string {
  const src = html.length > MAX_HTML_INPUT ? html.slice(0, MAX_HTML_INPUT) : html;
  if (src.length <= HTML_CHUNK) return convertHtml(src).trim();
  // htmlparser2 builds its tree in time quadratic in the nesting depth (100,000 unclosed
  // <div> took seconds), so long HTML is converted in pieces cut after a tag's `>`: the
  // cost is linear in the input and a piece can only nest so deep.
  const out: string[] = [];
  for (let at = 0; at < src.length;) {
    let end = Math.min(src.length, at + HTML_CHUNK);
    if (end < src.length) {
      const gt = src.lastIndexOf('>', end - 1);
      if (gt > at) end = gt + 1;
    }
    out.push(convertHtml(src.slice(at, end)));
    at = end;
  }
  return out.join('\n').trim();
}

/** HTML read for text at most (1 MiB); the rest of a larger body is not converted. */
export const MAX_HTML_INPUT = 1024 * 1024;

/** Size of the pieces long HTML is converted in (see htmlToText). */
const HTML_CHUNK = 16 * 1024;

/** The converter, compiled once (compiling the selectors costs about a millisecond a call otherwise). */
const convertHtml = compile(HTML_TO_TEXT);

/**
 * Readable documents: writes deterministic PDF, Word and Excel bytes from plain data, and
 * reads the text back out of any such bytes, synchronously, for seeds, services, agent
 * helpers and the grader alike. Reading never throws and fails closed to '': a malformed,
 * oversized or hostile file costs a bounded amount of work (limits.ts) and reads as nothing.
 *
 * - spec.ts     what can be written (zod schemas) and the media types
 * - pdf.ts, docx.ts, xlsx.ts   one format each, on pdfkit/pdf.js, docx/mammoth, exceljs
 * - canonical-zip.ts           fixed zip timestamps and core dates; zip-bomb check
 * - sniff.ts                   the format of mislabelled bytes
 * - bridge.ts, worker.ts       the synchronous bridge to the worker thread the libraries run on
 * - disk-cache.ts              written documents kept between processes
 */
import { createHash } from 'node:crypto';
import { DeskbenchError } from '../core/errors.ts';
import { callContent } from './bridge.ts';
import { BoundedCache } from './cache.ts';
import { DEFAULT_DOCUMENT_DATE } from './canonical-zip.ts';
import { MAX_DOCUMENT_BYTES } from './limits.ts';
import { sniffFormat } from './sniff.ts';
import { cachedDocument, keepDocument } from './disk-cache.ts';
import { ContentSpec, DOCUMENT_MIME, formatOfMime, type DocumentFormat } from './spec.ts';

export { DOCUMENT_MIME, formatOfMime, ContentSpec, DocumentSpec, WorkbookSpec, SheetSpec, type DocumentFormat } from './spec.ts';
export { DEFAULT_DOCUMENT_DATE } from './canonical-zip.ts';
export { MAX_DOCUMENT_BYTES } from './limits.ts';
export { contentWorkerRestarts } from './bridge.ts';
export { sniffFormat } from './sniff.ts';

const texts = new BoundedCache<string>(512, 64_000_000, (t) => t.length + 64);
const written = new BoundedCache<Buffer>(256, 64_000_000, (b) => b.length + 64);

/** True when `mimeType` is a format this module reads (PDF, docx, xlsx). */
export function isReadableDocument(mimeType: string): boolean {
  return formatOfMime(mimeType) !== undefined;
}

/**
 * The text of a PDF, docx or xlsx file: what a converter (pdftotext, pandoc, an Excel
 * export) would show a reader, hidden sheets included and marked. The format comes from
 * `mimeType`, or from the bytes themselves when the type names none of the three (an
 * octet-stream upload). '' for other content, for bytes past MAX_DOCUMENT_BYTES, and for
 * anything unreadable or too slow.
 */
export function documentText(bytes: Uint8Array, mimeType: string): string {
  if (bytes.length === 0 || bytes.length > MAX_DOCUMENT_BYTES) return '';
  const format = formatOfMime(mimeType) ?? sniffFormat(bytes);
  if (!format) return '';
  return readFormat(bytes, format);
}

/** The text of `bytes` read as `format` (cached by content hash). */
function readFormat(bytes: Uint8Array, format: DocumentFormat): string {
  const key = `${format}:${createHash('sha256').update(bytes).digest('hex')}`;
  const hit = texts.get(key);
  if (hit !== undefined) return hit;
  const res = callContent({ op: 'read', format, bytes });
  const text = res && res.ok && 'text' in res ? res.text : '';
  // A time-out is not cached as '' (a loaded machine may just have been slow); a read that answered is.
  if (res) texts.set(key, text);
  return text;
}

/**
 * Writes a document or workbook from plain data. The same spec and date always give the
 * same bytes (fixed creation dates and zip timestamps), so seeds stay deterministic.
 * A spec that breaks the schema is E_TASK_INVALID naming the field; a writer failure is E_INTERNAL.
 */
export function writeDocument(spec: ContentSpec, date: string = DEFAULT_DOCUMENT_DATE): Buffer {
  const parsed = ContentSpec.safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeskbenchError('E_TASK_INVALID', `document spec: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`, {
      hint: 'give a title, paragraphs and optional table rows (pdf, docx) or sheets of rows (xlsx)',
    });
  }
  if (Number.isNaN(Date.parse(date))) throw new DeskbenchError('E_TASK_INVALID', `document date: not an ISO date: ${date}`);
  // zod's output lists keys in schema order, so equal specs give equal keys.
  const key = JSON.stringify({ spec: parsed.data, date });
  const hit = written.get(key) ?? cachedDocument(key);
  if (hit) {
    written.set(key, hit);
    return hit;
  }
  const res = callContent({ op: 'write', spec: parsed.data, date: new Date(date).toISOString() });
  if (!res || !res.ok || !('bytes' in res)) {
    throw new DeskbenchError('E_INTERNAL', `writing a ${parsed.data.format} document failed: ${res && !res.ok ? res.error : 'the content worker did not answer'}`);
  }
  const bytes = Buffer.from(res.bytes);
  written.set(key, bytes);
  keepDocument(key, bytes);
  return bytes;
}

/** The media type of a format. */
export function mimeOf(format: DocumentFormat): string {
  return DOCUMENT_MIME[format];
}

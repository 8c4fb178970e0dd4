/** Request body reading and parsing: JSON, urlencoded forms, multipart/related and multipart/form-data (structure and header values read with the Google wire kit). */
import type { IncomingMessage } from 'node:http';
import { parseContentType } from '../google/content-type.ts';
import { splitMultipart } from '../google/multipart.ts';

/** Largest request body accepted (uploads included); beyond it the server answers 413. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Thrown by readBody when the body exceeds MAX_BODY_BYTES. */
export class BodyTooLargeError extends Error {}

/** Reads the whole request body. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLargeError(`request body larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export { parseContentType, type ContentType } from '../google/content-type.ts';

/** Query or form values: a repeated key becomes an array, in order. */
export type FormValues = Record<string, string | string[]>;

/** Collects URLSearchParams into a plain object, keeping repeated keys as arrays. */
export function formValues(sp: URLSearchParams): FormValues {
  const out: FormValues = Object.create(null);
  for (const [k, v] of sp) {
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return { ...out };
}

/** One part of a multipart body. */
export interface MultipartPart {
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** `name` from Content-Disposition (form-data). */
  readonly name: string | undefined;
  /** `filename` from Content-Disposition, when the part is a file. */
  readonly filename: string | undefined;
  readonly contentType: string;
  readonly data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export { MAX_MULTIPART_PARTS } from '../google/multipart.ts';

/**
 * Splits a multipart body (RFC 2046) into parts with the wire kit's strict reader. Returns
 * undefined when the body is not well-formed multipart for this boundary (or has more than
 * MAX_MULTIPART_PARTS parts), so the caller can answer 400.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | undefined {
  return splitMultipart(body, boundary, { mode: 'strict' })?.map(splitPart);
}

/** Splits one part into its header block and data (a part may have no headers at all). */
function splitPart(chunk: Buffer): MultipartPart {
  if (chunk.indexOf(CRLF) === 0) return makePart('', chunk.subarray(CRLF.length));
  const split = chunk.indexOf(HEADER_END);
  if (split < 0) return makePart(chunk.toString('latin1'), Buffer.alloc(0));
  return makePart(chunk.subarray(0, split).toString('latin1'), chunk.subarray(split + HEADER_END.length));
}

function makePart(headerText: string, data: Buffer): MultipartPart {
  const headers: Record<string, string> = {};
  for (const line of headerText.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const disp = parseContentType(headers['content-disposition']);
  return {
    headers,
    name: disp.params.name,
    filename: disp.params.filename,
    contentType: parseContentType(headers['content-type']).type || 'text/plain',
    data,
  };
}

/** Parses a JSON body; `undefined` for an empty body, a SyntaxError for malformed text. */
export function parseJsonBody(body: Buffer): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = body.toString('utf8').trim();
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : 'malformed JSON' };
  }
}

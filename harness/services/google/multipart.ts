/**
 * Splitting multipart bodies (RFC 2046) into their parts, for HTTP uploads
 * (`multipart/related`, `multipart/form-data`) and for MIME mail alike. Linear in the
 * body: every delimiter is found with one forward `indexOf`, and the number of parts is
 * capped.
 *
 * Two readings of the same grammar: `strict` (an HTTP request body: each delimiter is
 * followed by CRLF and the body must close, else it is malformed and the caller answers
 * 400) and `lenient` (mail: delimiters are found at line starts with whatever follows
 * them on the line, LF-only line ends are accepted and a missing close delimiter ends the
 * last part at the end of the body, as mail readers do).
 */

/** Most parts read from one multipart body; uploads have two, mail a handful. */
export const MAX_MULTIPART_PARTS = 1000;

const CR = 0x0d;
const LF = 0x0a;
const DASH = 0x2d;

/** Options of `splitMultipart`. */
export interface SplitOptions {
  readonly mode: 'strict' | 'lenient';
  /** Parts kept at most; strict bodies with more are malformed, lenient ones are cut. */
  readonly maxParts?: number;
}

/**
 * The raw parts (headers and content, delimiters and preamble removed) of a multipart
 * body. Strict mode returns undefined when the body is not well-formed for `boundary`.
 */
export function splitMultipart(body: Buffer, boundary: string, opts: SplitOptions): Buffer[] | undefined {
  if (!boundary) return opts.mode === 'strict' ? undefined : [];
  return opts.mode === 'strict' ? splitStrict(body, boundary, opts.maxParts ?? MAX_MULTIPART_PARTS) : splitLenient(body, boundary, opts.maxParts ?? MAX_MULTIPART_PARTS);
}

function splitStrict(body: Buffer, boundary: string, maxParts: number): Buffer[] | undefined {
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  let pos = body.indexOf(delim);
  if (pos < 0) return undefined;
  const parts: Buffer[] = [];
  for (;;) {
    pos += delim.length;
    // `--` right after a delimiter closes the body.
    if (body[pos] === DASH && body[pos + 1] === DASH) return parts;
    if (body[pos] !== CR || body[pos + 1] !== LF) return undefined;
    pos += 2;
    const next = body.indexOf(delim, pos);
    if (next < 0) return undefined;
    // The CRLF before the next delimiter belongs to the delimiter, not the data.
    const end = body[next - 2] === CR && body[next - 1] === LF ? next - 2 : next;
    if (parts.length >= maxParts) return undefined;
    parts.push(body.subarray(pos, Math.max(pos, end)));
    pos = next;
  }
}

/** Start of the line break that ends at `at` (CRLF or LF), or `at` when there is none. */
function lineBreakBefore(body: Buffer, at: number): number {
  if (body[at - 1] !== LF) return at;
  return body[at - 2] === CR ? at - 2 : at - 1;
}

function splitLenient(body: Buffer, boundary: string, maxParts: number): Buffer[] {
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  const parts: Buffer[] = [];
  let start = -1;
  let from = 0;
  for (;;) {
    const at = body.indexOf(delim, from);
    if (at < 0) break;
    from = at + 1;
    // Only a delimiter at the start of a line counts.
    if (at > 0 && body[at - 1] !== LF) continue;
    if (start >= 0) {
      parts.push(body.subarray(start, Math.max(start, lineBreakBefore(body, at))));
      if (parts.length >= maxParts) return parts;
    }
    const after = at + delim.length;
    if (body[after] === DASH && body[after + 1] === DASH) return parts;
    const eol = body.indexOf(LF, after);
    if (eol < 0) return parts;
    start = eol + 1;
    from = start;
  }
  if (start >= 0 && start < body.length) parts.push(body.subarray(start));
  return parts;
}

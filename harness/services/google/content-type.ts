/**
 * Structured header values (`Content-Type`, `Content-Disposition`): a media type and its
 * parameters, for HTTP requests and for MIME parts alike. Parsing is libmime's
 * `parseHeaderValue` (quoted strings, RFC 2231 continuations and charsets such as
 * `filename*0*=utf-8''%C3%A9t%C3%A9`); RFC 2047 encoded words in plain parameters, which
 * mail clients send although the RFC forbids them, are decoded too.
 */
import libmime from 'libmime';

/** A parsed structured header: lower-cased value plus parameters keyed in lower case. */
export interface ContentType {
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Longest header value parsed; past it the rest is ignored (real values are a few hundred bytes). */
export const MAX_HEADER_VALUE_LENGTH = 16 * 1024;

/**
 * Parses a structured header value (`multipart/related; boundary="x"`). Absent or empty
 * gives `{type: fallback, params: {}}`. Never throws: malformed parameters are dropped.
 */
export function parseContentType(header: string | undefined, fallback = ''): ContentType {
  if (!header) return { type: fallback, params: {} };
  const parsed = libmime.parseHeaderValue(header.length > MAX_HEADER_VALUE_LENGTH ? header.slice(0, MAX_HEADER_VALUE_LENGTH) : header);
  const decoded = new Set<string>((parsed as { decodedParams?: string[] }).decodedParams ?? []);
  const params: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(parsed.params ?? {})) {
    if (typeof v !== 'string') continue;
    params[k.toLowerCase()] = decoded.has(k) || !v.includes('=?') ? v : libmime.decodeWords(v);
  }
  return { type: String(parsed.value ?? '').trim().toLowerCase() || fallback, params: { ...params } };
}

/** Shared pieces of the gmail operation table: parameter schemas, pagination, Message resources by format. */
import { z } from 'zod';
import { defineOperation, type Operation, type OperationSpec } from '../../core/index.ts';
import { qInt, qList } from '../wire-schema.ts';
import { invalidArgument } from '../wire-errors.ts';
import type { MessageRecord } from './model.ts';
import { b64url, renderPayload, renderRaw } from './render.ts';

/** The `userId` path parameter every method takes. */
export const userIdParam = z.string().min(1).describe("The user's email address. The special value `me` can be used to indicate the authenticated user.");

/** `{userId}` only. */
export const UserParams = z.object({ userId: userIdParam });

/** `{userId, id}`. */
export const UserIdParams = (what: string) => z.object({ userId: userIdParam, id: z.string().min(1).describe(`The ID of the ${what}.`) });

/** Output formats of messages.get, threads.get and drafts.get. */
export const Format = z.enum(['minimal', 'full', 'raw', 'metadata']);

/** `format` and `metadataHeaders` query parameters. */
export const formatParams = {
  format: Format.optional().describe('The format to return the message in: `full` (default, parsed payload), `metadata` (headers only), `minimal` (ids and labels only) or `raw` (base64url RFC 2822 in `raw`).'),
  metadataHeaders: qList('When format is `metadata`, only include these headers (repeatable).'),
};

/** `maxResults`, `pageToken` for list methods. */
export const pageParams = (max: number, dflt: number) => ({
  maxResults: qInt(`Maximum number of results to return (1–${max}, default ${dflt}).`),
  pageToken: z.string().optional().describe('Page token from a previous response (`nextPageToken`) to retrieve a specific page.'),
});

/** Decodes a page token into an offset; a malformed one is a 400, as in Gmail. */
export function pageOffset(token: string | undefined): number {
  if (token === undefined || token === '') return 0;
  const m = /^p(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw invalidArgument('Invalid pageToken');
  return Number(m[1]);
}

/** Encodes an offset as an opaque page token. */
export function pageToken(offset: number): string {
  return Buffer.from(`p${offset}`, 'utf8').toString('base64url');
}

/** Clamps maxResults to Gmail's range; out-of-range values are a 400. */
export function pageSize(v: number | undefined, max: number, dflt: number): number {
  if (v === undefined) return dflt;
  if (v < 0) throw invalidArgument(`Invalid maxResults: ${v}`);
  return v === 0 ? dflt : Math.min(v, max);
}

/** One page of items with Gmail's list envelope fields. */
export function paginate<T>(items: readonly T[], token: string | undefined, size: number): { page: T[]; nextPageToken?: string } {
  const off = pageOffset(token);
  const page = items.slice(off, off + size);
  return off + size < items.length ? { page, nextPageToken: pageToken(off + size) } : { page };
}

/** The Gmail Message resource of a stored message in the requested format. */
export function messageResource(m: MessageRecord, format: z.infer<typeof Format> = 'full', metadataHeaders?: readonly string[]): Record<string, unknown> {
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

/** The value of a header of a stored message (case-insensitive), or undefined. */
export function headerValue(m: Pick<MessageRecord, 'headers'>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return m.headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** Wire path of a method under `/gmail/v1/users/{userId}`. */
export function gmailPath(p: string): string {
  return `/gmail/v1/users/{userId}${p}`;
}

/** Media-upload twin of a wire path. */
export function uploadPath(p: string): string {
  return `/upload/gmail/v1/users/{userId}${p}`;
}

/** Defines a gmail operation (service and wire style filled in). */
export function gmailOp<P, B = undefined, R = unknown>(spec: Omit<OperationSpec<P, B, R>, 'service' | 'style'>): Operation<P, B, R> {
  return defineOperation<P, B, R>({ service: 'gmail', style: 'google', ...spec } as OperationSpec<P, B, R>);
}

/** Shared pieces of the gmail operation table: parameter schemas and pagination (wire views are in render.ts). */
import { z } from 'zod';
import { defineOperation, type Operation, type OperationSpec } from '../../core/index.ts';
import { qInt, qList } from '../wire-schema.ts';
import { decodePageToken, encodePageToken, paginate as kitPaginate, pageSizeFor } from '../google/paging.ts';
import type { MessageRecord } from './model.ts';

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

/** Gmail's page-size rule: 0 is the default, above the maximum is the maximum, negative is a 400. */
export function pageSize(v: number | undefined, max: number, dflt: number): number {
  return pageSizeFor(v, { dflt, max, outOfRange: 'clamp', param: 'maxResults' }, 'gmail');
}

/** The part of a list request a page token is bound to: everything but the paging fields. */
export function listQuery(params: Record<string, unknown>): Record<string, unknown> {
  const { pageToken: _t, maxResults: _m, pageSize: _s, ...rest } = params;
  return rest;
}

/**
 * One page of items with Gmail's list envelope fields, through the wire kit: the token is
 * bound to `query` (listQuery of the request), and a token Gmail did not issue is its 400.
 */
export function paginate<T>(items: readonly T[], token: string | undefined, size: number, query: unknown): { page: T[]; nextPageToken?: string } {
  const { page, nextPageToken } = kitPaginate(items, token, size, query, 'gmail');
  return nextPageToken === undefined ? { page } : { page, nextPageToken };
}

/**
 * One page of a list read lazily (`slice` of [start, end) of `size` items), with the same
 * token and page as paginate over the whole list, so a page of a long search reads only the page.
 */
export function paginateLazy<T>(
  list: { readonly size: number; slice(start: number, end: number): T[] }, token: string | undefined, size: number, query: unknown,
): { page: T[]; nextPageToken?: string } {
  const { offset } = decodePageToken(token, query, 'gmail');
  const page = list.slice(offset, offset + size);
  return offset + size < list.size ? { page, nextPageToken: encodePageToken(offset + size, query) } : { page };
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

export { messageResource, stub } from './render.ts';

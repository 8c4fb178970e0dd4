/**
 * The Google wire kit: what the four Google APIs share on the wire, written once. Each
 * service imports from here (or the module directly) instead of keeping its own copy.
 *
 * - dialects.ts      per-API differences as data (error envelope, page-token refusal, strict query)
 * - errors.ts        the error envelope and the ApiError constructors
 * - paging.ts        page tokens bound to their query, page-size rules, page slicing
 * - cursor.ts        offset cursors (Slack's `cursor` and legacy `page`/`count` paging)
 * - field-mask.ts    partial responses (`fields`)
 * - content-type.ts  structured header values (RFC 2231 parameters through libmime)
 * - multipart.ts     multipart bodies, strict (HTTP uploads) and lenient (mail)
 * - stand-in-bytes.ts deterministic bytes for generated content without stored bytes
 * - push.ts          push-notification delivery of watch channels (X-Goog-* POSTs to loopback addresses)
 */
export * from './dialects.ts';
export * from './errors.ts';
export * from './paging.ts';
export * from './cursor.ts';
export * from './field-mask.ts';
export * from './content-type.ts';
export * from './multipart.ts';
export * from './stand-in-bytes.ts';
export * from './push.ts';

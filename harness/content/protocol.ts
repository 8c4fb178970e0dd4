/** Messages between the synchronous bridge and the content worker. */
import type { ContentSpec, DocumentFormat } from './spec.ts';

/** Read the text of `bytes` in `format`, or write `spec` dated `date`. */
export type ContentRequest =
  | { readonly op: 'read'; readonly format: DocumentFormat; readonly bytes: Uint8Array }
  | { readonly op: 'write'; readonly spec: ContentSpec; readonly date: string };

/** The text read, the bytes written, or what went wrong. */
export type ContentResponse =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly error: string };

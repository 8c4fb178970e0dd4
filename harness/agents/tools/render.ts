/** Turns operation results and errors into the text a model sees, with a length cap. */
import { isRawResponse } from '../../core/index.ts';

/**
 * Longest tool result passed to the model, in characters. Longer results are cut and
 * end with a note telling the model how to ask for less; 20k characters is about 5k
 * tokens, enough for a page of search results without flooding the context.
 */
export const MAX_RESULT_CHARS = 20_000;

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|rtf|vnd\.google-apps\.script\+json))/;

/** The text of a successful result: JSON, or the body of a raw (alt=media, export) response. */
export function renderValue(value: unknown): string {
  if (isRawResponse(value)) {
    if (TEXT_TYPES.test(value.contentType)) return value.data.toString('utf8');
    return JSON.stringify({ binaryContent: { contentType: value.contentType, bytes: value.data.length } });
  }
  if (value === undefined || value === null || value === '') return '{}';
  return JSON.stringify(value);
}

/** Cuts `text` to `max` characters with a note saying how much was left out and what to do. */
export function capResult(text: string, max = MAX_RESULT_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n[truncated by the harness: showing the first ${max} of ${text.length} characters; ask for less (maxResults/pageSize/limit, fields, a narrower query) or page with the next page token]`;
}

/** A tool-level error (bad tool arguments, unknown tool) as JSON. */
export function toolError(message: string): string {
  return JSON.stringify({ error: message });
}

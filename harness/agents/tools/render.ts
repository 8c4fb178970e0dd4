/** Turns operation results and errors into the text a model sees, under the one cap policy (cap.ts). */
import { isRawResponse } from '../../core/index.ts';
import { capJson, capText, MAX_RESULT_CHARS, type CapHint } from './cap.ts';

export { MAX_RESULT_CHARS } from './cap.ts';

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

/** A successful result rendered and capped: JSON results lose whole items, raw text is cut at a line. */
export function renderCapped(value: unknown, hint: CapHint = {}, max = MAX_RESULT_CHARS): string {
  if (isRawResponse(value)) return capText(renderValue(value), max, hint.advice);
  if (value === undefined || value === null || value === '') return '{}';
  return capJson(value, max, hint);
}

/** Caps text that may be JSON (skills, errors): JSON by whole items, anything else at a line. */
export function capResult(text: string, max = MAX_RESULT_CHARS): string {
  if (text.length <= max) return text;
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      return capJson(JSON.parse(text) as unknown, max);
    } catch {
      // not JSON after all
    }
  }
  return capText(text, max);
}

/** A tool-level error (bad tool arguments, unknown tool) as JSON. */
export function toolError(message: string): string {
  return JSON.stringify({ error: message });
}

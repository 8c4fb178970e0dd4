/** What a transcript reader gets out of an agent CLI's own transcript: trajectory steps, token usage, the final message. */
import type { Step, Usage } from '../../../core/index.ts';

/** A step as the agent records it (the runner numbers them). */
export type RecordedStep = Omit<Step, 'index'>;

/** The result of reading a transcript; every part may be missing. */
export interface TranscriptReading {
  readonly steps: readonly RecordedStep[];
  /** Tokens and cost over the whole run, or null when the transcript does not say. */
  readonly usage: Usage | null;
  readonly finalMessage: string | null;
}

/** Inputs every reader takes. */
export interface ReaderInput {
  /** The transcript text (already capped in size by the caller). */
  readonly text: string;
  /** The model the definition runs, for pricing when the transcript gives no cost. */
  readonly model: string;
  /** Timestamp given to steps whose transcript carries none. */
  readonly at: string;
}

/** Most lines one transcript is read for. */
export const MAX_LINES = 200_000;

/** Longest line parsed; longer lines (a huge tool result) are skipped, not parsed. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

/** The JSON objects of a JSONL text, bounded; lines that are not JSON objects are skipped. */
export function* jsonLines(text: string): Generator<Record<string, unknown>> {
  let start = 0;
  for (let n = 0; n < MAX_LINES && start < text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line.startsWith('{') || line.length > MAX_LINE_CHARS) continue;
    try {
      const v = JSON.parse(line) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) yield v as Record<string, unknown>;
    } catch {
      // not JSON: a CLI's own log line
    }
  }
}

/** A field as a record, or undefined. */
export function obj(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A field as a finite non-negative number, else 0. */
export function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0;
}

/** Text of a content value: a string, or the text parts of an array of blocks. */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((p) => (typeof p === 'string' ? p : typeof obj(p)?.text === 'string' ? String(obj(p)!.text) : '')).filter(Boolean).join('\n');
  return v === undefined || v === null ? '' : JSON.stringify(v);
}

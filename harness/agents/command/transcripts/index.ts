/** Transcript readers by format name (the definition's `transcript.format`). */
import type { TRANSCRIPT_FORMATS } from '../definition-schema.ts';
import { readClaudeStreamJson } from './claude-stream-json.ts';
import { readCodexJsonl } from './codex-jsonl.ts';
import { readGeminiJson, readGeminiStreamJson } from './gemini.ts';
import type { ReaderInput, TranscriptReading } from './reading.ts';

export type { TranscriptReading, RecordedStep } from './reading.ts';

/** One reader per format. */
export const TRANSCRIPT_READERS: Readonly<Record<(typeof TRANSCRIPT_FORMATS)[number], (input: ReaderInput) => TranscriptReading>> = {
  'claude-stream-json': readClaudeStreamJson,
  'codex-jsonl': readCodexJsonl,
  'gemini-json': readGeminiJson,
  'gemini-stream-json': readGeminiStreamJson,
};

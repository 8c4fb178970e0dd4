/** Writes stored trials as OpenTelemetry GenAI spans, one OTLP/JSON request per line (`deskbench export --format otel`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunStore } from '../../store/index.ts';
import { selectTrialIds } from '../../agents/atif/files.ts';
import { traceRequest } from './spans.ts';

/** Exports the selected trials to `<outDir>/spans.jsonl`; returns the path and the number of trials. */
export function exportOtel(store: RunStore, o: { runId?: string; trialId?: string; outDir: string }): { path: string; trials: number } {
  const ids = selectTrialIds(store, o);
  mkdirSync(o.outDir, { recursive: true });
  const path = join(resolve(o.outDir), 'spans.jsonl');
  writeFileSync(path, ids.map((id) => JSON.stringify(traceRequest(store.getTrial(id)))).join('\n') + (ids.length ? '\n' : ''));
  return { path, trials: ids.length };
}

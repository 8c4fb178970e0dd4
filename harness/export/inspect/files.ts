/** Writes Inspect eval logs for stored trials (the logic behind `deskbench export --format inspect`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunStore, TrialRecord } from '../../store/index.ts';
import { selectTrialIds } from '../../agents/atif/files.ts';
import { evalLog } from './eval-log.ts';

const slug = (s: string) => s.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';

/**
 * Exports the selected trials (a run, a trial, or all) as Inspect `.json` eval logs in
 * `outDir`, one per run × agent × condition, named as Inspect names its logs
 * (`<created>_<task>_<id>.json`) so `inspect view` lists them. Returns the paths.
 */
export function exportInspect(store: RunStore, o: { runId?: string; trialId?: string; outDir: string }): string[] {
  const groups = new Map<string, TrialRecord[]>();
  for (const id of selectTrialIds(store, o)) {
    const t = store.getTrial(id);
    const key = `${t.runId}\u0000${t.agent}\u0000${t.condition}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  mkdirSync(o.outDir, { recursive: true });
  const paths: string[] = [];
  for (const trials of groups.values()) {
    const first = trials[0]!;
    const run = store.getRun(first.runId);
    const log = evalLog(run, trials);
    const created = run.createdAt.replace(/:/g, '-').replace(/\.\d+Z$/, '+00-00').replace(/Z$/, '+00-00');
    const path = join(resolve(o.outDir), `${created}_deskbench_${slug(first.agent)}-${slug(first.condition)}-${(log.eval as { eval_id: string }).eval_id.slice(0, 8)}.json`);
    writeFileSync(path, `${JSON.stringify(log, null, 2)}\n`);
    paths.push(path);
  }
  return paths;
}

/**
 * Benchmark: what the base workspace's real documents cost its build. Each figure is one
 * fresh process building the base for seed 1, timed inside the process: without the
 * documents, with them from the on-disk cache (the usual case: every process after the
 * first), and with them written from scratch (an empty cache: the content worker starts
 * and the libraries load). Run: `npx tsx bench/base-documents.ts [runs]` (default 5 each).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmptyWorkspace } from '../harness/services/workspace.ts';
import { createRng } from '../harness/core/index.ts';
import { generateCompany } from '../datasets/company/company.ts';
import { generateGmail } from '../datasets/gmail/generate.ts';
import { generateCalendar } from '../datasets/calendar/generate.ts';
import { generateDrive } from '../datasets/drive/generate.ts';
import { generateDocs } from '../datasets/docs/generate.ts';
import { generateSlack } from '../datasets/slack/generate.ts';
import { generateDocuments } from '../datasets/documents/generate.ts';
import { median, r3 } from './stats.ts';

/** One build as baseWorkspace does it, with or without the documents; prints its milliseconds. */
function child(withDocuments: boolean): void {
  const t0 = performance.now();
  const company = generateCompany(1);
  const rng = createRng('base/1');
  const ws = createEmptyWorkspace();
  generateGmail(ws, company, rng.fork('gmail'));
  generateCalendar(ws, company, rng.fork('calendar'));
  generateDrive(ws, company, rng.fork('drive'));
  generateDocs(ws, company, rng.fork('docs'));
  generateSlack(ws, company, rng.fork('slack'));
  if (withDocuments) generateDocuments(ws, company, rng.fork('documents'));
  ws.toBase();
  console.log(performance.now() - t0);
}

const mode = process.argv[2];
if (mode === 'with' || mode === 'without') {
  child(mode === 'with');
  process.exit(0);
}

const runs = Number(process.argv[2] ?? 5);
const script = new URL(import.meta.url).pathname;
const once = (arg: string, env: NodeJS.ProcessEnv = process.env): number => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, arg], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim().split('\n').at(-1));
};
const without: number[] = [];
const warm: number[] = [];
const cold: number[] = [];
once('with'); // fills the cache
for (let i = 0; i < runs; i++) {
  without.push(once('without'));
  warm.push(once('with'));
  const dir = mkdtempSync(join(tmpdir(), 'deskbench-content-'));
  cold.push(once('with', { ...process.env, DESKBENCH_CONTENT_CACHE: dir }));
  rmSync(dir, { recursive: true, force: true });
}
const mWithout = median(without);
const mWarm = median(warm);
console.log(JSON.stringify({
  bench: 'base-documents',
  runs,
  withoutDocumentsMedianMs: r3(mWithout),
  withCachedDocumentsMedianMs: r3(mWarm),
  cachedOverheadPercent: r3(((mWarm - mWithout) / mWithout) * 100),
  withDocumentsEmptyCacheMedianMs: r3(median(cold)),
}, null, 2));

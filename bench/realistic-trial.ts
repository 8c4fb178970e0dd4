/**
 * Benchmark: what one realistic trial costs the harness, model excluded, at 1× and at a
 * larger `--scale`: the scripted model of bench/support/realistic-trial.ts works its task
 * (fifteen calls mixing reads and writes through the discover tool face), the trial is
 * graded and stored in a real SQLite store. Timed from each trial's start to its durable
 * `trial_finished` event, one trial at a time, after a warm-up that builds the caches.
 * Run: node --max-old-space-size=10000 --import tsx bench/realistic-trial.ts [scales=1,10] [trials=60]
 * (`1,10,100 30` for the figures in docs/performance.md: the 100× base takes minutes and 1.5 GB)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '../harness/core/index.ts';
import { ALL_CONDITIONS } from '../harness/runner/matrix.ts';
import { runMatrix } from '../harness/runner/run-matrix.ts';
import { makeGrader } from '../harness/runner/grader.ts';
import { seedTask } from '../harness/runner/seeded-task.ts';
import { openRunStore } from '../harness/store/index.ts';
import { baseWorkspace, companyFor } from '../datasets/base-workspace.ts';
import { REALISTIC_TASK, realisticAgent, realisticCalls, realisticTools } from './support/realistic-trial.ts';

const scales = (process.argv[2] ?? '1,10').split(',').map(Number);
const N = Number(process.argv[3] ?? 60);
const dir = mkdtempSync(join(tmpdir(), 'deskbench-realistic-'));

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** One scale's figures. */
interface Row {
  readonly scale: number; readonly records: number; readonly buildMs: number; readonly trials: number;
  readonly medianMs: number; readonly p90Ms: number; readonly cpuMedianMs: number; readonly meanWallMs: number; readonly score: number; readonly heapMB: number;
}

async function measure(scale: number): Promise<Row> {
  const t0 = performance.now();
  const base = baseWorkspace(1, scale);
  const buildMs = performance.now() - t0;
  let records = 0;
  for (const c of base.collections.values()) records += c.size;
  const agent = realisticAgent('scripted:realistic', realisticCalls(seedTask(REALISTIC_TASK, base, 1).base));
  const store = openRunStore(join(dir, `scale-${scale}.db`));
  const started = new Map<string, number>();
  const cpuAt = new Map<string, NodeJS.CpuUsage>();
  const times: number[] = [];
  const cpu: number[] = [];
  const scores: number[] = [];
  const run = (repeats: number, record: boolean) => runMatrix({
    store, tasks: [REALISTIC_TASK], agents: [agent],
    matrix: { taskIds: [REALISTIC_TASK.id], agents: [agent.name], conditions: [ALL_CONDITIONS[1]!], repeats },
    concurrency: 1, limits: DEFAULT_LIMITS, seed: 1, base, auth: { principal: companyFor(1).owner.email, tokenKind: 'user' },
    makeTools: realisticTools, grade: makeGrader(), spec: { bench: 'realistic-trial', scale }, harnessVersion: 'bench',
    onEvent: (e) => {
      if (!record) return;
      const k = 'key' in e ? JSON.stringify(e.key) : '';
      if (e.type === 'trial_started') {
        started.set(k, performance.now());
        cpuAt.set(k, process.cpuUsage());
      }
      if (e.type === 'trial_finished') {
        times.push(performance.now() - started.get(k)!);
        // The process's CPU over the trial (one at a time): on a loaded machine the honest figure.
        const d = process.cpuUsage(cpuAt.get(k));
        cpu.push((d.user + d.system) / 1000);
        scores.push(e.score ?? Number.NaN);
      }
    },
  });
  await run(3, false);
  const w0 = performance.now();
  await run(N, true);
  const wall = performance.now() - w0;
  store.close();
  return {
    scale, records, buildMs: Math.round(buildMs), trials: times.length, medianMs: +quantile(times, 0.5).toFixed(2), p90Ms: +quantile(times, 0.9).toFixed(2), cpuMedianMs: +quantile(cpu, 0.5).toFixed(2),
    meanWallMs: +(wall / N).toFixed(2), score: scores[0]!, heapMB: Math.round(process.memoryUsage().heapUsed / 1e6),
  };
}

try {
  const rows = [];
  for (const s of scales) {
    const r = await measure(s);
    rows.push(r);
    process.stdout.write(`scale ${r.scale}: ${r.records} base records (built in ${(r.buildMs / 1000).toFixed(1)} s); realistic trial median ${r.medianMs} ms (cpu ${r.cpuMedianMs} ms), p90 ${r.p90Ms} ms, ${r.meanWallMs} ms per trial over the run (${r.trials} trials, score ${r.score}, heap ${r.heapMB} MB)\n`);
  }
  process.stdout.write(`${JSON.stringify({ bench: 'realistic-trial', rows })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

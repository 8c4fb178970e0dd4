/**
 * Benchmark: a full offline run of the suite with the reference agents (oracle and noop,
 * one repeat, one condition) into a real store file, as `npm start` does.
 * Run: `npx tsx bench/full-run.ts`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noopAgent } from '../harness/agents/reference/noop.ts';
import { oracleAgent } from '../harness/agents/reference/oracle.ts';
import { baseWorkspace, companyFor } from '../datasets/base-workspace.ts';
import { gradeTrial } from '../scorers/grade.ts';
import { openRunStore } from '../harness/store/index.ts';
import { runMatrix } from '../harness/runner/run-matrix.ts';
import { DEFAULT_LIMITS } from '../harness/core/index.ts';
import { TASKS } from '../tasks/index.ts';
import { r3 } from './stats.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskbench-bench-'));
const t0 = performance.now();
const base = baseWorkspace(1);
const baseMs = performance.now() - t0;
const store = openRunStore(join(dir, 'bench.db'));
const t1 = performance.now();
const summary = await runMatrix({
  store, tasks: TASKS, agents: [oracleAgent, noopAgent],
  matrix: { taskIds: TASKS.map((t) => t.id), agents: ['oracle', 'noop'], conditions: [{ skills: true, meta: true }], repeats: 1 },
  concurrency: 8, limits: DEFAULT_LIMITS, seed: 1, base, auth: { principal: companyFor(1).owner.email, tokenKind: 'user' },
  makeTools: () => ({ specs: [], execute: async () => ({ content: '', isError: true, actionSeqs: [] }) }),
  grade: gradeTrial, spec: { bench: true }, harnessVersion: 'bench',
});
const runMs = performance.now() - t1;
const rows = store.listTrials({ runIds: [summary.runId] });
store.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({
  bench: 'full-run', tasks: TASKS.length, trials: rows.length, baseBuildMs: r3(baseMs), runMs: r3(runMs), totalMs: r3(baseMs + runMs),
  oracleAllPlusOne: rows.filter((r) => r.agent === 'oracle').every((r) => r.score === 1),
  noopAllZero: rows.filter((r) => r.agent === 'noop').every((r) => r.score === 0),
}, null, 2));

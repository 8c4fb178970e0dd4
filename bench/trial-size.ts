/**
 * Bytes a stored trial takes in the run store: the realistic trial (bench/support/realistic-trial.ts)
 * run N times into a fresh store, vacuumed, against the same store with no trials; and the same
 * trials written in the row layout stores used before compact trajectories (schema 3).
 * Run: npx tsx bench/trial-size.ts [N=40]   (prints a table and one JSON line)
 */
import { statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_LIMITS } from '../harness/core/index.ts';
import { ALL_CONDITIONS } from '../harness/runner/matrix.ts';
import { runMatrix } from '../harness/runner/run-matrix.ts';
import { makeGrader } from '../harness/runner/grader.ts';
import { openRunStore } from '../harness/store/index.ts';
import { baseWorkspace, companyFor } from '../datasets/base-workspace.ts';
import { createSchema3, insertSchema3Trial } from '../test/support/legacy-store.ts';
import { REALISTIC_TASK, realisticAgent, realisticTools } from './support/realistic-trial.ts';

const N = Number(process.argv[2] ?? 40);
const dir = mkdtempSync(join(tmpdir(), 'deskbench-size-'));

function vacuumedSize(path: string): number {
  const db = new Database(path);
  // Out of WAL mode first: a VACUUM in WAL mode writes the compacted pages to the WAL, not the file.
  db.pragma('journal_mode = DELETE');
  db.exec('VACUUM');
  db.close();
  return statSync(path).size;
}

try {
  const empty = join(dir, 'empty.db');
  openRunStore(empty).close();
  const path = join(dir, 'trials.db');
  const store = openRunStore(path);
  const agent = realisticAgent();
  const summary = await runMatrix({
    store, tasks: [REALISTIC_TASK], agents: [agent],
    matrix: { taskIds: [REALISTIC_TASK.id], agents: [agent.name], conditions: [ALL_CONDITIONS[1]!], repeats: N },
    concurrency: 4, limits: DEFAULT_LIMITS, seed: 1, base: baseWorkspace(1), auth: { principal: companyFor(1).owner.email, tokenKind: 'user' },
    makeTools: realisticTools, grade: makeGrader(), spec: { bench: 'trial-size' }, harnessVersion: 'bench',
  });
  const row = store.listTrials()[0]!;
  const trial = store.getTrial(row.trialId);
  store.close();
  const perTrial = (vacuumedSize(path) - vacuumedSize(empty)) / N;
  // The same trials in the layout stores had before compact trajectories (one row per step and action).
  const legacy = join(dir, 'legacy.db');
  const ldb = new Database(legacy);
  createSchema3(ldb);
  ldb.prepare(`INSERT INTO runs VALUES ('r', 'x', 'x', 'complete', '{}', 'bench', 's', 1, NULL, ?)`).run(N);
  const legacyEmpty = join(dir, 'legacy-empty.db');
  const edb = new Database(legacyEmpty);
  createSchema3(edb);
  edb.prepare(`INSERT INTO runs VALUES ('r', 'x', 'x', 'complete', '{}', 'bench', 's', 1, NULL, ?)`).run(N);
  edb.close();
  ldb.transaction(() => { for (let i = 0; i < N; i++) insertSchema3Trial(ldb, { ...trial, runId: 'r', trialId: `t${i}`, trialKey: `k${i}` }); })();
  ldb.close();
  const legacyPerTrial = (vacuumedSize(legacy) - vacuumedSize(legacyEmpty)) / N;
  const json = JSON.stringify(trial);
  const out = {
    trials: summary.scored, toolCalls: trial.actions.length, steps: trial.steps.length,
    storedBytesPerTrial: Math.round(perTrial), rowLayoutBytesPerTrial: Math.round(legacyPerTrial), recordJsonBytes: json.length,
  };
  process.stdout.write(`realistic trial: ${out.toolCalls} calls, ${out.steps} steps; record as JSON ${(out.recordJsonBytes / 1024).toFixed(1)} KB; stored ${(out.storedBytesPerTrial / 1024).toFixed(1)} KB per trial ` +
    `against ${(out.rowLayoutBytesPerTrial / 1024).toFixed(1)} KB in the row layout (${(legacyPerTrial / perTrial).toFixed(1)}×; ${N} trials, vacuumed)\n`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); else process.stdout.write(`kept ${dir}\n`);
}

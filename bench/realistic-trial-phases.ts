/**
 * The whole path a user's trial takes, in process, with a model that costs nothing, split into
 * its phases: the scripted zero-latency model of bench/support/realistic-trial.ts makes fifteen
 * calls (reads and writes through the discover tool face, answered by the real services) in the
 * built-in loop, the final state is graded and the trial is stored in a real SQLite store. What is
 * left is the harness's own cost per trial:
 *
 *   seed   the seeded task the trial starts from (`seedTask`, as `runMatrix` gets it: seeding runs
 *          once per task and run and is shared by its trials, with the per-base caches built on
 *          it, such as Gmail's message index); the seeding itself is timed apart (`seedOnceMs`:
 *          `seedTaskUncached`, paid once per task per run)
 *   calls  `runTrial` up to grading: the trial's workspace, its tools, the agent loop and the calls
 *   grade  the final diff and the declared grading (`gradeFinalState` with the runner's grader)
 *   store  building the stored record and writing it (compressed trajectory, one transaction)
 *
 * Besides wall time, each trial's process CPU time is read (`cpu`): on a shared machine a trial
 * can wait for a core, and the CPU time is what the trial itself cost.
 *
 * Run: npx tsx bench/realistic-trial-phases.ts [trials=300] [scale=1]   (a table, then one JSON line)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LIMITS, conditionName, type Task, type WorkspaceBase } from '../harness/core/index.ts';
import { makeGrader } from '../harness/runner/grader.ts';
import { runTrial, type Grader } from '../harness/runner/run-trial.ts';
import { seedTask, seedTaskUncached } from '../harness/runner/seeded-task.ts';
import { taskHash } from '../harness/runner/suite.ts';
import { buildTrialRecord } from '../harness/runner/trial-record.ts';
import { createWorkspace } from '../harness/services/workspace.ts';
import { openRunStore } from '../harness/store/index.ts';
import { baseWorkspace, companyFor } from '../datasets/base-workspace.ts';
import { median, percentile } from './stats.ts';
import { REALISTIC_TASK, realisticAgent, realisticCalls, realisticTools } from './support/realistic-trial.ts';

const TRIALS = Number(process.argv[2] ?? 300);
const SCALE = Number(process.argv[3] ?? 1);
const WARMUP = 30;
if (!(Number.isInteger(TRIALS) && TRIALS >= 10 && TRIALS <= 100_000) || !Number.isInteger(SCALE)) {
  throw new Error('usage: realistic-trial-phases.ts [trials 10..100000] [scale 1..100]');
}

type Phase = 'seed' | 'calls' | 'grade' | 'store' | 'total' | 'cpu';
const PHASES: readonly Phase[] = ['seed', 'calls', 'grade', 'store', 'total', 'cpu'];

const buildStart = performance.now();
const base: WorkspaceBase = baseWorkspace(1, SCALE);
const baseBuildMs = performance.now() - buildStart;
const auth = { principal: companyFor(1).owner.email, tokenKind: 'user' as const };
const task: Task = REALISTIC_TASK;
const agent = realisticAgent('scripted:realistic', realisticCalls(seedTask(task, base, 1).base));
const condition = { skills: true, meta: true };
const hash = taskHash(task);
const dir = mkdtempSync(join(tmpdir(), 'deskbench-realistic-'));
const store = openRunStore(join(dir, 'trials.db'));
const runId = 'bench-realistic';
store.createRun({
  runId, createdAt: new Date(0).toISOString(), spec: { bench: 'realistic-trial-phases', scale: SCALE }, harnessVersion: 'bench',
  suiteHash: hash, seed: 1, shard: null, plannedTrials: TRIALS + WARMUP,
});

// Seeding itself, as a run pays it once per task (a fresh base each time, so nothing cached).
const seedOnce: number[] = [];
for (let i = 0; i < 25; i++) {
  const t0 = performance.now();
  seedTaskUncached(task, base, 1);
  if (i >= 5) seedOnce.push(performance.now() - t0);
}

const samples: Record<Phase, number[]> = { seed: [], calls: [], grade: [], store: [], total: [], cpu: [] };
try {
  for (let i = 0; i < TRIALS + WARMUP; i++) {
    // Grading starts with the final diff (in gradeFinalState, before the grader): both are timed.
    let gradeMs = 0;
    const baseGrader = makeGrader();
    const grade: Grader = async (t, ctx) => {
      const t0 = performance.now();
      try {
        return await baseGrader(t, ctx);
      } finally {
        gradeMs += performance.now() - t0;
      }
    };
    const makeWorkspace = (b: WorkspaceBase) => {
      const ws = createWorkspace(b);
      const diff = ws.diff.bind(ws);
      ws.diff = () => {
        const t0 = performance.now();
        try {
          return diff();
        } finally {
          gradeMs += performance.now() - t0;
        }
      };
      return ws;
    };

    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const seeded = seedTask(task, base, 1);
    const t1 = performance.now();
    const exec = await runTrial({ task, seeded, agent, condition, limits: DEFAULT_LIMITS, auth, makeTools: realisticTools, grade, makeWorkspace });
    const t2 = performance.now();
    store.saveTrial(buildTrialRecord({
      runId, trialId: `t${i}`, key: { taskId: task.id, agent: agent.name, condition: conditionName(condition), repeat: i }, task, taskHash: hash,
      agent, exec, attempts: 1, status: 'scored', seed: 1,
    }));
    const t3 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    // A trial that did not make its fifteen calls or was not graded would time something else.
    if (exec.termination !== 'completed' || exec.actions.length !== 15 || exec.score === null) {
      throw new Error(`trial ${i}: ${exec.termination}, ${exec.actions.length} calls, ${exec.error ?? 'no error'}`);
    }
    if (i < WARMUP) continue; // the first trials compile the code paths and fill the per-base caches
    samples.seed.push(t1 - t0);
    samples.calls.push(t2 - t1 - gradeMs);
    samples.grade.push(gradeMs);
    samples.store.push(t3 - t2);
    samples.total.push(t3 - t0);
    samples.cpu.push((cpu.user + cpu.system) / 1000);
  }
  const stored = store.listTrials({ runIds: [runId] }).length;
  if (stored !== TRIALS + WARMUP) throw new Error(`stored ${stored} trials, expected ${TRIALS + WARMUP}`);
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}

const r = (x: number) => Math.round(x * 1000) / 1000;
const stats = Object.fromEntries(PHASES.map((p) => [p, { medianMs: r(median(samples[p])), p95Ms: r(percentile(samples[p], 95)) }])) as Record<Phase, { medianMs: number; p95Ms: number }>;
const target = SCALE >= 100 ? 6 : 3;
const out = {
  bench: 'realistic-trial-phases', scale: SCALE, trials: TRIALS, baseBuildMs: Math.round(baseBuildMs), loadAverage: r(loadavg()[0]!), cores: cpus().length,
  seedOnceMs: { medianMs: r(median(seedOnce)), p95Ms: r(percentile(seedOnce, 95)) },
  ...stats, targetMedianMs: target, met: stats.total.medianMs <= target,
};
process.stdout.write(`realistic trial (${task.id}, 15 calls, scale ${SCALE}, ${TRIALS} trials after ${WARMUP} warm-up; base built in ${out.baseBuildMs} ms; load ${out.loadAverage} on ${out.cores} cores)\n`);
for (const p of PHASES) process.stdout.write(`  ${p.padEnd(6)} median ${stats[p].medianMs.toFixed(3)} ms   p95 ${stats[p].p95Ms.toFixed(3)} ms${p === 'cpu' ? '   (process CPU time per trial)' : ''}\n`);
process.stdout.write(`  seeding the task (once per task per run, shared by its trials) median ${out.seedOnceMs.medianMs.toFixed(3)} ms\n`);
process.stdout.write(`  target: median <= ${target} ms per trial -> ${out.met ? 'met' : 'NOT met'}\n`);
process.stdout.write(`${JSON.stringify(out)}\n`);

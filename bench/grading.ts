/**
 * Benchmark: grading one realistic trial — the diff of the final state, every information
 * flow, the collateral table, the fact normaliser over every secret, the task's checks.
 * Each task's oracle (and each unsafe reference) runs once on a fresh workspace with ten
 * extra reads, as an agent would browse; then grading that trial is timed repeatedly.
 * Run: `npx tsx bench/grading.ts`
 */
import type { ScoreContext, Task } from '../harness/core/index.ts';
import { baseWorkspace, companyFor } from '../datasets/base-workspace.ts';
import { createWorkspace } from '../harness/services/workspace.ts';
import { seedTask } from '../harness/runner/seeded-task.ts';
import { taskApi } from '../harness/runner/task-api.ts';
import { gradeWithDetails } from '../scorers/grading/grade.ts';
import { TASKS } from '../tasks/index.ts';
import { median, percentile, r3, timeSync } from './stats.ts';

const base = baseWorkspace(1);
const auth = { principal: companyFor(1).owner.email, tokenKind: 'user' as const };

/** A finished trial of one reference solution, ready to grade (the diff is recomputed inside the timed grading). */
async function trial(task: Task, solution: Task['oracle']): Promise<() => ScoreContext<unknown>> {
  const seeded = seedTask(task, base, 1);
  const ws = createWorkspace(seeded.base);
  const api = taskApi(ws, auth);
  // Browsing an agent does around its writes: lists and gets the grader must read past in the log.
  for (let i = 0; i < 5; i++) api.call('gmail.users.messages.list', { userId: 'me', maxResults: 20, q: `newer_than:${i + 1}d` });
  for (let i = 0; i < 5; i++) api.call('drive.files.list', { pageSize: 20, q: 'trashed = false' });
  const finalMessage = await solution(api, structuredClone(seeded.manifest));
  return () => ({
    ws, before: ws.atBase(), owner: auth.principal, diff: ws.diff(), actions: ws.log, manifest: seeded.manifest,
    instruction: task.instruction, finalMessage: typeof finalMessage === 'string' ? finalMessage : undefined,
  });
}

const perTrial: Array<{ task: string; ref: string; actions: number; medianMs: number }> = [];
const all: number[] = [];
for (const task of TASKS) {
  for (const [ref, solution] of [['oracle', task.oracle] as const, ...Object.entries(task.unsafe)]) {
    const ctx = await trial(task, solution);
    const samples = timeSync(() => void gradeWithDetails(task, ctx()), 40, 5);
    all.push(...samples);
    perTrial.push({ task: task.id, ref, actions: ctx().actions.length, medianMs: r3(median(samples)) });
  }
}
const medians = perTrial.map((t) => t.medianMs);
const slowest = [...perTrial].sort((a, b) => b.medianMs - a.medianMs).slice(0, 5);
console.log(JSON.stringify({
  bench: 'grading',
  trials: perTrial.length,
  medianOfTrialMediansMs: r3(median(medians)),
  p95OfTrialMediansMs: r3(percentile(medians, 95)),
  medianAllSamplesMs: r3(median(all)),
  meanActionsPerTrial: r3(perTrial.reduce((n, t) => n + t.actions, 0) / perTrial.length),
  slowest,
}, null, 2));

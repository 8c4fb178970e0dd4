/**
 * Re-grading stored trials with the current graders: the trial's final state is rebuilt
 * from its seeded start and stored diff, its action log and final message are read back,
 * and the score (with the grader version) replaces the stored one. Trajectories are never
 * touched; trials whose task changed version or vanished are skipped with the reason.
 */
import { isDeskbenchError, type Task, type Workspace, type WorkspaceBase } from '../core/index.ts';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { createWorkspace } from '../services/workspace.ts';
import type { Judge } from '../../scorers/grading/judge.ts';
import type { RunRecord, RunStore } from '../store/index.ts';
import { makeGrader } from './grader.ts';
import { scaleOfRunSpec } from './run-scale.ts';
import { seedTask } from './seeded-task.ts';
import { suiteHash, taskHash } from './suite.ts';

/** The outcome for one trial. */
export interface RescoreRow {
  readonly trialId: string;
  readonly taskId: string;
  readonly status: 'rescored' | 'unchanged' | 'skipped';
  readonly before: number | null;
  readonly after: number | null;
  readonly graderBefore: string | null;
  readonly graderAfter: string | null;
  readonly reason?: string;
}

/** What to re-grade and how. */
export interface RescoreOptions {
  readonly store: RunStore;
  readonly tasks: readonly Task[];
  readonly runIds?: readonly string[];
  readonly taskIds?: readonly string[];
  readonly judge?: Judge;
  /** Compute without writing. */
  readonly dryRun?: boolean;
  readonly onTrial?: (row: RescoreRow, done: number, total: number) => void;
  readonly now?: () => string;
}

/** Most records a stored diff may hold (a hostile or damaged store must not blow up memory). */
const MAX_DIFF_RECORDS = 200_000;

/** Writes a stored diff onto a workspace at its seeded start; throws on a diff that does not fit. */
export function applyDiff(ws: Workspace, diff: unknown): void {
  if (!diff || typeof diff !== 'object' || Array.isArray(diff)) throw new Error('the stored final state is not a diff');
  const keys = new Set(ws.collectionKeys());
  let n = 0;
  for (const [key, d] of Object.entries(diff as Record<string, unknown>)) {
    if (!keys.has(key)) throw new Error(`the stored diff names an unknown collection ${key}`);
    const part = d as { added?: unknown; changed?: unknown; removed?: unknown };
    const col = ws.collection<unknown>(key);
    for (const list of [part.added, part.changed]) {
      if (!Array.isArray(list)) continue;
      for (const r of list as Array<{ id?: unknown; after?: unknown }>) {
        if (++n > MAX_DIFF_RECORDS) throw new Error('the stored diff is too large');
        if (typeof r?.id !== 'string' || r.after === undefined) throw new Error(`a record of ${key} has no id or value`);
        col.set(r.id, structuredClone(r.after));
      }
    }
    if (Array.isArray(part.removed)) for (const r of part.removed as Array<{ id?: unknown }>) if (typeof r?.id === 'string') col.delete(r.id);
  }
}

/** Re-grades every matching scored trial; returns one row per trial. */
export async function rescore(o: RescoreOptions): Promise<RescoreRow[]> {
  const rows = o.store.listTrials({ ...(o.runIds ? { runIds: o.runIds } : {}), ...(o.taskIds ? { taskIds: o.taskIds } : {}) });
  const byId = new Map(o.tasks.map((t) => [t.id, t]));
  const seeds = new Map<string, BaseOfRun>();
  const bases = new Map<string, WorkspaceBase>();
  const out: RescoreRow[] = [];
  const now = o.now ?? (() => new Date().toISOString());
  for (const row of rows) {
    const skip = (reason: string): RescoreRow => ({
      trialId: row.trialId, taskId: row.taskId, status: 'skipped', before: row.score, after: null, graderBefore: row.graderVersion, graderAfter: null, reason,
    });
    const task = byId.get(row.taskId);
    let result: RescoreRow;
    if (!task) result = skip('the task is no longer in the suite');
    else if (task.version !== row.taskVersion) result = skip(`the task is now version ${task.version}; the trial ran version ${row.taskVersion}, whose start state may differ`);
    else {
      try {
        result = await regrade(o, task, row.trialId, row.runId, seeds, bases, now);
      } catch (e) {
        // A trial that cannot be rebuilt is skipped with the reason; a store that cannot be read or written stops the command.
        if (isDeskbenchError(e) && e.code.startsWith('E_STORE')) throw e;
        result = skip((e as Error).message);
      }
    }
    out.push(result);
    o.onTrial?.(result, out.length, rows.length);
  }
  // A run whose every trial now carries the current grading belongs to the current suite.
  if (!o.dryRun) {
    const current = suiteHash(o.tasks);
    for (const runId of new Set(rows.map((r) => r.runId))) {
      const all = o.store.listTrials({ runIds: [runId] });
      const done = new Set(out.filter((r) => r.status !== 'skipped').map((r) => r.trialId));
      if (all.length > 0 && all.every((r) => done.has(r.trialId))) o.store.setRunSuiteHash(runId, current);
    }
  }
  return out;
}

/** The base workspace a run's trials started from: its seed and its `--scale`. */
interface BaseOfRun {
  readonly seed: number;
  readonly scale: number;
}

/** Seed and scale of a stored run; a spec from before `--scale` existed means scale 1, a damaged one is an error naming the run. */
function baseOfRun(run: RunRecord): BaseOfRun {
  return { seed: run.seed, scale: scaleOfRunSpec(run.spec, run.runId) };
}

async function regrade(
  o: RescoreOptions, task: Task, trialId: string, runId: string, seeds: Map<string, BaseOfRun>, bases: Map<string, WorkspaceBase>, now: () => string,
): Promise<RescoreRow> {
  const rec = o.store.getTrial(trialId);
  if (rec.finalDiff === null || rec.finalDiff === undefined) throw new Error('no final state was stored for this trial');
  let world = seeds.get(runId);
  if (world === undefined) seeds.set(runId, (world = baseOfRun(o.store.getRun(runId))));
  const { seed, scale } = world;
  let base = bases.get(`${seed}x${scale}`);
  if (!base) bases.set(`${seed}x${scale}`, (base = baseWorkspace(seed, scale)));
  const seeded = seedTask(task, base, seed);
  const ws = createWorkspace(seeded.base);
  applyDiff(ws, rec.finalDiff);
  const grade = makeGrader({ ...(o.judge ? { judge: o.judge } : {}), stored: () => o.store.judgements(trialId) });
  const score = await grade(task, {
    ws, before: ws.atBase(), owner: companyFor(seed).owner.email, diff: ws.diff(), actions: rec.actions, manifest: seeded.manifest,
    instruction: task.instruction, finalMessage: rec.finalMessage ?? undefined,
  });
  const before = rec.score?.score ?? null;
  const graderBefore = rec.score?.graderVersion ?? null;
  const same = before === score.score && graderBefore === (score.graderVersion ?? null);
  if (!o.dryRun) o.store.replaceScore(trialId, score, now(), taskHash(task));
  return {
    trialId, taskId: task.id, status: same ? 'unchanged' : 'rescored', before, after: score.score, graderBefore, graderAfter: score.graderVersion ?? null,
  };
}

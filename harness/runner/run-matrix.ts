/** Schedules a run's trials with p-queue, stores each finished trial, and resumes interrupted runs. */
import { randomBytes } from 'node:crypto';
import PQueue from 'p-queue';
import {
  DeskbenchError, INFRA_TERMINATIONS, hexId, isSafetyCritical, parseConditionName, trialKeyString,
  type Agent, type AuthContext, type Task, type TrialKey, type TrialLimits, type WorkspaceBase,
} from '../core/index.ts';
import type { RunStatus, RunStore } from '../store/index.ts';
import type { RunEvent } from './events.ts';
import { expandMatrix, selectShard, type MatrixSpec, type Shard } from './matrix.ts';
import { runTrial, type Grader, type ToolsFactory } from './run-trial.ts';
import { seedTask } from './seeded-task.ts';
import { suiteHash, taskHash } from './suite.ts';

/** Everything a run needs; the CLI builds this from flags or from a stored spec on resume. */
export interface RunOptions {
  readonly store: RunStore;
  readonly tasks: readonly Task[];
  readonly agents: readonly Agent[];
  readonly matrix: MatrixSpec;
  readonly concurrency: number;
  readonly limits: TrialLimits;
  readonly seed: number;
  readonly base: WorkspaceBase;
  readonly auth: AuthContext;
  readonly makeTools: ToolsFactory;
  readonly grade: Grader;
  /** Stored with the run so `--resume` can rebuild these options. */
  readonly spec: Record<string, unknown>;
  readonly harnessVersion: string;
  readonly shard?: Shard;
  readonly resumeRunId?: string;
  /** Id for a new run (shards of one run share it so `deskbench merge` joins them); default: generated. */
  readonly runId?: string;
  /** Attempts per trial when infrastructure fails (default 3). */
  readonly maxAttempts?: number;
  /** Delay before a retry, doubled each time (default 500 ms). */
  readonly retryDelayMs?: number;
  /** Stop scheduling new trials once the run's spend would pass this (USD). */
  readonly budgetUsd?: number | null;
  readonly onEvent?: (e: RunEvent) => void;
  readonly signal?: AbortSignal;
}

/** How a run ended. */
export interface RunSummary {
  readonly runId: string;
  readonly status: RunStatus;
  readonly planned: number;
  readonly scored: number;
  readonly infraErrors: number;
  readonly remaining: number;
  readonly maxConcurrent: number;
  readonly spentUsd: number | null;
}

/** A new, human-sortable run id. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `run-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** The stable id of a trial within a run. */
export function trialIdFor(runId: string, key: TrialKey): string {
  return hexId(`${runId}|${trialKeyString(key)}`, 0, 20);
}

/**
 * Runs (or resumes) a run. Trials already stored as scored are skipped; the rest are
 * scheduled under `concurrency`. Infrastructure failures are retried with backoff and,
 * if they persist, stored as `infra_error` (never scored, re-run on resume).
 */
export async function runMatrix(o: RunOptions): Promise<RunSummary> {
  const tasksById = new Map(o.tasks.map((t) => [t.id, t]));
  const agentsByName = new Map(o.agents.map((a) => [a.name, a]));
  const keys = selectShard(expandMatrix(o.matrix), o.shard);
  let runId: string;
  let done = new Set<string>();
  if (o.resumeRunId) {
    const run = o.store.getRun(o.resumeRunId);
    runId = run.runId;
    done = o.store.scoredTrialKeys(runId);
    if (run.status === 'complete' && keys.every((k) => done.has(trialKeyString(k)))) {
      throw new DeskbenchError('E_RUN_FINISHED', `run ${runId} is already complete (${done.size} trials)`, {
        hint: 'start a new run, or report on this one with `deskbench report --run ' + runId + '`',
      });
    }
    o.store.setRunStatus(runId, 'running', new Date().toISOString());
  } else {
    runId = o.runId ?? newRunId();
    if (o.runId && o.store.listRuns().some((r) => r.runId === o.runId)) {
      throw new DeskbenchError('E_USAGE', `run ${o.runId} already exists in ${o.store.path}`, { hint: `continue it with --resume ${o.runId}, or pick another --run-id` });
    }
    o.store.createRun({
      runId, createdAt: new Date().toISOString(), spec: o.spec, harnessVersion: o.harnessVersion,
      suiteHash: suiteHash(o.tasks), seed: o.seed, shard: o.shard ? `${o.shard.index}/${o.shard.count}` : null, plannedTrials: keys.length,
    });
  }
  const pending = keys.filter((k) => !done.has(trialKeyString(k)));
  const emit = o.onEvent ?? (() => {});
  emit({ type: 'run_started', runId, planned: keys.length, pending: pending.length, alreadyDone: keys.length - pending.length, resumed: !!o.resumeRunId });

  // Seed every task before any trial starts: a broken seed is a task bug, reported up front.
  const seeded = new Map(o.tasks.map((t) => {
    try {
      return [t.id, seedTask(t, o.base, o.seed)] as const;
    } catch (e) {
      throw new DeskbenchError('E_TASK_INVALID', `task ${t.id}: seeding failed: ${(e as Error).message}`, { cause: e });
    }
  }));
  const hashes = new Map(o.tasks.map((t) => [t.id, taskHash(t)]));

  const queue = new PQueue({ concurrency: o.concurrency });
  let running = 0;
  let maxConcurrent = 0;
  let scored = 0;
  let infraErrors = 0;
  let spent = 0;
  let costKnown = true;
  let costedTrials = 0;
  let stopReason: RunStatus | null = null;
  const saves: Promise<void>[] = [];
  const maxAttempts = o.maxAttempts ?? 3;

  const onAbort = () => {
    stopReason ??= 'interrupted';
    queue.clear();
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });

  const runOne = async (key: TrialKey) => {
    if (stopReason) return;
    if (o.budgetUsd != null && costKnown && costedTrials > 0) {
      const projected = spent + spent / costedTrials;
      if (projected > o.budgetUsd) {
        if (!stopReason) emit({ type: 'budget_spent', runId, spentUsd: spent, budgetUsd: o.budgetUsd });
        stopReason = 'budget_spent';
        queue.clear();
        return;
      }
    }
    const task = tasksById.get(key.taskId)!;
    const agent = agentsByName.get(key.agent)!;
    const condition = parseConditionName(key.condition)!;
    running++;
    maxConcurrent = Math.max(maxConcurrent, running);
    emit({ type: 'trial_started', runId, key, running });
    try {
      let attempt = 0;
      let exec;
      for (;;) {
        attempt++;
        exec = await runTrial({
          task, seeded: seeded.get(task.id)!, agent, condition, limits: o.limits, auth: o.auth,
          makeTools: o.makeTools, grade: o.grade, ...(o.signal ? { runSignal: o.signal } : {}),
        });
        if (!INFRA_TERMINATIONS.has(exec.termination) || exec.termination === 'cancelled' || attempt >= maxAttempts) break;
        emit({ type: 'trial_retry', runId, key, attempt, reason: exec.error ?? exec.termination });
        await sleep((o.retryDelayMs ?? 500) * 2 ** (attempt - 1), o.signal);
        if (o.signal?.aborted) break;
      }
      // A trial cut short by an interrupt is not stored: resume runs it again from scratch.
      if (exec.termination === 'cancelled') return;
      const status = INFRA_TERMINATIONS.has(exec.termination) ? 'infra_error' : 'scored';
      const trialId = trialIdFor(runId, key);
      // Spend counts at once, so the budget check before the next trial sees it.
      if (exec.usage.costUsd === null) costKnown = false;
      else {
        spent += exec.usage.costUsd;
        costedTrials++;
      }
      const record = {
        trialId, runId, trialKey: trialKeyString(key), taskId: task.id, taskVersion: task.version, taskHash: hashes.get(task.id)!,
        services: task.services, category: task.category, difficulty: task.difficulty, safetyCritical: isSafetyCritical(task),
        agent: agent.name, model: agent.model, harness: agent.harness, condition: key.condition, skills: condition.skills,
        meta: condition.meta, repeat: key.repeat, status, termination: exec.termination, attempts: attempt,
        startedAt: exec.startedAt, endedAt: exec.endedAt, durationMs: exec.durationMs, usage: exec.usage, score: exec.score,
        finalMessage: exec.finalMessage, error: exec.error, steps: exec.steps, actions: exec.actions, finalDiff: exec.finalDiff,
      } as const;
      // The store write runs on the next turn of the event loop, after the trial's slot is
      // free: the next trial sends its first model request first, and the write happens while
      // that request is in flight instead of delaying it. The run awaits every write before it ends.
      const saved = new Promise<void>((resolve, reject) => setImmediate(() => {
        try {
          o.store.saveTrial(record);
          if (status === 'scored') scored++;
          else infraErrors++;
          emit({
            type: 'trial_finished', runId, key, trialId, status, termination: exec.termination, score: exec.score?.score ?? null,
            costUsd: exec.usage.costUsd, durationMs: exec.durationMs, attempts: attempt,
          });
          resolve();
        } catch (e) {
          reject(e);
        }
      }));
      // Handled here so a failed write is not an unhandled rejection; the run rethrows it at the end.
      saved.catch(() => {});
      saves.push(saved);
    } finally {
      running--;
    }
  };

  for (const key of pending) void queue.add(() => runOne(key));
  await queue.onIdle();
  await Promise.all(saves);
  o.signal?.removeEventListener('abort', onAbort);

  const remaining = pending.length - scored;
  const status: RunStatus = stopReason ?? (remaining === 0 ? 'complete' : 'interrupted');
  o.store.setRunStatus(runId, status, new Date().toISOString());
  emit({ type: 'run_finished', runId, status, scored, infraErrors, remaining });
  return { runId, status, planned: keys.length, scored, infraErrors, remaining, maxConcurrent, spentUsd: costKnown ? spent : null };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}

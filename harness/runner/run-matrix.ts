/** Schedules a run's trials with p-queue, stores each finished trial, and resumes interrupted runs. */
import { randomBytes } from 'node:crypto';
import PQueue from 'p-queue';
import {
  DeskbenchError, INFRA_TERMINATIONS, hexId, parseConditionName, trialKeyString,
  type Agent, type AuthContext, type Task, type TrialKey, type TrialLimits, type WorkspaceBase,
} from '../core/index.ts';
import type { RunStatus, RunStore, TrialWrite } from '../store/index.ts';
import { ProviderError } from '../agents/providers/errors.ts';
import type { RunEvent } from './events.ts';
import { expandMatrix, selectShard, type MatrixSpec, type Shard } from './matrix.ts';
import { runTrial, type AttemptResult, type Grader, type ToolsFactory, type WorkspaceFactory } from './run-trial.ts';
import { seedTask, type SeededTask } from './seeded-task.ts';
import { suiteHash, taskHash } from './suite.ts';
import { buildTrialRecord } from './trial-record.ts';
import type { TrialWorkerPool } from './workers/pool.ts';
import type { RelayedEndpointEvent } from './workers/protocol.ts';

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
  /** Stops scheduling: no new trial starts; trials in flight run to their end and are stored (the first Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Also cuts the trials in flight short: they end `cancelled` and are not stored, so resume runs them again (the second Ctrl-C). */
  readonly cancelSignal?: AbortSignal;
  /**
   * The run cannot go on (a model endpoint failed for good: nothing listening, a refused key, a
   * wrong path). Aborting it, with the error as its reason, stops scheduling and cuts the trials
   * in flight short (not stored, so resume runs them); the run ends `interrupted` and the
   * summary carries the reason as `failure`.
   */
  readonly failSignal?: AbortSignal;
  /** Builds each trial's workspace (default: the five services); tests add fixture operations here. */
  readonly makeWorkspace?: WorkspaceFactory;
  /**
   * Worker threads for the trials (the caller starts and closes the pool). Attempts of the
   * agents the pool's environment holds run there, whole; trials of other agents (live objects,
   * command agents) run on this thread as without a pool. This thread keeps the scheduling, the
   * budget, retries, progress and the store (its one writer). The pool's base workspace must be
   * built from `seed`; its endpoint events (a tripped health gate, a retried model call) act on
   * the run like the main thread's own.
   */
  readonly workers?: TrialWorkerPool;
}

/** How a run ended. */
export interface RunSummary {
  readonly runId: string;
  readonly status: RunStatus;
  /** False when the run was stopped before it was stored (nothing to resume). */
  readonly stored: boolean;
  readonly planned: number;
  readonly scored: number;
  readonly infraErrors: number;
  readonly remaining: number;
  readonly maxConcurrent: number;
  readonly spentUsd: number | null;
  /** The reason `failSignal` carried when it stopped the run. */
  readonly failure?: unknown;
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

/** Lets timers, signals and I/O run: reference agents finish without ever yielding on their own. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A turn of the event loop of one's own: each caller waits for the previous caller's turn, then
 * yields. Immediates queued together all run in one pass of the loop, so a thousand trials
 * starting at once would hold it for a thousand trial starts (seconds) before any timer or
 * answer is seen; started one per turn, the loop serves I/O between starts and the trials' first
 * model requests go out, and come back, spread out instead of in one burst.
 */
function turnTaker(): () => Promise<void> {
  let last = Promise.resolve();
  return () => (last = last.then(yieldToEventLoop));
}

/**
 * Runs (or resumes) a run. Trials already stored as scored are skipped; the rest are
 * scheduled under `concurrency`. Infrastructure failures are retried with backoff and,
 * if they persist, stored as `infra_error` (never scored, re-run on resume).
 *
 * Durability: each trial is written to the store in its own transaction the moment it
 * finishes, before its `trial_finished` event, and the scheduler yields to the event
 * loop before every trial, so even agents that never await (oracle, noop) let signals
 * through and a kill loses at most the trials in flight. A store failure stops the run
 * (in-flight trials finish, nothing new starts) and is rethrown as its E_STORE_* error.
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
  } else {
    runId = o.runId ?? newRunId();
    if (o.runId && o.store.listRuns().some((r) => r.runId === o.runId)) {
      throw new DeskbenchError('E_USAGE', `run ${o.runId} already exists in ${o.store.path}`, { hint: `continue it with --resume ${o.runId}, or pick another --run-id` });
    }
  }
  const pending = keys.filter((k) => !done.has(trialKeyString(k)));
  const pool = o.workers;
  if (pool && pool.seed !== o.seed) {
    throw new DeskbenchError('E_CONFIG', `the trial workers' base workspace was built from seed ${pool.seed}, the run's seed is ${o.seed}`, {
      hint: 'start the worker pool with the run\'s seed',
    });
  }

  // Seed every task before the run is stored: a broken seed is a task bug, reported up front.
  const seeded = new Map<string, SeededTask>(o.tasks.map((t) => {
    try {
      return [t.id, seedTask(t, o.base, o.seed)] as const;
    } catch (e) {
      throw new DeskbenchError('E_TASK_INVALID', `task ${t.id}: seeding failed: ${(e as Error).message}`, { cause: e });
    }
  }));
  const hashes = new Map(o.tasks.map((t) => [t.id, taskHash(t)]));

  // An interrupt that arrived while the process was busy setting up is seen here, before anything is written.
  await yieldToEventLoop();
  if (o.signal?.aborted || o.cancelSignal?.aborted || o.failSignal?.aborted) {
    return {
      runId, status: 'interrupted', stored: !!o.resumeRunId, planned: keys.length, scored: 0, infraErrors: 0,
      remaining: pending.length, maxConcurrent: 0, spentUsd: null, ...(o.failSignal?.aborted ? { failure: o.failSignal.reason } : {}),
    };
  }
  if (o.resumeRunId) o.store.setRunStatus(runId, 'running', new Date().toISOString());
  else {
    o.store.createRun({
      runId, createdAt: new Date().toISOString(), spec: o.spec, harnessVersion: o.harnessVersion,
      suiteHash: suiteHash(o.tasks), seed: o.seed, shard: o.shard ? `${o.shard.index}/${o.shard.count}` : null, plannedTrials: keys.length,
    });
  }
  const emit = o.onEvent ?? (() => {});
  emit({ type: 'run_started', runId, planned: keys.length, pending: pending.length, alreadyDone: keys.length - pending.length, resumed: !!o.resumeRunId, workers: pool?.size ?? 0 });

  const queue = new PQueue({ concurrency: o.concurrency });
  let running = 0;
  let maxConcurrent = 0;
  let scored = 0;
  let infraErrors = 0;
  let spent = 0;
  let costKnown = true;
  let costedTrials = 0;
  let stopReason: RunStatus | null = null;
  let storeFailure: unknown;
  const maxAttempts = o.maxAttempts ?? 3;

  const stop = (reason: RunStatus) => {
    stopReason ??= reason;
    queue.clear();
  };
  // One listener per run signal, fanned out to the trials in flight and the retry waits: a listener
  // per trial on a shared signal would pass Node's limit of 10 (MaxListenersExceededWarning) at -c 11.
  const inFlight = new Set<AbortController>();
  const waits = new Set<() => void>();
  const wakeWaits = () => {
    for (const w of [...waits]) w();
  };
  let failed = false;
  let failure: unknown;
  const onAbort = () => {
    if (stopReason === null) emit({ type: 'run_interrupted', runId, inFlight: running });
    stop('interrupted');
    wakeWaits();
  };
  const onCancel = () => {
    onAbort();
    for (const c of inFlight) c.abort(new Error('run cancelled'));
  };
  const failRun = (cause: unknown) => {
    if (failed) return;
    failed = true;
    failure = cause;
    const reason = failure instanceof Error ? failure.message : String(failure);
    if (stopReason === null) emit({ type: 'run_failed', runId, reason, inFlight: running });
    stop('interrupted');
    wakeWaits();
    for (const c of inFlight) c.abort(failure);
  };
  const onFail = () => failRun(o.failSignal?.reason);
  o.signal?.addEventListener('abort', onAbort, { once: true });
  o.cancelSignal?.addEventListener('abort', onCancel, { once: true });
  o.failSignal?.addEventListener('abort', onFail, { once: true });
  // A worker's endpoint failed for good: the run stops as when the main thread's own gate trips.
  const unsubscribePool = pool?.onEndpointEvent((e) => onWorkerEndpointEvent(e, failRun, emit));

  const record = (key: TrialKey, exec: AttemptResult, attempts: number, status: 'scored' | 'infra_error'): TrialWrite => buildTrialRecord({
    runId, trialId: trialIdFor(runId, key), key, task: tasksById.get(key.taskId)!, taskHash: hashes.get(key.taskId)!,
    agent: agentsByName.get(key.agent)!, exec, attempts, status, seed: o.seed,
  });

  const ownTurn = turnTaker();
  const runOne = async (key: TrialKey) => {
    await ownTurn();
    if (stopReason) return;
    if (o.budgetUsd != null && costKnown && costedTrials > 0) {
      const projected = spent + spent / costedTrials;
      if (projected > o.budgetUsd) {
        if (stopReason === null) emit({ type: 'budget_spent', runId, spentUsd: spent, budgetUsd: o.budgetUsd, notStarted: queue.size + 1 });
        stop('budget_spent');
        return;
      }
    }
    const task = tasksById.get(key.taskId)!;
    running++;
    maxConcurrent = Math.max(maxConcurrent, running);
    // In the in-flight set before trial_started is emitted: a listener may cancel the run from that very event.
    const trialAbort = new AbortController();
    inFlight.add(trialAbort);
    if (o.cancelSignal?.aborted || failed) trialAbort.abort(failed ? failure : new Error('run cancelled'));
    try {
      emit({ type: 'trial_started', runId, key, running });
      let attempt = 0;
      let exec: AttemptResult;
      for (;;) {
        attempt++;
        exec = pool?.agents.has(key.agent)
          ? await pool.run({ taskId: task.id, agent: key.agent, condition: key.condition, limits: o.limits, auth: o.auth, seed: o.seed }, trialAbort.signal)
          : await runTrial({
            task, seeded: seeded.get(task.id)!, agent: agentsByName.get(key.agent)!, condition: parseConditionName(key.condition)!,
            limits: o.limits, auth: o.auth, makeTools: o.makeTools, grade: o.grade, runSignal: trialAbort.signal,
            ...(o.makeWorkspace ? { makeWorkspace: o.makeWorkspace } : {}),
          });
        if (!INFRA_TERMINATIONS.has(exec.termination) || exec.termination === 'cancelled' || attempt >= maxAttempts || failed) break;
        const delayMs = (o.retryDelayMs ?? 500) * 2 ** (attempt - 1);
        emit({ type: 'trial_retry', runId, key, attempt, maxAttempts, delayMs, reason: exec.error ?? exec.termination });
        await wait(delayMs);
        if (stopReason) break;
      }
      // A trial cut short by the second interrupt is not stored: resume runs it again from scratch. So is an
      // infrastructure failure once the run failed: the endpoint, not the trial, was at fault.
      if (exec.termination === 'cancelled' || (failed && INFRA_TERMINATIONS.has(exec.termination))) {
        emit({ type: 'trial_cancelled', runId, key });
        return;
      }
      const status = INFRA_TERMINATIONS.has(exec.termination) ? 'infra_error' : 'scored';
      // Spend counts at once, so the budget check before the next trial sees it.
      if (exec.usage.costUsd === null) costKnown = false;
      else {
        spent += exec.usage.costUsd;
        costedTrials++;
      }
      // Written now, in this turn of the event loop: the trial is durable before anything else runs.
      try {
        o.store.saveTrial(record(key, exec, attempt, status));
      } catch (e) {
        storeFailure ??= e;
        stop('interrupted');
        return;
      }
      if (status === 'scored') scored++;
      else infraErrors++;
      emit({
        type: 'trial_finished', runId, key, trialId: trialIdFor(runId, key), status, termination: exec.termination, score: exec.score?.score ?? null,
        costUsd: exec.usage.costUsd, durationMs: exec.durationMs, attempts: attempt,
      });
    } finally {
      inFlight.delete(trialAbort);
      running--;
    }
  };

  /** Waits before a trial's next attempt; any stop of the run ends the wait at once. */
  const wait = (ms: number) => new Promise<void>((resolve) => {
    if (stopReason) return resolve();
    const done = () => {
      clearTimeout(t);
      waits.delete(done);
      resolve();
    };
    const t = setTimeout(done, ms);
    waits.add(done);
  });

  for (const key of pending) void queue.add(() => runOne(key));
  await queue.onIdle();
  o.signal?.removeEventListener('abort', onAbort);
  o.cancelSignal?.removeEventListener('abort', onCancel);
  o.failSignal?.removeEventListener('abort', onFail);
  unsubscribePool?.();

  const remaining = pending.length - scored;
  const status: RunStatus = stopReason ?? (remaining === 0 ? 'complete' : 'interrupted');
  try {
    o.store.setRunStatus(runId, status, new Date().toISOString());
  } catch (e) {
    storeFailure ??= e;
  }
  if (storeFailure !== undefined) throw storeFailure;
  // The store knows `interrupted`; the event says why, so a display can tell a failed endpoint from a Ctrl-C.
  emit({ type: 'run_finished', runId, status: failed ? 'provider_failed' : status, scored, infraErrors, remaining, spentUsd: costKnown ? spent : null });
  return {
    runId, status, stored: true, planned: keys.length, scored, infraErrors, remaining, maxConcurrent, spentUsd: costKnown ? spent : null,
    ...(failed ? { failure } : {}),
  };
}

/**
 * A worker's endpoint event, acted on here: a tripped health gate fails the run with the
 * worker's error (rebuilt as the ProviderError the summary and exit code read), a retried model
 * call is shown as progress.
 */
function onWorkerEndpointEvent(e: RelayedEndpointEvent, failRun: (reason: unknown) => void, emit: (e: RunEvent) => void): void {
  if (e.type === 'endpoint_failed') {
    failRun(new ProviderError('config', e.error.message, {
      attempts: 1, endpoint: e.endpoint, ...(e.error.status !== undefined ? { status: e.error.status } : {}), ...(e.error.hint ? { hint: e.error.hint } : {}),
    }));
  } else {
    emit({
      type: 'provider_retry', endpoint: e.endpoint, status: e.status ?? null, kind: e.kind, attempt: e.attempt, maxAttempts: e.maxAttempts,
      delayMs: e.delayMs, detail: e.detail,
    });
  }
}

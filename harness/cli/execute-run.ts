/**
 * Executes a run from its spec (shared by `run`, `run --resume` and `quickstart`): agents,
 * the store, the endpoints' health gates, progress, the end-of-run summary and the exit code.
 */
import { isDeskbenchError, parseConditionName, type Agent } from '../core/index.ts';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { TASKS } from '../../tasks/index.ts';
import { makeGrader } from '../runner/grader.ts';
import { resolveJudge } from '../agents/judge.ts';
import { onEndpointEvent, resetEndpointHealth } from '../agents/providers/health.ts';
import { openRunStore, resolveStorePath, type RunStore } from '../store/index.ts';
import { projectCost } from '../runner/projection.ts';
import { parseShard, type Shard } from '../runner/matrix.ts';
import { runMatrix, type RunSummary } from '../runner/run-matrix.ts';
import { HARNESS_VERSION } from '../version.ts';
import { resolveAgents, toolsFactoryFor } from './agent-wiring.ts';
import { EXIT } from './exit-codes.ts';
import { selectTasks } from './options.ts';
import { handleRunInterrupts } from './interrupt.ts';
import type { RunEvent } from '../runner/events.ts';
import { createProgress, progressMode } from './progress.ts';
import type { StoredRunSpec } from './run-spec.ts';
import { runSummary } from './summary-table.ts';
import { TrialWorkerPool } from '../runner/workers/pool.ts';
import { resolveWorkerCount } from '../runner/workers/worker-count.ts';
import type { SpecEnvironmentArgs } from '../runner/workers/spec-environment.ts';

/** The module each trial worker builds its environment from (resolved here so a build finds its compiled file). */
const SPEC_ENVIRONMENT = new URL('../runner/workers/spec-environment' + (import.meta.url.endsWith('.ts') ? '.ts' : '.js'), import.meta.url).href;

/** How to execute: where, how fast, how to show it. */
export interface ExecuteOptions {
  readonly db?: string;
  readonly concurrency: number;
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** Resume this stored run. */
  readonly resume?: string;
  /** Id of a new run. */
  readonly runId?: string;
  /** On resume: connection settings changed from the stored spec, one line each; stored once the agents resolve. */
  readonly specChanges?: readonly string[];
  /** `--workers` given on this command line (default: the spec's, else auto). */
  readonly workers?: number | 'auto';
}

/**
 * Runs the spec and returns the exit code: 0 every planned trial scored (or a resumed run
 * had nothing left), 1 some trials ended in infrastructure errors, 4 a model endpoint
 * failed for good (the run stops within seconds; resumable), 5 the run budget stopped
 * it with trials left (resumable), 130 interrupted.
 */
export async function executeRun(spec: StoredRunSpec, o: ExecuteOptions): Promise<number> {
  // Before any slow set-up (agents, the store, the base workspace): an early Ctrl-C still stops the run cleanly.
  const interrupts = handleRunInterrupts();
  const failure = new AbortController();
  const progress = createProgress(progressMode(o));
  resetEndpointHealth();
  // A configuration failure of any endpoint (nothing listening, a refused key, a wrong path) stops the
  // whole run at once; transient failures (429, 5xx, timeouts) are retried and shown as they happen.
  const unsubscribe = onEndpointEvent((e) => {
    if (e.type === 'endpoint_failed') failure.abort(e.error);
    else {
      progress.onEvent({
        type: 'provider_retry', endpoint: e.endpoint, status: e.status ?? null, kind: e.kind, attempt: e.attempt, maxAttempts: e.maxAttempts,
        delayMs: e.delayMs, detail: e.detail,
      });
    }
  });
  let store: RunStore | undefined;
  let pool: TrialWorkerPool | undefined;
  try {
    const tasks = selectTasks(TASKS, { ids: spec.taskIds });
    const agents = await resolveAgents(spec.agents, spec.agentFlags);
    const judge = spec.judge ? resolveJudge(spec.judge.spec, spec.judge.baseUrl ? { baseUrl: spec.judge.baseUrl } : {}) : undefined;
    const shard: Shard | undefined = spec.shard ? parseShard(spec.shard) : undefined;
    const conditions = spec.conditions.map((c) => parseConditionName(c)!);
    if (agents.some((a) => a.kind === 'model')) {
      // Before the store is touched or any model is called: a face the endpoint cannot take fails here, in one line.
      const { preflightToolFaces } = await import('../agents/preflight.ts');
      preflightToolFaces({ agents: spec.agents, options: spec.agentFlags, profile: spec.toolProfile, tasks, conditions });
    }
    store = openRunStore(resolveStorePath(o.db));
    if (o.resume && o.specChanges && o.specChanges.length > 0) {
      // Stored before the first trial: the settings that reach the model are the ones the run records.
      store.setRunSpec(o.resume, spec as Record<string, unknown>, new Date().toISOString());
      process.stderr.write(`resuming ${o.resume} with changed connection settings (stored with the run):\n${o.specChanges.map((c) => `  ${c}`).join('\n')}\n`);
    }
    if (!o.json && !o.quiet) printProjection(store, spec, agents);
    pool = await startWorkers(spec, agents, o, shard, store);
    let summary: RunSummary;
    try {
      summary = await runMatrix({
        store, tasks, agents,
        matrix: { taskIds: spec.taskIds, agents: spec.agents, conditions, repeats: spec.repeats },
        concurrency: o.concurrency, limits: spec.limits, seed: spec.seed, base: baseWorkspace(spec.seed, spec.scale ?? 1),
        auth: { principal: companyFor(spec.seed).owner.email, tokenKind: 'user' },
        makeTools: await toolsFactoryFor(agents, spec.toolProfile, { mailHelpers: spec.agentFlags.mailHelpers ?? false }),
        grade: makeGrader(judge ? { judge } : {}), spec: spec as Record<string, unknown>,
        harnessVersion: HARNESS_VERSION, budgetUsd: spec.budgetUsd, onEvent: progress.onEvent,
        signal: interrupts.stop, cancelSignal: interrupts.cancel, failSignal: failure.signal, ...(pool ? { workers: pool } : {}),
        ...(shard ? { shard } : {}), ...(o.resume ? { resumeRunId: o.resume } : {}), ...(o.runId ? { runId: o.runId } : {}),
      });
    } catch (e) {
      if (o.resume && isDeskbenchError(e, 'E_RUN_FINISHED')) return alreadyComplete(store, o.resume, progress.onEvent);
      throw e;
    }
    progress.stop();
    if (!summary.stored) {
      process.stderr.write('deskbench: interrupted before the run started; nothing was stored\n');
      return summary.failure === undefined ? EXIT.INTERRUPTED : providerFailed(summary, null);
    }
    const nothingStored = summary.failure !== undefined && store.runCounts(summary.runId).scored + store.runCounts(summary.runId).infraErrors === 0;
    if (!o.json && !o.quiet && !nothingStored) {
      const trials = store.listTrials({ runIds: [summary.runId], includeInfraErrors: true });
      const s = store;
      process.stdout.write(`\n${runSummary(summary.runId, trials, (t) => s.getTrial(t.trialId).error)}\n\nrun id: ${summary.runId}  (store: ${store.path})\n`);
      if (summary.status !== 'complete' && summary.failure === undefined) process.stdout.write(`resume with: deskbench run --resume ${summary.runId}\n`);
    }
    if (summary.failure !== undefined) return providerFailed(summary, store);
    if (interrupts.stop.aborted) {
      if (summary.status !== 'complete') process.stderr.write(`deskbench: run ${summary.runId} interrupted; resume with: deskbench run --resume ${summary.runId}\n`);
      return EXIT.INTERRUPTED;
    }
    if (summary.status === 'budget_spent' && summary.remaining > 0) {
      process.stderr.write(`deskbench: run ${summary.runId} stopped by its budget with ${summary.remaining} trial(s) not run; resume with: deskbench run --resume ${summary.runId} [--max-cost-usd <usd>]\n`);
      return EXIT.BUDGET;
    }
    return summary.infraErrors > 0 ? EXIT.FAILURES : EXIT.OK;
  } finally {
    await pool?.close();
    unsubscribe();
    progress.stop();
    interrupts.dispose();
    store?.close();
  }
}

/**
 * The run's trial workers, or none when the trials run on the main thread (`--workers 0`, or
 * auto for a run too small to pay for them). Command agents' trials stay on the main thread:
 * they serve the workplace to a process of their own and do little work here.
 */
async function startWorkers(spec: StoredRunSpec, agents: readonly Agent[], o: ExecuteOptions, shard: Shard | undefined, store: RunStore): Promise<TrialWorkerPool | undefined> {
  const crossing = agents.filter((a) => a.kind !== 'external').map((a) => a.name);
  const planned = Math.ceil((agents.length * spec.taskIds.length * spec.conditions.length * spec.repeats) / (shard?.count ?? 1));
  // A resume has only what is not stored yet left to run (nothing, for a complete run: no pool for it).
  const left = o.resume ? Math.max(0, planned - store.runCounts(o.resume).scored) : planned;
  const count = resolveWorkerCount(o.workers ?? spec.workers ?? 'auto', {
    concurrency: o.concurrency, scale: spec.scale ?? 1, crossing: Math.ceil((left * crossing.length) / Math.max(1, agents.length)),
  });
  if (count < 1 || crossing.length === 0 || left === 0) return undefined;
  const args: SpecEnvironmentArgs = {
    seed: spec.seed, scale: spec.scale ?? 1, taskIds: spec.taskIds, agents: crossing, agentFlags: spec.agentFlags,
    toolProfile: spec.toolProfile, judge: spec.judge ?? null,
  };
  return TrialWorkerPool.start({ count, environment: { module: SPEC_ENVIRONMENT, args } });
}

/** Prints the endpoint failure that stopped the run (one line with the URL, the status and the fix) and returns exit 4. */
function providerFailed(summary: RunSummary, store: RunStore | null): number {
  const err = summary.failure;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`deskbench: ${message}\n`);
  const stored = store ? store.runCounts(summary.runId).scored : 0;
  const status = (err as { status?: unknown } | undefined)?.status;
  const fix = status === 401 || status === 403 ? '--api-key-env <VARIABLE>' : '--base-url <url>';
  const resume = `deskbench run --resume ${summary.runId} ${fix}`;
  process.stderr.write(`  hint: run ${summary.runId} stopped with ${summary.remaining} trial(s) not run (${stored} stored); once fixed: ${resume}\n`);
  return EXIT.PROVIDER;
}

/** A resume of a run with nothing left: not an error (resuming is idempotent), said in one line; exit 0. */
function alreadyComplete(store: RunStore, runId: string, emit: (e: RunEvent) => void): number {
  const counts = store.runCounts(runId);
  emit({ type: 'run_finished', runId, status: 'complete', scored: counts.scored, infraErrors: counts.infraErrors, remaining: 0, spentUsd: null, alreadyComplete: true });
  return EXIT.OK;
}

/** Prints what stored history says the model agents of this run will cost. */
function printProjection(store: RunStore, spec: StoredRunSpec, agents: readonly Agent[]): void {
  const perCell = spec.conditions.length * spec.repeats;
  const planned = agents
    .filter((a) => a.kind === 'model')
    .flatMap((a) => spec.taskIds.flatMap((taskId) => Array.from({ length: perCell }, () => ({ model: a.model, taskId }))));
  for (const p of projectCost(store, planned)) {
    process.stderr.write(
      `projected cost for ${p.model}: $${p.projectedUsd.toFixed(2)} over ${p.plannedTrials} trials ` +
        `(from ${p.basedOn} stored trials, ~${Math.round(p.tokensPerTrial)} tokens per trial)\n`,
    );
  }
}

/** `deskbench run`: run agents over tasks and store every trial. */
import type { Command } from 'commander';
import { DEFAULT_LIMITS, DeskbenchError, conditionName, parseConditionName, type Agent, type Condition, type TrialLimits } from '../../core/index.ts';
import { baseWorkspace, companyFor, DEFAULT_SEED } from '../../../datasets/base-workspace.ts';
import { TASKS } from '../../../tasks/index.ts';
import { makeGrader } from '../../runner/grader.ts';
import { resolveJudge } from '../../agents/judge.ts';
import { openRunStore, resolveStorePath, type RunStore } from '../../store/index.ts';
import { projectCost } from '../../runner/projection.ts';
import { ALL_CONDITIONS, formatShard, parseShard, type Shard } from '../../runner/matrix.ts';
import { runMatrix } from '../../runner/run-matrix.ts';
import { HARNESS_VERSION } from '../../version.ts';
import { action } from '../action.ts';
import { resolveAgents, toolsFactoryFor, type AgentFlags } from '../agent-wiring.ts';
import { EXIT } from '../exit-codes.ts';
import { commaList, nonNegativeInt, nonNegativeNumber, onOff, positiveInt, selectTasks } from '../options.ts';
import { handleRunInterrupts } from '../interrupt.ts';
import { createProgress, progressMode } from '../progress.ts';
import { summaryTable } from '../summary-table.ts';

/** The part of a run's options that is stored with it and rebuilt on `--resume`. */
export interface StoredRunSpec {
  taskIds: string[];
  agents: string[];
  conditions: string[];
  repeats: number;
  limits: TrialLimits;
  seed: number;
  toolProfile: 'discover' | 'typed';
  agentFlags: AgentFlags;
  budgetUsd: number | null;
  shard: string | null;
  /** Judge model for model-judged rubric items (`provider:model`) and its endpoint; none: those items stay ungraded. */
  judge?: { spec: string; baseUrl?: string } | null;
}

interface RunFlags {
  agent?: string[];
  task?: string[];
  tag?: string[];
  service?: string[];
  repeats?: string;
  concurrency?: string;
  conditions?: string;
  skills?: string;
  meta?: string;
  maxSteps?: string;
  maxWallSeconds?: string;
  maxTokens?: string;
  trialMaxCostUsd?: string;
  maxCostUsd?: string;
  seed?: string;
  shard?: string;
  resume?: string;
  db?: string;
  json?: boolean;
  quiet?: boolean;
  toolProfile?: string;
  baseUrl?: string;
  openaiApi?: string;
  temperature?: string;
  maxOutputTokens?: string;
  reasoningEffort?: string;
  header?: string[];
  apiKeyEnv?: string;
  requestTimeoutSeconds?: string;
  maxRetries?: string;
  rpm?: string;
  tpm?: string;
  providerConcurrency?: string;
  runId?: string;
  judge?: string;
  judgeBaseUrl?: string;
  mailHelpers?: string;
  contextWindow?: string;
  maxTools?: string;
}

/** Builds the stored spec from flags (validating each). */
export function specFromFlags(f: RunFlags): StoredRunSpec {
  const tasks = selectTasks(TASKS, { ids: commaList('--task', f.task), tags: commaList('--tag', f.tag), services: commaList('--service', f.service) });
  const agents = commaList('--agent', f.agent);
  const conditions = conditionsFromFlags(f);
  const profile = f.toolProfile ?? 'discover';
  if (profile !== 'discover' && profile !== 'typed') throw new DeskbenchError('E_USAGE', `--tool-profile must be discover or typed, got "${profile}"`);
  const api = f.openaiApi;
  if (api !== undefined && api !== 'chat' && api !== 'responses') throw new DeskbenchError('E_USAGE', `--openai-api must be chat or responses, got "${api}"`);
  const temperature = nonNegativeNumber('--temperature', f.temperature);
  return {
    taskIds: tasks.map((t) => t.id),
    agents: agents.length > 0 ? agents : ['oracle', 'noop'],
    conditions: conditions.map(conditionName),
    repeats: positiveInt('--repeats', f.repeats, 1),
    limits: {
      maxSteps: positiveInt('--max-steps', f.maxSteps, DEFAULT_LIMITS.maxSteps),
      maxWallMs: positiveInt('--max-wall-seconds', f.maxWallSeconds, DEFAULT_LIMITS.maxWallMs / 1000) * 1000,
      maxTokens: f.maxTokens === undefined ? null : positiveInt('--max-tokens', f.maxTokens, 1),
      maxCostUsd: nonNegativeNumber('--trial-max-cost-usd', f.trialMaxCostUsd),
    },
    seed: f.seed === undefined ? DEFAULT_SEED : positiveInt('--seed', f.seed, DEFAULT_SEED),
    toolProfile: profile,
    agentFlags: {
      // Always recorded, so a resumed run offers the same tools and its trials carry the same harness label.
      mailHelpers: onOff('--mail-helpers', f.mailHelpers) ?? true,
      ...(f.contextWindow ? { contextWindow: positiveInt('--context-window', f.contextWindow, 1) } : {}),
      ...(f.maxTools ? { maxTools: positiveInt('--max-tools', f.maxTools, 1) } : {}),
      ...(f.baseUrl ? { baseUrl: f.baseUrl } : {}),
      ...(api ? { openaiApi: api } : {}),
      ...(temperature !== null ? { temperature } : {}),
      ...(f.maxOutputTokens ? { maxOutputTokens: positiveInt('--max-output-tokens', f.maxOutputTokens, 1) } : {}),
      ...(f.reasoningEffort ? { reasoningEffort: f.reasoningEffort } : {}),
      ...(f.header && f.header.length ? { headers: parseHeaders(f.header) } : {}),
      ...(f.apiKeyEnv ? { apiKeyEnv: f.apiKeyEnv } : {}),
      ...(f.requestTimeoutSeconds ? { requestTimeoutMs: positiveInt('--request-timeout-seconds', f.requestTimeoutSeconds, 300) * 1000 } : {}),
      ...(f.maxRetries !== undefined ? { maxRetries: nonNegativeInt('--max-retries', f.maxRetries) } : {}),
      ...(f.rpm || f.tpm || f.providerConcurrency
        ? {
            rateLimit: {
              ...(f.rpm ? { requestsPerMinute: positiveInt('--rpm', f.rpm, 60) } : {}),
              ...(f.tpm ? { tokensPerMinute: positiveInt('--tpm', f.tpm, 100_000) } : {}),
              ...(f.providerConcurrency ? { concurrency: positiveInt('--provider-concurrency', f.providerConcurrency, 8) } : {}),
            },
          }
        : {}),
    },
    budgetUsd: nonNegativeNumber('--max-cost-usd', f.maxCostUsd),
    // `auto` is resolved here, so the run spec (and a later --resume) holds the scheduler's k/n.
    shard: f.shard ? formatShard(parseShard(f.shard)) : null,
    judge: f.judge ? { spec: f.judge, ...(f.judgeBaseUrl ? { baseUrl: f.judgeBaseUrl } : {}) } : null,
  };
}

function conditionsFromFlags(f: RunFlags): Condition[] {
  if (f.conditions !== undefined) {
    if (f.conditions === 'all') return [...ALL_CONDITIONS];
    return commaList('--conditions', f.conditions).map((name) => {
      const c = parseConditionName(name);
      if (!c) throw new DeskbenchError('E_USAGE', `unknown condition "${name}"`, { hint: 'use all, or names like sks-on__meta-off' });
      return c;
    });
  }
  return [{ skills: onOff('--skills', f.skills) ?? true, meta: onOff('--meta', f.meta) ?? true }];
}

function parseHeaders(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of list) {
    const i = h.indexOf('=');
    if (i <= 0) throw new DeskbenchError('E_USAGE', `--header "${h}" is not name=value`);
    out[h.slice(0, i)] = h.slice(i + 1);
  }
  return out;
}

/** Executes a run from a spec; shared by `run`, `run --resume` and `quickstart`. */
export async function executeRun(
  spec: StoredRunSpec, o: { db?: string; concurrency: number; json?: boolean; quiet?: boolean; resume?: string; runId?: string },
): Promise<number> {
  // Before any slow set-up (agents, the store, the base workspace): an early Ctrl-C still stops the run cleanly.
  const interrupts = handleRunInterrupts();
  let store: RunStore | undefined;
  const progress = createProgress(progressMode(o));
  try {
    const tasks = selectTasks(TASKS, { ids: spec.taskIds });
    const agents = await resolveAgents(spec.agents, spec.agentFlags);
    const judge = spec.judge ? resolveJudge(spec.judge.spec, spec.judge.baseUrl ? { baseUrl: spec.judge.baseUrl } : {}) : undefined;
    const shard: Shard | undefined = spec.shard ? parseShard(spec.shard) : undefined;
    const conditions = spec.conditions.map((c) => parseConditionName(c)!);
    if (agents.some((a) => a.kind === 'model')) {
      // Before the store is touched or any model is called: a face the endpoint cannot take fails here, in one line.
      const { preflightToolFaces } = await import('../../agents/preflight.ts');
      preflightToolFaces({ agents: spec.agents, options: spec.agentFlags, profile: spec.toolProfile, tasks, conditions });
    }
    store = openRunStore(resolveStorePath(o.db));
    if (!o.json && !o.quiet) printProjection(store, spec, agents);
    const summary = await runMatrix({
      store, tasks, agents,
      matrix: { taskIds: spec.taskIds, agents: spec.agents, conditions, repeats: spec.repeats },
      concurrency: o.concurrency, limits: spec.limits, seed: spec.seed, base: baseWorkspace(spec.seed),
      auth: { principal: companyFor(spec.seed).owner.email, tokenKind: 'user' },
      makeTools: await toolsFactoryFor(agents, spec.toolProfile, { mailHelpers: spec.agentFlags.mailHelpers ?? false }), grade: makeGrader(judge ? { judge } : {}), spec: spec as unknown as Record<string, unknown>,
      harnessVersion: HARNESS_VERSION, budgetUsd: spec.budgetUsd, onEvent: progress.onEvent, signal: interrupts.stop, cancelSignal: interrupts.cancel,
      ...(shard ? { shard } : {}), ...(o.resume ? { resumeRunId: o.resume } : {}), ...(o.runId ? { runId: o.runId } : {}),
    });
    progress.stop();
    if (!summary.stored) {
      process.stderr.write('deskbench: interrupted before the run started; nothing was stored\n');
      return EXIT.INTERRUPTED;
    }
    if (!o.json && !o.quiet) {
      process.stdout.write(`\n${summaryTable(store.listTrials({ runIds: [summary.runId] }))}\n\nrun id: ${summary.runId}  (store: ${store.path})\n`);
      if (summary.status !== 'complete') process.stdout.write(`resume with: deskbench run --resume ${summary.runId}\n`);
    }
    if (interrupts.stop.aborted) {
      if (summary.status !== 'complete') process.stderr.write(`deskbench: run ${summary.runId} interrupted; resume with: deskbench run --resume ${summary.runId}\n`);
      return EXIT.INTERRUPTED;
    }
    return summary.infraErrors > 0 ? EXIT.FAILURES : EXIT.OK;
  } finally {
    progress.stop();
    interrupts.dispose();
    store?.close();
  }
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

/** Registers `deskbench run`. */
export function register(program: Command): void {
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  program
    .command('run')
    .description('run agents over tasks and store every trial (default: the reference agents oracle and noop over every task)')
    .option('-a, --agent <specs...>', 'agents, comma-separated: oracle, noop, replay:<file>, openai:<model>, anthropic:<model>, openai-compatible:<model>')
    .option('-t, --task <ids...>', 'task ids (comma-separated or repeated); default: all tasks')
    .option('--tag <tags...>', 'only tasks with every given tag (e.g. safety)')
    .option('--service <services...>', 'only tasks touching one of these services')
    .option('-r, --repeats <n>', 'repeats per task × agent × condition', '1')
    .option('-c, --concurrency <n>', 'trials running at once', '4')
    .option('--conditions <list>', '"all" for the 2×2 skills × meta grid, or names like sks-on__meta-off')
    .option('--skills <on|off>', 'skills lever when --conditions is not given', 'on')
    .option('--meta <on|off>', 'meta-prompt lever when --conditions is not given', 'on')
    .option('--max-steps <n>', 'per-trial step limit', String(DEFAULT_LIMITS.maxSteps))
    .option('--max-wall-seconds <n>', 'per-trial wall-time limit (holds inside slow service calls too)', String(DEFAULT_LIMITS.maxWallMs / 1000))
    .option('--max-tokens <n>', 'per-trial token limit (input + output)')
    .option('--trial-max-cost-usd <usd>', 'per-trial cost limit')
    .option('--max-cost-usd <usd>', 'run budget: stop scheduling new trials when spend would pass it')
    .option('--seed <n>', 'company seed of the base workspace', String(DEFAULT_SEED))
    .option('--shard <k/n|auto>', 'run only the k-th of n deterministic slices of the matrix; auto reads k and n from the batch scheduler (Kubernetes, Slurm, DESKBENCH_SHARD_INDEX/COUNT)')
    .option('--resume <run-id>', 'continue a stored run: only missing or infrastructure-failed trials run')
    .option('--run-id <id>', 'id for the new run (give every shard the same one, then `deskbench merge`)')
    .option('--tool-profile <profile>', 'discover (list/describe/call, default) or typed (one tool per operation)', 'discover')
    .option('--mail-helpers <on|off>', 'Gmail helpers for model agents: decoded bodies, gmail_send with plain fields (recorded as harness deskbench+mail)', 'on')
    .option('--context-window <tokens>', "the endpoint's input context window, for models the limits table does not know")
    .option('--max-tools <n>', 'most tools the endpoint accepts in one request, when stricter than the table')
    .option('--base-url <url>', 'model server base URL (OpenAI-compatible servers, proxies)')
    .option('--openai-api <api>', 'chat (Chat Completions) or responses (Responses API)')
    .option('--temperature <t>', 'sampling temperature')
    .option('--max-output-tokens <n>', 'max output tokens per model call')
    .option('--reasoning-effort <level>', 'reasoning effort for models that support it')
    .option('--header <name=value>', 'extra HTTP header for the model API (repeatable)', collect)
    .option('--api-key-env <name>', 'environment variable holding the API key (default OPENAI_API_KEY / ANTHROPIC_API_KEY)')
    .option('--request-timeout-seconds <n>', 'timeout of one model request')
    .option('--max-retries <n>', 'retries of a failed model call (backoff honours Retry-After)')
    .option('--rpm <n>', 'requests per minute to the model endpoint')
    .option('--tpm <n>', 'tokens per minute to the model endpoint')
    .option('--provider-concurrency <n>', 'model requests in flight at once per endpoint')
    .option('--judge <provider:model>', 'judge model for model-judged rubric items (default: none; those items stay ungraded)')
    .option('--judge-base-url <url>', "the judge's endpoint (OpenAI-compatible servers)")
    .option('--db <path>', 'run store file (default ./deskbench.db or $DESKBENCH_DB)')
    .option('--json', 'print progress as JSON event lines on stdout')
    .option('-q, --quiet', 'no progress output')
    .addHelpText('after', `
Examples:
  deskbench run                                         oracle and noop over every task
  deskbench run --agent openai:gpt-5-mini --repeats 5   a model, five repeats
  deskbench run --agent anthropic:claude-sonnet-4-5 --conditions all --tag safety
  deskbench run --agent openai-compatible:qwen3 --base-url http://localhost:8000/v1
  deskbench run --shard 2/4 --db shard-2.db             one of four slices (merge later)
  deskbench run --resume run-20260316-140000-ab12cd     finish an interrupted run

Each trial is stored the moment it finishes, so a killed run loses only the trials in
flight. Ctrl-C stops scheduling and lets the trials in flight finish; a second Ctrl-C
cancels them (not stored); either way the run is resumable with --resume. Several runs
may share one --db at once.

Exit codes: 0 all trials scored, 1 some trials ended in infrastructure errors,
2 bad input (including an empty flag value such as --task ''), 3 store error
(damaged, read-only, locked by another process past $DESKBENCH_BUSY_TIMEOUT_MS,
not a regular file), 4 provider error, 130 interrupted (resumable).`)
    .action(
      action(async (f: RunFlags) => {
        const concurrency = positiveInt('--concurrency', f.concurrency, 4);
        if (f.resume) {
          const store = openRunStore(resolveStorePath(f.db), { create: false, readonly: 'if-unwritable' });
          let spec: StoredRunSpec;
          try {
            spec = store.getRun(f.resume).spec as unknown as StoredRunSpec;
          } finally {
            store.close();
          }
          return executeRun(spec, { ...pick(f), concurrency, resume: f.resume });
        }
        const spec = specFromFlags(f);
        if (spec.shard) parseShard(spec.shard);
        if (f.runId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(f.runId)) {
          throw new DeskbenchError('E_USAGE', `--run-id "${f.runId}" may use letters, digits, ".", "_" and "-" only`);
        }
        return executeRun(spec, { ...pick(f), concurrency, ...(f.runId ? { runId: f.runId } : {}) });
      }),
    );
}

function pick(f: RunFlags): { db?: string; json?: boolean; quiet?: boolean } {
  return { ...(f.db ? { db: f.db } : {}), ...(f.json ? { json: true } : {}), ...(f.quiet ? { quiet: true } : {}) };
}

/** The flags of `deskbench run` and how they become a stored run spec (or, on `--resume`, connection overrides). */
import { DEFAULT_LIMITS, DeskbenchError, conditionName, parseConditionName, type Condition } from '../core/index.ts';
import { DEFAULT_SEED } from '../../datasets/base-workspace.ts';
import { TASKS } from '../../tasks/index.ts';
import { inspectReplayFile } from '../agents/replay.ts';
import { ALL_CONDITIONS, formatShard, parseShard } from '../runner/matrix.ts';
import { commaList, nonNegativeInt, nonNegativeNumber, onOff, positiveInt, selectTasks } from './options.ts';
import type { ResumeOverrides, StoredRunSpec } from './run-spec.ts';
import { parseScaleFlag } from './scale-flag.ts';
import { parseWorkersFlag } from '../runner/workers/worker-count.ts';

/** Every flag of `deskbench run`, as commander hands them over. */
export interface RunFlags {
  agent?: string[];
  task?: string[];
  tag?: string[];
  service?: string[];
  repeats?: string;
  concurrency?: string;
  workers?: string;
  conditions?: string;
  skills?: string;
  meta?: string;
  maxSteps?: string;
  maxWallSeconds?: string;
  maxTokens?: string;
  trialMaxCostUsd?: string;
  maxCostUsd?: string;
  seed?: string;
  scale?: string;
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
  /** False with --no-sandbox (command agents run as the caller). */
  sandbox?: boolean;
  contextWindow?: string;
  maxTools?: string;
}

/** A spec built from flags, with the warnings to print before the run. */
export interface SpecFromFlags {
  readonly spec: StoredRunSpec;
  readonly warnings: readonly string[];
}

/** Builds the stored spec from flags (validating each). Replay agents may supply the task (see replayTasks). */
export function specFromFlags(f: RunFlags): SpecFromFlags {
  const agents = commaList('--agent', f.agent);
  const replay = replayTasks(agents, f);
  const taskIds = replay.taskIds ?? commaList('--task', f.task);
  const tasks = selectTasks(TASKS, { ids: taskIds, tags: commaList('--tag', f.tag), services: commaList('--service', f.service) });
  const conditions = conditionsFromFlags(f);
  const profile = f.toolProfile ?? 'discover';
  if (profile !== 'discover' && profile !== 'typed') throw new DeskbenchError('E_USAGE', `--tool-profile must be discover or typed, got "${profile}"`);
  const api = f.openaiApi;
  if (api !== undefined && api !== 'chat' && api !== 'responses') throw new DeskbenchError('E_USAGE', `--openai-api must be chat or responses, got "${api}"`);
  const temperature = nonNegativeNumber('--temperature', f.temperature);
  const connection = connectionFlags(f);
  const spec: StoredRunSpec = {
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
    // How the trials are spread over threads, not what they measure: a resume may give another value.
    workers: parseWorkersFlag(f.workers),
    scale: parseScaleFlag(f.scale),
    toolProfile: profile,
    agentFlags: {
      // Always recorded, so a resumed run offers the same tools and its trials carry the same harness label.
      mailHelpers: onOff('--mail-helpers', f.mailHelpers) ?? true,
      // Recorded only when switched off: a resumed run keeps running its command agents the same way.
      ...(f.sandbox === false ? { sandbox: false } : {}),
      ...(f.contextWindow ? { contextWindow: positiveInt('--context-window', f.contextWindow, 1) } : {}),
      ...(f.maxTools ? { maxTools: positiveInt('--max-tools', f.maxTools, 1) } : {}),
      ...(connection.baseUrl ? { baseUrl: connection.baseUrl } : {}),
      ...(api ? { openaiApi: api } : {}),
      ...(temperature !== null ? { temperature } : {}),
      ...(f.maxOutputTokens ? { maxOutputTokens: positiveInt('--max-output-tokens', f.maxOutputTokens, 1) } : {}),
      ...(f.reasoningEffort ? { reasoningEffort: f.reasoningEffort } : {}),
      ...(connection.headers ? { headers: connection.headers } : {}),
      ...(connection.apiKeyEnv ? { apiKeyEnv: connection.apiKeyEnv } : {}),
      ...(connection.requestTimeoutMs ? { requestTimeoutMs: connection.requestTimeoutMs } : {}),
      ...(connection.maxRetries !== undefined ? { maxRetries: connection.maxRetries } : {}),
      ...(connection.requestsPerMinute || connection.tokensPerMinute || connection.providerConcurrency
        ? {
            rateLimit: {
              ...(connection.requestsPerMinute ? { requestsPerMinute: connection.requestsPerMinute } : {}),
              ...(connection.tokensPerMinute ? { tokensPerMinute: connection.tokensPerMinute } : {}),
              ...(connection.providerConcurrency ? { concurrency: connection.providerConcurrency } : {}),
            },
          }
        : {}),
    },
    budgetUsd: connection.budgetUsd ?? null,
    // `auto` is resolved here, so the run spec (and a later --resume) holds the scheduler's k/n.
    shard: f.shard ? formatShard(parseShard(f.shard)) : null,
    judge: f.judge ? { spec: f.judge, ...(f.judgeBaseUrl ? { baseUrl: f.judgeBaseUrl } : {}) } : null,
  };
  return { spec, warnings: replay.warnings };
}

/** The connection flags (the ones a resume may change), parsed and validated. */
export function connectionFlags(f: RunFlags): ResumeOverrides {
  const o: ResumeOverrides = {};
  if (f.baseUrl !== undefined) o.baseUrl = f.baseUrl;
  if (f.apiKeyEnv !== undefined) o.apiKeyEnv = f.apiKeyEnv;
  if (f.header && f.header.length) o.headers = parseHeaders(f.header);
  if (f.requestTimeoutSeconds !== undefined) o.requestTimeoutMs = positiveInt('--request-timeout-seconds', f.requestTimeoutSeconds, 300) * 1000;
  if (f.maxRetries !== undefined) o.maxRetries = nonNegativeInt('--max-retries', f.maxRetries);
  if (f.rpm !== undefined) o.requestsPerMinute = positiveInt('--rpm', f.rpm, 60);
  if (f.tpm !== undefined) o.tokensPerMinute = positiveInt('--tpm', f.tpm, 100_000);
  if (f.providerConcurrency !== undefined) o.providerConcurrency = positiveInt('--provider-concurrency', f.providerConcurrency, 8);
  const budget = nonNegativeNumber('--max-cost-usd', f.maxCostUsd);
  if (budget !== null) o.budgetUsd = budget;
  return o;
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

/**
 * The tasks replay agents run on, and warnings about them. A replayed trajectory belongs to
 * one task: without --task/--tag/--service the run takes the tasks the files name (a file
 * that names none is an error: replaying it on every task would measure nothing). A file
 * with no tool calls (an exported oracle or noop trial) would change nothing: warned.
 */
export function replayTasks(agents: readonly string[], f: Pick<RunFlags, 'task' | 'tag' | 'service'>): { taskIds?: string[]; warnings: string[] } {
  const replays = agents.filter((a) => a.startsWith('replay:'));
  if (replays.length === 0) return { warnings: [] };
  const chosen = f.task !== undefined ? commaList('--task', f.task) : undefined;
  const filtered = chosen !== undefined || f.tag !== undefined || f.service !== undefined;
  const warnings: string[] = [];
  const named: string[] = [];
  for (const agent of replays) {
    const path = agent.slice('replay:'.length);
    const info = inspectReplayFile(path);
    if (info.toolCalls === 0) {
      warnings.push(`${agent} has no tool calls (recorded by ${info.recordedBy}${info.reference ? ', a reference agent that acts through the task API, not tools' : ''}): replaying it changes nothing and scores as doing nothing`);
    }
    if (info.taskId === null) {
      if (!filtered) {
        throw new DeskbenchError('E_USAGE', `${agent} does not name the task it was recorded on: pass --task <id>`, {
          hint: 'a replay runs on the tasks you select; files deskbench exports name theirs (extra.deskbench.taskId, docs/cli.md "Replay files")',
        });
      }
      continue;
    }
    named.push(info.taskId);
    if (chosen && !chosen.includes(info.taskId)) warnings.push(`${agent} was recorded on task ${info.taskId}; it is replayed on ${chosen.join(', ')} as --task asks`);
  }
  return filtered ? { warnings } : { taskIds: [...new Set(named)], warnings };
}

/**
 * The run spec stored with every run: its zod schema (checked on `--resume`, since the store
 * is a file anyone may have edited or produced elsewhere) and the connection overrides a
 * resume may apply. What a run measures (tasks, agents, conditions, limits, seed, tool face)
 * is fixed at its start; how it reaches the model (URL, key variable, headers, timeouts,
 * rate limits) may be corrected, so a run started against a wrong URL can still finish.
 */
import { z } from 'zod';
import { DeskbenchError } from '../core/index.ts';
import { MAX_SCALE } from '../../datasets/scale/haystack-copy.ts';
import { MAX_WORKERS } from '../runner/workers/pool.ts';

const positive = z.number().int().positive();
const rateLimit = z.object({
  concurrency: positive.optional(),
  requestsPerMinute: positive.optional(),
  tokensPerMinute: positive.optional(),
});

/** Model-agent options as stored (mirrors `AgentFlags`). */
const StoredAgentFlags = z.looseObject({
  mailHelpers: z.boolean().optional(),
  sandbox: z.boolean().optional(),
  contextWindow: positive.optional(),
  maxTools: positive.optional(),
  baseUrl: z.string().min(1).optional(),
  openaiApi: z.enum(['chat', 'responses']).optional(),
  temperature: z.number().nonnegative().optional(),
  maxOutputTokens: positive.optional(),
  reasoningEffort: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  apiKeyEnv: z.string().min(1).optional(),
  requestTimeoutMs: positive.optional(),
  maxRetries: z.number().int().nonnegative().optional(),
  rateLimit: rateLimit.optional(),
  toolProfile: z.enum(['discover', 'typed']).optional(),
});

/**
 * The stored spec of a run. Loose at the top level so a spec written by a newer deskbench
 * with extra fields still resumes; every field this version reads is checked.
 */
export const StoredRunSpec = z.looseObject({
  taskIds: z.array(z.string().min(1)).min(1),
  agents: z.array(z.string().min(1)).min(1),
  conditions: z.array(z.string().regex(/^sks-(on|off)__meta-(on|off)$/, 'a condition name like sks-on__meta-off')).min(1),
  repeats: positive,
  limits: z.object({
    maxSteps: positive,
    maxWallMs: positive,
    maxTokens: positive.nullable(),
    maxCostUsd: z.number().nonnegative().nullable(),
  }),
  seed: z.number().int().nonnegative(),
  /** Haystack size of the base workspace (`--scale`); absent in specs from before it existed, meaning 1. */
  scale: positive.max(MAX_SCALE).optional(),
  toolProfile: z.enum(['discover', 'typed']),
  /** Trial worker threads (`--workers`); absent in specs from before it existed, meaning auto. */
  workers: z.union([z.number().int().nonnegative().max(MAX_WORKERS), z.literal('auto')]).optional(),
  agentFlags: StoredAgentFlags,
  budgetUsd: z.number().nonnegative().nullable(),
  shard: z.string().regex(/^\d+\/\d+$/, 'k/n').nullable(),
  judge: z.object({ spec: z.string().min(1), baseUrl: z.string().min(1).optional() }).nullable().optional(),
});

/** The stored spec of a run (the part of its options rebuilt on `--resume`). */
export type StoredRunSpec = z.infer<typeof StoredRunSpec>;

/** Most characters of a damaged spec's problems quoted in the error. */
const MAX_ISSUES = 3;

/** Validates a run's stored spec; a damaged or foreign one is an error naming the run and the field. */
export function parseStoredSpec(runId: string, raw: unknown): StoredRunSpec {
  const r = StoredRunSpec.safeParse(raw);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, MAX_ISSUES).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  throw new DeskbenchError('E_CONFIG', `run ${runId} cannot be resumed: its stored spec is damaged or from another program (${issues.join('; ')})`, {
    hint: 'start a new run with the flags you want; the trials already stored stay in the store and in reports',
  });
}

/** A connection setting a resume may change, as the flags name it. */
export interface ResumeOverrides {
  baseUrl?: string;
  apiKeyEnv?: string;
  headers?: Record<string, string>;
  requestTimeoutMs?: number;
  maxRetries?: number;
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  providerConcurrency?: number;
  budgetUsd?: number;
}

/** Flags that change what a run measures: refused on `--resume` (they would mix two experiments in one run). */
export const MEASURING_FLAGS: readonly string[] = [
  '--agent', '--task', '--tag', '--service', '--repeats', '--conditions', '--skills', '--meta', '--max-steps', '--max-wall-seconds',
  '--max-tokens', '--trial-max-cost-usd', '--seed', '--scale', '--shard', '--tool-profile', '--mail-helpers', '--no-sandbox', '--context-window', '--max-tools',
  '--openai-api', '--temperature', '--max-output-tokens', '--reasoning-effort', '--judge', '--judge-base-url', '--run-id',
];

/**
 * Applies connection overrides to a stored spec. Returns the new spec and one line per
 * changed setting (`--base-url: http://a/v1 → http://b/v1`); headers replace the stored set.
 */
export function applyResumeOverrides(spec: StoredRunSpec, o: ResumeOverrides): { spec: StoredRunSpec; changes: string[] } {
  const flags = { ...spec.agentFlags };
  const rate = { ...flags.rateLimit };
  const changes: string[] = [];
  const show = (v: unknown) => (v === undefined || v === null ? '(default)' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const set = <T>(flag: string, before: T | undefined, after: T | undefined, apply: (v: T) => void) => {
    if (after === undefined) return;
    if (JSON.stringify(before) !== JSON.stringify(after)) changes.push(`${flag}: ${show(before)} → ${show(after)}`);
    apply(after);
  };
  set('--base-url', flags.baseUrl, o.baseUrl, (v) => (flags.baseUrl = v));
  set('--api-key-env', flags.apiKeyEnv, o.apiKeyEnv, (v) => (flags.apiKeyEnv = v));
  set('--header', flags.headers, o.headers, (v) => (flags.headers = v));
  set('--request-timeout-seconds', flags.requestTimeoutMs === undefined ? undefined : flags.requestTimeoutMs / 1000,
    o.requestTimeoutMs === undefined ? undefined : o.requestTimeoutMs / 1000, (v) => (flags.requestTimeoutMs = v * 1000));
  set('--max-retries', flags.maxRetries, o.maxRetries, (v) => (flags.maxRetries = v));
  set('--rpm', rate.requestsPerMinute, o.requestsPerMinute, (v) => (rate.requestsPerMinute = v));
  set('--tpm', rate.tokensPerMinute, o.tokensPerMinute, (v) => (rate.tokensPerMinute = v));
  set('--provider-concurrency', rate.concurrency, o.providerConcurrency, (v) => (rate.concurrency = v));
  if (Object.keys(rate).length > 0) flags.rateLimit = rate;
  let budgetUsd = spec.budgetUsd;
  set('--max-cost-usd', spec.budgetUsd ?? undefined, o.budgetUsd, (v) => (budgetUsd = v));
  return { spec: { ...spec, agentFlags: flags, budgetUsd }, changes };
}

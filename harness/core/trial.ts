/** Trial contracts: conditions, limits, termination reasons, steps and results. */
import type { ToolCall, Usage } from './provider.ts';
import type { ScoreResult } from './score.ts';

/** Why a trial ended. A closed set: reports break results down by it. */
export const TERMINATION_REASONS = [
  'completed', // the agent finished on its own
  'step_limit',
  'time_limit',
  'token_limit',
  'cost_limit',
  'context_overflow', // the conversation outgrew the model's context window: the model's failure, scored
  'tool_limit', // the provider rejected the tool definitions during the trial: the model's failure, scored
  'provider_error', // infrastructure: retried by the runner, never scored
  'harness_error', // infrastructure: a bug or store failure, never scored
  'agent_error', // the agent itself crashed (a reference agent bug, a malformed replay)
  'cancelled', // the run was interrupted or its budget spent before the trial ended
] as const;

/** One termination reason. */
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

/** Termination reasons that mean infrastructure failed: the trial is retried and not scored. */
export const INFRA_TERMINATIONS: ReadonlySet<TerminationReason> = new Set(['provider_error', 'harness_error', 'cancelled']);

/** A scaffolding condition: the two ClawsBench levers. */
export interface Condition {
  readonly skills: boolean;
  readonly meta: boolean;
}

/** Condition name as stored and reported, e.g. `sks-on__meta-off`. */
export function conditionName(c: Condition): string {
  return `sks-${c.skills ? 'on' : 'off'}__meta-${c.meta ? 'on' : 'off'}`;
}

/** Parses a condition name; undefined when malformed. */
export function parseConditionName(name: string): Condition | undefined {
  const m = /^sks-(on|off)__meta-(on|off)$/.exec(name);
  return m ? { skills: m[1] === 'on', meta: m[2] === 'on' } : undefined;
}

/** Per-trial limits. A limit hit ends the trial with a termination reason, not a crash. */
export interface TrialLimits {
  readonly maxSteps: number;
  readonly maxWallMs: number;
  readonly maxTokens: number | null;
  readonly maxCostUsd: number | null;
}

/** Default limits: generous for office tasks, tight enough to stop loops. */
export const DEFAULT_LIMITS: TrialLimits = { maxSteps: 60, maxWallMs: 15 * 60_000, maxTokens: null, maxCostUsd: null };

/** One recorded step of a trajectory. */
export interface Step {
  readonly index: number;
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  readonly content: string;
  readonly toolCalls?: readonly ToolCall[];
  readonly toolCallId?: string;
  readonly isError?: boolean;
  readonly usage?: Usage;
  /** Action-log sequence numbers produced while executing this step's tool call. */
  readonly actionSeqs?: readonly number[];
  readonly startedAt: string;
  readonly endedAt: string;
}

/** The cell of the run matrix one trial fills. */
export interface TrialKey {
  readonly taskId: string;
  readonly agent: string;
  readonly condition: string;
  readonly repeat: number;
}

/** Stable text form of a trial key, used for ids, sharding and resume. */
export function trialKeyString(k: TrialKey): string {
  return `${k.taskId}|${k.agent}|${k.condition}|${k.repeat}`;
}

/** What a finished trial stores (besides steps and actions). */
export interface TrialOutcome {
  readonly termination: TerminationReason;
  readonly score: ScoreResult | null;
  readonly usage: Usage;
  readonly finalMessage: string | null;
  readonly error: string | null;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
}

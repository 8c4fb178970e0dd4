/** Row shapes of the run store, as the runner writes them and reports read them. */
import type { EncodedTrajectory } from './trajectory-codec.ts';
import type { ActionRecord, ScoreResult, Step, TerminationReason, Usage } from '../core/index.ts';

/** Lifecycle of a run. */
export type RunStatus = 'running' | 'complete' | 'interrupted' | 'budget_spent';

/** One stored run. `spec` is the full run specification as given (JSON). */
export interface RunRecord {
  readonly runId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly status: RunStatus;
  readonly spec: Record<string, unknown>;
  readonly harnessVersion: string;
  readonly suiteHash: string;
  readonly seed: number;
  readonly shard: string | null;
  readonly plannedTrials: number;
}

/** Identity and outcome fields shared by full trial records and listing rows. */
export interface TrialIdentity {
  readonly trialId: string;
  readonly runId: string;
  readonly taskId: string;
  readonly taskVersion: number;
  readonly taskHash: string;
  readonly services: readonly string[];
  readonly category: string;
  readonly difficulty: string;
  readonly safetyCritical: boolean;
  readonly agent: string;
  readonly model: string;
  readonly harness: string;
  readonly condition: string;
  readonly skills: boolean;
  readonly meta: boolean;
  readonly repeat: number;
  /** `scored`, or `infra_error` when infrastructure failed after every retry (never scored). */
  readonly status: 'scored' | 'infra_error';
  readonly termination: TerminationReason;
  readonly attempts: number;
  readonly startedAt: string;
  readonly durationMs: number;
}

/** Everything stored about one finished trial. */
export interface TrialRecord extends TrialIdentity {
  readonly trialKey: string;
  readonly endedAt: string;
  readonly usage: Usage;
  readonly score: ScoreResult | null;
  readonly finalMessage: string | null;
  readonly error: string | null;
  readonly steps: readonly Step[];
  readonly actions: readonly ActionRecord[];
  /** The diff of the final state against the seeded start (for viewers). */
  readonly finalDiff: unknown;
  /** The company seed the trial's workspace was built from (replays need it). */
  readonly seed?: number;
  /**
   * For imported trials: true when replaying the action log reproduced the stored final
   * state and score, false when it could not be verified. Absent for trials run here.
   */
  readonly verified?: boolean;
}

/** A trial as a writer may hand it to the store: whole, or with its trajectory already encoded (trial workers). */
export type TrialWrite = TrialRecord | (Omit<TrialRecord, 'steps' | 'actions' | 'finalDiff'> & { readonly trajectory: EncodedTrajectory });

/** The flat per-trial row that listings and reports read (no steps or actions). */
export interface TrialRow extends TrialIdentity {
  readonly steps: number;
  readonly toolCalls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedTokens: number;
  readonly costUsd: number | null;
  readonly score: number | null;
  readonly success: boolean | null;
  readonly unsafe: boolean | null;
  readonly noAction: boolean | null;
  /** Behaviour categories of the violations that fired (empty when safe). */
  readonly unsafeCategories: readonly string[];
  /** Run's suite hash, for comparability checks. */
  readonly suiteHash: string;
  /** Grading engine version that produced the score (null: the first engine, before versions were stored). */
  readonly graderVersion: string | null;
  /** Imported trials: whether replaying their action log verified them (null: run here). */
  readonly verified: boolean | null;
}

/** A judge model's verdict on one judged rubric item, reused by `rescore` while the judged text is unchanged. */
export interface Judgement {
  readonly trialId: string;
  readonly itemId: string;
  /** `provider:model` of the judge. */
  readonly judge: string;
  /** Hash of the text the judge read. */
  readonly subjectHash: string;
  readonly passed: boolean;
  readonly reason: string;
}

/** Filter for trial listings. Every field narrows; arrays mean "any of". */
export interface TrialFilter {
  readonly runIds?: readonly string[];
  readonly models?: readonly string[];
  readonly agents?: readonly string[];
  readonly conditions?: readonly string[];
  readonly taskIds?: readonly string[];
  readonly includeInfraErrors?: boolean;
}

/**
 * Trials that share every attribute a report reads, counted together: one row per entry
 * (model × harness × condition), task, run, agent, levers, suite, grader, task version,
 * verification and termination. A report needs only these sums, never the trials one by one,
 * so it costs the same memory for a thousand trials or ten million.
 */
export interface TrialGroup {
  readonly model: string;
  readonly harness: string;
  readonly condition: string;
  readonly taskId: string;
  readonly taskVersion: number;
  readonly taskHash: string;
  readonly services: readonly string[];
  readonly category: string;
  readonly safetyCritical: boolean;
  readonly runId: string;
  readonly agent: string;
  readonly skills: boolean;
  readonly meta: boolean;
  readonly suiteHash: string;
  readonly graderVersion: string | null;
  readonly verified: boolean | null;
  readonly termination: TerminationReason;
  /** Scored trials of the group (the sums below are over them). */
  readonly trials: number;
  /** Trials of the same identity stored as infrastructure errors (never scored). */
  readonly infraErrors: number;
  readonly successes: number;
  readonly unsafe: number;
  readonly scoreSum: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedTokens: number;
  /** Sum of the known costs. */
  readonly costUsd: number;
  /** Scored trials whose cost is unknown. */
  readonly costUnknown: number;
}

/** Unsafe scored trials of one entry per behaviour category (`unattributed`: no category named). */
export interface UnsafeCategoryCount {
  readonly model: string;
  readonly harness: string;
  readonly condition: string;
  readonly category: string;
  readonly trials: number;
}

/** Everything a report reads from stored trials, already summed. */
export interface TrialAggregates {
  readonly groups: readonly TrialGroup[];
  readonly unsafeCategories: readonly UnsafeCategoryCount[];
  /** Median duration of each entry's scored trials, by `model|harness|condition` (type-7 median). */
  readonly medianDurationMs: ReadonlyMap<string, number | null>;
}

/** Filter for aggregates: a trial listing's filter plus what only reports narrow by. */
export interface AggregateFilter extends TrialFilter {
  readonly harnesses?: readonly string[];
  readonly categories?: readonly string[];
  /** Any of these services among the task's. */
  readonly services?: readonly string[];
  /** true: safety-critical tasks only; false: the others only. */
  readonly safetyCritical?: readonly boolean[];
}

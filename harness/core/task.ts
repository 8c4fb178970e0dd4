/** The Task contract: one benchmark task, with its seed, reference solutions and rubric. */
import type { ActionRecord } from './action-log.ts';
import { DeskbenchError } from './errors.ts';
import type { ServiceId } from './ids.ts';
import type { Rng } from './rng.ts';
import type { CheckInput, GateInput, JudgeItem, Protection, ScopeRule } from './grading.ts';
import type { TrialBehaviour } from './trial-behaviour.ts';
import type { Workspace, WorkspaceDiff } from './workspace.ts';

/** Single-service or cross-service (touching 2–4 services). */
export type TaskCategory = 'single-service' | 'cross-service';

/** Difficulty by the rule in docs/adding-a-task.md. */
export type Difficulty = 'easy' | 'medium' | 'hard';

/** What a task's seed function gets: the trial workspace (before the agent starts) and its own random source. */
export interface SeedContext {
  readonly ws: Workspace;
  readonly rng: Rng;
  readonly taskId: string;
}

/**
 * Calls operations the way agents do (same validation, same action log), for
 * oracles and unsafe references. Returns the response value; throws the ApiError.
 */
export interface TaskApi {
  call<R = any>(op: string, args?: Record<string, unknown>): R;
  /** Asks the user a question (the agent's ask_user tool) and returns the reply. */
  ask(question: string): string;
}

/** What a rubric reads: final state, the state at the start, the diff between them, the action log, the manifest. */
export interface ScoreContext<M> {
  readonly ws: Workspace;
  /** The seeded state the agent started from (read-only). */
  readonly before: Workspace;
  /** The workspace owner the agent acts for (lower-case address). */
  readonly owner: string;
  readonly diff: WorkspaceDiff;
  readonly actions: readonly ActionRecord[];
  readonly manifest: M;
  readonly instruction: string;
  /** The agent's final message, if any (claims in it are checked against the log). */
  readonly finalMessage: string | undefined;
}

/**
 * A reference solution run against the task API (oracle, alternative, near miss, unsafe
 * path). A returned string is its final message to the user.
 */
export type ReferenceSolution<M> = (api: TaskApi, manifest: M) => void | string | Promise<void | string>;

/**
 * One benchmark task. `id` equals the file name and is never reused; bump `version`
 * whenever behaviour changes. The manifest `M` describes what `seed` planted; it is
 * given to the oracle and the scorer, never to the agent.
 */
export interface Task<M = any> {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  /** One line for the catalogue. */
  readonly scenario: string;
  readonly services: readonly ServiceId[];
  readonly tags: readonly string[];
  readonly category: TaskCategory;
  readonly difficulty: Difficulty;
  readonly instruction: string;
  readonly seed: (ctx: SeedContext) => M;
  readonly oracle: ReferenceSolution<M>;
  /** Plausible unsafe solutions for safety-critical tasks; each must score −1. */
  readonly unsafe: Readonly<Record<string, ReferenceSolution<M>>>;
  /** Other valid ways to do the task; each must score +1 (`check` requires at least two). */
  readonly alternatives: Readonly<Record<string, ReferenceSolution<M>>>;
  /** Plausible wrong or incomplete solutions; each must score below 1 (`check` requires at least two). */
  readonly nearMisses: Readonly<Record<string, ReferenceSolution<M>>>;
  /** What the task protects: secrets (facts and records with their audience), records to keep, injected instructions. */
  readonly protect?: (manifest: M) => Protection<M>;
  /** What the task may change; any other change is collateral (see docs/metrics.md). */
  readonly scope: (manifest: M) => readonly ScopeRule[];
  /** Capability checks over the final state; weights sum to 1. */
  readonly checks: (ctx: ScoreContext<M>) => readonly CheckInput[];
  /** Task-specific safety gates beyond what the declarations cover. */
  readonly gates?: (ctx: ScoreContext<M>) => readonly GateInput[];
  /**
   * The task's scripted user (answers to the agent's questions) and counterparties who react
   * to the agent's writes; built from the manifest once per seeding (harness/core/trial-behaviour.ts).
   */
  readonly behaviour?: (manifest: M) => TrialBehaviour;
  /**
   * True when finishing without changing anything can be the right outcome (declining a
   * harmful request, answering a question): the no-change rule then does not zero the score
   * and the checks decide (they must fail for an agent that does nothing and says nothing).
   */
  readonly noChangeMayPass?: boolean;
  /** Optional model-judged rubric items (free-text quality), graded only when a run names a judge. */
  readonly judged?: (manifest: M) => readonly JudgeItem<ScoreContext<M>>[];
}

/** Channels an injected instruction can arrive through; a task tags the one it uses `channel:<name>`. */
export const INJECTION_CHANNELS = [
  'email-body', 'email-header', 'email-attachment', 'doc-comment', 'doc-body', 'drive-file', 'calendar-description', 'slack-message', 'slack-file',
] as const;

/** Tag prefix naming the unsafe-behaviour pattern a task exercises (`pattern:confidential_leakage`). */
export const PATTERN_TAG = 'pattern:';

/** Tag prefix naming the injection channel a task uses (`channel:email-body`). */
export const CHANNEL_TAG = 'channel:';

/** Tag marking a safety-critical task. */
export const SAFETY_TAG = 'safety';

/** True when the task is safety-critical. */
export function isSafetyCritical(task: Pick<Task, 'tags'>): boolean {
  return task.tags.includes(SAFETY_TAG);
}

/** Input of `defineTask`: reference sets may be omitted (`check` says which a task still needs). */
export type TaskSpec<M> = Omit<Task<M>, 'unsafe' | 'alternatives' | 'nearMisses'> & {
  readonly unsafe?: Readonly<Record<string, ReferenceSolution<M>>>;
  readonly alternatives?: Readonly<Record<string, ReferenceSolution<M>>>;
  readonly nearMisses?: Readonly<Record<string, ReferenceSolution<M>>>;
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Defines a task, checking the parts that can be checked without running it. */
export function defineTask<M>(spec: TaskSpec<M>): Task<M> {
  const problems: string[] = [];
  if (!SLUG.test(spec.id)) problems.push(`id "${spec.id}" is not a kebab-case slug`);
  if (!Number.isInteger(spec.version) || spec.version < 1) problems.push('version must be a positive integer');
  if (spec.services.length === 0) problems.push('services must name at least one service');
  const cross = spec.services.length > 1;
  if (cross !== (spec.category === 'cross-service')) {
    problems.push(`category "${spec.category}" does not match ${spec.services.length} service(s)`);
  }
  if (spec.tags.includes(SAFETY_TAG) && Object.keys(spec.unsafe ?? {}).length === 0) {
    problems.push('a safety-critical task needs at least one unsafe reference');
  }
  if (spec.instruction.trim().length === 0) problems.push('instruction is empty');
  if (typeof spec.checks !== 'function') problems.push('declare checks (the harness composes the score from them)');
  if (typeof spec.scope !== 'function') problems.push('declare scope: what the task may change (an empty list if nothing)');
  if (problems.length > 0) throw new DeskbenchError('E_TASK_INVALID', `task ${spec.id}: ${problems.join('; ')}`);
  return { ...spec, unsafe: spec.unsafe ?? {}, alternatives: spec.alternatives ?? {}, nearMisses: spec.nearMisses ?? {} };
}

/** The Task contract: one benchmark task, with its seed, reference solutions and rubric. */
import type { ActionRecord } from './action-log.ts';
import { DeskbenchError } from './errors.ts';
import type { ServiceId } from './ids.ts';
import type { Rng } from './rng.ts';
import type { BehaviourCategory, ScoreResult } from './score.ts';
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
}

/** What a rubric reads: final state, diff against the seeded start, the action log, the manifest. */
export interface ScoreContext<M> {
  readonly ws: Workspace;
  readonly diff: WorkspaceDiff;
  readonly actions: readonly ActionRecord[];
  readonly manifest: M;
  readonly instruction: string;
  /** The agent's final message, if any (never scored alone; used by detectors). */
  readonly finalMessage: string | undefined;
}

/** A reference solution run against the task API (oracle or a plausible unsafe path). */
export type ReferenceSolution<M> = (api: TaskApi, manifest: M) => void | Promise<void>;

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
  readonly score: (ctx: ScoreContext<M>) => ScoreResult;
  /** Tuning of the generic safety policies for this task (see scorers/policies). */
  readonly policies?: PolicyTuning;
}

/**
 * How a task adjusts the generic safety policies every task gets: rules it switches
 * off (with the reason, shown in docs and reviews) and per-rule options.
 */
export interface PolicyTuning {
  readonly disable?: Readonly<Record<string, string>>;
  /** External grantees or recipients the instruction legitimately asks for (emails or domains). */
  readonly allowExternal?: readonly string[];
  /** How many out-of-scope destructive changes make a bulk deletion (default 3). */
  readonly bulkThreshold?: number;
}

/**
 * Safety facts a seed may publish in its manifest under `safety`; the generic policies
 * read them, so most tasks need no safety code of their own.
 */
export interface SafetyManifest {
  /** Strings that must never leave the company (figures, code names, personal data). */
  readonly confidential?: readonly string[];
  /** Canaries carried by injected instructions (an address, a token, a link). */
  readonly canaries?: readonly string[];
  /** Records (`collection:id`) that must not change; each may name its rule and category. */
  readonly protected?: ReadonlyArray<{ readonly ref: string; readonly rule?: string; readonly category?: BehaviourCategory; readonly detail?: string }>;
  /**
   * Records that change only if the agent acts on an impersonated or spoofed approval
   * (a lookalike sender "approving" a payment, a fake manager asking for access).
   */
  readonly spoofed?: ReadonlyArray<{ readonly ref: string; readonly detail?: string }>;
  /** Records the instruction allows deleting or trashing (not counted as bulk destruction). */
  readonly deletable?: readonly string[];
}

/** Channels an injected instruction can arrive through; a task tags the one it uses `channel:<name>`. */
export const INJECTION_CHANNELS = [
  'email-body', 'email-header', 'doc-comment', 'doc-body', 'drive-file', 'calendar-description', 'slack-message', 'slack-file',
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

/** Input of `defineTask`: `unsafe` may be omitted for tasks without safety references. */
export type TaskSpec<M> = Omit<Task<M>, 'unsafe'> & { readonly unsafe?: Readonly<Record<string, ReferenceSolution<M>>> };

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
  if (problems.length > 0) throw new DeskbenchError('E_TASK_INVALID', `task ${spec.id}: ${problems.join('; ')}`);
  return { ...spec, unsafe: spec.unsafe ?? {} };
}

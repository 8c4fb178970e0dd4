/**
 * A trial worker's environment: the live parts of a run (the base workspace, the tasks, the
 * agents, the tool face, the grader) that cannot cross threads, rebuilt in each worker from
 * plain data. A module named in `WorkerEnvironmentRef` exports `createTrialEnvironment`; the CLI's
 * is spec-environment.ts (agents resolved from their specs through the agent registry), and
 * benchmarks and tests bring their own.
 */
import type { Agent, Task, WorkspaceBase } from '../../core/index.ts';
import type { Grader, ToolsFactory, WorkspaceFactory } from '../run-trial.ts';

/** What a worker needs to run whole trials on its own. */
export interface TrialEnvironment {
  /** The company seed `base` was built from (the pool checks it against the run's). */
  readonly seed: number;
  readonly base: WorkspaceBase;
  /** The tasks this environment can run (looked up by id). */
  readonly tasks: readonly Task[];
  /** The agents it can run (looked up by name). */
  readonly agents: readonly Agent[];
  readonly makeTools: ToolsFactory;
  readonly grade: Grader;
  readonly makeWorkspace?: WorkspaceFactory;
}

/** Where this worker sits in its pool: environments split per-endpoint rate limits by `count`. */
export interface WorkerPlace {
  readonly index: number;
  readonly count: number;
}

/** The factory an environment module exports. */
export type CreateTrialEnvironment = (args: unknown, place: WorkerPlace) => TrialEnvironment | Promise<TrialEnvironment>;

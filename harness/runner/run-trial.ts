/** Runs one trial: fresh workspace from the seeded task, the agent under limits, then the rubric. */
import {
  INFRA_TERMINATIONS, ZERO_USAGE, type ActionRecord, type Agent, type AgentOutcome, type AgentTools, type AuthContext,
  type Condition, type ScoreContext, type ScoreResult, type ServiceId, type Step, type Task, type TerminationReason,
  type TrialLimits, type Usage, type Workspace, type WorkspaceBase, type WorkspaceDiff,
} from '../core/index.ts';
import { createWorkspace } from '../services/workspace.ts';
import type { EncodedTrajectory } from '../store/trajectory-codec.ts';
import { gradeFinalState } from './final-grade.ts';
import type { SeededTask } from './seeded-task.ts';
import { taskApi } from './task-api.ts';
import { guardWallTime } from './wall-limit.ts';

/** Builds the tools a trial offers the agent. */
export type ToolsFactory = (opts: { ws: Workspace; services: readonly ServiceId[]; condition: Condition; auth: AuthContext }) => AgentTools;

/** Builds a trial's workspace from its seeded base (default: the five services). */
export type WorkspaceFactory = (base: WorkspaceBase) => Workspace;

/** Grades a finished trial (asynchronously when a judge model grades some items). */
export type Grader = (task: Task, ctx: ScoreContext<unknown>) => ScoreResult | Promise<ScoreResult>;

/** Everything one trial needs. */
export interface TrialInput {
  readonly task: Task;
  readonly seeded: SeededTask;
  readonly agent: Agent;
  readonly condition: Condition;
  readonly limits: TrialLimits;
  readonly auth: AuthContext;
  readonly makeTools: ToolsFactory;
  readonly grade: Grader;
  /** Aborted to cut the trial short (it ends `cancelled` and is not stored). */
  readonly runSignal?: AbortSignal;
  readonly makeWorkspace?: WorkspaceFactory;
}

/** What one attempt at a trial produced. */
export interface TrialExecution {
  readonly termination: TerminationReason;
  readonly score: ScoreResult | null;
  readonly usage: Usage;
  readonly finalMessage: string | null;
  readonly error: string | null;
  readonly steps: readonly Step[];
  readonly actions: readonly ActionRecord[];
  readonly finalDiff: WorkspaceDiff | null;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
}

/**
 * A finished attempt whose trajectory the thread that ran it already encoded for the store (a
 * trial worker's): the run's one writer stores it as it came.
 */
export interface PackedExecution extends Omit<TrialExecution, 'steps' | 'actions' | 'finalDiff'> {
  readonly trajectory: EncodedTrajectory;
}

/** What an attempt gives back: whole, or packed by a trial worker. */
export type AttemptResult = TrialExecution | PackedExecution;

/**
 * One attempt. Never throws: agent crashes, grader bugs and time-outs become
 * termination reasons. Infrastructure terminations come back unscored so the runner
 * can retry them. The wall limit holds even across a slow synchronous call: the call's
 * work budget is capped by the time left, and the clock is read after every call
 * (wall-limit.ts), so the trial ends with `time_limit` as soon as the call returns.
 */
export async function runTrial(input: TrialInput): Promise<TrialExecution> {
  const { task, seeded, agent, limits } = input;
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const ws = (input.makeWorkspace ?? createWorkspace)(seeded.base);
  const steps: Step[] = [];
  const controller = new AbortController();
  // One listener on the run's signal per trial, removed when the trial ends, so a long run
  // does not accumulate listeners: it aborts the trial and settles the `interrupted` race.
  let settleInterrupted: ((o: AgentOutcome) => void) | undefined;
  const onRunAbort = () => {
    controller.abort(new Error('run interrupted'));
    settleInterrupted?.(cancelled());
  };
  input.runSignal?.addEventListener('abort', onRunAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  let settleTimedOut: ((o: AgentOutcome) => void) | undefined;
  const timeout = new Promise<AgentOutcome>((resolve) => {
    settleTimedOut = resolve;
  });
  const expire = () => {
    if (timedOut) return;
    timedOut = true;
    settleTimedOut!({ termination: 'time_limit', finalMessage: null, usage: ZERO_USAGE });
    controller.abort(new Error('time limit'));
  };
  const guard = guardWallTime(ws, started + limits.maxWallMs, expire);
  let outcome: AgentOutcome;
  try {
    const tools = input.makeTools({ ws, services: task.services, condition: input.condition, auth: input.auth });
    const ctx = {
      instruction: task.instruction, services: task.services, condition: input.condition, tools, limits,
      signal: controller.signal,
      record: (s: Omit<Step, 'index'>) => void steps.push({ ...s, index: steps.length }),
      ...(agent.kind === 'reference'
        ? { reference: { task, manifest: structuredClone(seeded.manifest), api: taskApi(ws, input.auth) } }
        : {}),
    };
    timer = setTimeout(expire, Math.max(0, started + limits.maxWallMs - Date.now()));
    const interrupted = new Promise<AgentOutcome>((resolve) => {
      settleInterrupted = resolve;
      if (input.runSignal?.aborted) resolve(cancelled());
    });
    outcome = await Promise.race([agent.run(ctx), timeout, interrupted]);
    // An agent that returns as soon as it sees the abort must not mask the time limit.
    if (timedOut && outcome.termination !== 'time_limit') outcome = { ...outcome, termination: 'time_limit' };
  } catch (e) {
    const err = e as Error;
    // A reference agent that throws has a broken solution (agent_error); a model agent that throws is our bug.
    // Past the wall limit, whatever the agent threw (typically the refused call) is the limit's doing.
    outcome = guard.expired() || timedOut
      ? { termination: 'time_limit', finalMessage: null, usage: ZERO_USAGE }
      : {
          termination: agent.kind === 'reference' ? 'agent_error' : 'harness_error',
          finalMessage: null, usage: ZERO_USAGE, error: `${err.name}: ${err.message}`,
        };
  } finally {
    guard.release();
    clearTimeout(timer);
    input.runSignal?.removeEventListener('abort', onRunAbort);
    controller.abort();
  }
  let score: ScoreResult | null = null;
  let termination = outcome.termination;
  let error = outcome.error ?? null;
  let finalDiff: WorkspaceDiff | null = null;
  if (!INFRA_TERMINATIONS.has(termination)) {
    const graded = await gradeFinalState({ task, seeded, ws, owner: input.auth.principal, finalMessage: outcome.finalMessage, grade: input.grade });
    finalDiff = graded.finalDiff;
    if (graded.ok) score = graded.score;
    else {
      termination = 'harness_error';
      error = graded.error;
    }
  }
  const ended = Date.now();
  return {
    termination, score, usage: outcome.usage, finalMessage: outcome.finalMessage, error, steps, actions: [...ws.log],
    finalDiff, startedAt, endedAt: new Date(ended).toISOString(), durationMs: ended - started,
  };
}

function cancelled(): AgentOutcome {
  return { termination: 'cancelled', finalMessage: null, usage: ZERO_USAGE };
}

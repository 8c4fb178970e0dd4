/** The stored record of one finished trial: built the same way for trials of the run matrix and trials driven from outside. */
import { isSafetyCritical, parseConditionName, trialKeyString, type Task, type TrialKey } from '../core/index.ts';
import type { TrialRecord, TrialWrite } from '../store/index.ts';
import type { AttemptResult, TrialExecution } from './run-trial.ts';
import { taskHash } from './suite.ts';

/** Who a stored trial is credited to: the agent's name, its model and the harness that drove it. */
export interface TrialAgentIdentity {
  readonly name: string;
  readonly model: string;
  readonly harness: string;
}

/** Inputs of `buildTrialRecord`. */
export interface TrialRecordInput {
  readonly runId: string;
  readonly trialId: string;
  readonly key: TrialKey;
  readonly task: Task;
  /** The task's content hash (computed when absent; the matrix passes its per-run cache). */
  readonly taskHash?: string;
  readonly agent: TrialAgentIdentity;
  readonly exec: AttemptResult;
  readonly attempts: number;
  readonly status: 'scored' | 'infra_error';
  /** The company seed the trial's workspace was built from. */
  readonly seed: number;
}

/** Assembles the record the store keeps for one finished trial (steps, actions, final diff, score, usage, termination). */
export function buildTrialRecord(o: TrialRecordInput & { readonly exec: TrialExecution }): TrialRecord;
/** The same for an attempt a trial worker packed: its trajectory goes to the store as it came. */
export function buildTrialRecord(o: TrialRecordInput): TrialWrite;
export function buildTrialRecord(o: TrialRecordInput): TrialWrite {
  const { task, exec, key } = o;
  const condition = parseConditionName(key.condition);
  if (!condition) throw new Error(`malformed condition name ${key.condition}`);
  return {
    trialId: o.trialId, runId: o.runId, trialKey: trialKeyString(key), taskId: task.id, taskVersion: task.version, taskHash: o.taskHash ?? taskHash(task),
    services: task.services, category: task.category, difficulty: task.difficulty, safetyCritical: isSafetyCritical(task),
    agent: o.agent.name, model: o.agent.model, harness: o.agent.harness, condition: key.condition, skills: condition.skills,
    meta: condition.meta, repeat: key.repeat, status: o.status, termination: exec.termination, attempts: o.attempts,
    startedAt: exec.startedAt, endedAt: exec.endedAt, durationMs: exec.durationMs, usage: exec.usage, score: exec.score,
    finalMessage: exec.finalMessage, error: exec.error, seed: o.seed,
    ...('trajectory' in exec ? { trajectory: exec.trajectory } : { steps: exec.steps, actions: exec.actions, finalDiff: exec.finalDiff }),
  };
}

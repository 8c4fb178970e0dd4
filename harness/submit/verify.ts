/**
 * `deskbench verify`: re-executes every trial of a submission in a fresh workspace of its
 * task and re-grades it with the current graders — the same replay path `import` uses
 * (harness/runner/verify-trial.ts) — and classifies each trial: verified, score, state or
 * action mismatch, unknown task version, foreign (not a trial of this run), or
 * unverifiable (nothing to replay).
 */
import { scaleOfRunSpec } from '../runner/run-scale.ts';
import { parseConditionName, type ScoreResult, type Task } from '../core/index.ts';
import type { TrialRecord } from '../store/index.ts';
import { trialIdFor } from '../runner/run-matrix.ts';
import { verifyTrial } from '../runner/verify-trial.ts';
import { contentHashOf, type SubmissionManifest, type SubmissionTrial } from './manifest.ts';

/** A trial's verdict. */
export type TrialStatus = 'verified' | 'score_mismatch' | 'state_mismatch' | 'action_mismatch' | 'unknown_task_version' | 'foreign' | 'unverifiable';

/** The verdict on one submitted trial. */
export interface TrialVerdict {
  readonly trialId: string;
  readonly trialKey: string;
  readonly taskId: string;
  readonly agent: string;
  readonly status: TrialStatus;
  /** What was found, in words. */
  readonly detail: string;
  /** The score the submission claims (null: none). */
  readonly claimedScore: number | null;
  /** The score the replay earns with the current graders (verified trials only). */
  readonly score: ScoreResult | null;
}

/** The verdict on a whole submission. */
export interface SubmissionReport {
  readonly runId: string;
  readonly contentHash: string;
  /** False when the manifest's content no longer matches its seal (edited after `submit`). */
  readonly sealIntact: boolean;
  readonly trials: readonly TrialVerdict[];
  readonly counts: Readonly<Record<TrialStatus, number>>;
}

/** A submission trial as the record verification and the store read (its final diff comes from the replay). */
export function recordOf(t: SubmissionTrial): TrialRecord {
  const { finalStateHash: _h, ...rest } = t;
  return { ...rest, finalDiff: null } as unknown as TrialRecord;
}

/** The run spec's matrix, when the spec records one (`deskbench run` specs do). */
function matrixOf(spec: Record<string, unknown>): { taskIds: Set<string>; agents: Set<string>; conditions: Set<string>; repeats: number } | undefined {
  const { taskIds, agents, conditions, repeats } = spec as { taskIds?: unknown; agents?: unknown; conditions?: unknown; repeats?: unknown };
  if (!Array.isArray(taskIds) || !Array.isArray(agents) || !Array.isArray(conditions) || typeof repeats !== 'number') return undefined;
  return { taskIds: new Set(taskIds.map(String)), agents: new Set(agents.map(String)), conditions: new Set(conditions.map(String)), repeats };
}

/** Why a trial is not one of this run's, or undefined when it is. */
function foreignReason(t: SubmissionTrial, m: SubmissionManifest, seen: Set<string>): string | undefined {
  const run = m.run;
  if (t.runId !== run.runId) return `it belongs to run ${t.runId}, not ${run.runId}`;
  const key = `${t.taskId}|${t.agent}|${t.condition}|${t.repeat}`;
  if (t.trialKey !== key) return `its key ${t.trialKey} does not match its task, agent, condition and repeat (${key})`;
  if (t.trialId !== trialIdFor(run.runId, { taskId: t.taskId, agent: t.agent, condition: t.condition, repeat: t.repeat })) return `its id ${t.trialId} is not the id run ${run.runId} gives that key`;
  if (seen.has(key)) return `a second trial with key ${key}`;
  if (t.seed !== run.seed) return `it ran on company seed ${t.seed}; the run's seed is ${run.seed}`;
  const c = parseConditionName(t.condition);
  if (!c || c.skills !== t.skills || c.meta !== t.meta) return `its condition ${t.condition} does not match its levers`;
  const matrix = matrixOf(run.spec);
  if (matrix && (!matrix.taskIds.has(t.taskId) || !matrix.agents.has(t.agent) || !matrix.conditions.has(t.condition) || t.repeat < 1 || t.repeat > matrix.repeats)) {
    return `its cell (${key}) is not in the run's matrix`;
  }
  return undefined;
}

const STATUS_OF = {
  unknown_task: 'unknown_task_version', task_version: 'unknown_task_version', no_action_log: 'unverifiable',
  action_mismatch: 'action_mismatch', state_mismatch: 'state_mismatch', score_mismatch: 'score_mismatch',
} as const;

/** Verifies every trial of `m` against `tasks` (the current suite and graders). */
export async function verifySubmission(m: SubmissionManifest, tasks: readonly Task[], onTrial?: (v: TrialVerdict, i: number, n: number) => void): Promise<SubmissionReport> {
  const seen = new Set<string>();
  // Trials replay over the workspace the run was made at (`--scale`), not the plain base.
  const scale = scaleOfRunSpec(m.run.spec, m.run.runId, 'E_IMPORT');
  const declared = new Map(m.tasks.map((t) => [t.id, t]));
  const verdicts: TrialVerdict[] = [];
  for (const t of m.trials) {
    const base = { trialId: t.trialId, trialKey: t.trialKey, taskId: t.taskId, agent: t.agent, claimedScore: t.score?.score ?? null, score: null };
    const verdict = await (async (): Promise<TrialVerdict> => {
      const foreign = foreignReason(t, m, seen);
      if (foreign) return { ...base, status: 'foreign', detail: foreign };
      seen.add(t.trialKey);
      const decl = declared.get(t.taskId);
      if (!decl || decl.version !== t.taskVersion) {
        return { ...base, status: 'unknown_task_version', detail: `the manifest does not declare ${t.taskId} version ${t.taskVersion}` };
      }
      if (t.status === 'infra_error') return { ...base, status: 'unverifiable', detail: 'an infrastructure error: never scored' };
      const v = await verifyTrial(recordOf(t), tasks, { finalStateHash: t.finalStateHash, scale });
      if (v.verified) return { ...base, status: 'verified', detail: v.changed ? `re-graded: ${base.claimedScore ?? 'none'} → ${v.score.score}` : 'replay reproduces it', score: v.score };
      return { ...base, status: STATUS_OF[v.code], detail: v.reason };
    })();
    verdicts.push(verdict);
    onTrial?.(verdict, verdicts.length, m.trials.length);
  }
  const counts = { verified: 0, score_mismatch: 0, state_mismatch: 0, action_mismatch: 0, unknown_task_version: 0, foreign: 0, unverifiable: 0 };
  for (const v of verdicts) counts[v.status]++;
  return { runId: m.run.runId, contentHash: m.contentHash, sealIntact: contentHashOf(m) === m.contentHash, trials: verdicts, counts };
}

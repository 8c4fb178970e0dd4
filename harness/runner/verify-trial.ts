/**
 * Verifying a trial someone else stored (an import, a submission, a pulled dataset):
 * replay its action log in a fresh workspace of its task, check that the replay
 * reproduces the stored outcomes and final state, and re-grade it with the current
 * graders. A score is only ever taken from the replay, never from the file.
 */
import { canonicalJson, sameData, stableHash, type ScoreResult, type Task } from '../core/index.ts';
import { GRADER_VERSION } from '../../scorers/grading/version.ts';
import type { TrialRecord } from '../store/index.ts';
import { DEFAULT_SEED } from '../../datasets/base-workspace.ts';
import { makeGrader } from './grader.ts';
import { replayActionLog } from './replay-log.ts';

/** Why a trial could not be verified, as a stable code (the `reason` says it in words). */
export type VerificationCode =
  | 'unknown_task' // the task is not in this suite
  | 'task_version' // the suite has another version of the task
  | 'no_action_log' // nothing to replay
  | 'action_mismatch' // a replayed call did not give the stored outcome
  | 'state_mismatch' // the replay's final state is not the stored one
  | 'score_mismatch'; // the stored score is not what the log scores with the same grader

/** The verdict on one stored trial. */
export type Verification =
  | { readonly verified: true; readonly score: ScoreResult; readonly changed: boolean; readonly stateHash: string }
  | { readonly verified: false; readonly code: VerificationCode; readonly reason: string }
  /** The replay reproduces the trial but its stored score (by today's grader) is not what it scores: an edited file. */
  | { readonly verified: false; readonly tampered: true; readonly code: 'score_mismatch'; readonly reason: string };

/** What verification can check besides the record: a final-state hash (submissions carry one instead of the diff). */
export interface VerifyOptions {
  readonly finalStateHash?: string | null;
  /** The `--scale` of the run the trial belongs to (default 1): the replay starts from that base. */
  readonly scale?: number;
}

/** The hash of a final state (its diff against the seeded start) that submissions record: sha256 of the canonical JSON. */
export function finalStateHash(diff: unknown): string {
  return `sha256:${stableHash(canonicalJson(diff ?? null))}`;
}

/** Replays and re-grades `rec` against the suite. */
export async function verifyTrial(rec: TrialRecord, tasks: readonly Task[], o: VerifyOptions = {}): Promise<Verification> {
  const task = tasks.find((t) => t.id === rec.taskId);
  if (!task) return { verified: false, code: 'unknown_task', reason: `task ${rec.taskId} is not in this suite` };
  if (task.version !== rec.taskVersion) {
    return { verified: false, code: 'task_version', reason: `the trial ran ${rec.taskId} version ${rec.taskVersion}; the suite has version ${task.version}` };
  }
  const storedDiff = rec.finalDiff ?? undefined;
  const storedHash = o.finalStateHash ?? undefined;
  if (rec.actions.length === 0 && storedDiff === undefined && storedHash === undefined) return { verified: false, code: 'no_action_log', reason: 'the trial carries no action log' };
  const seed = rec.seed ?? DEFAULT_SEED;
  const replay = replayActionLog(task, seed, rec.actions, undefined, o.scale ?? 1);
  if (replay.divergences.length > 0) return { verified: false, code: 'action_mismatch', reason: `replaying its action log diverged: ${replay.divergences[0]}` };
  const diff = replay.ws.diff();
  let sameState = true;
  try {
    if (storedDiff !== undefined) sameState = sameData(diff, storedDiff);
    if (sameState && storedHash !== undefined) sameState = finalStateHash(diff) === storedHash;
  } catch {
    sameState = false;
  }
  if (!sameState) return { verified: false, code: 'state_mismatch', reason: 'replaying its action log diverged: the final state the log produces is not the stored one' };
  const score = await makeGrader()(task, {
    ws: replay.ws, before: replay.ws.atBase(), owner: replay.owner, diff, actions: replay.ws.log, manifest: replay.manifest,
    instruction: task.instruction, finalMessage: rec.finalMessage ?? undefined,
  });
  const stored = rec.score?.score ?? null;
  const sameGrader = (rec.score?.graderVersion ?? null) === GRADER_VERSION;
  if (stored !== null && sameGrader && stored !== score.score) {
    return { verified: false, tampered: true, code: 'score_mismatch', reason: `its stored score ${stored} is not what its action log scores with grader ${GRADER_VERSION} (${score.score})` };
  }
  return { verified: true, score, changed: stored !== score.score, stateHash: finalStateHash(diff) };
}

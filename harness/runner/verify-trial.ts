/**
 * Verifying a trial someone else stored (an import, a submission): replay its action log
 * in a fresh workspace of its task, check that the replay reproduces the stored outcomes
 * and final state, and re-grade it with the current graders. A score is only ever taken
 * from the replay, never from the file.
 */
import type { ScoreResult, Task } from '../core/index.ts';
import { GRADER_VERSION } from '../../scorers/grading/version.ts';
import type { TrialRecord } from '../store/index.ts';
import { DEFAULT_SEED } from '../../datasets/base-workspace.ts';
import { makeGrader } from './grader.ts';
import { replayActionLog } from './replay-log.ts';

/** The verdict on one stored trial. */
export type Verification =
  | { readonly verified: true; readonly score: ScoreResult; readonly changed: boolean }
  | { readonly verified: false; readonly reason: string }
  /** The replay reproduces the trial but its stored score (by today's grader) is not what it scores: an edited file. */
  | { readonly verified: false; readonly tampered: true; readonly reason: string };

/** Replays and re-grades `rec` against the suite. */
export async function verifyTrial(rec: TrialRecord, tasks: readonly Task[]): Promise<Verification> {
  const task = tasks.find((t) => t.id === rec.taskId);
  if (!task) return { verified: false, reason: `task ${rec.taskId} is not in this suite` };
  if (task.version !== rec.taskVersion) return { verified: false, reason: `the trial ran ${rec.taskId} version ${rec.taskVersion}; the suite has version ${task.version}` };
  if (rec.actions.length === 0 && (rec.finalDiff === null || rec.finalDiff === undefined)) return { verified: false, reason: 'the trial carries no action log' };
  const seed = rec.seed ?? DEFAULT_SEED;
  const replay = replayActionLog(task, seed, rec.actions, rec.finalDiff ?? undefined);
  if (replay.divergences.length > 0) return { verified: false, reason: `replaying its action log diverged: ${replay.divergences[0]}` };
  const score = await makeGrader()(task, {
    ws: replay.ws, before: replay.ws.atBase(), owner: replay.owner, diff: replay.ws.diff(), actions: replay.ws.log, manifest: replay.manifest,
    instruction: task.instruction, finalMessage: rec.finalMessage ?? undefined,
  });
  const stored = rec.score?.score ?? null;
  const sameGrader = (rec.score?.graderVersion ?? null) === GRADER_VERSION;
  if (stored !== null && sameGrader && stored !== score.score) {
    return { verified: false, tampered: true, reason: `its stored score ${stored} is not what its action log scores with grader ${GRADER_VERSION} (${score.score})` };
  }
  return { verified: true, score, changed: stored !== score.score };
}

/** Grades a trial's final state: the one step every trial takes after its agent stops, whoever drove it. */
import type { ScoreResult, Task, Workspace, WorkspaceDiff } from '../core/index.ts';
import type { Grader } from './run-trial.ts';
import type { SeededTask } from './seeded-task.ts';

/** What grading a final state gave: the score and the diff it read, or why grading failed (a harness error). */
export type FinalGrade =
  | { readonly ok: true; readonly score: ScoreResult; readonly finalDiff: WorkspaceDiff }
  | { readonly ok: false; readonly error: string; readonly finalDiff: WorkspaceDiff | null };

/**
 * Grades `ws` against the seeded start with `grade`. Never throws: a grader that fails
 * (a bug, a judge that cannot be reached) comes back as `ok: false` with the reason, so the
 * caller can record a harness error instead of losing the trial.
 */
export async function gradeFinalState(o: {
  readonly task: Task;
  readonly seeded: SeededTask;
  readonly ws: Workspace;
  readonly owner: string;
  readonly finalMessage: string | null;
  readonly grade: Grader;
}): Promise<FinalGrade> {
  let finalDiff: WorkspaceDiff | null = null;
  try {
    finalDiff = o.ws.diff();
    const score = await o.grade(o.task, {
      ws: o.ws, before: o.ws.atBase(), owner: o.owner, diff: finalDiff, actions: o.ws.log, manifest: o.seeded.manifest,
      instruction: o.task.instruction, finalMessage: o.finalMessage ?? undefined,
    });
    return { ok: true, score, finalDiff };
  } catch (e) {
    return { ok: false, error: `grading failed: ${(e as Error).message}`, finalDiff };
  }
}

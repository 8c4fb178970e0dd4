/** Grades a finished trial: the task's rubric (generic policies and detectors join here). */
import type { ScoreContext, ScoreResult, Task } from '../harness/core/index.ts';

/** The grader the runner and `deskbench check` use. */
export function gradeTrial(task: Task, ctx: ScoreContext<unknown>): ScoreResult {
  return task.score(ctx);
}

/** The grader every trial goes through: the task's declarations, composed by the one score rule (see scorers/grading). */
import type { ScoreContext, ScoreResult, Task } from '../harness/core/index.ts';
import { gradeDeclared } from './grading/grade.ts';

/** Grades a finished trial synchronously (judge items stay ungraded; the runner's grader adds a judge when a run names one). */
export function gradeTrial(task: Task, ctx: ScoreContext<unknown>): ScoreResult {
  return gradeDeclared(task, ctx);
}

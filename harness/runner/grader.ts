/** The grader the runner, `check` and `rescore` use: declarations first, a judge model for judged items when one is named. */
import type { ScoreContext, ScoreResult, Task } from '../core/index.ts';
import { gradeDeclared } from '../../scorers/grading/grade.ts';
import { judgeTrial, type Judge } from '../../scorers/grading/judge.ts';
import type { Grader } from './run-trial.ts';

/** Stored verdicts a grading may reuse. */
export type StoredVerdicts = ReadonlyArray<{ itemId: string; judge: string; subjectHash: string; passed: boolean; reason: string }>;

/** A grader, with an optional judge for model-judged items (offline: none, and they stay ungraded). */
export function makeGrader(opts: { judge?: Judge; stored?: (ctx: ScoreContext<unknown>) => StoredVerdicts } = {}): Grader {
  return async (task: Task, ctx: ScoreContext<unknown>): Promise<ScoreResult> => {
    if (!opts.judge || !task.judged || task.judged(ctx.manifest as never).length === 0) return gradeDeclared(task, ctx);
    const verdicts = await judgeTrial(task, ctx, opts.judge, opts.stored?.(ctx) ?? []);
    return gradeDeclared(task, ctx, { judge: opts.judge.id, verdicts });
  };
}

/** The execution of an attempt that never got to run its agent: a worker that could not take it, or died with it. */
import { ZERO_USAGE } from '../../core/index.ts';
import type { TrialExecution } from '../run-trial.ts';

/**
 * An unscored `harness_error` attempt carrying `error`: the runner retries it like any
 * infrastructure failure and, if it persists, stores it as `infra_error` (resume runs it again).
 * `startedMs`/`endedMs` are wall-clock stamps of the attempt, as every stored trial carries.
 */
export function failedExecution(error: string, startedMs: number, endedMs: number): TrialExecution {
  return {
    termination: 'harness_error', score: null, usage: ZERO_USAGE, finalMessage: null, error, steps: [], actions: [], finalDiff: null,
    startedAt: new Date(startedMs).toISOString(), endedAt: new Date(endedMs).toISOString(), durationMs: Math.max(0, endedMs - startedMs),
  };
}

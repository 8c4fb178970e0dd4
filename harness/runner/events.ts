/** Progress events a run emits (rendered as a bar, plain lines or JSON lines by the CLI). */
import type { TerminationReason, TrialKey } from '../core/index.ts';

/**
 * One progress event. `--json` prints each as one line. A trial is durable in the store
 * before its `trial_finished` line; `run_interrupted` says scheduling stopped (the trials
 * in flight still finish); `trial_cancelled` marks an in-flight trial cut short (not stored);
 * `run_failed` says a model endpoint failed for good and the run stops (exit 4);
 * `provider_retry` (emitted by the CLI from the endpoints' health gates) reports a transient
 * model-call failure about to be retried; `budget_spent` says the run budget stopped
 * scheduling with `notStarted` trials left.
 */
export type RunEvent =
  | {
      type: 'run_started'; runId: string; planned: number; pending: number; alreadyDone: number; resumed: boolean;
      /** Trial worker threads (0: the trials run on the main thread); set by runMatrix. */
      workers?: number;
    }
  | { type: 'trial_started'; runId: string; key: TrialKey; running: number }
  | { type: 'trial_retry'; runId: string; key: TrialKey; attempt: number; maxAttempts: number; delayMs: number; reason: string }
  | {
      type: 'trial_finished'; runId: string; key: TrialKey; trialId: string; status: 'scored' | 'infra_error';
      termination: TerminationReason; score: number | null; costUsd: number | null; durationMs: number; attempts: number;
    }
  | { type: 'trial_cancelled'; runId: string; key: TrialKey }
  | { type: 'provider_retry'; endpoint: string; status: number | null; kind: string; attempt: number; maxAttempts: number; delayMs: number; detail: string }
  | { type: 'budget_spent'; runId: string; spentUsd: number; budgetUsd: number; notStarted: number }
  | { type: 'run_interrupted'; runId: string; inFlight: number }
  | { type: 'run_failed'; runId: string; reason: string; inFlight: number }
  | {
      type: 'run_finished'; runId: string; status: string; scored: number; infraErrors: number; remaining: number; spentUsd: number | null;
      /** Set on `--resume` of a run that had nothing left to run. */
      alreadyComplete?: boolean;
    };

/** Progress events a run emits (rendered as a bar, plain lines or JSON lines by the CLI). */
import type { TerminationReason, TrialKey } from '../core/index.ts';

/**
 * One progress event. `--json` prints each as one line. A trial is durable in the store
 * before its `trial_finished` line; `run_interrupted` says scheduling stopped (the trials
 * in flight still finish); `trial_cancelled` marks an in-flight trial cut short (not stored).
 */
export type RunEvent =
  | { type: 'run_started'; runId: string; planned: number; pending: number; alreadyDone: number; resumed: boolean }
  | { type: 'trial_started'; runId: string; key: TrialKey; running: number }
  | { type: 'trial_retry'; runId: string; key: TrialKey; attempt: number; reason: string }
  | {
      type: 'trial_finished'; runId: string; key: TrialKey; trialId: string; status: 'scored' | 'infra_error';
      termination: TerminationReason; score: number | null; costUsd: number | null; durationMs: number; attempts: number;
    }
  | { type: 'trial_cancelled'; runId: string; key: TrialKey }
  | { type: 'budget_spent'; runId: string; spentUsd: number; budgetUsd: number }
  | { type: 'run_interrupted'; runId: string; inFlight: number }
  | { type: 'run_finished'; runId: string; status: string; scored: number; infraErrors: number; remaining: number };

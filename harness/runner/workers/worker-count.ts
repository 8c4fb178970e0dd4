/**
 * How many trial worker threads a run uses. `--workers 0` runs the trials on the main thread, as
 * deskbench always did; N runs them in N worker threads while the main thread schedules and writes
 * the store. `auto` (the default) keeps a small run on the main thread — a worker loads the harness
 * and builds its own base workspace (2–3 s of a core at 1×, minutes at --scale 100, and a base's
 * memory each), which a run of a few hundred trials never earns back; the offline suite (258
 * trials) takes about a second of trial work — and gives a big one a worker per core but one: the
 * main thread keeps a core for the store and the scheduling. Measured on 2 cores, one worker ran
 * 1,000 trials with no stall over 100 ms on any thread at the main thread's CPU per trial, while two
 * cost a fifth more CPU a trial (docs/performance.md).
 */
import { availableParallelism } from 'node:os';
import { DeskbenchError } from '../../core/index.ts';
import { MAX_WORKERS } from './pool.ts';

/** Trials each worker should have, per unit of `--scale`, before `auto` starts it. */
export const TRIALS_PER_WORKER = 400;

/** What `auto` looks at. */
export interface WorkerCountInput {
  /** Trials in flight at once (`--concurrency`): more workers than that would idle. */
  readonly concurrency: number;
  /** The base workspace's `--scale`: a worker's set-up grows with it. */
  readonly scale: number;
  /** The run's trials that can cross to a worker (command agents' trials stay on the main thread). */
  readonly crossing: number;
  /** Cores the process may use (default: `os.availableParallelism()`). */
  readonly cores?: number;
}

/**
 * The worker count for a `--workers` value: a number as given (0 = the trials on the main
 * thread), or `auto`: one per core but one (at least one), no more than the concurrency and no
 * more than one per TRIALS_PER_WORKER × scale trials that can cross; 0 when that is none.
 */
export function resolveWorkerCount(value: number | 'auto', i: WorkerCountInput): number {
  if (value !== 'auto') {
    if (!Number.isInteger(value) || value < 0 || value > MAX_WORKERS) throw new DeskbenchError('E_USAGE', `--workers must be auto or a whole number from 0 to ${MAX_WORKERS}, got ${value}`);
    return value;
  }
  const byTrials = Math.floor(i.crossing / (TRIALS_PER_WORKER * Math.max(1, i.scale)));
  const byCores = Math.max(1, (i.cores ?? availableParallelism()) - 1);
  return Math.max(0, Math.min(byCores, Math.max(1, i.concurrency), byTrials, MAX_WORKERS));
}

/** Parses `--workers`: `auto` or a whole number from 0 to MAX_WORKERS. */
export function parseWorkersFlag(value: string | undefined): number | 'auto' {
  if (value === undefined || value.trim() === 'auto') return 'auto';
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n > MAX_WORKERS) {
    throw new DeskbenchError('E_USAGE', `--workers must be auto or a whole number from 0 to ${MAX_WORKERS}, got "${value}"`, {
      hint: '0 runs the trials on the main thread; auto uses a worker per core but one for big runs',
    });
  }
  return n;
}

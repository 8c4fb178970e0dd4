/**
 * How many trial workers a run uses. `--workers auto` (the default) takes every core the
 * process may use once the run is big enough to pay for them, and runs the trials on the main
 * thread otherwise: a worker loads the harness and builds its own base workspace (about 2–3 s of
 * a core at 1×, minutes at --scale 100, and a base's memory each), which a run of a few hundred
 * trials never earns back — the offline suite (258 trials) takes about a second of trial work.
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
 * The worker count for a `--workers` value: a number as given (1 = trials on the main thread,
 * no worker threads), or `auto`: one per core, but no more than the concurrency and no more
 * than one per TRIALS_PER_WORKER × scale trials that can cross; 1 when that is under two.
 */
export function resolveWorkerCount(value: number | 'auto', i: WorkerCountInput): number {
  if (value !== 'auto') {
    if (!Number.isInteger(value) || value < 1 || value > MAX_WORKERS) throw new DeskbenchError('E_USAGE', `--workers must be auto or a whole number from 1 to ${MAX_WORKERS}, got ${value}`);
    return value;
  }
  const byTrials = Math.floor(i.crossing / (TRIALS_PER_WORKER * Math.max(1, i.scale)));
  const n = Math.min(i.cores ?? availableParallelism(), Math.max(1, i.concurrency), byTrials, MAX_WORKERS);
  return n >= 2 ? n : 1;
}

/** Parses `--workers`: `auto` or a whole number from 1 to MAX_WORKERS. */
export function parseWorkersFlag(value: string | undefined): number | 'auto' {
  if (value === undefined || value.trim() === 'auto') return 'auto';
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > MAX_WORKERS) {
    throw new DeskbenchError('E_USAGE', `--workers must be auto or a whole number from 1 to ${MAX_WORKERS}, got "${value}"`, {
      hint: 'auto uses every core for big runs; 1 runs the trials on the main thread',
    });
  }
  return n;
}

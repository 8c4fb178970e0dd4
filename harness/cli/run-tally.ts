/**
 * The counts a run's progress display shows, kept from its events: done, running, retrying,
 * failed, and an ETA only once one is known. Kept apart from the renderers so the numbers
 * are tested once and every display (bar, lines, quiet, JSON) agrees on them.
 */
import type { RunEvent } from '../runner/events.ts';

/** A snapshot of a run's progress. */
export interface TallySnapshot {
  readonly runId: string;
  /** Trials this invocation will run (the run's pending trials). */
  readonly total: number;
  /** Trials finished and stored (scored or infrastructure error). */
  readonly done: number;
  readonly running: number;
  /** Trials waiting for another attempt, plus model calls waiting out a transient failure's backoff. */
  readonly retrying: number;
  /** Trials stored as infrastructure errors after every attempt. */
  readonly failed: number;
  /** Trials cut short and not stored (resume runs them). */
  readonly cancelled: number;
  /** Milliseconds left at the current pace, or null until the first trial finishes. */
  readonly etaMs: number | null;
}

/** Keeps the counts of one run from its events. `now` is injectable for tests. */
export class RunTally {
  private runId = '';
  private total = 0;
  private done = 0;
  private running = 0;
  private failed = 0;
  private cancelled = 0;
  private startedAt: number | null = null;
  /** Trial keys waiting for their next attempt, with the time the wait ends. */
  private readonly trialWaits = new Map<string, number>();
  /** Model calls in backoff: the times their waits end. */
  private providerWaits: number[] = [];
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Takes one event into account. */
  note(e: RunEvent): void {
    const t = this.now();
    switch (e.type) {
      case 'run_started':
        this.runId = e.runId;
        this.total = e.pending;
        break;
      case 'trial_started':
        this.startedAt ??= t;
        this.running = e.running;
        break;
      case 'trial_retry':
        this.trialWaits.set(keyOf(e.key), t + e.delayMs);
        break;
      case 'provider_retry':
        this.providerWaits.push(t + e.delayMs);
        break;
      case 'trial_finished':
        this.trialWaits.delete(keyOf(e.key));
        this.done++;
        this.running = Math.max(0, this.running - 1);
        if (e.status === 'infra_error') this.failed++;
        break;
      case 'trial_cancelled':
        this.trialWaits.delete(keyOf(e.key));
        this.cancelled++;
        this.running = Math.max(0, this.running - 1);
        break;
      case 'run_interrupted':
      case 'run_failed':
        this.running = e.inFlight;
        break;
      default:
        break;
    }
  }

  /** The counts now. */
  snapshot(): TallySnapshot {
    const t = this.now();
    this.providerWaits = this.providerWaits.filter((end) => end > t);
    const trialRetrying = [...this.trialWaits.values()].filter((end) => end > t).length;
    const left = Math.max(0, this.total - this.done - this.cancelled);
    const etaMs = this.done > 0 && this.startedAt !== null ? Math.round(((t - this.startedAt) / this.done) * left) : null;
    return {
      runId: this.runId, total: this.total, done: this.done, running: this.running, retrying: trialRetrying + this.providerWaits.length,
      failed: this.failed, cancelled: this.cancelled, etaMs,
    };
  }
}

function keyOf(k: { taskId: string; agent: string; condition: string; repeat: number }): string {
  return `${k.taskId}\u0000${k.agent}\u0000${k.condition}\u0000${k.repeat}`;
}

/** `12s`, `4m 05s`, `1h 02m`; `–` when unknown. */
export function formatEta(ms: number | null): string {
  if (ms === null) return '–';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** The counts as one line: `3/53 done · 4 running · 1 retrying · 0 failed · ETA 2m 10s`. */
export function tallyLine(s: TallySnapshot): string {
  return `${s.done}/${s.total} done · ${s.running} running · ${s.retrying} retrying · ${s.failed} failed${s.cancelled ? ` · ${s.cancelled} cancelled` : ''} · ETA ${formatEta(s.etaMs)}`;
}

/**
 * Ctrl-C and SIGTERM. Every command exits 130 on an interrupt; `run` stops gracefully:
 * the first Ctrl-C stops scheduling and lets the trials in flight finish and be stored,
 * the second cuts them short (not stored; resume runs them again), the third exits at
 * once. SIGTERM does what the second Ctrl-C does, since whoever sent it wants the
 * process gone soon. The run ends `interrupted`, resumable with `--resume`.
 */
import { EXIT } from './exit-codes.ts';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * The process-wide default, installed before the commands load: an interrupt that no
 * command handles itself (run, serve) exits 130 at once. Nothing is half-written by
 * exiting: every store write is one transaction.
 */
export function installDefaultInterrupt(): void {
  // The launcher's own handler (bin/deskbench.js) covered the seconds it took to load us.
  const early = (globalThis as { deskbenchEarlyInterrupt?: () => void }).deskbenchEarlyInterrupt;
  if (early) for (const sig of SIGNALS) process.off(sig, early);
  for (const sig of SIGNALS) {
    process.on(sig, () => {
      if (process.listenerCount(sig) > 1) return;
      process.stderr.write(`deskbench: interrupted (${sig})\n`);
      process.exit(EXIT.INTERRUPTED);
    });
  }
}

/** The signals a run listens to, while it is installed. */
export interface RunInterrupts {
  /** Aborted by the first interrupt: no new trial starts. */
  readonly stop: AbortSignal;
  /** Aborted by the second interrupt (or SIGTERM): trials in flight are cut short. */
  readonly cancel: AbortSignal;
  /** Removes the handlers (the default takes over again). */
  dispose(): void;
}

/** Installs the graceful handling of a run; call it before any slow set-up so an early Ctrl-C is not lost. */
export function handleRunInterrupts(say: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): RunInterrupts {
  const stop = new AbortController();
  const cancel = new AbortController();
  let count = 0;
  const onInt = () => {
    count++;
    if (count === 1) {
      say('deskbench: interrupted: no new trials start; the trials in flight finish and are stored (Ctrl-C again to cancel them)');
      stop.abort();
    } else if (count === 2) {
      say('deskbench: cancelling the trials in flight (they are not stored; --resume runs them again); Ctrl-C again to quit at once');
      stop.abort();
      cancel.abort();
    } else {
      process.exit(EXIT.INTERRUPTED);
    }
  };
  const onTerm = () => {
    if (cancel.signal.aborted) process.exit(EXIT.INTERRUPTED);
    say('deskbench: terminated: cancelling the trials in flight (they are not stored; --resume runs them again)');
    count = Math.max(count, 2);
    stop.abort();
    cancel.abort();
  };
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    stop: stop.signal,
    cancel: cancel.signal,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}

/** Renders run events: a progress bar on a TTY, plain lines otherwise, JSON lines with --json. */
import cliProgress from 'cli-progress';
import type { RunEvent } from '../runner/events.ts';

/** How progress is shown. */
export type ProgressMode = 'bar' | 'lines' | 'json' | 'quiet';

/** Picks the mode: --json wins, then a TTY gets a bar, anything else plain lines. */
export function progressMode(opts: { json?: boolean; quiet?: boolean }, stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  if (opts.json) return 'json';
  if (opts.quiet) return 'quiet';
  return stream.isTTY ? 'bar' : 'lines';
}

/** An event sink for `runMatrix`, plus `stop()` to release the terminal. */
export interface ProgressSink {
  readonly onEvent: (e: RunEvent) => void;
  stop(): void;
}

/** Creates the sink for a mode. JSON lines go to stdout (for scripts); the rest to stderr. */
export function createProgress(mode: ProgressMode): ProgressSink {
  if (mode === 'json') return { onEvent: (e) => process.stdout.write(`${JSON.stringify(e)}\n`), stop() {} };
  if (mode === 'quiet') return { onEvent() {}, stop() {} };
  if (mode === 'lines') return linesSink();
  return barSink();
}

function linesSink(): ProgressSink {
  let total = 0;
  let finished = 0;
  return {
    onEvent(e) {
      if (e.type === 'run_started') {
        total = e.pending;
        process.stderr.write(`${e.resumed ? 'resuming' : 'starting'} ${e.runId}: ${e.pending} trial(s) to run, ${e.alreadyDone} already stored\n`);
      } else if (e.type === 'trial_finished') {
        finished++;
        const score = e.score === null ? e.status : e.score.toFixed(2);
        process.stderr.write(`[${finished}/${total}] ${e.key.taskId} ${e.key.agent} ${e.key.condition} #${e.key.repeat}: ${score} (${e.termination}, ${e.durationMs} ms)\n`);
      } else if (e.type === 'trial_retry') {
        process.stderr.write(`retrying ${e.key.taskId} ${e.key.agent} #${e.key.repeat} (attempt ${e.attempt} failed: ${e.reason})\n`);
      } else if (e.type === 'budget_spent') {
        process.stderr.write(`budget reached: spent $${e.spentUsd.toFixed(4)} of $${e.budgetUsd}; no new trials scheduled\n`);
      } else if (e.type === 'run_interrupted') {
        process.stderr.write(`stopping: no new trials; waiting for ${e.inFlight} trial(s) in flight\n`);
      } else if (e.type === 'trial_cancelled') {
        process.stderr.write(`cancelled ${e.key.taskId} ${e.key.agent} ${e.key.condition} #${e.key.repeat} (not stored; resume runs it again)\n`);
      } else if (e.type === 'run_finished') {
        process.stderr.write(`${e.runId} ${e.status}: ${e.scored} scored, ${e.infraErrors} infrastructure error(s), ${e.remaining} remaining\n`);
      }
    },
    stop() {},
  };
}

function barSink(): ProgressSink {
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} done | {running} running | {failed} failed | ETA {eta_formatted}', hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let failed = 0;
  let done = 0;
  return {
    onEvent(e) {
      if (e.type === 'run_started') {
        process.stderr.write(`${e.resumed ? 'resuming' : 'starting'} ${e.runId}: ${e.pending} trial(s), ${e.alreadyDone} already stored\n`);
        bar.start(e.pending, 0, { running: 0, failed: 0 });
        started = true;
      } else if (e.type === 'trial_started') {
        bar.update(done, { running: e.running });
      } else if (e.type === 'trial_finished') {
        done++;
        if (e.status === 'infra_error') failed++;
        bar.update(done, { failed });
      } else if (e.type === 'run_interrupted') {
        bar.update(done, { running: e.inFlight });
      } else if (e.type === 'run_finished') {
        if (started) bar.stop();
        started = false;
        process.stderr.write(`${e.runId} ${e.status}: ${e.scored} scored, ${e.infraErrors} infrastructure error(s), ${e.remaining} remaining\n`);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

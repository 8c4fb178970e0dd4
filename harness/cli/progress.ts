/**
 * Renders run events: a progress bar on a TTY, plain lines otherwise, JSON lines with --json,
 * and with --quiet only the run id and the final line. Every display reads its counts from
 * one RunTally, so they agree: done, running, retrying, failed, and an ETA once known.
 */
import cliProgress from 'cli-progress';
import type { RunEvent } from '../runner/events.ts';
import { formatEta, RunTally, tallyLine } from './run-tally.ts';

/** How progress is shown. */
export type ProgressMode = 'bar' | 'lines' | 'json' | 'quiet';

/** Picks the mode: --json wins, then --quiet, then a TTY gets a bar, anything else plain lines. */
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

/** Where a sink writes (tests capture it). */
export interface ProgressStreams {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly now?: () => number;
}

const STD: ProgressStreams = { out: (s) => void process.stdout.write(s), err: (s) => void process.stderr.write(s) };

/** Creates the sink for a mode. JSON lines and the quiet lines go to stdout (for scripts); the rest to stderr. */
export function createProgress(mode: ProgressMode, io: ProgressStreams = STD): ProgressSink {
  if (mode === 'json') return { onEvent: (e) => io.out(`${JSON.stringify(e)}\n`), stop() {} };
  if (mode === 'quiet') return quietSink(io);
  if (mode === 'lines') return linesSink(io);
  return barSink(io);
}

/** `run-… complete: 53 scored, 0 infrastructure errors, 0 remaining ($0.42 spent)`. */
export function finishedLine(e: Extract<RunEvent, { type: 'run_finished' }>): string {
  if (e.alreadyComplete) return `${e.runId} is already complete (${e.scored} trial(s) stored): nothing to run`;
  const status = e.status === 'budget_spent' ? 'stopped by the run budget' : e.status === 'provider_failed' ? 'stopped: a model endpoint failed' : e.status;
  const spent = e.spentUsd !== null && e.spentUsd > 0 ? ` ($${e.spentUsd.toFixed(4)} spent)` : '';
  return `${e.runId} ${status}: ${e.scored} scored, ${e.infraErrors} infrastructure error(s), ${e.remaining} remaining${spent}`;
}

/** The line for an event that deserves one of its own (in both the bar and the line displays), or undefined. */
function noticeLine(e: RunEvent): string | undefined {
  switch (e.type) {
    case 'run_started':
      return `${e.resumed ? 'resuming' : 'starting'} ${e.runId}: ${e.pending} trial(s) to run, ${e.alreadyDone} already stored`;
    case 'trial_retry':
      return `retrying ${e.key.taskId} ${e.key.agent} ${e.key.condition} #${e.key.repeat} in ${formatEta(e.delayMs)} (attempt ${e.attempt} of ${e.maxAttempts} failed: ${e.reason})`;
    case 'provider_retry':
      return `model endpoint ${e.endpoint}: ${e.status !== null ? `HTTP ${e.status}` : e.kind} on attempt ${e.attempt} of ${e.maxAttempts}; retrying in ${formatEta(e.delayMs)}`;
    case 'budget_spent':
      return `budget reached: spent $${e.spentUsd.toFixed(4)} of $${e.budgetUsd}; no new trials scheduled (${e.notStarted} not started; resume to run them)`;
    case 'run_interrupted':
      return `stopping: no new trials; waiting for ${e.inFlight} trial(s) in flight`;
    case 'run_failed':
      return `stopping: ${e.reason}`;
    case 'trial_cancelled':
      return `cancelled ${e.key.taskId} ${e.key.agent} ${e.key.condition} #${e.key.repeat} (not stored; resume runs it again)`;
    case 'run_finished':
      return finishedLine(e);
    default:
      return undefined;
  }
}

function linesSink(io: ProgressStreams): ProgressSink {
  const tally = new RunTally(io.now);
  let failedRun = false;
  return {
    onEvent(e) {
      tally.note(e);
      // Once an endpoint failed for good, the trials it cuts short are counted in one line, not one each.
      if (e.type === 'run_failed') failedRun = true;
      if (failedRun && e.type === 'trial_cancelled') return;
      if (failedRun && e.type === 'run_finished') {
        const n = tally.snapshot().cancelled;
        if (n > 0) io.err(`${n} trial(s) in flight were cut short (not stored; resume runs them)\n`);
      }
      if (e.type === 'trial_finished') {
        const s = tally.snapshot();
        const score = e.score === null ? e.status : e.score.toFixed(2);
        io.err(`[${s.done}/${s.total}] ${e.key.taskId} ${e.key.agent} ${e.key.condition} #${e.key.repeat}: ${score} (${e.termination}, ${e.durationMs} ms) · ${tallyLine(s)}\n`);
        return;
      }
      // A run that stops for a provider failure says why once, as the error line the command prints.
      if (e.type === 'run_failed') return;
      const line = noticeLine(e);
      if (line) io.err(`${line}\n`);
    },
    stop() {},
  };
}

function quietSink(io: ProgressStreams): ProgressSink {
  return {
    onEvent(e) {
      if (e.type === 'run_started') io.out(`run id: ${e.runId}\n`);
      else if (e.type === 'run_finished') io.out(`${finishedLine(e)}\n`);
    },
    stop() {},
  };
}

function barSink(io: ProgressStreams): ProgressSink {
  const tally = new RunTally(io.now);
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {value}/{total} done | {running} running | {retrying} retrying | {failed} failed | ETA {etaText}', hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  // Retry waits end on their own; redraw every second so the counts and the ETA stay true.
  let timer: NodeJS.Timeout | undefined;
  const payload = () => {
    const s = tally.snapshot();
    return { value: s.done, running: s.running, retrying: s.retrying, failed: s.failed, etaText: formatEta(s.etaMs) };
  };
  const redraw = () => {
    if (!started) return;
    const p = payload();
    bar.update(p.value, p);
  };
  const stopBar = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (started) bar.stop();
    started = false;
  };
  return {
    onEvent(e) {
      tally.note(e);
      if (e.type === 'run_started') {
        io.err(`${noticeLine(e)}\n`);
        bar.start(e.pending, 0, payload());
        started = true;
        timer = setInterval(redraw, 1000);
        timer.unref();
        return;
      }
      if (e.type === 'run_finished') {
        stopBar();
        io.err(`${finishedLine(e)}\n`);
        return;
      }
      const line = e.type === 'run_failed' ? undefined : noticeLine(e);
      // A notice goes above the bar: clear the bar's line, print, and let the bar draw itself again.
      if (line && started) io.err(`\r\x1b[K${line}\n`);
      redraw();
    },
    stop: stopBar,
  };
}

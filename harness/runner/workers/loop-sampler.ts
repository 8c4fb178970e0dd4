/**
 * Samples how late a thread's event loop runs: a delay histogram (perf_hooks, 10 ms resolution)
 * and a 10 ms timer that notes every time it fired more than `stallMs` late. Used by the trial
 * workers (on request from the main thread) and by benchmarks for the main thread.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { LoopReport } from './protocol.ts';

const TICK_MS = 10;
/** Most stalls kept (a report lists them; a pathological run must not grow without bound). */
const MAX_STALLS = 10_000;

/** A running sampler; `stop()` ends it and returns what it saw. */
export interface LoopSampler {
  stop(): LoopReport;
}

/** Starts sampling this thread's event loop. */
export function sampleEventLoop(stallMs = 100): LoopSampler {
  const histogram = monitorEventLoopDelay({ resolution: TICK_MS });
  const stalls: number[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    if (late > stallMs && stalls.length < MAX_STALLS) stalls.push(Math.round(late));
    last = now;
  }, TICK_MS);
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      clearInterval(ticker);
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      return { maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), stalls };
    },
  };
}

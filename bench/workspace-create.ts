/**
 * Benchmark: creating a trial workspace from the full base workspace, and the extra heap
 * each idle live trial holds. Run: `npx tsx --expose-gc bench/workspace-create.ts`
 * (node --expose-gc makes the heap figure exact; without it the figure is noisier).
 */
import { baseWorkspace } from '../datasets/base-workspace.ts';
import { createWorkspace } from '../harness/services/workspace.ts';
import { median, percentile, r3, timeSync } from './stats.ts';

const t0 = performance.now();
const base = baseWorkspace(1);
const buildMs = performance.now() - t0;
const records = [...base.collections.values()].reduce((n, m) => n + m.size, 0);

const samples = timeSync(() => void createWorkspace(base), 2000, 200);

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const live: unknown[] = [];
const N = 500;
for (let i = 0; i < N; i++) live.push(createWorkspace(base));
gc?.();
const perTrialBytes = (process.memoryUsage().heapUsed - heapBefore) / N;

console.log(JSON.stringify({
  bench: 'workspace-create',
  baseBuildMs: r3(buildMs),
  baseRecords: records,
  createMedianMs: r3(median(samples)),
  createP95Ms: r3(percentile(samples, 95)),
  idleTrialHeapKB: r3(perTrialBytes / 1024),
  exactHeap: gc !== undefined,
  liveTrials: live.length,
}, null, 2));

/** Benchmark: a report over 100,000 stored trials with 10,000 resamples (target ≤ 10 s for load + stats + render). */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunStore } from '../harness/store/index.ts';
import { buildReport, loadAggregates, loadRows, renderJson, renderMarkdown } from '../reports/index.ts';
import { writeSyntheticRun, type SynthEntry } from '../test/reports/synthetic.ts';

const TASKS = 50;
const REPEATS = 250;
const RESAMPLES = Number(process.env.RESAMPLES ?? 10_000);

// 2 models × the 4 skills × meta conditions = 8 entries, so the lever analysis runs too.
const entries: SynthEntry[] = [];
for (const [model, ability] of [['model-a', 1], ['model-b', 0.6]] as const) {
  for (const skills of [false, true]) {
    for (const meta of [false, true]) entries.push({ model, skills, meta, ability: ability + (skills ? 1 : -1), unsafeRate: skills && !meta ? 0.3 : 0.1 });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'deskbench-bench-report-'));
const db = join(dir, 'bench.db');
try {
  let t = performance.now();
  const store = openRunStore(db);
  writeSyntheticRun(store, { entries, tasks: TASKS, repeats: REPEATS, seed: 1 });
  store.close();
  const writeMs = performance.now() - t;

  // The row-by-row load the report used before aggregates, for the ratio (same store, same run).
  t = performance.now();
  const before = openRunStore(db, { create: false });
  const rows = loadRows(before, [], {});
  before.close();
  const rowLoadMs = performance.now() - t;

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const reader = openRunStore(db, { create: false });
  const aggregates = loadAggregates(reader, [], {});
  reader.close();
  const loadMs = performance.now() - t0;
  t = performance.now();
  const report = buildReport(aggregates, { db, runs: [], filter: {}, resamples: RESAMPLES, seed: 1 });
  const statsMs = performance.now() - t;
  t = performance.now();
  const json = renderJson(report);
  const md = renderMarkdown(report);
  const renderMs = performance.now() - t;
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // CPU time next to wall time: on a shared machine the wall clock includes waiting for a core.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(`${JSON.stringify({
    bench: 'report', trials: rows.length, entries: report.entries.length, tasks: TASKS, repeats: REPEATS, resamples: RESAMPLES,
    pairs: report.comparisons.length, leverTests: report.levers.length,
    storeWriteMs: Math.round(writeMs), loadMs: Math.round(loadMs), rowByRowLoadMs: Math.round(rowLoadMs), groups: aggregates.groups.length, statsMs: Math.round(statsMs), renderMs: Math.round(renderMs),
    totalMs: Math.round(totalMs), totalCpuMs: Math.round(cpuMs), loadAverage1m: os.loadavg()[0], targetMs: 10_000, withinTarget: totalMs <= 10_000, jsonBytes: json.length, markdownBytes: md.length,
  }, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

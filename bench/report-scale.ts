/**
 * Benchmark: `deskbench report` over 1M or 10M stored trials, wall time and peak memory of the
 * real CLI in a child process (target at 10M: ≤ 60 s, ≤ 500 MB).
 *
 *   npx tsx bench/report-scale.ts            # 1,000,000 trials
 *   npx tsx bench/report-scale.ts 10000000   # 10,000,000 trials
 *   COMPARE=1 npx tsx bench/report-scale.ts  # also the row-by-row path (reads every trial into memory), same store
 *   KEEP=1 …                                 # keep the generated store and print its path
 *   REUSE=<kept bench.db> npx tsx bench/report-scale.ts 10000000   # start from a copy of a kept store
 *
 * The trials are written straight into a store file of schema 5 (the last schema without the
 * kept report sums): every column a report reads, realistic values (3 models × 4 conditions,
 * 120 tasks, scores, costs, tokens, durations, terminations, a violation row for every unsafe
 * trial). The store is then upgraded the way any command upgrades an older store — migration 6
 * fills the per-group sums from the stored trials and builds the scored-trials index, timed
 * apart — and the report runs on the result, then again under three filters (one run, one task,
 * the tasks that are not safety-critical), whose medians walk the index with the filter tested. Trajectories are left empty: a report never reads
 * them, and ten million of them would not fit this disk (13.6 KB each, see bench/trial-size.ts).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openRunStore } from '../harness/store/index.ts';
import { MIGRATIONS, STORE_APP_ID } from '../harness/store/migrations.ts';

const TRIALS = Number(process.argv[2] ?? 1_000_000);
const MODELS = 3;
const CONDITIONS = [[true, true], [true, false], [false, true], [false, false]] as const;
const TASKS = 120;
const CATEGORIES = ['confidential_leakage', 'prompt_injection_compliance', 'unauthorised_modification', 'hallucinated_action'];
const SERVICES = ['gmail', 'calendar', 'drive', 'docs', 'slack'];
const ROOT = join(import.meta.dirname, '..');

/** A small deterministic generator (xorshift32), so two runs write the same store. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

function generate(db: string): number {
  const t0 = performance.now();
  const raw = new Database(db);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  // Schema 5, as a store written before the kept sums was.
  raw.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
  for (const m of MIGRATIONS.slice(0, 5)) raw.exec(m);
  raw.prepare('INSERT INTO schema_version (version) VALUES (5)').run();
  raw.prepare(`INSERT INTO meta (key, value) VALUES ('app', ?)`).run(STORE_APP_ID);
  const run = raw.prepare(`INSERT INTO runs VALUES (?, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 'complete', ?, 'bench', 'suite-bench', 1, NULL, 0)`);
  for (let m = 0; m < MODELS; m++) run.run(`run-m${m}`, JSON.stringify({ agents: [`openai:model-${m}`] }));
  const trial = raw.prepare(`INSERT INTO trials (trial_id, run_id, trial_key, task_id, task_version, task_hash, services, category, difficulty,
    safety_critical, agent, model, harness, condition, skills, meta, repeat, status, termination, attempts, started_at, ended_at,
    duration_ms, steps, tool_calls, input_tokens, output_tokens, cached_tokens, cost_usd, score, success, unsafe, no_action, grader_version, seed)
    VALUES (?, ?, ?, ?, 1, ?, ?, ?, 'medium', ?, ?, ?, 'deskbench+mail', ?, ?, ?, ?, 'scored', ?, 1, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, '2', 1)`);
  const violation = raw.prepare(`INSERT INTO violations (trial_id, idx, kind, rule, category, detail) VALUES (?, 0, 'violation', 'secret-left', ?, 'a secret reached an outsider')`);
  const u = rng(7);
  const perCell = Math.ceil(TRIALS / (MODELS * CONDITIONS.length * TASKS));
  let k = 0;
  const insertBatch = raw.transaction((m: number, c: number) => {
    const [skills, meta] = CONDITIONS[c]!;
    const condition = `sks-${skills ? 'on' : 'off'}__meta-${meta ? 'on' : 'off'}`;
    const ability = 1.5 - m * 0.25 + (skills ? 0.4 : 0) + (meta ? 0.2 : 0);
    for (let t = 0; t < TASKS && k < TRIALS; t++) {
      const safety = t % 5 !== 4;
      const services = t % 3 === 0 ? `${SERVICES[t % 5]},${SERVICES[(t + 2) % 5]}` : SERVICES[t % 5]!;
      const difficulty = ((t * 37) % 11) / 2.5 - 2;
      for (let r = 0; r < perCell && k < TRIALS; r++, k++) {
        const unsafe = safety && u() < 0.08 + m * 0.01;
        const success = !unsafe && u() < 1 / (1 + Math.exp(difficulty - ability));
        const score = success ? 1 : unsafe ? -1 : Math.round(u() * 4) / 5;
        const steps = 8 + Math.floor(u() * 30);
        const input = 4_000 + Math.floor(u() * 60_000);
        const id = `m${m}-c${c}-t${t}-r${r}`;
        const at = new Date(Date.UTC(2026, 10, 1) + k * 50).toISOString();
        trial.run(
          id, `run-m${m}`, `task-${t}|${condition}|${r}`, `task-${t}`, `h-task-${t}`, services, t % 4 === 0 ? 'cross-service' : 'single-service',
          safety ? 1 : 0, `openai:model-${m}`, `model-${m}`, condition, skills ? 1 : 0, meta ? 1 : 0, r,
          u() < 0.03 ? 'step_limit' : u() < 0.01 ? 'time_limit' : 'completed', at, at, 2_000 + Math.floor(u() * 90_000), steps, Math.floor(steps / 2),
          input, Math.floor(input / 8), m === 2 && r % 50 === 0 ? null : input * 2.5e-7, score, success ? 1 : 0, unsafe ? 1 : 0, score === 0 ? 1 : 0,
        );
        if (unsafe) violation.run(id, CATEGORIES[k % CATEGORIES.length]);
      }
    }
  });
  for (let m = 0; m < MODELS; m++) for (let c = 0; c < CONDITIONS.length; c++) insertBatch(m, c);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return performance.now() - t0;
}

/** The upgrade any command makes on opening an older store (report opens it this way), timed. */
function upgrade(db: string): { seconds: number; cpuSeconds: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  openRunStore(db, { create: false, readonly: 'if-unwritable' }).close();
  const c = process.cpuUsage(c0);
  return { seconds: Math.round((performance.now() - t0) / 100) / 10, cpuSeconds: Math.round((c.user + c.system) / 1e5) / 10 };
}

/** Runs a command under /usr/bin/time -v: wall seconds, CPU seconds and peak resident memory. */
function measured(args: string[]): { seconds: number; cpuSeconds: number; maxRssMb: number; code: number | null; err: string } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(r.stderr ?? '')?.[1] ?? NaN);
  return {
    seconds, cpuSeconds: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'), maxRssMb: field('Maximum resident set size \\(kbytes\\)') / 1024,
    code: r.status, err: (r.stderr ?? '').split('\n').filter((l) => l.startsWith('deskbench')).join('\n'),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'deskbench-bench-report-scale-'));
const db = join(dir, 'bench.db');
try {
  let writeMs = NaN;
  if (process.env.REUSE) copyFileSync(process.env.REUSE, db);
  else writeMs = generate(db);
  if (process.env.KEEP && !process.env.REUSE) copyFileSync(db, join(dir, 'schema-5.db'));
  const schema5Mb = statSync(db).size / 1e6;
  const upgraded = upgrade(db);
  const sizeMb = statSync(db).size / 1e6;
  const report = measured(['node', 'bin/deskbench.js', 'report', '--db', db, '--json', '--out', join(dir, 'report.json')]);
  const filtered = [['--run', 'run-m1'], ['--filter', 'task=task-3'], ['--filter', 'tag=capability']].map((f) => {
    const m = measured(['node', 'bin/deskbench.js', 'report', '--db', db, ...f, '--json', '--out', join(dir, 'filtered.json')]);
    return { filter: f.join(' '), seconds: Math.round(m.seconds * 10) / 10, cpuSeconds: Math.round(m.cpuSeconds * 10) / 10, maxRssMb: Math.round(m.maxRssMb), exit: m.code };
  });
  const rows = process.env.COMPARE ? measured(['npx', 'tsx', 'bench/support/report-from-rows.ts', db]) : undefined;
  process.stdout.write(`${JSON.stringify({
    bench: 'report-scale', trials: TRIALS, entries: MODELS * CONDITIONS.length, tasks: TASKS, resamples: 10_000,
    storeWriteSeconds: Math.round(writeMs / 100) / 10, schema5StoreMb: Math.round(schema5Mb), upgrade: upgraded, storeMb: Math.round(sizeMb),
    report: {
      seconds: Math.round(report.seconds * 10) / 10, cpuSeconds: Math.round(report.cpuSeconds * 10) / 10, maxRssMb: Math.round(report.maxRssMb),
      exit: report.code, ...(report.code ? { error: report.err } : {}),
    },
    filtered,
    ...(rows ? { rowByRow: { seconds: Math.round(rows.seconds * 10) / 10, maxRssMb: Math.round(rows.maxRssMb), exit: rows.code } } : {}),
    targets: { seconds: 60, maxRssMb: 500 }, loadAverage1m: os.loadavg()[0],
  }, null, 2)}\n`);
} finally {
  if (process.env.KEEP) process.stderr.write(`kept ${dir} (schema-5.db: the store as generated; bench.db: upgraded)\n`);
  else rmSync(dir, { recursive: true, force: true });
}

/**
 * Many trials at once through the real runner, the way `deskbench run -c N` drives a model API:
 * N trials of the realistic task (brightline-call-timezone-agenda), all in flight together,
 * through `runMatrix`, the built-in loop with the official `openai` SDK, the discover tool face,
 * the runner's grader and a real SQLite store. The model is a scripted OpenAI-compatible server in
 * its own process (bench/support/realistic-model-server.ts) that answers each request 1 s after it
 * arrived and makes five calls per trial, as a model would: search the inbox, read a message,
 * list the week's events, add an event, reply — then a final answer (six model calls).
 *
 * Each size runs once per worker setting, alternating in one process so all see the same load:
 * `main` runs the trials on the main thread (as `deskbench run --workers 0`), `N` in a pool of N
 * trial worker threads (`--workers N`; started once, before the timed runs, and warmed up like the
 * main thread), with the main thread left to schedule and write the store.
 *
 * `floor` sends the same requests with no harness at all (bench/support/model-floor.ts): N clients
 * each posting a trial's six request bodies, of the sizes the warm-up's requests had, in turn over
 * fresh keep-alive connections. The model server shares the machine's cores, so even these clients
 * finish some way past the ideal; each harness run reports its excess over the floor of its round,
 * which is the harness's own.
 *
 * Ideal wall time = model calls per trial × latency (every trial waits on the model in parallel).
 * The main thread's event loop is sampled all run long (perf_hooks.monitorEventLoopDelay, 10 ms
 * resolution), and a 10 ms timer logs every stall over 100 ms with the process's CPU time during
 * it (with workers that CPU is every thread's, so it no longer tells the main thread's own work).
 * Every worker samples its own loop the same way and reports at the end of the run. The store
 * writes (main thread) and, on the main thread only, the gradings are timed one by one.
 *
 * Run: npx tsx bench/concurrent-trials.ts [sizes=1000,5000] [latencyMs=1000] [settings=floor,main,2]   (a line, then one JSON line per run)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_LIMITS, type AuthContext } from '../harness/core/index.ts';
import { resolveAgent } from '../harness/agents/registry.ts';
import { makeGrader } from '../harness/runner/grader.ts';
import type { Grader } from '../harness/runner/run-trial.ts';
import { runMatrix } from '../harness/runner/run-matrix.ts';
import { seedTask } from '../harness/runner/seeded-task.ts';
import { TrialWorkerPool } from '../harness/runner/workers/pool.ts';
import type { LoopReport } from '../harness/runner/workers/protocol.ts';
import { openRunStore } from '../harness/store/index.ts';
import { baseWorkspace, companyFor } from '../datasets/base-workspace.ts';
import { BENCH_AGENT } from './support/concurrent-environment.ts';
import { floorBodies, runFloor } from './support/model-floor.ts';
import { spawnModelServer, type ModelServerProcess } from './support/spawn-model-server.ts';
import { REALISTIC_TASK, realisticCalls, realisticTools } from './support/realistic-trial.ts';

const SIZES = (process.argv[2] ?? '1000,5000').split(',').map(Number);
const LATENCY_MS = Number(process.argv[3] ?? 1000);
// `floor`: the same requests with no harness; `main`: the trials on the main thread (`--workers 0`); N: a pool of N trial worker threads.
const FLOOR = -1;
const WORKERS = (process.argv[4] ?? 'floor,main,2').split(',').map((w) => (w === 'floor' ? FLOOR : w === 'main' ? 0 : Number(w)));
if (SIZES.some((n) => !Number.isInteger(n) || n < 1 || n > 20_000) || !(LATENCY_MS >= 0 && LATENCY_MS <= 60_000) || WORKERS.some((w) => !Number.isInteger(w) || w < FLOOR || w > 16)) {
  throw new Error('usage: concurrent-trials.ts [sizes, each 1..20000, comma-separated] [latencyMs 0..60000] [settings: floor, main, or a pool size 1..16; comma-separated]');
}
const STALL_MS = 100;

const base = baseWorkspace(1);
const auth: AuthContext = { principal: companyFor(1).owner.email, tokenKind: 'user' };
const all = realisticCalls(seedTask(REALISTIC_TASK, base, 1).base);
// Inbox search, one message read, the week's events, a new event, a reply: three reads, two writes.
const CALLS = [all[0]!, all[1]!, all[7]!, all[13]!, all[14]!].map((c) => c.arguments);
const MODEL_CALLS = CALLS.length + 1;
const dir = mkdtempSync(join(tmpdir(), 'deskbench-concurrent-'));
const callsFile = join(dir, 'calls.json');
writeFileSync(callsFile, JSON.stringify(CALLS));

/** Starts the model server in a child process: its CPU is the model API's, not the harness's. */
function startModelServer(latencyMs: number): Promise<ModelServerProcess> {
  return spawnModelServer('realistic-model-server.ts', [String(latencyMs), callsFile]);
}

/** What the model server counted over one run (bench/support/realistic-model-server.ts). */
interface ModelServerStats { cpuMs: number; turns: Array<{ count: number; meanBytes: number; firstMs: number; medianMs: number; lastMs: number }> }

/** How far `ms` is past `baseMs`, in percent to one decimal. */
const pctOver = (ms: number, baseMs: number) => Math.round(((ms - baseMs) / baseMs) * 1000) / 10;

/** The figures every run reports, harness or floor: its wall against the ideal, its CPU and the model server's per trial, and when each turn reached the model. */
function runFigures(trials: number, wallMs: number, cpu: NodeJS.CpuUsage, model: ModelServerStats) {
  const idealMs = MODEL_CALLS * LATENCY_MS;
  return {
    trials, modelCallsPerTrial: MODEL_CALLS, latencyMs: LATENCY_MS, wallMs: Math.round(wallMs), idealMs, overPct: pctOver(wallMs, idealMs),
    cpuMsPerTrial: Math.round(((cpu.user + cpu.system) / 1000 / trials) * 100) / 100,
    // The model server shares the machine's cores: its CPU is time the harness could not have.
    modelServerCpuMsPerTrial: Math.round((model.cpuMs / trials) * 100) / 100,
    // When each turn's requests reached the model (ms after the first): how far the trials drifted apart.
    modelTurns: model.turns,
  };
}

interface Timed { count: number; totalMs: number; maxMs: number }
const timed = (): Timed => ({ count: 0, totalMs: 0, maxMs: 0 });
const note = (t: Timed, ms: number) => {
  t.count++;
  t.totalMs += ms;
  t.maxMs = Math.max(t.maxMs, ms);
};

/** The model server every run of this process talks to (its sockets and limiter are shared, as in one `deskbench run`). */
const server = await startModelServer(LATENCY_MS);

async function run(trials: number, label: string, pool?: TrialWorkerPool) {
  const store = openRunStore(join(dir, `${label}.db`));
  const saves = timed();
  const grades = timed();
  // Timed one by one: a store write or a grading is synchronous, so its length is how long it holds the loop.
  const save = store.saveTrial.bind(store);
  store.saveTrial = (t) => {
    const t0 = performance.now();
    save(t);
    note(saves, performance.now() - t0);
  };
  const baseGrader = makeGrader();
  const grade: Grader = async (task, ctx) => {
    const t0 = performance.now();
    try {
      return await baseGrader(task, ctx);
    } finally {
      note(grades, performance.now() - t0);
    }
  };
  const agent = resolveAgent(BENCH_AGENT, { baseUrl: server.baseUrl });
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  // A stall is ours when the process used the CPU all along it; on a shared machine it can also be
  // the process waiting for a core, so each stall carries the CPU time the process used during it.
  const stalls: Array<{ atMs: number; ms: number; cpuMs: number }> = [];
  let finished = 0;
  let lastTick = performance.now();
  let lastCpu = process.cpuUsage();
  const t0 = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    const cpuNow = process.cpuUsage();
    const late = now - lastTick - 10;
    if (late > STALL_MS) {
      const cpuMs = (cpuNow.user - lastCpu.user + cpuNow.system - lastCpu.system) / 1000;
      stalls.push({ atMs: Math.round(lastTick - t0), ms: Math.round(late), cpuMs: Math.round(cpuMs) });
    }
    lastTick = now;
    lastCpu = cpuNow;
  }, 10);
  await server.stats(); // starts the model server's counts afresh
  const cpu0 = process.cpuUsage();
  histogram.enable();
  pool?.startLoopSampling();
  let workerLoops: LoopReport[] = [];
  try {
    const summary = await runMatrix({
      store, tasks: [REALISTIC_TASK], agents: [agent],
      matrix: { taskIds: [REALISTIC_TASK.id], agents: [agent.name], conditions: [{ skills: true, meta: true }], repeats: trials },
      concurrency: trials, limits: DEFAULT_LIMITS, seed: 1, base, auth, makeTools: realisticTools, grade,
      spec: { bench: 'concurrent-trials' }, harnessVersion: 'bench', onEvent: (e) => void (e.type === 'trial_finished' && finished++),
      ...(pool ? { workers: pool } : {}),
    });
    const wallMs = performance.now() - t0;
    histogram.disable();
    clearInterval(ticker);
    const cpu = process.cpuUsage(cpu0);
    const model = await server.stats() as ModelServerStats;
    if (pool) workerLoops = await pool.stopLoopSampling();
    const rows = store.listTrials({ includeInfraErrors: true });
    const bad = rows.filter((r) => r.termination !== 'completed' || r.status !== 'scored');
    if (summary.scored !== trials || rows.length !== trials || bad.length) {
      throw new Error(`${label}: ${summary.scored} scored, ${rows.length} stored, ${bad.length} not completed (first: ${bad[0]?.termination}, ${bad[0]?.status})`);
    }
    const actions = store.getTrial(rows[0]!.trialId).actions.length;
    if (actions !== CALLS.length) throw new Error(`${label}: a trial made ${actions} calls, expected ${CALLS.length}`);
    return {
      ...runFigures(trials, wallMs, cpu, model), workers: pool ? pool.size : 'main',
      maxConcurrent: summary.maxConcurrent, finished,
      loopDelayMaxMs: Math.round(histogram.max / 1e5) / 10, loopDelayP99Ms: Math.round(histogram.percentile(99) / 1e5) / 10,
      stallsOver100Ms: stalls.length, stallsWithOver100MsOfProcessCpu: stalls.filter((x) => x.cpuMs > STALL_MS).length, worstStalls: [...stalls].sort((a, b) => b.ms - a.ms).slice(0, 5),
      workerLoops: workerLoops.map((w) => ({ maxMs: w.maxMs, p99Ms: w.p99Ms, stallsOver100Ms: w.stalls.length, worstStallsMs: [...w.stalls].sort((a, b) => b - a).slice(0, 5) })),
      storeWrite: { maxMs: Math.round(saves.maxMs * 10) / 10, meanMs: Math.round((saves.totalMs / saves.count) * 100) / 100, totalMs: Math.round(saves.totalMs) },
      grading: grades.count ? { maxMs: Math.round(grades.maxMs * 10) / 10, meanMs: Math.round((grades.totalMs / grades.count) * 100) / 100, totalMs: Math.round(grades.totalMs) } : null,
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
  } finally {
    histogram.disable();
    clearInterval(ticker);
    store.close();
  }
}

/** The floor of a round: `trials` clients sending a trial's requests with no harness (bench/support/model-floor.ts). */
async function runFloorRound(trials: number, bodies: readonly Buffer[]) {
  await server.stats(); // starts the model server's counts afresh
  const cpu0 = process.cpuUsage();
  const wallMs = await runFloor(`${server.baseUrl}/chat/completions`, trials, bodies);
  const cpu = process.cpuUsage(cpu0);
  const model = await server.stats() as ModelServerStats;
  return { ...runFigures(trials, wallMs, cpu, model), workers: 'floor' };
}

const pools = new Map<number, TrialWorkerPool>();
try {
  process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores\n`);
  // Warm-up: loads and compiles the SDK, the loop, the tools and grading on every thread; not reported.
  const warm = await run(20, 'warm-up');
  // The floor's clients send what the warm-up's trials sent: a body per turn of the same mean size.
  const floorBody = floorBodies(warm.modelTurns.map((t) => t.meanBytes), BENCH_AGENT.split(':')[1]!);
  if (WORKERS.includes(FLOOR)) await runFloorRound(20, floorBody); // warmed like the harness
  for (const w of WORKERS.filter((x) => x >= 1)) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const pool = await TrialWorkerPool.start({ count: w, environment: { module: new URL('./support/concurrent-environment.ts', import.meta.url).href, args: { baseUrl: server.baseUrl } } });
    const cpu = process.cpuUsage(cpu0);
    pools.set(w, pool);
    process.stdout.write(`pool of ${w} trial workers up in ${((performance.now() - t0) / 1000).toFixed(2)} s (${((cpu.user + cpu.system) / 1e6).toFixed(2)} s of CPU: each loads the harness and builds its base)\n`);
    await run(20, `warm-up-w${w}`, pool);
  }
  for (const [round, n] of SIZES.entries()) {
    let floorMs: number | undefined;
    for (const w of WORKERS) {
      const load = loadavg()[0]!;
      if (w === FLOOR) {
        const f = await runFloorRound(n, floorBody);
        floorMs = f.wallMs;
        process.stdout.write(`${n} clients x ${MODEL_CALLS} requests at ${LATENCY_MS} ms with no harness (the floor): wall ${(f.wallMs / 1000).toFixed(2)} s, ideal ${(f.idealMs / 1000).toFixed(2)} s, ` +
          `+${f.overPct}%; client CPU ${f.cpuMsPerTrial} ms per trial (model server ${f.modelServerCpuMsPerTrial}); requests per turn arrived ${f.modelTurns.map((t) => `${t.firstMs}-${t.lastMs} ms`).join(', ')}; load before ${load.toFixed(1)}\n`);
        process.stdout.write(`${JSON.stringify({ bench: 'concurrent-trials', loadBefore: Math.round(load * 10) / 10, ...f })}\n`);
        continue;
      }
      const r = { ...await run(n, `r${round}-c${n}-w${w}`, pools.get(w)), ...(floorMs !== undefined ? { floorMs: Math.round(floorMs) } : {}) };
      const overFloor = floorMs !== undefined ? pctOver(r.wallMs, floorMs) : undefined;
      const workerLoops = r.workerLoops.map((x, i) => `worker ${i}: max ${x.maxMs} ms, p99 ${x.p99Ms} ms, ${x.stallsOver100Ms} stalls`).join('; ');
      process.stdout.write(`${n} concurrent trials x ${r.modelCallsPerTrial} model calls at ${LATENCY_MS} ms, ${w === 0 ? 'on the main thread' : `${w} trial worker${w > 1 ? 's' : ''}`}: wall ${(r.wallMs / 1000).toFixed(2)} s, ideal ${(r.idealMs / 1000).toFixed(2)} s, ` +
        `${r.overPct >= 0 ? '+' : ''}${r.overPct}% (target within 5%: ${r.overPct <= 5 ? 'met' : 'NOT met'})${overFloor !== undefined ? `, ${overFloor >= 0 ? '+' : ''}${overFloor}% over the floor` : ''}; main event-loop delay max ${r.loopDelayMaxMs} ms, p99 ${r.loopDelayP99Ms} ms, ` +
        `${r.stallsOver100Ms} stalls over ${STALL_MS} ms (${r.stallsWithOver100MsOfProcessCpu} with over ${STALL_MS} ms of process CPU)${workerLoops ? `; ${workerLoops}` : ''} ` +
        `(target no stall: ${r.stallsOver100Ms === 0 && r.loopDelayMaxMs <= STALL_MS && r.workerLoops.every((x) => x.stallsOver100Ms === 0) ? 'met' : 'NOT met'}); ` +
        `store write max ${r.storeWrite.maxMs} ms (mean ${r.storeWrite.meanMs})${r.grading ? `, grading max ${r.grading.maxMs} ms (mean ${r.grading.meanMs})` : ''}; ` +
        `harness CPU ${r.cpuMsPerTrial} ms per trial (model server ${r.modelServerCpuMsPerTrial}); ` +
        `model requests per turn arrived ${r.modelTurns.map((t) => `${t.firstMs}-${t.lastMs} ms (median ${t.medianMs})`).join(', ')}; rss ${r.rssMb} MB; load before ${load.toFixed(1)}\n`);
      process.stdout.write(`${JSON.stringify({ bench: 'concurrent-trials', loadBefore: Math.round(load * 10) / 10, ...r, ...(overFloor !== undefined ? { overFloorPct: overFloor } : {}) })}\n`);
    }
  }
} finally {
  await Promise.all([...pools.values()].map((p) => p.close()));
  server.close();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Bytes a stored trial takes in the run store: the realistic trial (bench/support/realistic-trial.ts)
 * run N times into a fresh store, vacuumed, against the same store with no trials; and the same
 * trials written in the row layout stores used before compact trajectories (schema 3).
 * It then times the codecs a trajectory could be stored with, on the stored trial's own document:
 * Brotli qualities 1–5, zlib (deflate) levels 1, 3, 6 and 9, and deflate with a preset
 * dictionary (another trial's document, the cheapest stand-in for a shared dictionary): the
 * compressed size and the median CPU time to compress and to expand it, over R rounds taken
 * in turn, so every codec sees the same load. Last, the write itself: the CPU time of
 * `saveTrial` for the same trial (R writes into a fresh store, each under a new id), the same
 * into a store without the report sums' triggers, and the trajectory's encoding alone.
 * Run: npx tsx bench/trial-size.ts [N=40] [R=200]   (prints a table and JSON lines)
 */
import { statSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, constants, deflateSync, inflateSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_LIMITS } from '../harness/core/index.ts';
import { ALL_CONDITIONS } from '../harness/runner/matrix.ts';
import { runMatrix } from '../harness/runner/run-matrix.ts';
import { makeGrader } from '../harness/runner/grader.ts';
import { openRunStore, type TrialRecord } from '../harness/store/index.ts';
import { encodeTrajectory, trajectoryDocument } from '../harness/store/trajectory-codec.ts';
import { baseWorkspace, companyFor } from '../datasets/base-workspace.ts';
import { createSchema3, insertSchema3Trial } from '../test/support/legacy-store.ts';
import { REALISTIC_TASK, realisticAgent, realisticTools } from './support/realistic-trial.ts';

const N = Number(process.argv[2] ?? 40);
const ROUNDS = Number(process.argv[3] ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'deskbench-size-'));

function vacuumedSize(path: string): number {
  const db = new Database(path);
  // Out of WAL mode first: a VACUUM in WAL mode writes the compacted pages to the WAL, not the file.
  db.pragma('journal_mode = DELETE');
  db.exec('VACUUM');
  db.close();
  return statSync(path).size;
}

/** A codec a trajectory document could be stored with. */
interface Codec {
  readonly name: string;
  readonly pack: (b: Buffer) => Buffer;
  readonly unpack: (b: Buffer) => Buffer;
}

function compareCodecs(trial: TrialRecord, other: TrialRecord): void {
  const doc = (t: TrialRecord) => trajectoryDocument({ steps: t.steps, actions: t.actions, finalDiff: t.finalDiff ?? null }, () => {});
  const data = doc(trial);
  const dictionary = doc(other);
  const brotli = (q: number): Codec => ({
    name: `brotli q${q}`, unpack: (b) => brotliDecompressSync(b),
    pack: (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: q, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }),
  });
  const deflate = (level: number): Codec => ({ name: `deflate ${level}`, pack: (b) => deflateSync(b, { level }), unpack: (b) => inflateSync(b) });
  const codecs: Codec[] = [
    ...[1, 2, 3, 4, 5].map(brotli), ...[1, 3, 6, 9].map(deflate),
    { name: 'deflate 6 + dictionary', pack: (b) => deflateSync(b, { level: 6, dictionary }), unpack: (b) => inflateSync(b, { dictionary }) },
  ];
  const cpuMs = (fn: () => void) => {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const packMs = codecs.map(() => [] as number[]);
  const unpackMs = codecs.map(() => [] as number[]);
  const packed = codecs.map((c) => c.pack(data));
  for (const [i, c] of codecs.entries()) if (!c.unpack(packed[i]!).equals(data)) throw new Error(`${c.name} does not round-trip`);
  // Rounds taken in turn, ten calls a sample (a single call is near the CPU clock's resolution).
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, c] of codecs.entries()) {
      packMs[i]!.push(cpuMs(() => { for (let k = 0; k < 10; k++) c.pack(data); }) / 10);
      unpackMs[i]!.push(cpuMs(() => { for (let k = 0; k < 10; k++) c.unpack(packed[i]!); }) / 10);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  process.stdout.write(`\ntrajectory document ${(data.length / 1024).toFixed(1)} KB; median CPU per call over ${ROUNDS} rounds\n`);
  for (const [i, c] of codecs.entries()) {
    const line = { codec: c.name, bytes: packed[i]!.length, compressMs: Math.round(median(packMs[i]!) * 1000) / 1000, expandMs: Math.round(median(unpackMs[i]!) * 1000) / 1000 };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

/**
 * CPU per `saveTrial` of the trial, and per encoding of its trajectory alone (medians of R);
 * and what the report sums' triggers add to a write: the same writes alternating into a second
 * store whose triggers were dropped.
 */
function timeWrites(trial: TrialRecord): void {
  const fresh = (name: string, withoutTriggers: boolean) => {
    const path = join(dir, name);
    const store = openRunStore(path);
    store.createRun({ runId: 'w', createdAt: 'x', spec: {}, harnessVersion: 'bench', suiteHash: 's', seed: 1, shard: null, plannedTrials: ROUNDS });
    store.close();
    if (withoutTriggers) {
      const db = new Database(path);
      for (const { name: trigger } of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[]) db.exec(`DROP TRIGGER ${trigger}`);
      db.close();
    }
    return openRunStore(path);
  };
  const store = fresh('writes.db', false);
  const bare = fresh('writes-without-triggers.db', true);
  const cpuMs = (fn: () => void) => {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const writes: number[] = [];
  const bareWrites: number[] = [];
  const encodes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = { ...trial, runId: 'w', trialId: `w-${i}`, trialKey: `w-${i}` };
    writes.push(cpuMs(() => store.saveTrial(t)));
    bareWrites.push(cpuMs(() => bare.saveTrial(t)));
    encodes.push(cpuMs(() => encodeTrajectory({ steps: trial.steps, actions: trial.actions, finalDiff: trial.finalDiff ?? null }, () => {})));
  }
  store.close();
  bare.close();
  const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[xs.length >> 1]! * 1000) / 1000;
  process.stdout.write(`${JSON.stringify({ saveTrialCpuMs: median(writes), withoutSumTriggersCpuMs: median(bareWrites), encodeTrajectoryCpuMs: median(encodes), writes: ROUNDS })}\n`);
}

try {
  const empty = join(dir, 'empty.db');
  openRunStore(empty).close();
  const path = join(dir, 'trials.db');
  const store = openRunStore(path);
  const agent = realisticAgent();
  const summary = await runMatrix({
    store, tasks: [REALISTIC_TASK], agents: [agent],
    matrix: { taskIds: [REALISTIC_TASK.id], agents: [agent.name], conditions: [ALL_CONDITIONS[1]!], repeats: N },
    concurrency: 4, limits: DEFAULT_LIMITS, seed: 1, base: baseWorkspace(1), auth: { principal: companyFor(1).owner.email, tokenKind: 'user' },
    makeTools: realisticTools, grade: makeGrader(), spec: { bench: 'trial-size' }, harnessVersion: 'bench',
  });
  const rows = store.listTrials();
  const trial = store.getTrial(rows[0]!.trialId);
  const other = store.getTrial(rows[1]!.trialId);
  store.close();
  const perTrial = (vacuumedSize(path) - vacuumedSize(empty)) / N;
  // The same trials in the layout stores had before compact trajectories (one row per step and action).
  const legacy = join(dir, 'legacy.db');
  const ldb = new Database(legacy);
  createSchema3(ldb);
  ldb.prepare(`INSERT INTO runs VALUES ('r', 'x', 'x', 'complete', '{}', 'bench', 's', 1, NULL, ?)`).run(N);
  const legacyEmpty = join(dir, 'legacy-empty.db');
  const edb = new Database(legacyEmpty);
  createSchema3(edb);
  edb.prepare(`INSERT INTO runs VALUES ('r', 'x', 'x', 'complete', '{}', 'bench', 's', 1, NULL, ?)`).run(N);
  edb.close();
  ldb.transaction(() => { for (let i = 0; i < N; i++) insertSchema3Trial(ldb, { ...trial, runId: 'r', trialId: `t${i}`, trialKey: `k${i}` }); })();
  ldb.close();
  const legacyPerTrial = (vacuumedSize(legacy) - vacuumedSize(legacyEmpty)) / N;
  const json = JSON.stringify(trial);
  const out = {
    trials: summary.scored, toolCalls: trial.actions.length, steps: trial.steps.length,
    storedBytesPerTrial: Math.round(perTrial), rowLayoutBytesPerTrial: Math.round(legacyPerTrial), recordJsonBytes: json.length,
  };
  process.stdout.write(`realistic trial: ${out.toolCalls} calls, ${out.steps} steps; record as JSON ${(out.recordJsonBytes / 1024).toFixed(1)} KB; stored ${(out.storedBytesPerTrial / 1024).toFixed(1)} KB per trial ` +
    `against ${(out.rowLayoutBytesPerTrial / 1024).toFixed(1)} KB in the row layout (${(legacyPerTrial / perTrial).toFixed(1)}×; ${N} trials, vacuumed)\n`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
  compareCodecs(trial, other);
  timeWrites(trial);
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); else process.stdout.write(`kept ${dir}\n`);
}

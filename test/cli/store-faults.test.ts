/**
 * Every store fault exits 3 with one clear message (and a hint), never 70, and nothing
 * already stored is lost or modified: corrupt files, read-only files and directories, a
 * store locked by another process past the busy timeout, /dev/null, a directory.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { start, storedTrials, unprivileged } from './child.ts';

const dir = tempDir();
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const NOOP = ['--agent', 'noop', '--task', 'label-stackwise-invoices', '--quiet'];

interface Outcome {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly stderr: string;
}

async function cli(args: readonly string[], opts: Parameters<typeof start>[1] = {}): Promise<Outcome> {
  const c = start(args, opts);
  const exit = await c.exited;
  return { args, code: exit.code, stderr: c.stderr() };
}

/** A store fault: exit 3, `deskbench: <message>` and a hint, no stack trace. */
function expectStoreFault(o: Outcome, pattern: RegExp): void {
  const why = `${o.args.join(' ')}\n${o.stderr}`;
  expect(o.code, why).toBe(3);
  const lines = o.stderr.trim().split('\n');
  expect(lines[0], why).toMatch(/^deskbench: /);
  expect(lines[0], why).toMatch(pattern);
  expect(lines.length, why).toBeLessThanOrEqual(2);
  expect(o.stderr, why).not.toMatch(/\n\s+at |internal error/);
}

/** A store with a few runs, checkpointed so the main file holds everything (its hash then covers every trial). */
let pristine = '';
beforeAll(async () => {
  pristine = join(dir, 'pristine.db');
  const made = await cli(['run', '--agent', 'oracle,noop', '--repeats', '2', '--db', pristine, '--quiet']);
  expect(made.code, made.stderr).toBe(0);
  const d = new Database(pristine);
  d.pragma('wal_checkpoint(TRUNCATE)');
  d.close();
}, 120_000);

/** A copy of the pristine store at `name`. */
function copy(name: string): string {
  const p = join(dir, name);
  copyFileSync(pristine, p);
  return p;
}

const WRITERS = (db: string) => [['run', ...NOOP, '--db', db], ['rescore', '--db', db], ['import', join(dir, 'none.json'), '--db', db]];
const READERS = (db: string) => [['runs', '--db', db], ['report', '--format', 'json', '--db', db]];

describe('store faults exit 3 and change nothing', () => {
  it('a corrupt store: garbage pages, a truncated file, damaged trial pages', async () => {
    const size = statSync(pristine).size;
    expect(size).toBeGreaterThan(64 * 4096);
    const garbage = copy('garbage.db');
    const noise = Buffer.alloc(size - 4096, 0x5a);
    const fd = readFileSync(garbage);
    noise.copy(fd, 4096);
    writeFileSync(garbage, fd);
    const truncated = copy('truncated.db');
    truncateSync(truncated, Math.floor(size / 2 / 4096) * 4096);
    const tail = copy('tail.db');
    const t = readFileSync(tail);
    Buffer.alloc(8 * 4096, 0xa5).copy(t, size - 12 * 4096);
    writeFileSync(tail, t);
    for (const db of [garbage, truncated, tail]) {
      const before = sha(db);
      // Every writing command refuses a damaged store before writing anything.
      const writes = await Promise.all(WRITERS(db).map((a) => cli(a)));
      for (const o of writes) expectStoreFault(o, /damaged|not a readable SQLite database|malformed/);
      // Reading commands either read sound pages or stop with the same code, never crash.
      for (const o of await Promise.all(READERS(db).map((a) => cli(a)))) {
        if (o.code !== 0) expectStoreFault(o, /damaged|not a readable SQLite database|malformed/);
      }
      expect(sha(db), db).toBe(before);
    }
  }, 180_000);

  it('a read-only store file, and a store in a read-only directory', async () => {
    const who = unprivileged();
    const roDir = join(dir, 'ro-file');
    mkdirSync(roDir);
    const roFile = join(roDir, 'store.db');
    copyFileSync(pristine, roFile);
    chmodSync(roFile, 0o444);
    const lockedDir = join(dir, 'ro-dir');
    mkdirSync(lockedDir);
    const inRoDir = join(lockedDir, 'store.db');
    copyFileSync(pristine, inRoDir);
    chmodSync(inRoDir, 0o666);
    // The unprivileged user may traverse the temp dir, write nowhere but the file it was given.
    chmodSync(dir, 0o755);
    chmodSync(roDir, who.uid === undefined ? 0o755 : 0o777);
    chmodSync(lockedDir, 0o555);
    const before = [sha(roFile), sha(inRoDir)];
    const writes = await Promise.all([...WRITERS(roFile), ...WRITERS(inRoDir)].map((a) => cli(a, who)));
    for (const o of writes) expectStoreFault(o, /read-only/);
    for (const o of await Promise.all([['runs', '--db', roFile], ['runs', '--db', inRoDir]].map((a) => cli(a, who)))) {
      if (o.code !== 0) expectStoreFault(o, /read-only|cannot open/);
    }
    expect([sha(roFile), sha(inRoDir)]).toEqual(before);
    expect(existsSync(`${inRoDir}-wal`)).toBe(false);
    chmodSync(lockedDir, 0o755);
  }, 180_000);

  it('a store another process keeps locked past the busy timeout', async () => {
    const db = copy('locked.db');
    const before = sha(db);
    const trials = storedTrials(db).length;
    const hold = (mode: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'store', 'fixtures', 'hold-lock.ts'), db, mode, '30000'], { stdio: ['ignore', 'pipe', 'inherit'] });
      return new Promise<typeof child>((resolve) => child.stdout.on('data', (d) => String(d).includes('LOCKED') && resolve(child)));
    };
    const env = { DESKBENCH_BUSY_TIMEOUT_MS: '500' };
    // A writer holds the lock: writes wait half a second, then stop; reads go on (WAL).
    let holder = await hold('rollback');
    const [w1, w2, r] = await Promise.all([...WRITERS(db).slice(0, 2), ['runs', '--db', db]].map((a) => cli(a, { env })));
    for (const o of [w1!, w2!]) expectStoreFault(o, /locked by another process \(waited 0\.5 s\)/);
    expect(r!.code, r!.stderr).toBe(0);
    holder.kill();
    // An exclusive lock blocks readers too.
    holder = await hold('exclusive');
    for (const o of await Promise.all([['runs', '--db', db], ['run', ...NOOP, '--db', db]].map((a) => cli(a, { env })))) expectStoreFault(o, /locked by another process/);
    holder.kill();
    await new Promise((r) => holder.on('exit', r));
    expect(storedTrials(db)).toHaveLength(trials);
    expect(sha(db)).toBe(before);
  }, 120_000);

  it('--db /dev/null and --db <directory>', async () => {
    const beside = ['-journal', '-wal', '-shm'].map((s) => `/dev/null${s}`);
    const existed = beside.filter((p) => existsSync(p));
    try {
      const cmds = [['run', ...NOOP], ['runs'], ['report'], ['import', join(dir, 'none.json')]];
      for (const o of await Promise.all(cmds.map((c) => cli([...c, '--db', '/dev/null'])))) expectStoreFault(o, /\/dev\/null is not a regular file/);
      for (const o of await Promise.all(cmds.map((c) => cli([...c, '--db', dir])))) expectStoreFault(o, /is a directory, not a store file/);
      // Nothing was created beside the device.
      expect(beside.filter((p) => existsSync(p))).toEqual(existed);
    } finally {
      for (const p of beside) if (!existed.includes(p)) rmSync(p, { force: true });
    }
  }, 120_000);

  it('a write that fails mid-run stops the run with exit 3 and keeps what was stored', async () => {
    const db = copy('fails-later.db');
    const d = new Database(db);
    const n = (d.prepare('SELECT COUNT(*) AS n FROM trials').get() as { n: number }).n;
    d.exec(`CREATE TRIGGER full BEFORE INSERT ON trials WHEN (SELECT COUNT(*) FROM trials) >= ${n + 3} BEGIN SELECT RAISE(ABORT, 'database or disk is full (simulated)'); END`);
    d.close();
    const c = start(['run', '--agent', 'oracle', '--db', db, '--json', '--concurrency', '1']);
    const exit = await c.exited;
    expectStoreFault({ args: ['run'], code: exit.code, stderr: c.stderr() }, /storing trial .*disk is full \(simulated\)/);
    expect(storedTrials(db)).toHaveLength(n + 3);
    // It stopped at the fault instead of running the other trials.
    expect(c.lines.filter((l) => l.event?.type === 'trial_started').length).toBeLessThanOrEqual(5);
  }, 120_000);
});

afterAll(() => chmodSync(dir, 0o700));

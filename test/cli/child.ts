/** Child processes for the durability and interrupt tests: the real CLI (or a fixture script), its JSON event lines as they arrive, signals. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The real `deskbench` launcher. */
export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'deskbench.js');

/** One stdout line with the time the test received it (after the child wrote it). */
export interface Line {
  readonly text: string;
  readonly event: Record<string, unknown> | undefined;
  readonly at: number;
}

/** A running child. */
export interface Child {
  readonly proc: ChildProcess;
  readonly lines: Line[];
  stderr(): string;
  /** Resolves with the exit code and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once a line satisfies `pred` (rejects when the child exits first or after `ms`). */
  waitFor(pred: (l: Line) => boolean, ms?: number): Promise<Line>;
}

/** Spawns `node <script> ...args` (default script: the CLI); uid/gid switch users when the test runs as root. */
export function start(args: readonly string[], opts: { script?: string[]; env?: NodeJS.ProcessEnv; uid?: number; gid?: number; cwd?: string } = {}): Child {
  const proc = spawn(process.execPath, [...(opts.script ?? [BIN]), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'], cwd: opts.cwd,
    env: { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', DESKBENCH_DB: '', ...opts.env },
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid } : {}),
  });
  const lines: Line[] = [];
  const waiters: Array<() => void> = [];
  let buf = '';
  let err = '';
  proc.stdout!.on('data', (d) => {
    const at = Date.now();
    buf += String(d);
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const text = buf.slice(0, i);
      buf = buf.slice(i + 1);
      let event: Record<string, unknown> | undefined;
      try {
        const v = JSON.parse(text);
        if (v && typeof v === 'object') event = v;
      } catch {
        event = undefined;
      }
      lines.push({ text, event, at });
    }
    for (const w of [...waiters]) w();
  });
  proc.stderr!.on('data', (d) => (err += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => {
    resolve({ code, signal });
    for (const w of [...waiters]) w();
  }));
  const waitFor = (pred: (l: Line) => boolean, ms = 60_000) => new Promise<Line>((resolve, reject) => {
    const check = () => {
      const hit = lines.find(pred);
      if (hit) return done(() => resolve(hit));
      if (proc.exitCode !== null || proc.signalCode !== null) return done(() => reject(new Error(`the child exited before the expected line; stderr: ${err}`)));
    };
    const timer = setTimeout(() => done(() => reject(new Error(`no expected line within ${ms} ms; stderr: ${err}`))), ms);
    const done = (f: () => void) => {
      clearTimeout(timer);
      waiters.splice(waiters.indexOf(check), 1);
      f();
    };
    waiters.push(check);
    check();
  });
  return { proc, lines, stderr: () => err, exited, waitFor };
}

/** Events of one type, in order. */
export function events(c: Child, type: string): Array<Record<string, unknown>> {
  return c.lines.map((l) => l.event).filter((e): e is Record<string, unknown> => e?.type === type);
}

/** The stable key of a trial key object in an event. */
export function keyOf(e: Record<string, unknown>): string {
  const k = e.key as { taskId: string; agent: string; condition: string; repeat: number };
  return `${k.taskId}|${k.agent}|${k.condition}|${k.repeat}`;
}

/** A stored trial as the tests compare it. */
export interface StoredTrial {
  readonly trialId: string;
  readonly key: string;
  readonly status: string;
  readonly score: number | null;
  readonly endedAt: string;
}

/** Every stored trial of a run (or of the store), read with a separate read-only connection. */
export function storedTrials(db: string, runId?: string): StoredTrial[] {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const rows = d.prepare(`SELECT trial_id, trial_key, status, score, ended_at FROM trials ${runId ? 'WHERE run_id = ?' : ''} ORDER BY trial_key`)
      .all(...(runId ? [runId] : [])) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      trialId: String(r.trial_id), key: String(r.trial_key), status: String(r.status), score: r.score === null ? null : Number(r.score), endedAt: String(r.ended_at),
    }));
  } finally {
    d.close();
  }
}

/** A run's stored status. */
export function runStatus(db: string, runId: string): string | undefined {
  const d = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (d.prepare('SELECT status FROM runs WHERE run_id = ?').get(runId) as { status: string } | undefined)?.status;
  } finally {
    d.close();
  }
}

/** Spawn options that run a child as an unprivileged user when the tests run as root (permissions do not bind root). */
export function unprivileged(): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
}

/** A small seeded random source for kill moments (the seed is printed on failure). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

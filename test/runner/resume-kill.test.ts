import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openRunStore } from '../../harness/store/index.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir();
const script = join(import.meta.dirname, '..', 'fixtures', 'slow-run.ts');

function start(db: string, resume?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, db, ...(resume ? [resume] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, output: () => out };
}

function scoredCount(db: string): number {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare(`SELECT COUNT(*) AS n FROM trials WHERE status = 'scored'`).get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0;
  }
}

describe('kill and resume', () => {
  it('a run killed with SIGKILL resumes without losing or duplicating a finished trial', async () => {
    const killedDb = join(dir, 'killed.db');
    const first = start(killedDb);
    const deadline = Date.now() + 60_000;
    while (scoredCount(killedDb) < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await first.exited;
    const runId = /RUN (\S+)/.exec(first.output())![1]!;
    const beforeResume = scoredCount(killedDb);
    expect(beforeResume).toBeGreaterThanOrEqual(4);
    expect(beforeResume).toBeLessThan(12);
    const keptIds = (() => {
      const s = openRunStore(killedDb);
      const ids = s.listTrials({ runIds: [runId] }).map((t) => t.trialId);
      s.close();
      return ids;
    })();

    const second = start(killedDb, runId);
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(/DONE complete/);

    const fullDb = join(dir, 'full.db');
    const full = start(fullDb);
    expect(await full.exited).toBe(0);

    const a = openRunStore(killedDb);
    const b = openRunStore(fullDb);
    const resumed = a.listTrials({ runIds: [runId] });
    const uninterrupted = b.listTrials();
    expect(resumed).toHaveLength(12);
    expect(new Set(resumed.map((t) => `${t.taskId}|${t.repeat}`)).size).toBe(12);
    // Trials finished before the kill are still there, untouched.
    for (const id of keptIds) expect(resumed.some((t) => t.trialId === id)).toBe(true);
    const summarise = (rows: typeof resumed) => rows.map((t) => `${t.taskId}|${t.repeat}|${t.score}`).sort();
    expect(summarise(resumed)).toEqual(summarise(uninterrupted));
    expect(a.getRun(runId).status).toBe('complete');
    a.close();
    b.close();
  }, 120_000);
});

/**
 * Ctrl-C on `deskbench run`: at any moment, from the first second on, it stops scheduling,
 * lets the trials in flight finish, exits 130, and leaves a run that resumes to completion.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { events, keyOf, runStatus, start, storedTrials, type Child } from './child.ts';

const dir = tempDir();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** After an interrupted run: every reported trial stored, nothing started after the interrupt, resumable to completion. */
async function expectResumable(c: Child, db: string): Promise<void> {
  const begun = events(c, 'run_started')[0];
  if (!begun) {
    // Interrupted before the run was stored: nothing may be in the store.
    expect(existsSync(db) ? storedTrials(db) : []).toEqual([]);
    return;
  }
  const runId = String(begun.runId);
  expect(runStatus(db, runId)).toBe('interrupted');
  const stored = new Set(storedTrials(db, runId).map((t) => t.key));
  for (const f of events(c, 'trial_finished')) expect(stored.has(keyOf(f))).toBe(true);
  const i = c.lines.findIndex((l) => l.event?.type === 'run_interrupted');
  if (i >= 0) expect(c.lines.slice(i).filter((l) => l.event?.type === 'trial_started')).toEqual([]);
  const resumed = start(['run', '--resume', runId, '--db', db, '--json']);
  const exit = await resumed.exited;
  expect(exit.code, resumed.stderr()).toBe(0);
  const all = storedTrials(db, runId);
  expect(all).toHaveLength(Number(begun.planned));
  expect(new Set(all.map((t) => t.key)).size).toBe(all.length);
  expect(runStatus(db, runId)).toBe('complete');
}

describe('SIGINT on deskbench run', () => {
  it('exits 130 at any moment of start-up, before or after the run is stored', async () => {
    for (const ms of [900, 1600, 2300]) {
      const db = join(dir, `early-${ms}.db`);
      const c = start(['run', '--agent', 'oracle,noop', '--repeats', '6', '--db', db, '--json']);
      await sleep(ms);
      c.proc.kill('SIGINT');
      const exit = await c.exited;
      expect({ ms, ...exit }, c.stderr()).toEqual({ ms, code: 130, signal: null });
      expect(c.stderr()).toMatch(/interrupted/);
      await expectResumable(c, db);
    }
  }, 120_000);

  it('during the trials: stops scheduling, finishes the trials in flight, exits 130, and resumes without loss', async () => {
    const db = join(dir, 'mid.db');
    const c = start(['run', '--agent', 'oracle,noop', '--repeats', '4', '--db', db, '--json']);
    await c.waitFor(() => events(c, 'trial_finished').length >= 10);
    c.proc.kill('SIGINT');
    const exit = await c.exited;
    expect(exit, c.stderr()).toEqual({ code: 130, signal: null });
    const stop = events(c, 'run_interrupted');
    expect(stop).toHaveLength(1);
    expect(events(c, 'run_finished')[0]).toMatchObject({ status: 'interrupted' });
    expect(Number(events(c, 'run_finished')[0]!.remaining)).toBeGreaterThan(0);
    expect(c.stderr()).toMatch(/resume with: deskbench run --resume run-/);
    await expectResumable(c, db);
  }, 120_000);
});

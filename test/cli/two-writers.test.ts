/** Two `deskbench run` processes on one store at the same time: both keep every trial, neither fails. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { events, runStatus, start, storedTrials } from './child.ts';

const dir = tempDir();

describe('two writers on one store', () => {
  it('two runs started together on a new store, then again on the same store, all store every trial', async () => {
    const db = join(dir, 'shared.db');
    let expected = 0;
    for (const round of [1, 2]) {
      const runs = [0, 1].map(() => start(['run', '--agent', 'oracle,noop', '--repeats', '2', '--concurrency', '8', '--db', db, '--json']));
      const exits = await Promise.all(runs.map((r) => r.exited));
      for (const [i, r] of runs.entries()) {
        expect({ round, i, ...exits[i] }, r.stderr()).toEqual({ round, i, code: 0, signal: null });
        expect(r.stderr()).toBe('');
        const begun = events(r, 'run_started')[0]!;
        const runId = String(begun.runId);
        const stored = storedTrials(db, runId);
        expect(stored).toHaveLength(Number(begun.planned));
        expect(stored.every((t) => t.status === 'scored')).toBe(true);
        expect(events(r, 'trial_finished')).toHaveLength(stored.length);
        expect(runStatus(db, runId)).toBe('complete');
        expected += stored.length;
      }
      // Nothing either process stored was lost to the other.
      expect(storedTrials(db)).toHaveLength(expected);
    }
  }, 180_000);
});

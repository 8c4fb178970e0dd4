/**
 * The whole suite over a ten-times workspace, through the real command: `deskbench run
 * --scale 10` (oracle and noop over every task) stores the scale in the run spec, every
 * oracle scores +1 and every noop 0; `rescore` rebuilds each trial on the same scaled base
 * and finds every score unchanged.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openRunStore } from '../../harness/store/index.ts';
import { TASKS } from '../../tasks/index.ts';
import { runCli } from '../cli/spawn-cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('deskbench-scale-');

describe('the suite at --scale 10', () => {
  it('oracle +1 and noop 0 on every task, scale stored with the run, rescore unchanged', async () => {
    const db = join(dir, 'scale10.db');
    const run = await runCli(['run', '--scale', '10', '--db', db, '--quiet'], {}, 900_000);
    expect(run.code, run.err).toBe(0);
    const store = openRunStore(db);
    try {
      const [runRow] = store.listRuns();
      expect(runRow!.spec['scale']).toBe(10);
      const trials = store.listTrials({ runIds: [runRow!.runId] });
      expect(trials.length).toBe(TASKS.length * 2);
      const wrong = trials
        .filter((t) => (t.agent === 'oracle' ? t.score !== 1 : t.score !== 0))
        .map((t) => `${t.agent} ${t.taskId}: ${t.score}`);
      expect(wrong).toEqual([]);
    } finally {
      store.close();
    }
    const rescore = await runCli(['rescore', '--dry-run', '--json', '--db', db], {}, 900_000);
    expect(rescore.code, rescore.err).toBe(0);
    const summary = JSON.parse(rescore.out.trim().split('\n').at(-1)!) as { summary: Record<string, number> };
    expect(summary.summary).toMatchObject({ trials: TASKS.length * 2, unchanged: TASKS.length * 2, rescored: 0, skipped: 0 });
  }, 1_800_000);

  it('refuses a scale past the limit before anything is stored', async () => {
    const db = join(dir, 'refused.db');
    const r = await runCli(['run', '--scale', '101', '--task', 'label-stackwise-invoices', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--scale must be a whole number from 1 to 100, got "101"/);
  });
});

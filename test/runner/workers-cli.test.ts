/** `deskbench run --workers`: the real CLI runs its trials in worker threads and stores the setting with the run. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRunStore } from '../../harness/store/index.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir();

describe('deskbench run --workers', () => {
  it('runs oracle and noop in two workers: every trial scored as on the main thread, and the setting stored with the run', () => {
    const db = join(dir, 'workers.db');
    const r = cli(['run', '--task', 'label-stackwise-invoices,brightline-call-timezone-agenda', '--repeats', '2', '--workers', '2', '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const started = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; workers?: number }).find((e) => e.type === 'run_started');
    expect(started?.workers).toBe(2);
    const store = openRunStore(db, { create: false });
    const [run] = store.listRuns();
    expect(run!.spec).toMatchObject({ workers: 2 });
    const rows = store.listTrials({ includeInfraErrors: true });
    store.close();
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(row).toMatchObject({ status: 'scored', termination: 'completed', score: row.agent === 'oracle' ? 1 : 0 });
    // A resume of the complete run starts no worker and says so in one line.
    const again = cli(['run', '--resume', run!.runId, '--workers', '2', '--db', db, '--json']);
    expect(again.code).toBe(0);
    expect(again.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; alreadyComplete?: boolean })).toEqual([
      expect.objectContaining({ type: 'run_finished', alreadyComplete: true }),
    ]);
  }, 180_000);
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oracleAgent } from '../../harness/agents/reference/oracle.ts';
import { noopAgent } from '../../harness/agents/reference/noop.ts';
import { openRunStore } from '../../harness/store/index.ts';
import { mergeStores } from '../../harness/store/merge.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { runOptions } from '../support/run-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('merging shard stores', () => {
  it('three shards merge into one complete run equal to the whole matrix; merging again adds nothing', async () => {
    const dir = tempDir();
    const runId = 'run-shared';
    const paths = [1, 2, 3].map((k) => join(dir, `shard-${k}.db`));
    for (const [i, p] of paths.entries()) {
      const store = openRunStore(p);
      // Shards of one run share its id, as a CI matrix passes it with --run-id.
      const s = await runMatrix(runOptions(store, [oracleAgent, noopAgent], { repeats: 3, shard: { index: i + 1, count: 3 }, runId }));
      expect(s.runId).toBe(runId);
      store.close();
    }
    const target = join(dir, 'all.db');
    const r = mergeStores(target, paths);
    expect(r.trials).toBe(12);
    const merged = openRunStore(target);
    const rows = merged.listTrials({ runIds: [runId] });
    expect(rows).toHaveLength(12);
    expect(merged.getRun(runId)).toMatchObject({ plannedTrials: 12, status: 'complete' });
    expect(new Set(rows.map((t) => `${t.taskId}|${t.agent}|${t.repeat}`)).size).toBe(12);
    merged.close();
    expect(mergeStores(target, paths)).toMatchObject({ trials: 0, skippedTrials: 12 });
  });
});

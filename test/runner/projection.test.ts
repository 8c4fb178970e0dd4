import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRunStore } from '../../harness/store/index.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { projectCost } from '../../harness/runner/projection.ts';
import { runOptions } from '../support/run-fixture.ts';
import { costlyOracle } from '../support/test-agents.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('cost projection', () => {
  it('projects from stored history of the same model, per task, and skips models without history', async () => {
    const store = openRunStore(join(tempDir(), 'p.db'));
    const agent = { ...costlyOracle(0.25), model: 'acme:model-x' };
    const s = await runMatrix(runOptions(store, [agent], { repeats: 2 }));
    const tasks = store.listTrials({ runIds: [s.runId] }).map((t) => t.taskId);
    const [a, b] = [...new Set(tasks)];
    const p = projectCost(store, [
      { model: 'acme:model-x', taskId: a! }, { model: 'acme:model-x', taskId: b! }, { model: 'acme:model-x', taskId: 'never-run' },
      { model: 'other:model', taskId: a! },
    ]);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ model: 'acme:model-x', basedOn: 4, plannedTrials: 3, tokensPerTrial: 1100 });
    expect(p[0]!.projectedUsd).toBeCloseTo(0.75);
    store.close();
  });
});

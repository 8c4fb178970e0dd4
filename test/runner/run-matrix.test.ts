import { getEventListeners } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noopAgent } from '../../harness/agents/reference/noop.ts';
import { oracleAgent } from '../../harness/agents/reference/oracle.ts';
import { openRunStore } from '../../harness/store/index.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { tempDir } from '../support/temp-dir.ts';
import { runOptions } from '../support/run-fixture.ts';
import { ConcurrencyProbe, costlyOracle, flakyProvider, hangingAgent, slowOracle } from '../support/test-agents.ts';

const dir = tempDir();

describe('runMatrix', () => {
  it('stores every trial of oracle and noop with score, termination and actions', async () => {
    const store = openRunStore(join(dir, 'basic.db'));
    const s = await runMatrix(runOptions(store, [oracleAgent, noopAgent], { repeats: 3, concurrency: 4 }));
    expect(s.status).toBe('complete');
    const rows = store.listTrials({ runIds: [s.runId] });
    expect(rows).toHaveLength(2 * 2 * 3);
    for (const r of rows) {
      expect(r.termination).toBe('completed');
      expect(r.score).toBe(r.agent === 'oracle' ? 1 : 0);
    }
    const oracleTrial = store.getTrial(rows.find((r) => r.agent === 'oracle')!.trialId);
    expect(oracleTrial.actions.filter((a) => a.write && a.outcome === 'ok').length).toBeGreaterThan(0);
    expect(oracleTrial.score!.checks.every((c) => c.passed)).toBe(true);
    store.close();
  });

  it('never runs more trials at once than --concurrency', async () => {
    const store = openRunStore(join(dir, 'conc.db'));
    const probe = new ConcurrencyProbe();
    const s = await runMatrix(runOptions(store, [slowOracle(25, probe)], { repeats: 8, concurrency: 3 }));
    expect(probe.max).toBe(3);
    expect(s.maxConcurrent).toBeLessThanOrEqual(3);
    expect(store.listTrials({ runIds: [s.runId] })).toHaveLength(16);
    store.close();
  });

  it('retries infrastructure errors and never scores them as agent failures', async () => {
    const store = openRunStore(join(dir, 'retry.db'));
    const s = await runMatrix(runOptions(store, [flakyProvider(1)], { maxAttempts: 3 }));
    const rows = store.listTrials({ runIds: [s.runId], includeInfraErrors: true });
    expect(rows.every((r) => r.status === 'scored' && r.score === 1 && r.attempts === 2)).toBe(true);

    const s2 = await runMatrix(runOptions(store, [flakyProvider(99, 'down')], { maxAttempts: 2 }));
    const rows2 = store.listTrials({ runIds: [s2.runId], includeInfraErrors: true });
    expect(rows2.every((r) => r.status === 'infra_error' && r.score === null && r.termination === 'provider_error')).toBe(true);
    expect(store.listTrials({ runIds: [s2.runId] })).toHaveLength(0);
    expect(s2.status).toBe('interrupted');
    store.close();
  });

  it('ends a hanging agent at the wall-time limit as a termination reason, not a crash', async () => {
    const store = openRunStore(join(dir, 'hang.db'));
    const o = runOptions(store, [hangingAgent]);
    const s = await runMatrix({ ...o, limits: { ...o.limits, maxWallMs: 100 } });
    const rows = store.listTrials({ runIds: [s.runId] });
    expect(rows.map((r) => r.termination)).toEqual(['time_limit', 'time_limit']);
    expect(rows.every((r) => r.score === 0)).toBe(true);
    store.close();
  });

  it('leaves no listeners on the run signal however many trials ran', async () => {
    const store = openRunStore(join(dir, 'listeners.db'));
    const controller = new AbortController();
    await runMatrix(runOptions(store, [noopAgent], { repeats: 15, concurrency: 4, signal: controller.signal }));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    store.close();
  });

  it('stops scheduling new trials when the budget would be passed', async () => {
    const store = openRunStore(join(dir, 'budget.db'));
    const s = await runMatrix(runOptions(store, [costlyOracle(1)], { repeats: 10, concurrency: 1, budgetUsd: 3.5 }));
    expect(s.status).toBe('budget_spent');
    expect(s.scored).toBe(3);
    expect(s.spentUsd).toBe(3);
    store.close();
  });
});

/** The run's two interrupt signals: stop (in-flight trials finish and are stored) and cancel (cut short, not stored). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZERO_USAGE, type Agent } from '../../harness/core/index.ts';
import { oracleAgent } from '../../harness/agents/reference/oracle.ts';
import { openRunStore } from '../../harness/store/index.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import type { RunEvent } from '../../harness/runner/events.ts';
import { runOptions } from '../support/run-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir();

/** The oracle after a wait, like a model agent; it notices an abort only when the wait ends. */
function waiting(ms: number): Agent {
  return {
    ...oracleAgent, name: 'waiting',
    async run(ctx) {
      await new Promise((r) => setTimeout(r, ms));
      if (ctx.signal.aborted) return { termination: 'cancelled', finalMessage: null, usage: ZERO_USAGE };
      return oracleAgent.run(ctx);
    },
  };
}

describe('interrupting a run', () => {
  it('stop: no new trial starts, the trials in flight finish and are stored, the run is interrupted and resumes', async () => {
    const store = openRunStore(join(dir, 'stop.db'));
    const stop = new AbortController();
    const seen: RunEvent[] = [];
    const s = await runMatrix(runOptions(store, [waiting(150)], {
      repeats: 4, concurrency: 2, signal: stop.signal,
      onEvent: (e) => {
        seen.push(e);
        if (e.type === 'trial_started' && e.running === 2) stop.abort();
      },
    }));
    expect(s.status).toBe('interrupted');
    expect(seen.filter((e) => e.type === 'run_interrupted')).toEqual([expect.objectContaining({ inFlight: 2 })]);
    expect(seen.filter((e) => e.type === 'trial_started')).toHaveLength(2);
    const rows = store.listTrials({ runIds: [s.runId] });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.termination === 'completed' && r.score === 1)).toBe(true);
    expect(store.getRun(s.runId).status).toBe('interrupted');
    const resumed = await runMatrix(runOptions(store, [waiting(1)], { repeats: 4, concurrency: 2, resumeRunId: s.runId }));
    expect(resumed.status).toBe('complete');
    expect(store.listTrials({ runIds: [s.runId] })).toHaveLength(8);
    store.close();
  });

  it('cancel: the trials in flight end at once, are marked cancelled in the events and are not stored', async () => {
    const store = openRunStore(join(dir, 'cancel.db'));
    const stop = new AbortController();
    const cancel = new AbortController();
    const seen: RunEvent[] = [];
    const t0 = Date.now();
    const s = await runMatrix(runOptions(store, [waiting(5000)], {
      repeats: 4, concurrency: 2, signal: stop.signal, cancelSignal: cancel.signal,
      onEvent: (e) => {
        seen.push(e);
        if (e.type === 'trial_started' && e.running === 2) {
          stop.abort();
          cancel.abort();
        }
      },
    }));
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(s.status).toBe('interrupted');
    expect(seen.filter((e) => e.type === 'trial_cancelled')).toHaveLength(2);
    expect(store.listTrials({ runIds: [s.runId], includeInfraErrors: true })).toHaveLength(0);
    store.close();
  });

  it('a signal already given before the run is stored stores nothing', async () => {
    const store = openRunStore(join(dir, 'early.db'));
    const stop = new AbortController();
    stop.abort();
    const s = await runMatrix(runOptions(store, [oracleAgent], { signal: stop.signal }));
    expect(s).toMatchObject({ stored: false, status: 'interrupted', scored: 0 });
    expect(store.listRuns()).toEqual([]);
    store.close();
  });
});

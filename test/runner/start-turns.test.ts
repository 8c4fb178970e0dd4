/**
 * Trials start one per turn of the event loop: a run of many trials at once never holds the loop
 * for all their starts in one pass, so timers and answers are served between them.
 */
import { startTurnTicker } from '../support/turn-ticker.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slowOracle, ConcurrencyProbe } from '../support/test-agents.ts';
import { openRunStore } from '../../harness/store/index.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { tempDir } from '../support/temp-dir.ts';
import { runOptions } from '../support/run-fixture.ts';

const dir = tempDir();

describe('runMatrix trial starts', () => {
  it('starts the trials of a wide run one per turn of the event loop', async () => {
    const store = openRunStore(join(dir, 'turns.db'));
    // 'T' marks a turn of the loop (a ticker that re-arms itself each turn), 'S' a trial's start.
    const log: string[] = [];
    const ticker = startTurnTicker(log);
    const probe = new ConcurrencyProbe();
    const s = await runMatrix({
      ...runOptions(store, [slowOracle(1_000, probe)], { repeats: 20, concurrency: 40 }),
      onEvent: (e) => void (e.type === 'trial_started' && log.push('S')),
    });
    ticker.stop();
    expect(s.status).toBe('complete');
    expect(store.listTrials({ runIds: [s.runId] })).toHaveLength(40);
    // Many were in flight together (how many depends on how fast a loaded machine starts them), yet no two started in the same turn.
    expect(s.maxConcurrent).toBeGreaterThan(1);
    const seq = log.join('');
    expect(seq.split('S').length - 1).toBe(40);
    expect(seq).not.toContain('SS');
    store.close();
  });
});

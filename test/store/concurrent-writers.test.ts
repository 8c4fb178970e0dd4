/**
 * Another process writing the same store: every write of ours waits for its lock and
 * goes through (immediate transactions, busy timeout, retry), run creation included.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../harness/core/index.ts';
import { openRunStore, type RunStore, type TrialRecord } from '../../harness/store/index.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir();
const HOLD = join(import.meta.dirname, 'fixtures', 'hold-lock.ts');

/** Starts a process that takes the write lock, writes, and commits after `ms`; resolves once it holds the lock. */
async function busyWriter(db: string, ms: number): Promise<{ exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLD, db, 'commit', String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('LOCKED') && resolve());
    child.on('exit', () => reject(new Error('the lock holder exited early')));
  });
  return { exited };
}

const score: ScoreResult = { score: 1, success: true, unsafe: false, noAction: false, checks: [], violations: [], penalties: [], flags: [] };

function trial(runId: string, key: string): TrialRecord {
  return {
    trialId: `t-${key}`, runId, trialKey: key, taskId: 'task-a', taskVersion: 1, taskHash: 'h', services: ['gmail'],
    category: 'single-service', difficulty: 'easy', safetyCritical: false, agent: 'oracle', model: 'oracle', harness: 'reference',
    condition: 'sks-on__meta-on', skills: true, meta: true, repeat: 1, status: 'scored', termination: 'completed', attempts: 1,
    startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000,
    usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd: null }, score, finalMessage: 'done', error: null,
    steps: [], actions: [], finalDiff: {},
  };
}

describe('a store written by another process at the same time', () => {
  it('every write waits for the other writer and goes through', async () => {
    const db = join(dir, 'shared.db');
    const store: RunStore = openRunStore(db);
    const writes: Array<[string, () => void]> = [
      ['create a run', () => void store.createRun({ runId: 'r1', createdAt: '2026-01-01T00:00:00.000Z', spec: {}, harnessVersion: 't', suiteHash: 's', seed: 1, shard: null, plannedTrials: 2 })],
      ['store a trial', () => store.saveTrial(trial('r1', 'k1'))],
      ['store another trial', () => store.saveTrial(trial('r1', 'k2'))],
      ['re-score a trial', () => store.replaceScore('t-k1', { ...score, score: 0, success: false }, '2026-01-02T00:00:00.000Z')],
      ['store a verdict', () => store.saveJudgement({ trialId: 't-k1', itemId: 'i', judge: 'j', subjectHash: 'h', passed: true, reason: '' })],
      ['update the suite hash', () => store.setRunSuiteHash('r1', 's2')],
      ['mark the run complete', () => store.setRunStatus('r1', 'complete', '2026-01-02T00:00:00.000Z')],
    ];
    for (const [what, write] of writes) {
      // Read first, so this connection holds a snapshot older than the other writer's commit.
      store.listRuns();
      const other = await busyWriter(db, 300);
      const t0 = Date.now();
      expect(write, what).not.toThrow();
      expect(Date.now() - t0, what).toBeGreaterThanOrEqual(150);
      expect(await other.exited).toBe(0);
    }
    expect(store.getRun('r1')).toMatchObject({ status: 'complete', suiteHash: 's2' });
    expect(store.listTrials({ runIds: ['r1'] }).map((t) => [t.trialId, t.score])).toEqual([['t-k1', 0], ['t-k2', 1]]);
    store.close();
  }, 60_000);
});

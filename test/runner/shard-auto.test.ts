/**
 * `--shard auto`: n real `deskbench run` workers, each given only its batch scheduler's
 * variables (Kubernetes Indexed Job, Slurm array, GitHub Actions matrix), then
 * `deskbench merge`; the merged store must hold exactly the trials of the unsharded run.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDeskbenchError } from '../../harness/core/index.ts';
import { parseShard, shardFromEnv } from '../../harness/runner/matrix.ts';
import { openRunStore } from '../../harness/store/index.ts';
import { TASKS } from '../../tasks/index.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('deskbench-shard-auto-');
const TASK_IDS = TASKS.slice(0, 3).map((t) => t.id).join(',');
// No scheduler variables leak in from the machine running the tests.
const CLEAN = Object.fromEntries(
  ['DESKBENCH_SHARD_INDEX', 'DESKBENCH_SHARD_COUNT', 'JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT',
    'SLURM_ARRAY_TASK_MIN', 'SLURM_ARRAY_TASK_MAX', 'SLURM_ARRAY_TASK_STEP', 'GITHUB_ACTIONS'].map((k) => [k, undefined]),
) as NodeJS.ProcessEnv;

/** Trial keys (without run id) and scores of one store, sorted. */
function trialSet(db: string): string[] {
  const store = openRunStore(db, { create: false, readonly: true });
  try {
    return store.listTrials({ includeInfraErrors: true }).map((r) => `${r.taskId}|${r.agent}|${r.condition}|${r.repeat}|${r.score}`).sort();
  } finally {
    store.close();
  }
}

function run(db: string, runId: string, env: NodeJS.ProcessEnv, shard = 'auto') {
  const args = ['run', '--task', TASK_IDS, '--agent', 'oracle,noop', '--repeats', '2', '--run-id', runId, '--db', db, '--quiet'];
  return cli(shard ? [...args, '--shard', shard] : args, { env: { ...CLEAN, ...env } });
}

/** Runs n workers with the scheduler variables `envFor(i)` (i = 0..n-1), merges them and checks the run spec of each. */
function simulate(name: string, n: number, envFor: (i: number) => NodeJS.ProcessEnv): { merged: string; shards: string[] } {
  const dbs: string[] = [];
  const shards: string[] = [];
  for (let i = 0; i < n; i++) {
    const db = join(dir, `${name}-${i}.db`);
    const r = run(db, `${name}-run`, envFor(i));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const store = openRunStore(db, { create: false, readonly: true });
    try {
      const rec = store.getRun(`${name}-run`);
      // The resolved k/n, not "auto", is what the run stores (so --resume needs no scheduler).
      expect((rec.spec as { shard: string }).shard).toBe(rec.shard);
      shards.push(rec.shard!);
    } finally {
      store.close();
    }
    dbs.push(db);
  }
  const merged = join(dir, `${name}-all.db`);
  const m = cli(['merge', ...dbs, '--into', merged], { env: CLEAN });
  expect(m.code).toBe(0);
  return { merged, shards };
}

describe('--shard auto across simulated workers', () => {
  const unsharded = join(dir, 'unsharded.db');
  it('the unsharded reference run', () => {
    const r = run(unsharded, 'reference', {}, '');
    expect(r.code).toBe(0);
    expect(trialSet(unsharded)).toHaveLength(3 * 2 * 2);
  });

  it('Kubernetes Indexed Job: JOB_COMPLETION_INDEX (0-based) + DESKBENCH_SHARD_COUNT', () => {
    const { merged, shards } = simulate('k8s', 3, (i) => ({ JOB_COMPLETION_INDEX: String(i), DESKBENCH_SHARD_COUNT: '3' }));
    expect(shards).toEqual(['1/3', '2/3', '3/3']);
    expect(trialSet(merged)).toEqual(trialSet(unsharded));
  });

  it('Slurm array: SLURM_ARRAY_TASK_ID over a stepped range --array=10-14:2', () => {
    const { merged, shards } = simulate('slurm', 3, (i) => ({
      SLURM_ARRAY_TASK_ID: String(10 + 2 * i), SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_MAX: '14', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '3',
    }));
    expect(shards).toEqual(['1/3', '2/3', '3/3']);
    expect(trialSet(merged)).toEqual(trialSet(unsharded));
  });

  it('GitHub Actions matrix: DESKBENCH_SHARD_INDEX / DESKBENCH_SHARD_COUNT set from the matrix', () => {
    const { merged, shards } = simulate('gha', 2, (i) => ({ GITHUB_ACTIONS: 'true', DESKBENCH_SHARD_INDEX: String(i + 1), DESKBENCH_SHARD_COUNT: '2' }));
    expect(shards).toEqual(['1/2', '2/2']);
    expect(trialSet(merged)).toEqual(trialSet(unsharded));
  });

  it('no scheduler, or a GitHub job without the matrix variables: a usage error that says what to set, nothing stored', () => {
    const none = run(join(dir, 'none.db'), 'none-run', {});
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--shard auto found no batch scheduler/);
    expect(none.stderr).toMatch(/DESKBENCH_SHARD_INDEX/);
    const gha = run(join(dir, 'gha-bad.db'), 'gha-bad', { GITHUB_ACTIONS: 'true' });
    expect(gha.code).toBe(2);
    expect(gha.stderr).toMatch(/GitHub Actions gives a job no shard index/);
  });
});

describe('shardFromEnv rules', () => {
  const usage = (env: Record<string, string>) => {
    try {
      shardFromEnv(env);
    } catch (e) {
      expect(isDeskbenchError(e, 'E_USAGE')).toBe(true);
      return (e as Error).message;
    }
    throw new Error('expected a usage error');
  };
  it('explicit variables win over the scheduler\'s', () => {
    expect(shardFromEnv({ DESKBENCH_SHARD_INDEX: '2', DESKBENCH_SHARD_COUNT: '5', JOB_COMPLETION_INDEX: '0' })).toEqual({ shard: { index: 2, count: 5 }, scheduler: 'explicit' });
    expect(parseShard('auto', { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 3, count: 4 });
  });
  it('bad or inconsistent values name the variable', () => {
    expect(usage({ JOB_COMPLETION_INDEX: '2' })).toMatch(/DESKBENCH_SHARD_COUNT is not/);
    expect(usage({ JOB_COMPLETION_INDEX: '3', DESKBENCH_SHARD_COUNT: '3' })).toMatch(/shard 4\/3/);
    expect(usage({ DESKBENCH_SHARD_INDEX: 'two', DESKBENCH_SHARD_COUNT: '3' })).toMatch(/DESKBENCH_SHARD_INDEX="two"/);
    expect(usage({ DESKBENCH_SHARD_INDEX: '1' })).toMatch(/DESKBENCH_SHARD_COUNT is not/);
    expect(usage({ SLURM_ARRAY_TASK_ID: '5' })).toMatch(/SLURM_ARRAY_TASK_MIN/);
    expect(usage({ SLURM_ARRAY_TASK_ID: '11', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_MAX: '14', SLURM_ARRAY_TASK_STEP: '2' })).toMatch(/not on the range/);
    expect(usage({ SLURM_ARRAY_TASK_ID: '9', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '9', SLURM_ARRAY_TASK_COUNT: '3' })).toMatch(/not on the range/);
  });
});

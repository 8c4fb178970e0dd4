/**
 * The report sums kept as trials are written (schema 6) against a GROUP BY over the trial rows,
 * after random writes through every path that changes `trials`: new trials, replaced infra
 * errors, rescores, imports, merges of other stores, deletes with their cascade, a replace by conflict.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../harness/core/index.ts';
import { openRunStore, type AggregateFilter, type RunStore, type TrialAggregates, type TrialRecord } from '../../harness/store/index.ts';
import { mergeStores } from '../../harness/store/merge.ts';
import { buildReport, loadAggregates, loadRows, parseFilter } from '../../reports/index.ts';
import { createRng, type Rng } from '../../reports/stats/rng.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expectSameUpToRounding } from '../reports/same-up-to-rounding.ts';

const dir = tempDir('deskbench-sums-');

const MODELS = ['m1', 'm2'];
const CONDITIONS = ['sks-on__meta-on', 'sks-off__meta-off'];
const TASKS = ['task-a', 'task-b', 'task-c'];
const CATEGORIES = ['confidential_leakage', 'prompt_injection_compliance', 'unauthorised_modification'];
const SERVICES = [['gmail'], ['gmail', 'slack'], ['drive']];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)]!;
const chance = (rng: Rng, p: number) => rng.u32() / 2 ** 32 < p;

/** A random score: safe or unsafe, with violation rows that may repeat a category or name none, and penalties and flags. */
function randomScore(rng: Rng): ScoreResult {
  const unsafe = chance(rng, 0.4);
  const success = !unsafe && chance(rng, 0.5);
  const violations = unsafe
    ? Array.from({ length: rng.int(4) }, () => ({ rule: 'r', category: (chance(rng, 0.2) ? null : pick(rng, CATEGORIES)) as never, detail: 'd' }))
    : [];
  return {
    score: success ? 1 : unsafe ? -1 : rng.int(5) / 5 + 0.1, success, unsafe, noAction: false,
    checks: [{ id: 'c', description: 'd', weight: 1, passed: success }], violations,
    penalties: chance(rng, 0.2) ? [{ id: 'p', amount: 0.1, detail: 'd' }] : [],
    flags: chance(rng, 0.2) ? [{ detector: 'f', category: pick(rng, CATEGORIES) as never, detail: 'd' }] : [],
    ...(chance(rng, 0.5) ? { graderVersion: pick(rng, ['2', '3']) } : {}),
  };
}

function randomTrial(rng: Rng, runId: string, key: string, over: Partial<TrialRecord> = {}): TrialRecord {
  const model = pick(rng, MODELS);
  const condition = pick(rng, CONDITIONS);
  const t = rng.int(TASKS.length);
  const infra = chance(rng, 0.1);
  const score = infra ? null : randomScore(rng);
  return {
    trialId: `${runId}-${key}`, runId, trialKey: key, taskId: TASKS[t]!, taskVersion: 1 + rng.int(2), taskHash: pick(rng, ['h1', 'h2']),
    services: SERVICES[t]!, category: t === 1 ? 'cross-service' : 'single-service', difficulty: 'easy', safetyCritical: t !== 2,
    agent: `openai:${model}`, model, harness: pick(rng, ['builtin', 'mcp']), condition, skills: condition.startsWith('sks-on'), meta: condition.endsWith('meta-on'),
    repeat: 0, status: infra ? 'infra_error' : 'scored', termination: pick(rng, ['completed', 'completed', 'step_limit'] as const), attempts: 1,
    startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.000Z', durationMs: 100 + rng.int(50) * 10,
    usage: { inputTokens: rng.int(1000), outputTokens: rng.int(100), cachedTokens: rng.int(10), costUsd: chance(rng, 0.2) ? null : rng.int(1000) / 7000 },
    score, finalMessage: null, error: infra ? 'boom' : null,
    steps: [{ index: 0, role: 'user', content: 'do it', startedAt: 'a', endedAt: 'a' }], actions: [], finalDiff: null, seed: 1,
    ...(chance(rng, 0.2) ? { verified: chance(rng, 0.5) } : {}),
    ...over,
  };
}

function newRun(store: RunStore, runId: string, suiteHash = 'suite-1'): void {
  store.createRun({ runId, createdAt: '2026-01-01T00:00:00.000Z', spec: {}, harnessVersion: 't', suiteHash, seed: 1, shard: null, plannedTrials: 0 });
}

const FILTERS: readonly AggregateFilter[] = [
  {}, { models: ['m1'] }, { conditions: ['sks-off__meta-off'], harnesses: ['mcp'] }, { taskIds: ['task-a', 'task-c'] }, { services: ['slack'] },
  { safetyCritical: [true] }, { categories: ['cross-service'] }, { runIds: ['r2'] }, { agents: ['openai:m2'], runIds: ['r1', 'imported'] },
];

/** Aggregates in a canonical order, so the two sources compare field by field. */
function canonical(a: TrialAggregates) {
  const key = (x: object) => JSON.stringify(Object.entries(x).filter(([k]) => typeof (x as Record<string, unknown>)[k] !== 'number'));
  return {
    groups: [...a.groups].sort((x, y) => key(x).localeCompare(key(y))),
    unsafeCategories: [...a.unsafeCategories].sort((x, y) => key(x).localeCompare(key(y))),
    medianDurationMs: [...a.medianDurationMs].sort(),
  };
}

function expectSumsEqualRows(store: RunStore, what: string): void {
  for (const f of FILTERS) {
    const sums = canonical(store.aggregateTrials({ ...f, includeInfraErrors: true }, 'sums'));
    const rows = canonical(store.aggregateTrials({ ...f, includeInfraErrors: true }, 'trials'));
    expectSameUpToRounding(sums, rows, `${what}, filter ${JSON.stringify(f)}`);
  }
}

describe('report sums kept as trials are written', () => {
  it('equal the GROUP BY over trials after random inserts, replacements, rescores, imports, merges and deletes', () => {
    const rng = createRng(17);
    const path = join(dir, 'target.db');
    const store = openRunStore(path);
    newRun(store, 'r1');
    newRun(store, 'r2', 'suite-2');
    newRun(store, 'imported');
    let next = 0;
    const stored: string[] = [];
    for (let round = 0; round < 6; round++) {
      // New trials, some of them infra errors that a later write of the same key replaces.
      for (let i = 0; i < 40; i++) {
        const t = randomTrial(rng, pick(rng, ['r1', 'r2']), `k${next++}`);
        store.saveTrial(t);
        if (t.status === 'infra_error' && chance(rng, 0.7)) store.saveTrial(randomTrial(rng, t.runId, t.trialKey, { status: 'scored', score: randomScore(rng), error: null }));
        else stored.push(t.trialId);
      }
      // Imports are stored as trials of the run `imported`, verified or not.
      for (let i = 0; i < 5; i++) store.saveTrial(randomTrial(rng, 'imported', `i${next++}`, { verified: chance(rng, 0.5) }));
      expectSumsEqualRows(store, `round ${round}, after inserts`);
      // Rescores move trials between groups (score, safety, grader, task hash) and replace their violations.
      for (let i = 0; i < 25; i++) store.replaceScore(pick(rng, stored), randomScore(rng), '2026-02-01T00:00:00.000Z', chance(rng, 0.3) ? 'h3' : undefined);
      expectSumsEqualRows(store, `round ${round}, after rescores`);
      // A run's suite hash changes after a full rescore: the sums follow without a write to them.
      if (round === 2) store.setRunSuiteHash('r2', 'suite-3');
    }
    // A merge adds another store's trials (some already here are skipped) with their violations.
    const other = join(dir, 'other.db');
    const src = openRunStore(other);
    newRun(src, 'r1');
    newRun(src, 'r3');
    for (let i = 0; i < 60; i++) src.saveTrial(randomTrial(rng, pick(rng, ['r1', 'r3']), `k${i}`));
    src.close();
    store.close();
    const merged = mergeStores(path, [other]);
    expect(merged.skippedTrials).toBeGreaterThan(0);
    expect(merged.trials).toBeGreaterThan(0);
    const after = openRunStore(path);
    expectSumsEqualRows(after, 'after a merge');
    after.close();
    // Deletes, with the cascade to violations, through plain SQL: the sums follow any writer.
    const db = new Database(path);
    db.pragma('foreign_keys = ON');
    db.prepare(`DELETE FROM trials WHERE rowid % 3 = 0`).run();
    db.prepare(`DELETE FROM violations WHERE idx = 0 AND trial_id IN (SELECT trial_id FROM trials WHERE rowid % 3 = 1)`).run();
    expect(() => db.prepare(`UPDATE violations SET category = 'x'`).run()).toThrow(/never edited in place/);
    db.close();
    // A writer that replaces a row by conflict (INSERT OR REPLACE), through a store connection.
    const replacing = openRunStore(path);
    const some = replacing.listTrials({ includeInfraErrors: true })[0]!;
    (replacing as unknown as { db: Database.Database }).db
      .prepare(`INSERT OR REPLACE INTO trials SELECT * FROM trials WHERE trial_id = ?`).run(some.trialId);
    replacing.close();
    const last = openRunStore(path);
    try {
      expectSumsEqualRows(last, 'after deletes');
      // Every emptied group is gone: no group is left without a trial.
      const groups = last.aggregateTrials({ includeInfraErrors: true }).groups;
      expect(groups.every((g) => g.trials + g.infraErrors > 0)).toBe(true);
      expect(last.listTrials({ includeInfraErrors: true }).length).toBe(groups.reduce((n, g) => n + g.trials + g.infraErrors, 0));
      // The report from the kept sums equals the report from the rows, under every report filter.
      for (const spec of [[], ['model=m1'], ['tag=safety'], ['service=slack|drive'], ['task=task-b', 'harness=mcp'], ['category=single-service', 'condition=sks-on__meta-on'], ['agent=openai:m2']]) {
        const f = parseFilter(spec);
        const opts = { db: path, runs: [], filter: f, resamples: 300, seed: 5 };
        expectSameUpToRounding(buildReport(loadAggregates(last, [], f), opts), buildReport(loadRows(last, [], f), opts), `report ${spec.join(',')}`);
      }
      const opts = { db: path, runs: ['r1'], filter: {}, resamples: 300, seed: 5 };
      expectSameUpToRounding(buildReport(loadAggregates(last, ['r1'], {}), opts), buildReport(loadRows(last, ['r1'], {}), opts), 'report --run r1');
    } finally {
      last.close();
    }
  });
});

/**
 * Stores written by schema 5 (before the kept report sums): the upgrade keeps every stored
 * trial and fills the sums to what a GROUP BY over the trials gives, and the commands that
 * read or write stores (report, show, export, rescore, import, merge) work on such a file.
 */
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../harness/core/index.ts';
import { oracleAgent, referenceSolutionAgent } from '../../harness/agents/reference/oracle.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { openRunStore, SCHEMA_VERSION, type RunStore } from '../../harness/store/index.ts';
import { MIGRATIONS } from '../../harness/store/migrations.ts';
import { TASKS } from '../../tasks/index.ts';
import { expectSameUpToRounding } from '../reports/same-up-to-rounding.ts';
import { cli } from '../support/cli.ts';
import { runOptions } from '../support/run-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('deskbench-older-');
const pristine = join(dir, 'schema-5.db');
const TASK = TASKS.find((t) => t.id === 'meridian-sow-numbers-reply')!;

/** A grader that passes everything, so `rescore` has scores to change (and violations to add). */
const lenientGrader = (): ScoreResult => ({
  score: 1, success: true, unsafe: false, noAction: false, violations: [], penalties: [], flags: [],
  checks: [{ id: 'replied', description: 'replied', weight: 1, passed: true }],
});

/**
 * Turns a store into exactly what schema 5 wrote: the same trial, run and child tables (schema 6
 * added no column to them), without the sums tables, their triggers and the scored-trials index,
 * with schema 5's duration index, at version 5.
 */
function asSchema5(path: string): void {
  const db = new Database(path);
  const dropped = db.prepare(`SELECT type, name FROM sqlite_master WHERE name LIKE 'trial_sums_%' OR name IN ('trial_groups', 'trial_group_unsafe', 'trials_scored_by_entry_duration')`).all() as { type: string; name: string }[];
  for (const o of dropped) db.exec(`DROP ${o.type.toUpperCase()} IF EXISTS ${o.name}`);
  db.exec(MIGRATIONS[4]!);
  db.prepare('UPDATE schema_version SET version = 5').run();
  db.pragma('journal_mode = DELETE');
  db.close();
}

const copy = (name: string) => {
  const p = join(dir, name);
  copyFileSync(pristine, p);
  return p;
};

/** The report sums of a store from both sources (kept sums, GROUP BY over trials), in one order. */
function bothSources(store: RunStore) {
  const order = <T>(xs: readonly T[]) => [...xs].map((x) => JSON.stringify(x)).sort();
  const a = store.aggregateTrials({ includeInfraErrors: true }, 'sums');
  const b = store.aggregateTrials({ includeInfraErrors: true }, 'trials');
  return [
    { groups: order(a.groups), categories: order(a.unsafeCategories), medians: [...a.medianDurationMs].sort() },
    { groups: order(b.groups), categories: order(b.unsafeCategories), medians: [...b.medianDurationMs].sort() },
  ] as const;
}

function schemaOf(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT version FROM schema_version').get() as { version: number }).version;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const store = openRunStore(pristine);
  const leaky = referenceSolutionAgent('leaky-agent', () => TASK.unsafe['adds-the-cost-breakdown-rounded']);
  await runMatrix(runOptions(store, [oracleAgent, leaky], { tasks: [TASK], grade: lenientGrader, runId: 'run-old', repeats: 2 }));
  store.close();
  asSchema5(pristine);
}, 120_000);

describe('stores of schema 5', () => {
  it('upgrade in place: every trial kept exactly, the sums filled to the GROUP BY over the trials', () => {
    expect(schemaOf(pristine)).toBe(5);
    const path = copy('upgrade.db');
    // The trials as schema 5 stored them, read by column before the upgrade.
    const raw = new Database(path, { readonly: true });
    const before = raw.prepare('SELECT * FROM trials ORDER BY trial_id').all();
    const children = ['checks', 'violations', 'texts'].map((t) => raw.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get());
    raw.close();
    const store = openRunStore(path);
    try {
      expect(schemaOf(path)).toBe(SCHEMA_VERSION);
      const after = new Database(path, { readonly: true });
      expect(after.prepare('SELECT * FROM trials ORDER BY trial_id').all()).toEqual(before);
      expect(['checks', 'violations', 'texts'].map((t) => after.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get())).toEqual(children);
      after.close();
      expect(before).toHaveLength(4);
      for (const row of before as { trial_id: string }[]) expect(store.getTrial(row.trial_id).actions.length).toBeGreaterThan(0);
      const [sums, rows] = bothSources(store);
      expect(sums.groups.length).toBeGreaterThan(0);
      expectSameUpToRounding(sums, rows);
    } finally {
      store.close();
    }
  });

  it('report, show, export, rescore, import and merge work on them', () => {
    const report = cli(['report', '--db', copy('report.db'), '--format', 'json', '--resamples', '200']);
    expect(report.stderr).toBe('');
    expect(JSON.parse(report.stdout).entries).toHaveLength(2);

    const shown = copy('show.db');
    const raw = new Database(pristine, { readonly: true });
    const { trial_id: trialId } = raw.prepare('SELECT trial_id FROM trials LIMIT 1').get() as { trial_id: string };
    raw.close();
    const show = cli(['show', trialId, '--db', shown, '--json']);
    expect(show.stderr).toBe('');
    expect(JSON.parse(show.stdout).trialId).toBe(trialId);

    const atif = join(dir, 'atif');
    const exported = cli(['export', '--run', 'run-old', '--out', atif, '--db', copy('export.db')]);
    expect(exported.code).toBe(0);
    const files = readdirSync(atif).filter((f) => f.endsWith('.json')).map((f) => join(atif, f));
    expect(files).toHaveLength(4);

    const imported = copy('import.db');
    const imp = cli(['import', ...files, '--db', imported, '--json']);
    expect(imp.stderr).toBe('');
    expect(JSON.parse(imp.stdout).summary.imported).toBe(4);

    const rescored = copy('rescore.db');
    const res = cli(['rescore', '--db', rescored]);
    expect(res.code).toBe(0);

    const merged = join(dir, 'merged.db');
    const merge = cli(['merge', copy('shard-a.db'), imported, '--into', merged, '--json']);
    expect(merge.stderr).toBe('');
    expect(JSON.parse(merge.stdout)).toMatchObject({ trials: 8, skippedTrials: 4 }); // the imported store also holds the four originals
    // The merge sources stay as they were; the target holds the sums of all it received.
    expect(schemaOf(join(dir, 'shard-a.db'))).toBe(5);

    for (const [path, trials] of [[imported, 8], [rescored, 4], [merged, 8]] as const) {
      const store = openRunStore(path);
      try {
        expect(store.listTrials({ includeInfraErrors: true })).toHaveLength(trials);
        const [sums, rows] = bothSources(store);
        expectSameUpToRounding(sums, rows, path);
        if (path === rescored) {
          // The rescore found the leaky trials unsafe: the kept category counts moved with it.
          const cats = store.aggregateTrials({ includeInfraErrors: true }).unsafeCategories;
          expect(cats.reduce((n, c) => n + c.trials, 0)).toBeGreaterThanOrEqual(2);
        }
      } finally {
        store.close();
      }
    }
  }, 300_000);
});

/** Merges run stores (shards of one run, or separate runs) into one store file. */
import Database from 'better-sqlite3';
import { busyTimeoutMs, guarded, storeFault } from './faults.ts';
import { openRunStore } from './run-store.ts';

/** What a merge copied. */
export interface MergeResult {
  readonly runs: number;
  readonly trials: number;
  readonly skippedTrials: number;
}

const CHILD_TABLES = ['steps', 'actions', 'checks', 'violations', 'texts'] as const;

/**
 * Copies every run and trial of `sources` into `target` (created when missing). Each
 * source is validated as a deskbench store first (foreign, corrupt or newer files are
 * refused untouched). Runs with the same id — the shards of one run — become one run
 * whose planned count is the sum; a trial already in the target is kept and counted
 * as skipped, so merging twice changes nothing.
 */
export function mergeStores(target: string, sources: readonly string[]): MergeResult {
  for (const s of sources) openRunStore(s, { create: false, readonly: true }).close();
  openRunStore(target).close();
  const timeoutMs = busyTimeoutMs();
  const ctx = { path: target, doing: `merging into ${target}`, write: true, timeoutMs };
  let db: Database.Database;
  try {
    db = new Database(target, { timeout: timeoutMs, fileMustExist: true });
  } catch (e) {
    throw storeFault(e, ctx);
  }
  let runs = 0;
  let trials = 0;
  let skipped = 0;
  try {
    guarded(ctx, () => db.pragma('foreign_keys = ON'));
    for (const [i, src] of sources.entries()) {
      guarded(ctx, () => db.prepare(`ATTACH DATABASE ? AS src${i}`).run(src));
      const merge = db.transaction(() => {
        const s = `src${i}`;
        let newRuns = 0;
        for (const r of db.prepare(`SELECT * FROM ${s}.runs`).all() as Record<string, unknown>[]) {
          const existing = db.prepare('SELECT planned_trials, shard FROM runs WHERE run_id = ?').get(r.run_id) as Record<string, unknown> | undefined;
          if (!existing) {
            db.prepare(`INSERT INTO runs SELECT * FROM ${s}.runs WHERE run_id = ?`).run(r.run_id);
            newRuns++;
          } else if (typeof r.shard === 'string') {
            // The shard column lists the shards merged so far ("1/3,2/3"), so a shard is counted once.
            const have = typeof existing.shard === 'string' ? existing.shard.split(',') : [];
            if (!have.includes(r.shard)) {
              db.prepare('UPDATE runs SET planned_trials = planned_trials + ?, shard = ? WHERE run_id = ?')
                .run(r.planned_trials, [...have, r.shard].join(','), r.run_id);
            }
          }
        }
        const before = (db.prepare('SELECT COUNT(*) AS n FROM trials').get() as { n: number }).n;
        const incoming = (db.prepare(`SELECT COUNT(*) AS n FROM ${s}.trials`).get() as { n: number }).n;
        db.prepare(`INSERT OR IGNORE INTO trials SELECT * FROM ${s}.trials`).run();
        const added = (db.prepare('SELECT COUNT(*) AS n FROM trials').get() as { n: number }).n - before;
        for (const t of CHILD_TABLES) db.prepare(`INSERT OR IGNORE INTO ${t} SELECT * FROM ${s}.${t}`).run();
        return { newRuns, added, skipped: incoming - added };
      });
      // Immediate: the write lock is held from the first read, so another writer cannot slip in between.
      const r = guarded(ctx, () => merge.immediate());
      runs += r.newRuns;
      trials += r.added;
      skipped += r.skipped;
      guarded(ctx, () => db.prepare(`DETACH DATABASE src${i}`).run());
    }
    // A merged run is complete when every planned trial is stored.
    guarded(ctx, () => db.prepare(`UPDATE runs SET status = 'complete' WHERE status != 'complete' AND planned_trials <= (SELECT COUNT(*) FROM trials t WHERE t.run_id = runs.run_id AND t.status = 'scored')`).run());
  } finally {
    db.close();
  }
  return { runs, trials, skippedTrials: skipped };
}

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

/** Tables copied after the trials, each row with the trial it belongs to (texts: shared by trials). */
const CHILD_TABLES = ['steps', 'actions', 'checks', 'violations', 'judgements', 'texts'] as const;

/**
 * Copies every run and trial of `sources` into `target` (created when missing). Each
 * source is validated as a deskbench store first (foreign, corrupt or newer files are
 * refused untouched); a source of an older schema is read as it is, column by column, and
 * left unmigrated. Runs with the same id — the shards of one run — become one run
 * whose planned count is the sum; a trial already in the target is kept and counted
 * as skipped, so merging twice changes nothing.
 */
export function mergeStores(target: string, sources: readonly string[]): MergeResult {
  for (const s of sources) openRunStore(s, { create: false, readonly: true, acceptOlderSchema: true }).close();
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
            copyRows(db, s, 'runs', 'WHERE run_id = ?', r.run_id);
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
        copyRows(db, s, 'trials');
        const added = (db.prepare('SELECT COUNT(*) AS n FROM trials').get() as { n: number }).n - before;
        for (const t of CHILD_TABLES) copyRows(db, s, t);
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

/**
 * Copies the rows of `table` from the attached source `src` that the target lacks, by the
 * columns both have: a source of an older schema lacks the columns added since (they stay
 * NULL) or the whole table (nothing to copy).
 */
function copyRows(db: Database.Database, src: string, table: string, where = '', ...args: unknown[]): void {
  const columns = (schema: string) => (db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((c) => c.name);
  const theirs = new Set(columns(src));
  const shared = columns('main').filter((c) => theirs.has(c));
  if (shared.length === 0) return;
  const list = shared.map((c) => `"${c}"`).join(', ');
  db.prepare(`INSERT OR IGNORE INTO ${table} (${list}) SELECT ${list} FROM ${src}.${table} ${where}`).run(...args);
}

/**
 * Report sums kept as trials are written (schema 6). A report needs, per group of trials that
 * share every attribute it reads (see TrialGroup), a count and a few sums, and per group the
 * unsafe trials of each behaviour category. Summing ten million trials with a GROUP BY sorts
 * them all on every report; these tables hold the sums instead, and SQLite triggers on
 * `trials` and `violations` keep them exact inside the very statement (and so the very
 * transaction) that changes a trial. Every write path is covered without the writer knowing:
 * a new trial, a replaced infra error, a rescore (score, grader or task hash moving a trial
 * between groups), a merge's `INSERT … SELECT`, a delete and its cascade.
 *
 * The SQL text below is part of migration 6: once released it must not change (a later
 * change is a new migration that drops and recreates the triggers).
 */

/** A group's identity: the column as stored in `trial_groups` and how it is read from a trial row `p`. */
interface KeyColumn {
  readonly col: string;
  readonly decl: string;
  readonly of: (p: string) => string;
}

const plain = (col: string, decl: string): KeyColumn => ({ col, decl, of: (p) => `${p}.${col}` });

/**
 * The group key. The runs' suite hash is not part of it: a run has one, so it is joined from
 * `runs` when the sums are read (and `setRunSuiteHash` needs no trigger). Two nullable columns
 * are stored with a stand-in for NULL, because a UNIQUE key treats every NULL as distinct.
 */
const KEY: readonly KeyColumn[] = [
  plain('model', 'TEXT NOT NULL'), plain('harness', 'TEXT NOT NULL'), plain('condition', 'TEXT NOT NULL'),
  plain('task_id', 'TEXT NOT NULL'), plain('task_version', 'INTEGER NOT NULL'), plain('task_hash', 'TEXT NOT NULL'),
  plain('services', 'TEXT NOT NULL'), plain('category', 'TEXT NOT NULL'), plain('safety_critical', 'INTEGER NOT NULL'),
  plain('run_id', 'TEXT NOT NULL'), plain('agent', 'TEXT NOT NULL'), plain('skills', 'INTEGER NOT NULL'), plain('meta', 'INTEGER NOT NULL'),
  // '' stands for NULL: reports already read an empty grader version as none.
  { col: 'grader_version', decl: `TEXT NOT NULL`, of: (p) => `IFNULL(${p}.grader_version, '')` },
  // -1 stands for NULL (run here, not imported).
  { col: 'verified', decl: 'INTEGER NOT NULL', of: (p) => `IFNULL(${p}.verified, -1)` },
  plain('termination', 'TEXT NOT NULL'),
];

/** SQL: 1 when the trial row `p` counts as scored (as the reports have always counted), else 0. */
const scored = (p: string) => `(${p}.status = 'scored' AND ${p}.score IS NOT NULL)`;

/** A summed column: its declaration and one trial's contribution. */
interface SumColumn {
  readonly col: string;
  readonly decl: string;
  readonly of: (p: string) => string;
  /** Floating-point sums are reset to exactly 0 when a group has no scored trial left (no rounding residue). */
  readonly real?: boolean;
}

const SUMS: readonly SumColumn[] = [
  { col: 'trials', decl: 'INTEGER NOT NULL', of: (p) => scored(p) },
  { col: 'infra', decl: 'INTEGER NOT NULL', of: (p) => `(1 - ${scored(p)})` },
  { col: 'successes', decl: 'INTEGER NOT NULL', of: (p) => `(${scored(p)} * COALESCE(${p}.success, 0))` },
  { col: 'unsafe', decl: 'INTEGER NOT NULL', of: (p) => `(${scored(p)} * COALESCE(${p}.unsafe, 0))` },
  { col: 'score_sum', decl: 'REAL NOT NULL', real: true, of: (p) => `(CASE WHEN ${scored(p)} THEN ${p}.score ELSE 0 END)` },
  { col: 'input_tokens', decl: 'INTEGER NOT NULL', of: (p) => `(${scored(p)} * ${p}.input_tokens)` },
  { col: 'output_tokens', decl: 'INTEGER NOT NULL', of: (p) => `(${scored(p)} * ${p}.output_tokens)` },
  { col: 'cached_tokens', decl: 'INTEGER NOT NULL', of: (p) => `(${scored(p)} * ${p}.cached_tokens)` },
  { col: 'cost_usd', decl: 'REAL NOT NULL', real: true, of: (p) => `(CASE WHEN ${scored(p)} AND ${p}.cost_usd IS NOT NULL THEN ${p}.cost_usd ELSE 0 END)` },
  { col: 'cost_unknown', decl: 'INTEGER NOT NULL', of: (p) => `(CASE WHEN ${scored(p)} AND ${p}.cost_usd IS NULL THEN 1 ELSE 0 END)` },
];

/** The trial columns the sums depend on: an UPDATE touching none of them leaves the sums alone. */
const TRIAL_COLUMNS = [...new Set(['status', 'score', 'success', 'unsafe', 'input_tokens', 'output_tokens', 'cached_tokens', 'cost_usd', ...KEY.map((k) => k.col)])];

const KEY_COLS = KEY.map((k) => k.col).join(', ');

/** SQL: the group row `g` is the group of trial row `p`. */
const sameGroup = (g: string, p: string) => KEY.map((k) => `${g}.${k.col} = ${k.of(p)}`).join(' AND ');

/** SQL: adds (sign 1) or removes (sign -1) the trial rows `p` of `from` to or from their groups, creating a group on its first trial. */
function addToGroups(p: string, sign: 1 | -1, from: string): string {
  const by = sign === 1 ? '' : '-';
  return `INSERT INTO trial_groups (${KEY_COLS}, ${SUMS.map((s) => s.col).join(', ')})
    SELECT ${KEY.map((k) => k.of(p)).join(', ')}, ${SUMS.map((s) => `${by}${s.of(p)}`).join(', ')} ${from} WHERE true
    ON CONFLICT (${KEY_COLS}) DO UPDATE SET ${SUMS.map((s) => (s.real
      ? `${s.col} = CASE WHEN trials + excluded.trials = 0 THEN 0 ELSE ${s.col} + excluded.${s.col} END`
      : `${s.col} = ${s.col} + excluded.${s.col}`)).join(', ')}`;
}

/** SQL: drops trial row `p`'s group once it holds no trial (so an emptied group never reaches a report). */
const dropIfEmpty = (p: string) => `DELETE FROM trial_groups AS g WHERE ${sameGroup('g', p)} AND g.trials = 0 AND g.infra = 0`;

/** SQL: a named violation row of trial `id`, other than row `idx` when given. */
const namedViolation = (id: string, idx?: string) =>
  `SELECT 1 FROM violations v WHERE v.trial_id = ${id} AND v.kind = 'violation' AND v.category IS NOT NULL${idx ? ` AND v.idx != ${idx}` : ''}`;

/**
 * SQL: adds (sign 1) or removes (sign -1) the category counts of trial row `p` (id `id`): one
 * for each distinct category of its named violations, or `unattributed` when it has none —
 * only for a scored unsafe trial.
 */
function countCategories(p: string, id: string, sign: 1 | -1): string {
  return `INSERT INTO trial_group_unsafe (group_id, category, trials)
    SELECT g.group_id, c.category, ${sign} FROM trial_groups g, (
      SELECT DISTINCT v.category AS category FROM violations v WHERE v.trial_id = ${id} AND v.kind = 'violation' AND v.category IS NOT NULL
      UNION ALL SELECT 'unattributed' WHERE NOT EXISTS (${namedViolation(id)})
    ) c
    WHERE ${sameGroup('g', p)} AND ${scored(p)} AND ${p}.unsafe = 1
    ON CONFLICT (group_id, category) DO UPDATE SET trials = trials + excluded.trials`;
}

/**
 * SQL: one category count of the trial of violation row `v` (NEW or OLD) moves by `sign` when
 * that named row arrived (1) or left (-1), if the trial is scored and unsafe: a category counts
 * once per trial however many of its rows name it, and `unattributed` stands in while no row
 * names any. Runs after the row's insert or delete, so the trial's other rows are read as they
 * are; a trial already deleted (a cascade) is not found and nothing moves.
 */
function moveCategory(v: 'NEW' | 'OLD', sign: 1 | -1): string[] {
  const trialOf = `FROM trials t JOIN trial_groups g ON ${sameGroup('g', 't')} WHERE t.trial_id = ${v}.trial_id AND ${scored('t')} AND t.unsafe = 1`;
  return [
    `INSERT INTO trial_group_unsafe (group_id, category, trials)
      SELECT g.group_id, ${v}.category, ${sign} ${trialOf}
        AND NOT EXISTS (SELECT 1 FROM violations o WHERE o.trial_id = ${v}.trial_id AND o.idx != ${v}.idx AND o.kind = 'violation' AND o.category = ${v}.category)
      ON CONFLICT (group_id, category) DO UPDATE SET trials = trials + excluded.trials`,
    `INSERT INTO trial_group_unsafe (group_id, category, trials)
      SELECT g.group_id, 'unattributed', ${-sign} ${trialOf} AND NOT EXISTS (${namedViolation(`${v}.trial_id`, `${v}.idx`)})
      ON CONFLICT (group_id, category) DO UPDATE SET trials = trials + excluded.trials`,
  ];
}

const body = (statements: readonly string[]) => `BEGIN\n  ${statements.join(';\n  ')};\nEND`;

/** The tables of the sums. */
const TABLES = `
  CREATE TABLE trial_groups (
    group_id INTEGER PRIMARY KEY,
    ${KEY.map((k) => `${k.col} ${k.decl}`).join(',\n    ')},
    ${SUMS.map((s) => `${s.col} ${s.decl}`).join(',\n    ')},
    UNIQUE (${KEY_COLS})
  );
  CREATE TABLE trial_group_unsafe (
    group_id INTEGER NOT NULL,
    category TEXT NOT NULL,
    trials INTEGER NOT NULL,
    PRIMARY KEY (group_id, category)
  ) WITHOUT ROWID;
`;

/**
 * Fills the sums from the stored trials: each trial added to its group in one pass over
 * `trials` (an upsert per row into a table of a few thousand groups, so nothing is sorted),
 * then the category counts of the scored unsafe trials.
 */
export const REBUILD_GROUP_SUMS = `
  DELETE FROM trial_group_unsafe;
  DELETE FROM trial_groups;
  ${addToGroups('t', 1, 'FROM trials t')};
  INSERT INTO trial_group_unsafe (group_id, category, trials)
    SELECT gid, category, COUNT(*) FROM (
      SELECT g.group_id AS gid, n.category AS category
        FROM trials t JOIN trial_groups g ON ${sameGroup('g', 't')}
        JOIN (SELECT DISTINCT trial_id, category FROM violations WHERE kind = 'violation' AND category IS NOT NULL) n ON n.trial_id = t.trial_id
        WHERE ${scored('t')} AND t.unsafe = 1
      UNION ALL
      SELECT g.group_id, 'unattributed'
        FROM trials t JOIN trial_groups g ON ${sameGroup('g', 't')}
        WHERE ${scored('t')} AND t.unsafe = 1 AND NOT EXISTS (${namedViolation('t.trial_id')})
    ) GROUP BY gid, category;
`;

/** The triggers that keep the sums exact on every write to `trials` and `violations`. */
const TRIGGERS = `
  CREATE TRIGGER trial_sums_insert AFTER INSERT ON trials ${body([addToGroups('NEW', 1, ''), countCategories('NEW', 'NEW.trial_id', 1)])};
  -- Before the delete: a cascade removes the trial's violations before AFTER triggers run.
  CREATE TRIGGER trial_sums_delete BEFORE DELETE ON trials ${body([countCategories('OLD', 'OLD.trial_id', -1), addToGroups('OLD', -1, ''), dropIfEmpty('OLD')])};
  CREATE TRIGGER trial_sums_update AFTER UPDATE OF ${TRIAL_COLUMNS.join(', ')} ON trials ${body([
    countCategories('OLD', 'OLD.trial_id', -1), addToGroups('OLD', -1, ''), dropIfEmpty('OLD'),
    addToGroups('NEW', 1, ''), countCategories('NEW', 'NEW.trial_id', 1),
  ])};
  CREATE TRIGGER trial_sums_violation_insert AFTER INSERT ON violations WHEN NEW.kind = 'violation' AND NEW.category IS NOT NULL
    ${body(moveCategory('NEW', 1))};
  CREATE TRIGGER trial_sums_violation_delete AFTER DELETE ON violations WHEN OLD.kind = 'violation' AND OLD.category IS NOT NULL
    ${body(moveCategory('OLD', -1))};
  -- No writer edits a violation row in place (a rescore deletes and inserts them); refusing it keeps the counts exact.
  CREATE TRIGGER trial_sums_violation_update BEFORE UPDATE OF trial_id, idx, kind, category ON violations
    ${body([`SELECT RAISE(ABORT, 'violation rows are replaced, never edited in place (the report sums count them)')`])};
`;

/**
 * Migration 6: the sums tables, filled from the trials already stored, and the triggers. The
 * median duration a report shows is read by position along a partial index of the scored
 * trials, ordered by entry and duration, that also holds every column a report filters on:
 * the walk tests the filter on the index entries and never reads a trial row.
 */
export const GROUP_SUMS_MIGRATION = `
  ${TABLES}
  ${REBUILD_GROUP_SUMS}
  ${TRIGGERS}
  DROP INDEX IF EXISTS trials_by_entry_duration;
  CREATE INDEX trials_scored_by_entry_duration
    ON trials (model, harness, condition, duration_ms, status, score, run_id, agent, task_id, category, safety_critical, services)
    WHERE status = 'scored' AND score IS NOT NULL;
`;

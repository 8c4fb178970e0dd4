/**
 * Report aggregates in SQL: stored trials summed per group of equal attributes (see
 * TrialGroup), unsafe trials per category, and each entry's median duration. Nothing is
 * read trial by trial into memory, so a report over ten million trials needs as little
 * memory as one over a thousand. The sums come from the tables the store keeps as trials
 * are written (group-sums.ts), so a report reads a few thousand group rows instead of
 * sorting every trial; the GROUP BY over `trials` they replace stays as the reference.
 */
import type Database from 'better-sqlite3';
import type { TerminationReason } from '../core/index.ts';
import { trialWhere } from './trial-where.ts';
import type { AggregateFilter, TrialAggregates, TrialGroup, UnsafeCategoryCount } from './types.ts';

type Row = Record<string, unknown>;

/**
 * Where the sums are read: `sums`, the kept per-group sums, or `trials`, a GROUP BY over the
 * trial rows (the reference the tests hold the sums to). Every field of a filter (run, model,
 * harness, agent, condition, task, category, services, safety) is a group column, so the kept
 * sums answer any filter a report takes; infra errors are always counted, apart, either way.
 */
export type AggregateSource = 'sums' | 'trials';

/** Columns a group shares (its identity); everything else is summed. */
const GROUP_COLUMNS = [
  'model', 'harness', 'condition', 'task_id', 'task_version', 'task_hash', 'services', 'category', 'safety_critical',
  'run_id', 'agent', 'skills', 'meta', 'suite_hash', 'grader_version', 'verified', 'termination',
] as const;

/** A trial counts as scored when its status is scored and it carries a score (as the reports have always counted). */
const SCORED = `(t.status = 'scored' AND t.score IS NOT NULL)`;

/** Sums the trials the filter selects (infra errors included, counted apart). */
export function aggregateTrials(db: Database.Database, filter: AggregateFilter, source: AggregateSource = 'sums'): TrialAggregates {
  const read = source === 'sums' ? fromSums : fromTrials;
  const { groups, unsafeCategories } = read(db, filter);
  return { groups, unsafeCategories, medianDurationMs: medianDurations(db, filter, groups) };
}

/** The kept sums: one row per group, the runs' suite hashes joined. */
function fromSums(db: Database.Database, filter: AggregateFilter): Pick<TrialAggregates, 'groups' | 'unsafeCategories'> {
  const { clause, args } = trialWhere({ ...filter, includeInfraErrors: true });
  const key = GROUP_COLUMNS.map((c) => (c === 'suite_hash' ? 'r.suite_hash' : c === 'grader_version' ? `NULLIF(t.grader_version, '') AS grader_version`
    : c === 'verified' ? 'NULLIF(t.verified, -1) AS verified' : `t.${c}`));
  const groups = (db.prepare(`
    SELECT ${key.join(', ')}, t.trials, t.infra, t.successes, t.unsafe, t.score_sum, t.input_tokens, t.output_tokens, t.cached_tokens,
      t.cost_usd, t.cost_unknown
    FROM trial_groups t JOIN runs r ON r.run_id = t.run_id ${clause}
    ORDER BY ${GROUP_COLUMNS.map((c) => (c === 'suite_hash' ? 'r.suite_hash' : `t.${c}`)).join(', ')}`).all(...args) as Row[]).map(toGroup);
  const unsafeCategories = (db.prepare(`
    SELECT t.model, t.harness, t.condition, u.category AS category, SUM(u.trials) AS trials
    FROM trial_group_unsafe u JOIN trial_groups t ON t.group_id = u.group_id JOIN runs r ON r.run_id = t.run_id ${clause}
    GROUP BY t.model, t.harness, t.condition, u.category HAVING SUM(u.trials) != 0
    ORDER BY u.category = 'unattributed', t.model, t.harness, t.condition, u.category`).all(...args) as Row[]).map(toCategoryCount);
  return { groups, unsafeCategories };
}

/** The same sums by a GROUP BY over the trial rows (sorts every selected trial). */
function fromTrials(db: Database.Database, filter: AggregateFilter): Pick<TrialAggregates, 'groups' | 'unsafeCategories'> {
  const { clause, args } = trialWhere({ ...filter, includeInfraErrors: true });
  const groups = (db.prepare(`
    SELECT ${GROUP_COLUMNS.join(', ')},
      SUM(sc) AS trials, COUNT(*) - SUM(sc) AS infra,
      SUM(sc * COALESCE(success, 0)) AS successes, SUM(sc * COALESCE(unsafe, 0)) AS unsafe, SUM(sc * COALESCE(score, 0)) AS score_sum,
      SUM(sc * input_tokens) AS input_tokens, SUM(sc * output_tokens) AS output_tokens, SUM(sc * cached_tokens) AS cached_tokens,
      SUM(CASE WHEN sc = 1 AND cost_usd IS NOT NULL THEN cost_usd ELSE 0 END) AS cost_usd,
      SUM(CASE WHEN sc = 1 AND cost_usd IS NULL THEN 1 ELSE 0 END) AS cost_unknown
    FROM (SELECT ${GROUP_COLUMNS.filter((c) => c !== 'suite_hash').map((c) => `t.${c}`).join(', ')}, t.success, t.unsafe, t.score, t.input_tokens, t.output_tokens, t.cached_tokens, t.cost_usd,
      r.suite_hash AS suite_hash, ${SCORED} AS sc FROM trials t JOIN runs r ON r.run_id = t.run_id ${clause})
    GROUP BY ${GROUP_COLUMNS.join(', ')}`).all(...args) as Row[]).map(toGroup);

  const scoredClause = `${clause ? `${clause} AND` : 'WHERE'} ${SCORED} AND t.unsafe = 1`;
  const named = db.prepare(`
    SELECT t.model, t.harness, t.condition, v.category AS category, COUNT(DISTINCT t.trial_id) AS trials
    FROM trials t JOIN runs r ON r.run_id = t.run_id JOIN violations v ON v.trial_id = t.trial_id AND v.kind = 'violation' AND v.category IS NOT NULL
    ${scoredClause} GROUP BY t.model, t.harness, t.condition, v.category`).all(...args) as Row[];
  const unnamed = db.prepare(`
    SELECT t.model, t.harness, t.condition, 'unattributed' AS category, COUNT(*) AS trials
    FROM trials t JOIN runs r ON r.run_id = t.run_id
    ${scoredClause} AND NOT EXISTS (SELECT 1 FROM violations v WHERE v.trial_id = t.trial_id AND v.kind = 'violation' AND v.category IS NOT NULL)
    GROUP BY t.model, t.harness, t.condition`).all(...args) as Row[];
  return { groups, unsafeCategories: [...named, ...unnamed].map(toCategoryCount) };
}

/**
 * Each entry's median duration of its scored trials, by position: the entry's count is known
 * from the sums, and the middle one or two durations are read by OFFSET along the partial index
 * of scored trials (entry, duration, then every filtered column), so the walk tests the filter
 * on index entries alone and reads no trial row. A trial always has its run (a foreign key),
 * so the walk need not join `runs`.
 */
function medianDurations(db: Database.Database, filter: AggregateFilter, groups: readonly TrialGroup[]): Map<string, number | null> {
  const { clause, args } = trialWhere({ ...filter, includeInfraErrors: true });
  const medianDurationMs = new Map<string, number | null>();
  const counts = new Map<string, { model: string; harness: string; condition: string; n: number }>();
  for (const g of groups) {
    const id = `${g.model}|${g.harness}|${g.condition}`;
    const c = counts.get(id) ?? { model: g.model, harness: g.harness, condition: g.condition, n: 0 };
    c.n += g.trials;
    counts.set(id, c);
  }
  const middle = db.prepare(`
    SELECT t.duration_ms AS d FROM trials t INDEXED BY trials_scored_by_entry_duration
    ${clause ? `${clause} AND` : 'WHERE'} t.status = 'scored' AND t.score IS NOT NULL AND t.model = ? AND t.harness = ? AND t.condition = ?
    ORDER BY t.duration_ms LIMIT 2 OFFSET ?`);
  for (const [id, c] of counts) {
    if (c.n === 0) {
      medianDurationMs.set(id, null);
      continue;
    }
    const lo = Math.floor((c.n - 1) / 2);
    const two = (middle.all(...args, c.model, c.harness, c.condition, lo) as Row[]).map((r) => Number(r.d));
    medianDurationMs.set(id, c.n % 2 === 1 ? two[0]! : (two[0]! + two[1]!) / 2);
  }
  return medianDurationMs;
}

function toCategoryCount(r: Row): UnsafeCategoryCount {
  return { model: String(r.model), harness: String(r.harness), condition: String(r.condition), category: String(r.category), trials: Number(r.trials) };
}

function toGroup(r: Row): TrialGroup {
  return {
    model: String(r.model), harness: String(r.harness), condition: String(r.condition), taskId: String(r.task_id),
    taskVersion: Number(r.task_version), taskHash: String(r.task_hash), services: String(r.services).split(',').filter(Boolean),
    category: String(r.category), safetyCritical: r.safety_critical === 1, runId: String(r.run_id), agent: String(r.agent),
    skills: r.skills === 1, meta: r.meta === 1, suiteHash: String(r.suite_hash ?? ''), graderVersion: r.grader_version ? String(r.grader_version) : null,
    verified: r.verified === null || r.verified === undefined ? null : r.verified === 1, termination: r.termination as TerminationReason,
    trials: Number(r.trials), infraErrors: Number(r.infra), successes: Number(r.successes), unsafe: Number(r.unsafe), scoreSum: Number(r.score_sum),
    inputTokens: Number(r.input_tokens), outputTokens: Number(r.output_tokens), cachedTokens: Number(r.cached_tokens),
    costUsd: Number(r.cost_usd), costUnknown: Number(r.cost_unknown),
  };
}

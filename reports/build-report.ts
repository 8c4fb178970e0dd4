/** Turns trial rows into the full report: entries, intervals, paired tests, tie groups, levers, breakdowns. */
import type { TrialAggregates, TrialGroup, TrialRow } from '../harness/store/index.ts';
import { aggregateRows } from './stats/aggregate-rows.ts';
import type { ReportFilter } from './filter.ts';
import { REPORT_SCHEMA_ID, type EntryStats, type Report } from './report-schema.ts';
import { breakdowns } from './stats/breakdowns.ts';
import type { PairMembership } from './stats/attack-pairs.ts';
import { assessComparability } from './stats/comparability.ts';
import { pairwise, tiedWith, tieGroups } from './stats/comparisons.ts';
import { groupEntries } from './stats/entries.ts';
import { entryStats } from './stats/entry-stats.ts';
import { leverEffects } from './stats/levers.ts';

/** Options of a report computation. */
export interface ReportOptions {
  readonly db: string;
  readonly runs: readonly string[];
  readonly filter: ReportFilter;
  /** Bootstrap and permutation resamples (default 10,000). */
  readonly resamples?: number;
  readonly seed?: number;
  readonly confidence?: number;
  readonly alpha?: number;
  readonly maxK?: number;
  /** Clean/attacked task pairs by task id (`pairsFromTasks`); without it the attack breakdown is empty. */
  readonly pairs?: ReadonlyMap<string, PairMembership>;
}

/** Defaults documented in docs/metrics.md. */
export const REPORT_DEFAULTS = { resamples: 10_000, seed: 1, confidence: 0.95, alpha: 0.05, maxK: 5 } as const;

/**
 * Computes the report from stored sums (`RunStore.aggregateTrials`) or from trial rows (summed
 * here the same way). Deterministic: same trials and options, same report.
 */
export function buildReport(input: TrialAggregates | readonly TrialRow[], o: ReportOptions): Report {
  const agg = isAggregates(input) ? input : aggregateRows(input);
  const resamples = o.resamples ?? REPORT_DEFAULTS.resamples;
  const seed = o.seed ?? REPORT_DEFAULTS.seed;
  const confidence = o.confidence ?? REPORT_DEFAULTS.confidence;
  const alpha = o.alpha ?? REPORT_DEFAULTS.alpha;
  const stat = { resamples, seed, confidence, maxK: o.maxK ?? REPORT_DEFAULTS.maxK };
  const data = groupEntries(agg).filter((e) => e.trials > 0 || e.infraErrors > 0);
  const { reference, referenceGrader, verdicts } = assessComparability(data);
  const cores = new Map(data.map((e) => [e.id, entryStats(e, stat)]));
  const byTsr = (a: string, b: string) => {
    const x = cores.get(a)!;
    const y = cores.get(b)!;
    return (y.tsr.value ?? -1) - (x.tsr.value ?? -1) || (x.uar.value ?? 2) - (y.uar.value ?? 2) || (a < b ? -1 : 1);
  };
  const comparable = data.filter((e) => verdicts.get(e.id)!.comparable).map((e) => e.id).sort(byTsr);
  const others = data.filter((e) => !verdicts.get(e.id)!.comparable).map((e) => e.id).sort(byTsr);
  const byId = new Map(data.map((e) => [e.id, e]));
  const comparisons = pairwise(comparable.map((id) => byId.get(id)!), { resamples, seed, confidence, alpha });
  const groups = tieGroups(comparable, comparisons);
  const groupOf = new Map(groups.flatMap((g, i) => g.map((id) => [id, i + 1] as const)));
  const ties = tiedWith(comparable, comparisons);
  const entries: EntryStats[] = [...comparable, ...others].map((id) => {
    const v = verdicts.get(id)!;
    const rank = comparable.indexOf(id);
    return {
      ...cores.get(id)!, comparable: v.comparable, comparabilityNote: v.note,
      rank: rank < 0 ? null : rank + 1, tieGroup: groupOf.get(id) ?? null, tiedWith: ties.get(id) ?? [],
    };
  });
  const scoredGroups = data.flatMap((e) => e.groups);
  const scored = data.reduce((n, e) => n + e.trials, 0);
  return {
    schema: REPORT_SCHEMA_ID,
    source: {
      db: o.db, runs: [...new Set(agg.groups.map((g) => g.runId))].sort(), filter: { ...o.filter } as Record<string, string[]>,
      trials: scored, infraErrors: agg.groups.reduce((n, g) => n + g.infraErrors, 0),
    },
    settings: {
      resamples, seed, confidence, alpha, interval: 'cluster-bootstrap-percentile-over-tasks',
      test: 'sign-flip-permutation-over-tasks', correction: 'holm-bonferroni', tieRule: 'leader-anchored',
    },
    referenceSuiteHash: reference,
    referenceGraderVersion: referenceGrader,
    entries, comparisons, tieGroups: groups,
    levers: leverEffects(comparable.map((id) => byId.get(id)!), { resamples, seed, confidence }),
    tasks: taskInfo(scoredGroups),
    breakdowns: breakdowns(data, o.pairs),
    warnings: warnings(entries),
  };
}

function taskInfo(rows: readonly TrialGroup[]): Report['tasks'] {
  const m = new Map<string, { services: Set<string>; category: string; safety: boolean; versions: Set<number> }>();
  for (const r of rows) {
    const t = m.get(r.taskId) ?? { services: new Set<string>(), category: r.category, safety: r.safetyCritical, versions: new Set<number>() };
    r.services.forEach((s) => t.services.add(s));
    t.versions.add(r.taskVersion);
    m.set(r.taskId, t);
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, t]) => ({
    id, services: [...t.services].sort(), category: t.category, safetyCritical: t.safety, versions: [...t.versions].sort((a, b) => a - b),
  }));
}

function warnings(entries: readonly EntryStats[]): string[] {
  const w: string[] = [];
  for (const e of entries) {
    if (!e.comparable) w.push(`${e.id} is not ranked: ${e.comparabilityNote}`);
    if (e.infraErrors > 0) w.push(`${e.id}: ${e.infraErrors} trial(s) hit infrastructure errors and are excluded; resume the run to retry them`);
    if (e.cost.unknownTrials > 0 && e.trials > 0) w.push(`${e.id}: cost unknown for ${e.cost.unknownTrials} of ${e.trials} trials, so its total cost is reported as unknown`);
    if (e.trials > 0 && e.tasks < 10) w.push(`${e.id}: only ${e.tasks} task(s); intervals over so few tasks are rough`);
  }
  return w;
}

function isAggregates(x: TrialAggregates | readonly TrialRow[]): x is TrialAggregates {
  return !Array.isArray(x);
}

/** Leaderboard statistics of one entry: rates with cluster-bootstrap intervals, pass^k/pass@k, tokens, cost, time. */
import type { EntryStats } from '../report-schema.ts';
import { clusterBootstrapRatios } from './bootstrap.ts';
import { times, type EntryData } from './entries.ts';
import { passKOverTasks } from './pass-k.ts';
import { createRng, deriveSeed } from './rng.ts';
import { publishedAgentName } from '../render/format.ts';

/** Settings shared by every interval of a report. */
export interface StatOptions {
  readonly resamples: number;
  readonly seed: number;
  readonly confidence: number;
  /** Largest k reported for pass@k / pass^k (capped by the repeats per task). */
  readonly maxK: number;
}

/** The per-entry fields that do not depend on other entries (rank, ties and comparability come later). */
export type EntryCore = Omit<EntryStats, 'rank' | 'tieGroup' | 'tiedWith' | 'comparable' | 'comparabilityNote'>;

/** Computes one entry's statistics. */
export function entryStats(e: EntryData, o: StatOptions): EntryCore {
  const s = e.sums;
  const scN = times(s.n, s.safety);
  const metrics = [
    { numer: s.successes, denom: s.n },
    { numer: s.unsafe, denom: s.n },
    { numer: times(s.unsafe, s.safety), denom: scN },
    { numer: times(s.successes, s.safety), denom: scN },
    { numer: s.scoreSum, denom: s.n },
  ];
  const ci = clusterBootstrapRatios(metrics, o.resamples, createRng(deriveSeed(o.seed, `entry:${e.id}`)), o.confidence);
  const total = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const rate = (j: number) => {
    const m = metrics[j]!;
    const d = total(m.denom);
    return { value: d > 0 ? total(m.numer) / d : null, ci: ci[j] ?? null, n: d };
  };
  const groups = e.groups;
  const successes = total(s.successes);
  const maxRepeats = s.n.reduce((x, y) => Math.max(x, y), 0);
  const passK = [];
  for (let k = 1; k <= Math.min(o.maxK, maxRepeats); k++) {
    const pk = passKOverTasks(s.n, s.successes, k);
    if (pk) passK.push(pk);
  }
  let input = 0, output = 0, cached = 0, cost = 0, unknown = 0;
  const terminations: Record<string, number> = {};
  for (const g of groups) {
    input += g.inputTokens;
    output += g.outputTokens;
    cached += g.cachedTokens;
    unknown += g.costUnknown;
    cost += g.costUsd;
    terminations[g.termination] = (terminations[g.termination] ?? 0) + g.trials;
  }
  // An unknown cost is never summed as 0: one unknown trial makes the total unknown.
  const totalUsd = unknown > 0 || e.trials === 0 ? null : cost;
  const uniq = (xs: Iterable<string>) => [...new Set(xs)].sort();
  const flag = (get: (g: (typeof groups)[number]) => boolean) => {
    const vals = new Set(groups.map(get));
    return vals.size === 1 ? [...vals][0]! : null;
  };
  return {
    id: e.id, model: e.model, harness: e.harness, condition: e.condition,
    // Replay agents are named by their file; only its base name is published.
    agents: uniq(groups.map((g) => publishedAgentName(g.agent))),
    skills: groups.length ? flag((g) => g.skills) : null,
    meta: groups.length ? flag((g) => g.meta) : null,
    runs: uniq(groups.map((g) => g.runId)),
    trials: e.trials, infraErrors: e.infraErrors, tasks: s.taskIds.length,
    tsr: rate(0), uar: rate(1), uarSafety: rate(2), scr: rate(3),
    meanScore: { value: rate(4).value, ci: ci[4] ?? null },
    passK,
    tokens: { input, output, cached, meanPerTrial: e.trials ? (input + output) / e.trials : null },
    cost: { totalUsd, unknownTrials: unknown, perSuccessUsd: totalUsd !== null && successes > 0 ? totalUsd / successes : null },
    medianDurationMs: e.medianDurationMs,
    terminations,
    suiteHashes: uniq(groups.map((g) => g.suiteHash)),
    graderVersions: uniq(groups.map((g) => graderLabel(g.graderVersion))),
  };
}

/** How a trial's grader is named in reports (trials from before versions were stored are grader 1). */
export function graderLabel(v: string | null): string {
  return v ?? '1';
}

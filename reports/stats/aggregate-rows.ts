/**
 * The same sums as the store's SQL aggregates, computed from trial rows in memory: for rows
 * that do not come from a store query (the end-of-run summary, a published dataset's card).
 * A test holds the two to the same report.
 */
import type { TrialAggregates, TrialGroup, TrialRow, UnsafeCategoryCount } from '../../harness/store/index.ts';
import { median } from './quantile.ts';

type MutableGroup = { -readonly [K in keyof TrialGroup]: TrialGroup[K] };

const scored = (r: TrialRow) => r.status === 'scored' && r.score !== null;

/** Sums rows into groups, unsafe-category counts and median durations, exactly as the store does. */
export function aggregateRows(rows: readonly TrialRow[]): TrialAggregates {
  const groups = new Map<string, MutableGroup>();
  const categories = new Map<string, UnsafeCategoryCount>();
  const durations = new Map<string, number[]>();
  for (const r of rows) {
    const key = JSON.stringify([
      r.model, r.harness, r.condition, r.taskId, r.taskVersion, r.taskHash, r.services.join(','), r.category, r.safetyCritical,
      r.runId, r.agent, r.skills, r.meta, r.suiteHash, r.graderVersion, r.verified, r.termination,
    ]);
    let g = groups.get(key);
    if (!g) {
      g = {
        model: r.model, harness: r.harness, condition: r.condition, taskId: r.taskId, taskVersion: r.taskVersion, taskHash: r.taskHash,
        services: r.services, category: r.category, safetyCritical: r.safetyCritical, runId: r.runId, agent: r.agent, skills: r.skills,
        meta: r.meta, suiteHash: r.suiteHash, graderVersion: r.graderVersion, verified: r.verified, termination: r.termination,
        trials: 0, infraErrors: 0, successes: 0, unsafe: 0, scoreSum: 0, inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd: 0, costUnknown: 0,
      };
      groups.set(key, g);
    }
    if (!scored(r)) {
      g.infraErrors++;
      continue;
    }
    g.trials++;
    if (r.success) g.successes++;
    if (r.unsafe) g.unsafe++;
    g.scoreSum += r.score ?? 0;
    g.inputTokens += r.inputTokens;
    g.outputTokens += r.outputTokens;
    g.cachedTokens += r.cachedTokens;
    if (r.costUsd === null) g.costUnknown++;
    else g.costUsd += r.costUsd;
    const entry = `${r.model}|${r.harness}|${r.condition}`;
    const d = durations.get(entry) ?? [];
    d.push(r.durationMs);
    durations.set(entry, d);
    if (r.unsafe) {
      for (const category of r.unsafeCategories.length ? new Set(r.unsafeCategories) : ['unattributed']) {
        const k = `${entry}\u0000${category}`;
        const c = categories.get(k) ?? { model: r.model, harness: r.harness, condition: r.condition, category, trials: 0 };
        categories.set(k, { ...c, trials: c.trials + 1 });
      }
    }
  }
  const medianDurationMs = new Map<string, number | null>();
  for (const g of groups.values()) {
    const entry = `${g.model}|${g.harness}|${g.condition}`;
    if (!medianDurationMs.has(entry)) medianDurationMs.set(entry, median(durations.get(entry) ?? []));
  }
  return { groups: [...groups.values()], unsafeCategories: [...categories.values()], medianDurationMs };
}

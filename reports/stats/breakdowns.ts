/** Breakdowns: per service, single vs cross-service, safety-critical vs not, category, per-task heatmap, unsafe behaviours, flaky tasks. */
import type { BreakdownCell, Report, TaskCell } from '../report-schema.ts';
import type { EntryData } from './entries.ts';
import { attackCells, type PairMembership } from './attack-pairs.ts';
import type { TrialGroup } from '../../harness/store/index.ts';

/** Builds every breakdown for the given entries. */
export function breakdowns(entries: readonly EntryData[], pairs: ReadonlyMap<string, PairMembership> = new Map()): Report['breakdowns'] {
  const heatmap = entries.flatMap((e) => taskCells(e));
  return {
    services: cells(entries, (r) => r.services),
    scope: cells(entries, (r) => [r.services.length > 1 ? 'cross-service' : 'single-service']),
    safety: cells(entries, (r) => [r.safetyCritical ? 'safety-critical' : 'capability']),
    categories: cells(entries, (r) => [r.category]),
    heatmap,
    unsafeCategories: entries.flatMap((e) =>
      [...e.unsafeCategories.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([category, trials]) => ({ entry: e.id, category, trials }))),
    flakyTasks: flaky(heatmap),
    attack: attackCells(entries, pairs),
  };
}

function cells(entries: readonly EntryData[], groupsOf: (g: TrialGroup) => readonly string[]): BreakdownCell[] {
  const out: BreakdownCell[] = [];
  for (const e of entries) {
    const acc = new Map<string, { n: number; s: number; u: number; score: number; tasks: Set<string> }>();
    for (const t of e.groups) {
      for (const g of groupsOf(t)) {
        const a = acc.get(g) ?? { n: 0, s: 0, u: 0, score: 0, tasks: new Set<string>() };
        a.n += t.trials;
        a.s += t.successes;
        a.u += t.unsafe;
        a.score += t.scoreSum;
        a.tasks.add(t.taskId);
        acc.set(g, a);
      }
    }
    for (const [group, a] of [...acc.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
      out.push({ entry: e.id, group, trials: a.n, tasks: a.tasks.size, tsr: a.s / a.n, uar: a.u / a.n, meanScore: a.score / a.n });
    }
  }
  return out;
}

/** Share of repeat pairs with differing success verdicts: 2c(n−c) / (n(n−1)). */
export function flipRate(n: number, c: number): number {
  return n < 2 ? 0 : (2 * c * (n - c)) / (n * (n - 1));
}

function taskCells(e: EntryData): TaskCell[] {
  const s = e.sums;
  return s.taskIds.map((task, i) => ({
    entry: e.id, task, trials: s.n[i]!, successRate: s.successes[i]! / s.n[i]!, unsafeRate: s.unsafe[i]! / s.n[i]!,
    meanScore: s.scoreSum[i]! / s.n[i]!, flipRate: flipRate(s.n[i]!, s.successes[i]!),
  }));
}

function flaky(heatmap: readonly TaskCell[]): Report['breakdowns']['flakyTasks'] {
  const byTask = new Map<string, TaskCell[]>();
  for (const c of heatmap) if (c.trials >= 2) byTask.set(c.task, [...(byTask.get(c.task) ?? []), c]);
  return [...byTask.entries()]
    .map(([task, cs]) => ({
      task, flakyEntries: cs.filter((c) => c.flipRate > 0).length, entries: cs.length,
      meanFlipRate: cs.reduce((x, c) => x + c.flipRate, 0) / cs.length, maxFlipRate: Math.max(...cs.map((c) => c.flipRate)),
    }))
    .filter((f) => f.flakyEntries > 0)
    .sort((a, b) => b.meanFlipRate - a.meanFlipRate || (a.task < b.task ? -1 : 1));
}

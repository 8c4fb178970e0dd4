/** Paired comparisons of entries on shared tasks, Holm–Bonferroni across pairs, and leaderboard tie groups. */
import type { PairComparison } from '../report-schema.ts';
import { clusterMeanTest } from './bootstrap.ts';
import { perTaskRate, type EntryData } from './entries.ts';
import { holmAdjust } from './holm.ts';
import { createRng, deriveSeed } from './rng.ts';

/** Compared metrics and where their per-task numerators live. */
const METRICS = { tsr: 'successes', uar: 'unsafe' } as const;

/**
 * Compares every pair of entries (in the given order) on each metric. The statistic is the
 * mean over shared tasks of the per-task rate difference; the interval is a paired cluster
 * bootstrap and the p-value a sign-flip permutation test. Holm runs within each metric.
 */
export function pairwise(entries: readonly EntryData[], o: { resamples: number; seed: number; confidence: number; alpha: number }): PairComparison[] {
  const out: PairComparison[] = [];
  for (const metric of ['tsr', 'uar'] as const) {
    const raw: Omit<PairComparison, 'pHolm' | 'separated'>[] = [];
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const a = entries[i]!;
        const b = entries[j]!;
        const inB = new Set(b.sums.taskIds);
        const shared = a.sums.taskIds.filter((t) => inB.has(t));
        const ra = perTaskRate(a.sums, a.sums[METRICS[metric]], shared);
        const rb = perTaskRate(b.sums, b.sums[METRICS[metric]], shared);
        const d = new Float64Array(shared.length);
        for (let t = 0; t < shared.length; t++) d[t] = ra[t]! - rb[t]!;
        const test = clusterMeanTest(d, o.resamples, createRng(deriveSeed(o.seed, `pair:${metric}:${a.id}:${b.id}`)), o.confidence);
        raw.push({
          metric, a: a.id, b: b.id, sharedTasks: shared.length,
          difference: Number.isNaN(test.estimate) ? null : test.estimate, ci: test.ci, p: test.p,
        });
      }
    }
    const adj = holmAdjust(raw.map((r) => r.p));
    raw.forEach((r, k) => out.push({ ...r, pHolm: adj[k]!, separated: r.sharedTasks > 0 && adj[k]! < o.alpha }));
  }
  return out;
}

/**
 * Tie groups on TSR, leader-anchored: walk entries from the highest TSR down; a group keeps
 * taking the next entry while that entry is not separated (Holm-adjusted) from the group's
 * first entry; the first entry that is separated from it starts the next group. Groups are
 * contiguous bands of the ranking, so "tied with the leader" reads directly off group 1.
 */
export function tieGroups(ordered: readonly string[], comparisons: readonly PairComparison[]): string[][] {
  const sep = separatedSet(comparisons, 'tsr');
  const groups: string[][] = [];
  for (const id of ordered) {
    const g = groups[groups.length - 1];
    if (g && !sep.has(pairKey(g[0]!, id))) g.push(id);
    else groups.push([id]);
  }
  return groups;
}

/** For each entry, the others it is not separated from on TSR. */
export function tiedWith(ids: readonly string[], comparisons: readonly PairComparison[]): Map<string, string[]> {
  const sep = separatedSet(comparisons, 'tsr');
  return new Map(ids.map((a) => [a, ids.filter((b) => b !== a && !sep.has(pairKey(a, b)))]));
}

function separatedSet(comparisons: readonly PairComparison[], metric: 'tsr' | 'uar'): Set<string> {
  return new Set(comparisons.filter((c) => c.metric === metric && c.separated).map((c) => pairKey(c.a, c.b)));
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Groups trial aggregates into leaderboard entries (model × harness × condition) with per-task sums in typed arrays. */
import type { TrialAggregates, TrialGroup } from '../../harness/store/index.ts';

/** Per-task sums of one entry, indexed like `taskIds` (sorted). */
export interface TaskSums {
  readonly taskIds: readonly string[];
  readonly n: Float64Array;
  readonly successes: Float64Array;
  readonly unsafe: Float64Array;
  readonly scoreSum: Float64Array;
  /** 1 when the task is safety-critical, else 0 (a property of the task). */
  readonly safety: Float64Array;
}

/** One leaderboard entry: its trial groups, per-task sums and what else the report reads. */
export interface EntryData {
  readonly id: string;
  readonly model: string;
  readonly harness: string;
  readonly condition: string;
  /** Groups with at least one scored trial (their sums are over scored trials only). */
  readonly groups: readonly TrialGroup[];
  /** Scored trials in all. */
  readonly trials: number;
  readonly infraErrors: number;
  readonly sums: TaskSums;
  /** Unsafe scored trials per behaviour category. */
  readonly unsafeCategories: ReadonlyMap<string, number>;
  readonly medianDurationMs: number | null;
}

/** The entry id of a row or group: `model|harness|condition`. */
export function entryId(r: { readonly model: string; readonly harness: string; readonly condition: string }): string {
  return `${r.model}|${r.harness}|${r.condition}`;
}

/** Splits aggregates into entries (sorted by id); infra errors are counted, never scored. */
export function groupEntries(agg: TrialAggregates): EntryData[] {
  const byEntry = new Map<string, { groups: TrialGroup[]; infra: number; first: TrialGroup }>();
  for (const g of agg.groups) {
    const id = entryId(g);
    let e = byEntry.get(id);
    if (!e) byEntry.set(id, (e = { groups: [], infra: 0, first: g }));
    e.infra += g.infraErrors;
    if (g.trials > 0) e.groups.push(g);
  }
  const cats = new Map<string, Map<string, number>>();
  for (const c of agg.unsafeCategories) {
    const m = cats.get(entryId(c)) ?? new Map<string, number>();
    m.set(c.category, (m.get(c.category) ?? 0) + c.trials);
    cats.set(entryId(c), m);
  }
  return [...byEntry.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, e]) => ({
      id, model: e.first.model, harness: e.first.harness, condition: e.first.condition,
      groups: e.groups, trials: e.groups.reduce((n, g) => n + g.trials, 0), infraErrors: e.infra, sums: taskSums(e.groups),
      unsafeCategories: cats.get(id) ?? new Map(), medianDurationMs: agg.medianDurationMs.get(id) ?? null,
    }));
}

/** Per-task sums of scored trials. */
export function taskSums(groups: readonly TrialGroup[]): TaskSums {
  const index = new Map<string, number>();
  for (const g of groups) if (!index.has(g.taskId)) index.set(g.taskId, 0);
  const taskIds = [...index.keys()].sort();
  taskIds.forEach((t, i) => index.set(t, i));
  const T = taskIds.length;
  const s: TaskSums = {
    taskIds, n: new Float64Array(T), successes: new Float64Array(T), unsafe: new Float64Array(T),
    scoreSum: new Float64Array(T), safety: new Float64Array(T),
  };
  for (const g of groups) {
    const i = index.get(g.taskId)!;
    s.n[i]! += g.trials;
    s.successes[i]! += g.successes;
    s.unsafe[i]! += g.unsafe;
    s.scoreSum[i]! += g.scoreSum;
    if (g.safetyCritical) s.safety[i] = 1;
  }
  return s;
}

/** Element-wise product (masks a per-task array to the safety-critical tasks). */
export function times(a: Float64Array, mask: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! * mask[i]!;
  return out;
}

/** Per-task rates (numer / n) for the given task ids; NaN where the entry lacks the task. */
export function perTaskRate(s: TaskSums, numer: Float64Array, taskIds: readonly string[]): Float64Array {
  const at = new Map(s.taskIds.map((t, i) => [t, i]));
  const out = new Float64Array(taskIds.length);
  taskIds.forEach((t, j) => {
    const i = at.get(t);
    out[j] = i === undefined || s.n[i] === 0 ? NaN : numer[i]! / s.n[i]!;
  });
  return out;
}

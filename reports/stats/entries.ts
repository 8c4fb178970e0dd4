/** Groups trial rows into leaderboard entries (model × harness × condition) with per-task sums in typed arrays. */
import type { TrialRow } from '../../harness/store/index.ts';

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

/** One leaderboard entry and its trials. */
export interface EntryData {
  readonly id: string;
  readonly model: string;
  readonly harness: string;
  readonly condition: string;
  /** Scored trials only. */
  readonly rows: readonly TrialRow[];
  readonly infraErrors: number;
  readonly sums: TaskSums;
}

/** The entry id of a row: `model|harness|condition`. */
export function entryId(r: Pick<TrialRow, 'model' | 'harness' | 'condition'>): string {
  return `${r.model}|${r.harness}|${r.condition}`;
}

/** Splits rows into entries (sorted by id); infra-error rows are counted, never scored. */
export function groupEntries(rows: readonly TrialRow[]): EntryData[] {
  const groups = new Map<string, { scored: TrialRow[]; infra: number; first: TrialRow }>();
  for (const r of rows) {
    const id = entryId(r);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { scored: [], infra: 0, first: r }));
    if (r.status === 'scored' && r.score !== null) g.scored.push(r);
    else g.infra++;
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, g]) => ({
      id, model: g.first.model, harness: g.first.harness, condition: g.first.condition,
      rows: g.scored, infraErrors: g.infra, sums: taskSums(g.scored),
    }));
}

/** Per-task sums of scored rows. */
export function taskSums(rows: readonly TrialRow[]): TaskSums {
  const index = new Map<string, number>();
  for (const r of rows) if (!index.has(r.taskId)) index.set(r.taskId, 0);
  const taskIds = [...index.keys()].sort();
  taskIds.forEach((t, i) => index.set(t, i));
  const T = taskIds.length;
  const s: TaskSums = {
    taskIds, n: new Float64Array(T), successes: new Float64Array(T), unsafe: new Float64Array(T),
    scoreSum: new Float64Array(T), safety: new Float64Array(T),
  };
  for (const r of rows) {
    const i = index.get(r.taskId)!;
    s.n[i]! += 1;
    if (r.success) s.successes[i]! += 1;
    if (r.unsafe) s.unsafe[i]! += 1;
    s.scoreSum[i]! += r.score ?? 0;
    if (r.safetyCritical) s.safety[i] = 1;
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

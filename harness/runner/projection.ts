/** Cost projection for a planned run from stored history of the same models. */
import type { RunStore } from '../store/index.ts';

/** What history says a run will cost, per model. */
export interface CostProjection {
  readonly model: string;
  /** Stored scored trials with known cost the projection is based on. */
  readonly basedOn: number;
  readonly plannedTrials: number;
  readonly projectedUsd: number;
  /** Mean tokens (input + output) per trial in that history. */
  readonly tokensPerTrial: number;
}

/**
 * Projects the cost of `planned` trials per model: each task's mean stored cost when the
 * model has run that task before, else the model's overall mean per trial. Models with
 * no priced history are left out (nothing to project from).
 */
export function projectCost(store: RunStore, planned: ReadonlyArray<{ model: string; taskId: string }>): CostProjection[] {
  const byModel = new Map<string, string[]>();
  for (const p of planned) byModel.set(p.model, [...(byModel.get(p.model) ?? []), p.taskId]);
  const out: CostProjection[] = [];
  for (const [model, taskIds] of byModel) {
    const history = store.listTrials({ models: [model] }).filter((t) => t.costUsd !== null);
    if (history.length === 0) continue;
    const perTask = new Map<string, { sum: number; n: number }>();
    for (const t of history) {
      const a = perTask.get(t.taskId) ?? { sum: 0, n: 0 };
      a.sum += t.costUsd!;
      a.n++;
      perTask.set(t.taskId, a);
    }
    const overall = history.reduce((s, t) => s + t.costUsd!, 0) / history.length;
    const projected = taskIds.reduce((s, id) => {
      const a = perTask.get(id);
      return s + (a ? a.sum / a.n : overall);
    }, 0);
    const tokens = history.reduce((s, t) => s + t.inputTokens + t.outputTokens, 0) / history.length;
    out.push({ model, basedOn: history.length, plannedTrials: taskIds.length, projectedUsd: projected, tokensPerTrial: tokens });
  }
  return out;
}

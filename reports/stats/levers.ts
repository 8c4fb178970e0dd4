/** Scaffolding-lever analysis: main effects of skills and meta prompt and their interaction (2×2), per model × harness. */
import type { LeverEffect } from '../report-schema.ts';
import { clusterMeanTest } from './bootstrap.ts';
import { perTaskRate, type EntryData } from './entries.ts';
import { holmAdjust } from './holm.ts';
import { createRng, deriveSeed } from './rng.ts';

type Cell = 'ff' | 'ft' | 'tf' | 'tt';

/** Per-task contrast weights over the four cells (skills, meta), on the rate scale. */
const CONTRASTS: Record<LeverEffect['effect'], Record<Cell, number>> = {
  // Average over meta of (skills on − skills off).
  skills: { tt: 0.5, tf: 0.5, ft: -0.5, ff: -0.5 },
  // Average over skills of (meta on − meta off).
  meta: { tt: 0.5, ft: 0.5, tf: -0.5, ff: -0.5 },
  // How much the skills effect changes when meta is on.
  interaction: { tt: 1, tf: -1, ft: -1, ff: 1 },
};

/**
 * Effects for every model × harness that has all four skills × meta cells, computed on the
 * tasks all four share (so each contrast is paired within task). Interval: cluster bootstrap;
 * p-value: sign-flip test; Holm across all lever tests of the same metric.
 */
export function leverEffects(entries: readonly EntryData[], o: { resamples: number; seed: number; confidence: number }): LeverEffect[] {
  const byArm = new Map<string, Partial<Record<Cell, EntryData>>>();
  for (const e of entries) {
    const r = e.groups[0];
    if (!r || e.groups.some((x) => x.skills !== r.skills || x.meta !== r.meta)) continue;
    const arm = `${e.model}|${e.harness}`;
    const cells = byArm.get(arm) ?? {};
    cells[`${r.skills ? 't' : 'f'}${r.meta ? 't' : 'f'}` as Cell] = e;
    byArm.set(arm, cells);
  }
  const out: LeverEffect[] = [];
  for (const metric of ['tsr', 'uar'] as const) {
    const raw: Omit<LeverEffect, 'pHolm'>[] = [];
    for (const [arm, cells] of [...byArm.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const four = (['ff', 'ft', 'tf', 'tt'] as const).map((c) => cells[c]);
      if (four.some((e) => !e)) continue;
      const full = four as EntryData[];
      const shared = full.reduce<string[]>((acc, e) => acc.filter((t) => e.sums.taskIds.includes(t)), [...full[0]!.sums.taskIds]);
      const rates = Object.fromEntries((['ff', 'ft', 'tf', 'tt'] as const).map((c, i) => {
        const e = full[i]!;
        return [c, perTaskRate(e.sums, metric === 'tsr' ? e.sums.successes : e.sums.unsafe, shared)];
      })) as Record<Cell, Float64Array>;
      for (const effect of ['skills', 'meta', 'interaction'] as const) {
        const w = CONTRASTS[effect];
        const v = new Float64Array(shared.length);
        for (let t = 0; t < shared.length; t++) v[t] = w.tt * rates.tt[t]! + w.tf * rates.tf[t]! + w.ft * rates.ft[t]! + w.ff * rates.ff[t]!;
        const test = clusterMeanTest(v, o.resamples, createRng(deriveSeed(o.seed, `lever:${metric}:${effect}:${arm}`)), o.confidence);
        raw.push({
          model: full[0]!.model, harness: full[0]!.harness, metric, effect,
          estimate: Number.isNaN(test.estimate) ? null : test.estimate, ci: test.ci, p: test.p, tasks: shared.length,
        });
      }
    }
    const adj = holmAdjust(raw.map((r) => r.p));
    raw.forEach((r, i) => out.push({ ...r, pHolm: adj[i]! }));
  }
  return out;
}

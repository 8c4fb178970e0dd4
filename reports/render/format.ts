/** Number formatting shared by the text renderers: percentages with intervals, money, durations. */
import type { EntryStats, RateStat, Report } from '../report-schema.ts';

/** `63.0%`, or `–` when unknown. */
export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || Number.isNaN(x) ? '–' : `${(100 * x).toFixed(digits)}%`;
}

/** `63.0% [42.1, 81.5]`. */
export function rateWithCi(r: RateStat | { value: number | null; ci: [number, number] | null }): string {
  if (r.value === null) return '–';
  return r.ci ? `${pct(r.value)} [${(100 * r.ci[0]).toFixed(1)}, ${(100 * r.ci[1]).toFixed(1)}]` : pct(r.value);
}

/** Signed percentage points: `+12.5 pp`. */
export function pp(x: number | null): string {
  return x === null ? '–' : `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} pp`;
}

/** `$1.2345`, or `unknown`. */
export function usd(x: number | null): string {
  return x === null ? 'unknown' : `$${x < 1 ? x.toFixed(4) : x.toFixed(2)}`;
}

/** Cost per success: `unknown` when cost is unknown, `–` when nothing succeeded. */
export function usdPerSuccess(cost: { totalUsd: number | null; perSuccessUsd: number | null }): string {
  if (cost.totalUsd === null) return 'unknown';
  return cost.perSuccessUsd === null ? '–' : usd(cost.perSuccessUsd);
}

/** `1.2 s` / `350 ms`. */
export function duration(ms: number | null): string {
  if (ms === null) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** p-values: `<0.001` or three decimals. */
export function pValue(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** `model · harness · condition` for people. */
export function entryLabel(e: Pick<EntryStats, 'model' | 'harness' | 'condition'>): string {
  return `${e.model} · ${e.harness} · ${e.condition}`;
}

/** Rank cell: `1`, or `–` for unranked entries. */
export function rankCell(e: EntryStats): string {
  return e.rank === null ? '–' : String(e.rank);
}

/** Tie-group cell: `T1`, or `n/c` (not comparable). */
export function tieCell(e: EntryStats): string {
  return e.tieGroup === null ? 'n/c' : `T${e.tieGroup}`;
}

/** pass@k / pass^k at the largest k reported: `k=3 62% / 31%`. */
export function passKCell(e: EntryStats): string {
  const last = e.passK[e.passK.length - 1];
  return last ? `k=${last.k} ${pct(last.passAtK, 0)} / ${pct(last.passHatK, 0)}` : '–';
}

/** Which grading engine scored the report's trials (every version present, the reference first). */
export function graderLine(r: Report): string {
  const all = [...new Set(r.entries.flatMap((e) => e.graderVersions))].sort();
  if (all.length === 0) return 'No scored trials.';
  const ref = r.referenceGraderVersion;
  return all.length === 1 ? `Scored by grader ${all[0]}.` : `Scored by graders ${all.join(', ')} (reference ${ref}; entries scored by another are not ranked until \`deskbench rescore\`).`;
}

/**
 * True for the reference agents' entries (oracle, noop, replays; harness `reference` or
 * `replay`): they calibrate the suite, so they are marked in tables and never win a headline.
 */
export function isReferenceEntry(e: Pick<EntryStats, 'harness'>): boolean {
  return e.harness === 'reference' || e.harness === 'replay';
}

/**
 * An agent name fit to publish: a replay agent is named by its file (`replay:<path>`), and
 * only the file's base name leaves the machine.
 */
export function publishedAgentName(agent: string): string {
  if (!agent.startsWith('replay:')) return agent;
  const path = agent.slice('replay:'.length);
  return `replay:${path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)}`;
}

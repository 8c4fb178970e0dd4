/** CSV leaderboard: one row per entry, every figure in its own column (RFC 4180 quoting). */
import type { Report } from '../report-schema.ts';

const COLUMNS = [
  'rank', 'tie_group', 'comparable', 'model', 'harness', 'condition', 'trials', 'infra_errors', 'tasks',
  'tsr', 'tsr_lo', 'tsr_hi', 'uar', 'uar_lo', 'uar_hi', 'uar_safety', 'uar_safety_lo', 'uar_safety_hi',
  'scr', 'scr_lo', 'scr_hi', 'mean_score', 'mean_score_lo', 'mean_score_hi', 'pass_at_1', 'pass_hat_k', 'k',
  'input_tokens', 'output_tokens', 'cached_tokens', 'cost_usd', 'cost_unknown_trials', 'cost_per_success_usd',
  'median_duration_ms', 'comparability_note',
] as const;

/** One CSV field: quoted when it holds a comma, quote or newline; empty for null. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(6)) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Renders the leaderboard as CSV (header row first). */
export function renderCsv(r: Report): string {
  const lines = [COLUMNS.join(',')];
  for (const e of r.entries) {
    const lastK = e.passK[e.passK.length - 1];
    const row = [
      e.rank, e.tieGroup, e.comparable, e.model, e.harness, e.condition, e.trials, e.infraErrors, e.tasks,
      e.tsr.value, e.tsr.ci?.[0], e.tsr.ci?.[1], e.uar.value, e.uar.ci?.[0], e.uar.ci?.[1],
      e.uarSafety.value, e.uarSafety.ci?.[0], e.uarSafety.ci?.[1], e.scr.value, e.scr.ci?.[0], e.scr.ci?.[1],
      e.meanScore.value, e.meanScore.ci?.[0], e.meanScore.ci?.[1], e.passK[0]?.passAtK, lastK?.passHatK, lastK?.k,
      e.tokens.input, e.tokens.output, e.tokens.cached, e.cost.totalUsd, e.cost.unknownTrials, e.cost.perSuccessUsd,
      e.medianDurationMs, e.comparabilityNote,
    ];
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The results printed at the end of `deskbench run`: a table per entry with intervals and cost, and where to look next. */
import type { TrialRow } from '../store/index.ts';
import { buildReport } from '../../reports/build-report.ts';
import { isReferenceEntry, rateWithCi, usd } from '../../reports/render/format.ts';

/** Formats rows as an aligned text table. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Resamples of the end-of-run intervals: enough for two digits, quick for any run (the report uses 10,000). */
const SUMMARY_RESAMPLES = 2000;

/** Most infrastructure errors quoted when a run scored nothing. */
const MAX_QUOTED_ERRORS = 3;
/** Most trials whose error text is read to explain a run that scored nothing. */
const MAX_ERRORS_READ = 50;

/**
 * The end-of-run summary of a run's trials: per entry (model × harness × condition) the
 * trials, mean score, TSR and UAR with 95% cluster-bootstrap intervals over tasks (the same
 * estimator as `deskbench report`), cost, then how to open a trial. A run that scored
 * nothing gets the reasons instead of an empty table.
 */
export function runSummary(runId: string, trials: readonly TrialRow[], errorOf: (t: TrialRow) => string | null = () => null): string {
  const scored = trials.filter((t) => t.status === 'scored');
  const infra = trials.filter((t) => t.status === 'infra_error');
  if (scored.length === 0) return nothingScored(runId, trials, infra, errorOf);
  const report = buildReport(trials, { db: '', runs: [runId], filter: {}, resamples: SUMMARY_RESAMPLES });
  const rows = report.entries.filter((e) => e.trials > 0).map((e) => [
    `${e.model}${isReferenceEntry(e) ? ' (reference)' : ''}`, e.harness, e.condition, String(e.trials),
    e.meanScore.value === null ? '–' : e.meanScore.value.toFixed(3), rateWithCi(e.tsr), rateWithCi(e.uar), usd(e.cost.totalUsd),
  ]);
  const table = formatTable(['model', 'harness', 'condition', 'trials', 'mean score', 'TSR [95% CI]', 'UAR [95% CI]', 'cost'], rows);
  const lines = [table, ''];
  lines.push(`Intervals: 95% cluster bootstrap over ${report.tasks.length} task(s), ${SUMMARY_RESAMPLES} resamples; \`deskbench report --run ${runId}\` gives the full leaderboard.`);
  if (infra.length > 0) lines.push(`${infra.length} trial(s) ended in infrastructure errors after every retry: not scored; \`deskbench run --resume ${runId}\` runs them again.`);
  const example = pickExample(scored);
  lines.push(`A trial's transcript: deskbench show ${example.trialId.slice(0, 12)}   (${example.agent} on ${example.taskId}, score ${formatScore(example.score)}); every trial: deskbench runs --trials ${runId}`);
  return lines.join('\n');
}

/** The explanation printed instead of an empty table when no trial of the run was scored. */
function nothingScored(runId: string, trials: readonly TrialRow[], infra: readonly TrialRow[], errorOf: (t: TrialRow) => string | null): string {
  if (trials.length === 0) return `No trial of ${runId} was stored.`;
  const byReason = new Map<string, number>();
  // Errors are read for a bounded number of trials: the first ones say why (a store read per trial).
  for (const [i, t] of infra.entries()) {
    const error = i < MAX_ERRORS_READ ? errorOf(t) : null;
    const reason = `${t.termination}${error ? `: ${error}` : ''}`;
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  const reasons = [...byReason.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_QUOTED_ERRORS)
    .map(([reason, n]) => `  ${n} × ${reason.length > 300 ? `${reason.slice(0, 300)}…` : reason}`);
  return [
    `No trial of ${runId} was scored: all ${infra.length} stored trial(s) ended in infrastructure errors (the model endpoint or the harness failed, not the agent).`,
    ...reasons,
    `Fix the cause, then run them again with: deskbench run --resume ${runId}`,
  ].join('\n');
}

/** A trial worth opening first: an unsafe one, else a failed one, else any. */
function pickExample(scored: readonly TrialRow[]): TrialRow {
  return scored.find((t) => t.unsafe) ?? scored.find((t) => !t.success) ?? scored[0]!;
}

/** A score for people: at most four decimals, no float noise (`0.95`, not `0.9500000000000001`). */
export function formatScore(score: number | null): string {
  if (score === null) return '-';
  return String(Number(score.toFixed(4)));
}

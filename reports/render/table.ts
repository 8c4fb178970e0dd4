/** Plain-text report for the terminal: the leaderboard, tie groups, separated pairs and warnings. */
import type { Report } from '../report-schema.ts';
import { duration, entryLabel, graderLine, passKCell, pp, pValue, rankCell, rateWithCi, tieCell, usd } from './format.ts';

/** Renders the report as aligned plain text. */
export function renderTable(r: Report): string {
  const out: string[] = [];
  out.push(`deskbench report — ${r.source.trials} trials, ${r.entries.length} entries, ${r.tasks.length} tasks (${Math.round(r.settings.confidence * 100)}% cluster-bootstrap intervals over tasks, ${r.settings.resamples} resamples, seed ${r.settings.seed})`);
  out.push(graderLine(r));
  out.push('');
  out.push(formatTable(
    ['#', 'tie', 'entry', 'trials', 'tasks', 'TSR [95% CI]', 'UAR [95% CI]', 'SCR [95% CI]', 'score', 'pass@k / pass^k', 'cost', 'median time'],
    r.entries.map((e) => [
      rankCell(e), tieCell(e), entryLabel(e), String(e.trials), String(e.tasks), rateWithCi(e.tsr), rateWithCi(e.uar), rateWithCi(e.scr),
      e.meanScore.value === null ? '–' : e.meanScore.value.toFixed(3), passKCell(e), usd(e.cost.totalUsd), duration(e.medianDurationMs),
    ]),
    [1, 2],
  ));
  if (r.tieGroups.length > 0) {
    out.push('', 'Tie groups (TSR; no Holm-adjusted paired test separates an entry from its group\'s leader):');
    r.tieGroups.forEach((g, i) => out.push(`  T${i + 1}: ${g.join(', ')}`));
  }
  const sep = r.comparisons.filter((c) => c.separated);
  if (sep.length > 0) {
    out.push('', 'Separated pairs (Holm-adjusted p < alpha):');
    for (const c of sep.slice(0, 20)) out.push(`  ${c.metric.toUpperCase()} ${c.a} vs ${c.b}: ${pp(c.difference)} [${c.ci ? `${pp(c.ci[0])}, ${pp(c.ci[1])}` : '–'}], p_holm ${pValue(c.pHolm)}`);
    if (sep.length > 20) out.push(`  … and ${sep.length - 20} more (--format markdown or json lists every pair)`);
  }
  if (r.levers.length > 0) {
    out.push('', 'Scaffolding levers (2×2, paired within task):');
    out.push(formatTable(['model · harness', 'metric', 'effect', 'estimate', '95% CI', 'p_holm'], r.levers.map((l) => [
      `${l.model} · ${l.harness}`, l.metric.toUpperCase(), l.effect, pp(l.estimate), l.ci ? `${pp(l.ci[0])} … ${pp(l.ci[1])}` : '–', pValue(l.pHolm),
    ]), [0, 1, 2]));
  }
  if (r.warnings.length > 0) {
    out.push('', 'Warnings:');
    for (const w of r.warnings) out.push(`  ! ${w}`);
  }
  return `${out.join('\n')}\n`;
}

/** Aligns cells in columns (first column left, the rest right); reports do not import the CLI. */
function formatTable(header: readonly string[], rows: readonly (readonly string[])[], left: readonly number[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (left.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

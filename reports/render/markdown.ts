/** Markdown report: a README-ready leaderboard with intervals and tie groups, then comparisons, levers and breakdowns. */
import type { Report } from '../report-schema.ts';
import { duration, entryLabel, graderLine, pct, pp, pValue, rankCell, rateWithCi, tieCell, usd, usdPerSuccess } from './format.ts';

/** Escapes text for a markdown table cell. */
export function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const sep = header.map((_, i) => ((align?.[i] ?? 'r') === 'l' ? ':---' : '---:'));
  return [header.map(mdCell), sep, ...rows.map((r) => r.map(mdCell))].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** Renders the report as markdown. */
export function renderMarkdown(r: Report): string {
  const s = r.settings;
  const out: string[] = ['## deskbench leaderboard', ''];
  out.push(`${r.source.trials} scored trials over ${r.tasks.length} tasks. Intervals are ${Math.round(s.confidence * 100)}% cluster-bootstrap percentile intervals resampling tasks (${s.resamples} resamples, seed ${s.seed}). **Tie** groups entries that no Holm-adjusted paired test (α = ${s.alpha}) separates from the group's leader. ${graderLine(r)}`, '');
  out.push(table(
    ['#', 'Tie', 'Model', 'Harness', 'Condition', 'TSR', 'UAR', 'UAR (safety)', 'SCR', 'Score', 'pass^k', 'Trials', 'Cost', 'Cost / success', 'Median time'],
    r.entries.map((e) => {
      const last = e.passK[e.passK.length - 1];
      return [
        rankCell(e), tieCell(e), e.model, e.harness, e.condition, rateWithCi(e.tsr), rateWithCi(e.uar), rateWithCi(e.uarSafety), rateWithCi(e.scr),
        e.meanScore.value === null ? '–' : e.meanScore.value.toFixed(3), last ? `${pct(last.passHatK, 0)} (k=${last.k})` : '–',
        String(e.trials), usd(e.cost.totalUsd), usdPerSuccess(e.cost), duration(e.medianDurationMs),
      ];
    }),
    ['r', 'l', 'l', 'l', 'l'],
  ));
  const notes = r.entries.filter((e) => !e.comparable);
  if (notes.length) {
    out.push('', '**Not ranked** (n/c):', ...notes.map((e) => `- ${mdCell(entryLabel(e))}: ${e.comparabilityNote}`));
  }
  if (r.tieGroups.length) {
    out.push('', '### Tie groups (TSR)', '', ...r.tieGroups.map((g, i) => `- **T${i + 1}**: ${g.map((id) => `\`${id}\``).join(', ')}`));
  }
  if (r.comparisons.length) {
    out.push('', '### Paired comparisons', '', 'Mean per-task difference (a − b) on shared tasks; p from a sign-flip permutation test, Holm-adjusted within each metric.', '');
    out.push(table(['Metric', 'a', 'b', 'Tasks', 'Δ', '95% CI', 'p', 'p (Holm)', 'Separated'],
      r.comparisons.map((c) => [c.metric.toUpperCase(), c.a, c.b, String(c.sharedTasks), pp(c.difference), c.ci ? `${pp(c.ci[0])} … ${pp(c.ci[1])}` : '–', pValue(c.p), pValue(c.pHolm), c.separated ? 'yes' : 'no']),
      ['l', 'l', 'l']));
  }
  if (r.levers.length) {
    out.push('', '### Scaffolding levers (skills × meta prompt)', '');
    out.push(table(['Model', 'Harness', 'Metric', 'Effect', 'Estimate', '95% CI', 'p (Holm)'],
      r.levers.map((l) => [l.model, l.harness, l.metric.toUpperCase(), l.effect, pp(l.estimate), l.ci ? `${pp(l.ci[0])} … ${pp(l.ci[1])}` : '–', pValue(l.pHolm)]),
      ['l', 'l', 'l', 'l']));
  }
  const scope = r.breakdowns.scope.concat(r.breakdowns.safety);
  if (scope.length) {
    out.push('', '### Breakdowns', '');
    out.push(table(['Entry', 'Group', 'Trials', 'TSR', 'UAR'], scope.map((c) => [c.entry, c.group, String(c.trials), pct(c.tsr), pct(c.uar)]), ['l', 'l']));
  }
  if (r.breakdowns.attack.length) {
    out.push('', '### Capability with and without attack', '', 'Clean/attacked task pairs (the same user task, once with a trap): success on the clean task, on its attacked twin, and unsafe rate under attack; means over pairs.', '');
    out.push(table(['Entry', 'Pairs', 'TSR clean', 'TSR attacked', 'Drop', 'UAR attacked'],
      r.breakdowns.attack.map((c) => [c.entry, String(c.pairs), pct(c.cleanTsr), pct(c.attackedTsr), pp(c.drop), pct(c.attackedUar)]), ['l']));
  }
  if (r.breakdowns.flakyTasks.length) {
    out.push('', '### Flaky tasks', '', 'Share of repeat pairs of the same entry whose verdicts differ.', '');
    out.push(table(['Task', 'Flaky entries', 'Mean flip rate', 'Max flip rate'],
      r.breakdowns.flakyTasks.slice(0, 20).map((f) => [f.task, `${f.flakyEntries}/${f.entries}`, pct(f.meanFlipRate), pct(f.maxFlipRate)]), ['l']));
  }
  if (r.warnings.length) out.push('', '### Warnings', '', ...r.warnings.map((w) => `- ${mdCell(w)}`));
  return `${out.join('\n')}\n`;
}

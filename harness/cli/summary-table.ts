/** A plain results table per agent × condition, printed at the end of `deskbench run`. */
import type { TrialRow } from '../store/index.ts';

/** Formats rows as an aligned text table. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Summary rows: trials, mean score, TSR and UAR per agent and condition. */
export function summaryTable(trials: readonly TrialRow[]): string {
  const groups = new Map<string, TrialRow[]>();
  for (const t of trials) {
    const k = `${t.agent}\u0000${t.condition}`;
    const g = groups.get(k);
    if (g) g.push(t);
    else groups.set(k, [t]);
  }
  const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
  const rows = [...groups.entries()].map(([k, ts]) => {
    const [agent, condition] = k.split('\u0000') as [string, string];
    const scored = ts.filter((t) => t.score !== null);
    const mean = scored.reduce((s, t) => s + (t.score ?? 0), 0) / Math.max(1, scored.length);
    return [
      agent, condition, String(ts.length), mean.toFixed(3), pct(scored.filter((t) => t.success).length, scored.length),
      pct(scored.filter((t) => t.unsafe).length, scored.length),
    ];
  });
  return formatTable(['agent', 'condition', 'trials', 'mean score', 'TSR', 'UAR'], rows);
}

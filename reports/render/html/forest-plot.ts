/** Inline SVG forest plot: one row per entry, a point and its 95% interval for TSR and UAR side by side. */
import type { EntryStats } from '../../report-schema.ts';
import { entryLabel, isReferenceEntry, pct } from '../format.ts';
import { esc } from './escape.ts';

const ROW = 36;
/** Characters of a label line that fit the label column (about 6.5 px a character at 12 px). */
const MODEL_CHARS = 42;
const SUB_CHARS = 48;

const cut = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
const LABEL = 300;
const PANEL = 280;
const GAP = 64;
const TOP = 34;

/** Renders the plot for the given entries (in leaderboard order). */
export function forestPlot(entries: readonly EntryStats[]): string {
  const height = TOP + entries.length * ROW + 28;
  const width = LABEL + 2 * PANEL + GAP + 20;
  const parts: string[] = [];
  parts.push(`<svg class="forest" role="img" aria-label="TSR and UAR with 95% intervals" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`);
  const panels = [
    { key: 'tsr', title: 'TSR (task success rate)', x0: LABEL, color: '#2563eb' },
    { key: 'uar', title: 'UAR (unsafe action rate)', x0: LABEL + PANEL + GAP, color: '#dc2626' },
  ] as const;
  for (const p of panels) {
    parts.push(`<text x="${p.x0 + PANEL / 2}" y="14" class="fp-title" text-anchor="middle">${esc(p.title)}</text>`);
    for (let t = 0; t <= 100; t += 25) {
      const x = p.x0 + (t / 100) * PANEL;
      parts.push(`<line x1="${x}" x2="${x}" y1="${TOP - 8}" y2="${height - 22}" class="fp-grid"/>`);
      parts.push(`<text x="${x}" y="${height - 8}" class="fp-axis" text-anchor="middle">${t}%</text>`);
    }
  }
  entries.forEach((e, i) => {
    const y = TOP + i * ROW + ROW / 2;
    if (i % 2 === 0) parts.push(`<rect x="0" y="${y - ROW / 2}" width="${width}" height="${ROW}" class="fp-band"/>`);
    // Two lines that fit the label column: the model, then harness · condition (and whether it is a reference agent).
    const label = entryLabel(e);
    const sub = `${e.harness} · ${e.condition}${isReferenceEntry(e) ? ' · reference' : ''}`;
    parts.push(`<text x="${LABEL - 10}" y="${y - 3}" class="fp-label${isReferenceEntry(e) ? ' fp-ref' : ''}" text-anchor="end">${esc(cut(e.model, MODEL_CHARS))}<title>${esc(label)}</title></text>`);
    parts.push(`<text x="${LABEL - 10}" y="${y + 11}" class="fp-sub" text-anchor="end">${esc(cut(sub, SUB_CHARS))}<title>${esc(label)}</title></text>`);
    for (const p of panels) {
      const r = e[p.key];
      if (r.value === null) continue;
      const sx = (v: number) => p.x0 + Math.max(0, Math.min(1, v)) * PANEL;
      if (r.ci) parts.push(`<line x1="${sx(r.ci[0])}" x2="${sx(r.ci[1])}" y1="${y}" y2="${y}" stroke="${p.color}" class="fp-ci"/>`);
      const tip = `${label}: ${pct(r.value)}${r.ci ? ` [${pct(r.ci[0])}, ${pct(r.ci[1])}]` : ''} (n=${r.n})`;
      parts.push(`<circle cx="${sx(r.value)}" cy="${y}" r="4.5" fill="${p.color}" class="fp-point${e.comparable ? '' : ' fp-nc'}"><title>${esc(tip)}</title></circle>`);
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

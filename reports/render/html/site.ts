/** Writes the static report site: index.html (inline CSS/JS/SVG), data.js, and one script per embedded trajectory. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DeskbenchError } from '../../../harness/core/index.ts';
import type { TrialRecord, TrialRow } from '../../../harness/store/index.ts';
import type { Report } from '../../report-schema.ts';
import { graderLine, isReferenceEntry, pct } from '../format.ts';
import { esc, scriptJson } from './escape.ts';
import { forestPlot } from './forest-plot.ts';
import { attackTable, breakdownTable, comparisons, heatmap, leaderboard, levers, reliability, terminations } from './sections.ts';
import { SITE_CSS } from './styles.ts';
import { pickTrials, viewerTrial, type TrialIndexItem } from './trajectories.ts';
import { SITE_JS } from './viewer-script.ts';

/** What the site needs besides the report. */
export interface SiteInput {
  readonly rows: readonly TrialRow[];
  readonly loadTrial: (trialId: string) => TrialRecord;
  /** Most trajectories to embed (default 300). */
  readonly trajectories?: number;
}

/**
 * Writes the site into `dir` (created; an existing trajectories/ folder is replaced).
 * Everything loads over file:// — scripts by relative <script src>, never fetch().
 */
export function writeSite(dir: string, report: Report, input: SiteInput): { files: number; trajectories: number } {
  try {
    mkdirSync(dir, { recursive: true });
    rmSync(join(dir, 'trajectories'), { recursive: true, force: true });
    mkdirSync(join(dir, 'trajectories'));
  } catch (e) {
    throw new DeskbenchError('E_USAGE', `cannot write the HTML report into ${dir}: ${(e as Error).message}`, { hint: 'choose a writable --html directory' });
  }
  const picked = pickTrials(input.rows, input.trajectories ?? 300);
  const index: TrialIndexItem[] = picked.map((r, i) => {
    const file = `t${String(i).padStart(5, '0')}.js`;
    writeFileSync(join(dir, 'trajectories', file), `window.deskbenchTrajectory(${scriptJson(viewerTrial(input.loadTrial(r.trialId)))});\n`);
    return {
      file, id: r.trialId, entry: `${r.model}|${r.harness}|${r.condition}`, task: r.taskId, repeat: r.repeat,
      score: r.score, success: r.success === true, unsafe: r.unsafe === true,
    };
  });
  // The site is made to be published: the store is named by its file name only, never its local path.
  const published: Report = { ...report, source: { ...report.source, db: basename(report.source.db) } };
  writeFileSync(join(dir, 'data.js'), `window.DESKBENCH_REPORT = ${scriptJson(published)};\nwindow.DESKBENCH_TRIALS = ${scriptJson(index)};\n`);
  writeFileSync(join(dir, 'index.html'), page(report, index.length));
  return { files: index.length + 2, trajectories: index.length };
}

function page(r: Report, embedded: number): string {
  // Reference agents (oracle, noop, replays) calibrate the suite: they never win a headline.
  const contenders = r.entries.filter((e) => e.comparable && !isReferenceEntry(e));
  const best = contenders.filter((e) => e.tsr.value !== null).sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999))[0];
  const safest = contenders.filter((e) => e.uar.value !== null).sort((a, b) => a.uar.value! - b.uar.value! || (a.rank ?? 999) - (b.rank ?? 999))[0];
  const references = r.entries.filter(isReferenceEntry).length;
  const stat = (label: string, value: string) => `<div class="stat"><span>${esc(label)}</span><b>${esc(value)}</b></div>`;
  const s = r.settings;
  const method = `${Math.round(s.confidence * 100)}% cluster-bootstrap intervals resampling tasks (${s.resamples.toLocaleString('en-US')} resamples, seed ${s.seed}); paired sign-flip permutation tests on shared tasks, Holm–Bonferroni adjusted (α = ${s.alpha}).`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>deskbench report</title>
<style>${SITE_CSS}</style>
</head><body>
<header class="top">
  <h1>deskbench <span>report</span></h1>
  <div class="sub">${esc(`${r.source.trials.toLocaleString('en-US')} scored trials · ${r.entries.length} entries · ${r.tasks.length} tasks · runs ${r.source.runs.join(', ')}`)}</div>
  <nav class="tabs"><a href="#overview">Leaderboard</a><a href="#compare">Comparisons</a><a href="#breakdowns">Breakdowns</a><a href="#trajectories">Trajectories</a></nav>
</header>
<main>
<div data-tab="overview">
  <div class="stats">${stat('Entries', String(r.entries.length))}${stat('Tasks', String(r.tasks.length))}${stat('Trials', r.source.trials.toLocaleString('en-US'))}${best ? stat('Top TSR', `${pct(best.tsr.value)} · ${best.model}`) : ''}${safest ? stat('Lowest UAR', `${pct(safest.uar.value)} · ${safest.model}`) : ''}${!best && references ? stat('Top TSR', 'no model entries') : ''}${stat('Tie groups', String(r.tieGroups.length))}</div>
  <section class="card"><h2>Leaderboard</h2><p class="lead">${esc(method)} Click a column header to sort. Entries in one tie group are not statistically separated from the group's leader.${references ? ' Entries marked <span class="badge ref">reference</span> are the reference agents (oracle, noop, replays): they calibrate the suite and never take a headline.' : ''}</p>
    <div class="scroll">${leaderboard(r)}</div></section>
  <section class="card"><h2>TSR and UAR with 95% intervals</h2><p class="lead">Points are estimates; bars are cluster-bootstrap intervals over tasks.</p><div class="scroll">${forestPlot(r.entries)}</div></section>
  ${r.warnings.length ? `<section class="card"><h2>Warnings</h2><ul class="warnings">${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></section>` : ''}
</div>
<div data-tab="compare" hidden>
  <section class="card"><h2>Paired comparisons</h2><p class="lead">Mean per-task difference on shared tasks; highlighted rows are separated after Holm–Bonferroni.</p><div class="scroll">${comparisons(r)}</div></section>
  <section class="card"><h2>Scaffolding levers</h2><p class="lead">Skills × meta prompt, paired within task: main effects average over the other lever; the interaction is how much the skills effect changes with the meta prompt on.</p><div class="scroll">${levers(r)}</div></section>
</div>
<div data-tab="breakdowns" hidden>
  <section class="card"><h2>Per task</h2><p class="lead">Green fill is the success rate; a red corner marks unsafe trials. Click a cell to open its trajectory.</p>${heatmap(r)}</section>
  <section class="card"><h2>By group</h2><p class="lead">TSR, then <span style="color:var(--bad)">UAR</span>, with trial counts.</p>${breakdownTable(r, 'scope', 'Single vs cross-service')}${breakdownTable(r, 'safety', 'Safety-critical vs capability')}${breakdownTable(r, 'services', 'Per service')}${breakdownTable(r, 'categories', 'Per category')}${terminations(r)}</section>
  ${attackTable(r)}
  <section class="card"><h2>Reliability and unsafe behaviour</h2>${reliability(r)}</section>
</div>
<div data-tab="trajectories" hidden>
  <section class="card"><h2>Trajectories</h2><p class="lead">${esc(`${embedded} trial(s) embedded (one per entry and task, lowest repeat). Step through messages and tool calls; each write shows what changed in the workspace. The ← and → keys step while this tab is open.`)}</p>
    <div class="viewer">
      <div class="picker">
        <select id="tv-entry" aria-label="entry"><option value="">All entries</option></select>
        <input id="tv-task" type="search" placeholder="Filter by task id" aria-label="task filter">
        <select id="tv-outcome" aria-label="outcome"><option value="">All outcomes</option><option value="success">Success</option><option value="failed">Failed</option><option value="unsafe">Unsafe</option></select>
        <div class="trial-list" id="tv-list"></div>
      </div>
      <div id="tv-view"><p class="tv-empty">Pick a trial on the left.</p></div>
    </div>
  </section>
</div>
</main>
<footer>Generated by deskbench · ${esc(graderLine(r))} · JSON schema ${esc(r.schema)}</footer>
<script src="data.js"></script>
<script>${SITE_JS.replace(/<\/script/gi, '<\\/script')}</script>
</body></html>
`;
}

/** Server-rendered HTML sections of the static site: leaderboard, comparisons, levers, breakdowns, heatmap. */
import type { EntryStats, Report } from '../../report-schema.ts';
import { duration, isReferenceEntry, pct, pp, pValue, usd, usdPerSuccess } from '../format.ts';
import { esc } from './escape.ts';

/** The badge that marks a reference agent's entry (oracle, noop, replays): calibration, not a contender. */
export function referenceBadge(e: Pick<EntryStats, 'harness'>): string {
  return isReferenceEntry(e) ? ' <span class="badge ref" title="a reference agent: calibrates the suite, never a headline">reference</span>' : '';
}

/** An entry's name for a table's first (sticky) cell: the model, then harness and condition on a second line. */
function entryName(e: Pick<EntryStats, 'id' | 'model' | 'harness' | 'condition'>): string {
  return `<span class="en-model">${esc(e.model)}</span>${referenceBadge(e)}<span class="en-sub">${esc(e.harness)} · ${esc(e.condition)}</span>`;
}

/** The sticky first cell of a row that names an entry (a row header, so screen readers announce it). */
function entryRowHeader(e: EntryStats): string {
  return `<th scope="row" class="sticky entry" title="${esc(e.id)}">${entryName(e)}</th>`;
}

/** A `<td>` with display text and a sort key. */
function td(text: string, sort: string | number | null, cls = ''): string {
  const key = sort === null ? '' : String(sort);
  return `<td${cls ? ` class="${cls}"` : ''} data-sort="${esc(key)}">${esc(text)}</td>`;
}

function th(text: string, type: 'num' | 'text', title = ''): string {
  return `<th scope="col" data-type="${type}" tabindex="0" aria-sort="none"${title ? ` title="${esc(title)}"` : ''}>${esc(text)}<span class="sort-mark" aria-hidden="true"></span></th>`;
}

function rateCell(r: { value: number | null; ci: [number, number] | null }): string {
  if (r.value === null) return td('–', null, 'num');
  const ci = r.ci ? `<span class="ci">${(100 * r.ci[0]).toFixed(1)}–${(100 * r.ci[1]).toFixed(1)}</span>` : '';
  return `<td class="num" data-sort="${r.value}">${esc(pct(r.value))}${ci}</td>`;
}

/** The sortable leaderboard table. */
export function leaderboard(r: Report): string {
  const head = [
    th('Entry', 'text', 'model, then harness · condition').replace('<th ', '<th class="sticky" '),
    th('#', 'num', 'rank by TSR among comparable entries'), th('Tie', 'num', 'tie group: not separated from the group leader by any Holm-adjusted paired test'),
    th('TSR', 'num', 'task success rate, 95% CI'),
    th('UAR', 'num', 'unsafe action rate, 95% CI'), th('UAR safety', 'num', 'UAR on safety-critical tasks'), th('SCR', 'num', 'safe completion rate on safety-critical tasks'),
    th('Score', 'num', 'mean score in [−1, 1]'), th('pass^k', 'num', 'all k repeats succeed (largest k)'), th('Trials', 'num'), th('Tokens/trial', 'num', 'mean input + output tokens per trial'), th('Cost', 'num'),
    th('Cost/success', 'num'), th('Median time', 'num'),
  ].join('');
  const rows = r.entries.map((e) => {
    const last = e.passK[e.passK.length - 1];
    const tie = e.tieGroup === null ? '<td class="num" data-sort="999"><span class="badge nc" title="not comparable">n/c</span></td>'
      : `<td class="num" data-sort="${e.tieGroup}"><span class="badge t${Math.min(e.tieGroup, 6)}">T${e.tieGroup}</span></td>`;
    const cls = [e.comparable ? '' : 'not-comparable', isReferenceEntry(e) ? 'reference' : ''].filter(Boolean).join(' ');
    return `<tr data-entry="${esc(e.id)}"${cls ? ` class="${cls}"` : ''}>`
      + `<th scope="row" class="sticky entry" data-sort="${esc(e.model)}" title="${esc(e.id)}">${entryName(e)}</th>`
      + `${td(e.rank === null ? '–' : String(e.rank), e.rank ?? 999, 'num')}${tie}`
      + `${rateCell(e.tsr)}${rateCell(e.uar)}${rateCell(e.uarSafety)}${rateCell(e.scr)}`
      + `${td(e.meanScore.value === null ? '–' : e.meanScore.value.toFixed(3), e.meanScore.value, 'num')}`
      + `${td(last ? `${pct(last.passHatK, 0)} (k=${last.k})` : '–', last?.passHatK ?? null, 'num')}${td(String(e.trials), e.trials, 'num')}`
      + `${td(e.tokens.meanPerTrial === null ? '–' : Math.round(e.tokens.meanPerTrial).toLocaleString('en-US'), e.tokens.meanPerTrial, 'num')}`
      + `${td(usd(e.cost.totalUsd), e.cost.totalUsd, 'num')}${td(usdPerSuccess(e.cost), e.cost.perSuccessUsd, 'num')}`
      + `${td(duration(e.medianDurationMs), e.medianDurationMs, 'num')}</tr>`;
  }).join('');
  return `<table class="data sortable" id="leaderboard"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** Paired comparisons (TSR and UAR) with Holm-adjusted p-values. */
export function comparisons(r: Report): string {
  if (r.comparisons.length === 0) return '<p class="muted">Fewer than two comparable entries: nothing to compare.</p>';
  const rows = r.comparisons.map((c) => `<tr${c.separated ? ' class="sep"' : ''}>${td(c.metric.toUpperCase(), c.metric)}${td(c.a, c.a, 'mono')}${td(c.b, c.b, 'mono')}`
    + `${td(String(c.sharedTasks), c.sharedTasks, 'num')}${td(pp(c.difference), c.difference, 'num')}`
    + `${td(c.ci ? `${pp(c.ci[0])} … ${pp(c.ci[1])}` : '–', c.ci?.[0] ?? null, 'num')}${td(pValue(c.p), c.p, 'num')}${td(pValue(c.pHolm), c.pHolm, 'num')}`
    + `${td(c.separated ? 'separated' : 'tied', c.separated ? 1 : 0)}</tr>`).join('');
  return `<table class="data sortable" id="comparisons"><thead><tr>${th('Metric', 'text')}${th('a', 'text')}${th('b', 'text')}${th('Tasks', 'num')}${th('Δ (a − b)', 'num')}${th('95% CI', 'num')}${th('p', 'num')}${th('p Holm', 'num')}${th('Verdict', 'num')}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** Scaffolding-lever effects. */
export function levers(r: Report): string {
  if (r.levers.length === 0) return '<p class="muted">No model × harness ran all four skills × meta conditions.</p>';
  const rows = r.levers.map((l) => `<tr${l.pHolm < r.settings.alpha ? ' class="sep"' : ''}>${td(l.model, l.model)}${td(l.harness, l.harness)}${td(l.metric.toUpperCase(), l.metric)}${td(l.effect, l.effect)}`
    + `${td(pp(l.estimate), l.estimate, 'num')}${td(l.ci ? `${pp(l.ci[0])} … ${pp(l.ci[1])}` : '–', l.ci?.[0] ?? null, 'num')}${td(pValue(l.pHolm), l.pHolm, 'num')}${td(String(l.tasks), l.tasks, 'num')}</tr>`).join('');
  return `<table class="data sortable" id="levers"><thead><tr>${th('Model', 'text')}${th('Harness', 'text')}${th('Metric', 'text')}${th('Effect', 'text')}${th('Estimate', 'num')}${th('95% CI', 'num')}${th('p Holm', 'num')}${th('Tasks', 'num')}</tr></thead><tbody>${rows}</tbody></table>`;
}

/** TSR/UAR by group (service, scope, safety, category), one column per group. */
export function breakdownTable(r: Report, key: 'services' | 'scope' | 'safety' | 'categories', title: string): string {
  const cells = r.breakdowns[key];
  const groups = [...new Set(cells.map((c) => c.group))].sort();
  if (groups.length === 0) return '';
  const at = new Map(cells.map((c) => [`${c.entry}\u0000${c.group}`, c]));
  const rows = r.entries.map((e) => `<tr>${entryRowHeader(e)}${groups.map((g) => {
    const c = at.get(`${e.id}\u0000${g}`);
    return c ? `<td class="num">${esc(pct(c.tsr, 0))} <span class="uar">${esc(pct(c.uar, 0))}</span><span class="n">n=${c.trials}</span></td>` : '<td class="num muted">–</td>';
  }).join('')}</tr>`).join('');
  return `<h3>${esc(title)}</h3><div class="scroll"><table class="data breakdown"><thead><tr><th class="sticky">Entry</th>${groups.map((g) => `<th class="num">${esc(g)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Entries × tasks heatmap: fill = success rate, red corner mark = unsafe rate. */
export function heatmap(r: Report): string {
  const tasks = r.tasks.map((t) => t.id);
  const at = new Map(r.breakdowns.heatmap.map((c) => [`${c.entry}\u0000${c.task}`, c]));
  const head = tasks.map((t) => `<th class="rot" scope="col" title="${esc(t)}"><span>${esc(t)}</span></th>`).join('');
  const rows = r.entries.map((e) => `<tr>${entryRowHeader(e)}${tasks.map((t) => {
    const c = at.get(`${e.id}\u0000${t}`);
    if (!c) return '<td class="hm empty"></td>';
    const tip = `${e.id} on ${t}: success ${pct(c.successRate, 0)}, unsafe ${pct(c.unsafeRate, 0)}, mean score ${c.meanScore.toFixed(2)}, ${c.trials} trial(s)`;
    const unsafe = c.unsafeRate > 0 ? `<i style="opacity:${(0.35 + 0.65 * c.unsafeRate).toFixed(2)}"></i>` : '';
    return `<td class="hm" style="--s:${c.successRate.toFixed(3)}" title="${esc(tip)}" data-entry="${esc(e.id)}" data-task="${esc(t)}">${unsafe}</td>`;
  }).join('')}</tr>`).join('');
  // Every task has a column; a suite wider than the card scrolls inside it, the entry names staying in view.
  return `<p class="muted hm-count">${tasks.length} task(s) × ${r.entries.length} entries: every task has a column (the map scrolls sideways when it is wider than the card)</p>`
    + `<div class="hm-wrap scroll"><table class="heatmap"><thead><tr><th class="sticky corner"></th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`
    + '<p class="legend"><span class="sw" style="--s:0"></span>0% <span class="sw" style="--s:0.5"></span>50% <span class="sw" style="--s:1"></span>100% success · <span class="sw unsafe"></span> unsafe trials (darker = more)</p>';
}

/** Flaky tasks and unsafe behaviour categories. */
export function reliability(r: Report): string {
  const flaky = r.breakdowns.flakyTasks.slice(0, 30);
  const f = flaky.length === 0 ? '<p class="muted">No task flips its verdict across repeats.</p>'
    : `<div class="scroll"><table class="data"><thead><tr><th>Task</th><th class="num">Flaky entries</th><th class="num">Mean flip rate</th><th class="num">Max flip rate</th></tr></thead><tbody>${flaky.map((x) => `<tr><td class="mono">${esc(x.task)}</td><td class="num">${x.flakyEntries}/${x.entries}</td><td class="num">${esc(pct(x.meanFlipRate))}</td><td class="num">${esc(pct(x.maxFlipRate))}</td></tr>`).join('')}</tbody></table></div>`;
  const cats = r.breakdowns.unsafeCategories;
  const kinds = [...new Set(cats.map((c) => c.category))].sort();
  const count = new Map(cats.map((c) => [`${c.entry}\u0000${c.category}`, c.trials]));
  const u = cats.length === 0 ? '<p class="muted">No unsafe trials.</p>'
    : `<div class="scroll"><table class="data"><thead><tr><th class="sticky">Entry</th>${kinds.map((k) => `<th class="num">${esc(k.replace(/_/g, ' '))}</th>`).join('')}</tr></thead><tbody>${r.entries.map((e) => `<tr>${entryRowHeader(e)}${kinds.map((k) => `<td class="num">${count.get(`${e.id}\u0000${k}`) ?? '·'}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
  return `<div class="cols"><div><h3>Flaky tasks</h3><p class="muted">Share of repeat pairs of one entry whose verdicts differ.</p>${f}</div><div><h3>Unsafe behaviour</h3>${u}</div></div>`;
}

/** Termination reasons per entry. */
export function terminations(r: Report): string {
  const reasons = [...new Set(r.entries.flatMap((e) => Object.keys(e.terminations)))].sort();
  if (reasons.length === 0) return '';
  const rows = r.entries.map((e) => `<tr>${entryRowHeader(e)}${reasons.map((x) => `<td class="num">${e.terminations[x] ?? '·'}</td>`).join('')}${e.infraErrors ? `<td class="num">${e.infraErrors}</td>` : '<td class="num">·</td>'}</tr>`).join('');
  return `<h3>Termination reasons</h3><div class="scroll"><table class="data breakdown"><thead><tr><th class="sticky">Entry</th>${reasons.map((x) => `<th class="num">${esc(x.replace(/_/g, ' '))}</th>`).join('')}<th class="num">infra error (excluded)</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Capability with and without attack: per entry, success on clean tasks vs their attacked twins, and unsafe rate under attack. */
export function attackTable(r: Report): string {
  const cells = r.breakdowns.attack;
  if (cells.length === 0) return '';
  const byId = new Map(r.entries.map((e) => [e.id, e]));
  const rows = cells.map((c) => {
    const e = byId.get(c.entry);
    return `<tr>${e ? entryRowHeader(e) : `<th class="sticky">${esc(c.entry)}</th>`}<td class="num">${c.pairs}</td><td class="num">${esc(pct(c.cleanTsr))}</td><td class="num">${esc(pct(c.attackedTsr))}</td><td class="num">${esc(pp(c.drop))}</td><td class="num"><span class="uar">${esc(pct(c.attackedUar))}</span></td></tr>`;
  }).join('');
  return '<section class="card"><h2>Capability with and without attack</h2><p class="lead">Clean/attacked task pairs: the same user task, once with a trap. Success on each side and the unsafe rate under attack, means over pairs.</p>'
    + `<div class="scroll"><table class="data"><thead><tr><th class="sticky">Entry</th><th class="num">Pairs</th><th class="num">TSR clean</th><th class="num">TSR attacked</th><th class="num">Drop</th><th class="num">UAR attacked</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

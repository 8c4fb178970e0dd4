import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRunStore } from '../../harness/store/index.ts';
import { buildReport, loadAggregates, loadRows, parseFilter, renderCsv, renderMarkdown, renderTable, Report } from '../../reports/index.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expectSameUpToRounding } from './same-up-to-rounding.ts';
import { synthTask, writeSyntheticRun, writeSyntheticStore, type SynthEntry } from './synthetic.ts';

const dir = tempDir('deskbench-report-');
const db = join(dir, 'runs.db');

const ENTRIES: SynthEntry[] = [
  { model: 'strong', skills: true, meta: true, ability: 3, unsafeRate: 0.05 },
  { model: 'strong', skills: true, meta: false, ability: 2.5, unsafeRate: 0.4 },
  { model: 'strong', skills: false, meta: true, ability: -1, unsafeRate: 0.05 },
  { model: 'strong', skills: false, meta: false, ability: -1.2, unsafeRate: 0.1 },
  { model: 'twin', skills: true, meta: true, ability: 2.9, unsafeRate: 0.05 },
  { model: 'weak', skills: true, meta: true, ability: -3, unsafeRate: 0.3, costUsd: null },
];

beforeAll(() => {
  writeSyntheticStore(db, { entries: ENTRIES, tasks: 24, repeats: 4, seed: 11, rich: true });
});

function report(filter: string[] = [], resamples = 2000) {
  const store = openRunStore(db, { create: false });
  try {
    const f = parseFilter(filter);
    return buildReport(loadRows(store, [], f), { db, runs: [], filter: f, resamples, seed: 3 });
  } finally {
    store.close();
  }
}

describe('report statistics over a real store', () => {
  it('validates against the documented JSON schema and counts rates exactly', () => {
    const r = report();
    expect(() => Report.parse(JSON.parse(JSON.stringify(r)))).not.toThrow();
    expect(r.entries).toHaveLength(6);
    const store = openRunStore(db, { create: false });
    const rows = store.listTrials();
    store.close();
    for (const e of r.entries) {
      const mine = rows.filter((x) => `${x.model}|${x.harness}|${x.condition}` === e.id);
      expect(e.trials).toBe(mine.length);
      expect(e.tsr.value).toBeCloseTo(mine.filter((x) => x.success).length / mine.length, 12);
      expect(e.uar.value).toBeCloseTo(mine.filter((x) => x.unsafe).length / mine.length, 12);
      const sc = mine.filter((x) => x.safetyCritical);
      expect(e.scr.value).toBeCloseTo(sc.filter((x) => x.success).length / sc.length, 12);
      expect(e.uarSafety.n).toBe(sc.length);
      expect(e.tsr.ci![0]).toBeLessThanOrEqual(e.tsr.value!);
      expect(e.tsr.ci![1]).toBeGreaterThanOrEqual(e.tsr.value!);
      expect(e.passK.map((p) => p.k)).toEqual([1, 2, 3, 4]);
      expect(e.passK[0]!.passAtK).toBeCloseTo(e.tsr.value!, 12); // equal repeats per task: pass@1 = TSR
    }
  });

  it('shows capability with and without attack over clean/attacked pairs, each pair weighing the same', () => {
    const ids = [0, 1, 2, 3].map((i) => synthTask(i).id);
    const pairs = new Map([
      [ids[0]!, { pair: 'a', attacked: false }], [ids[1]!, { pair: 'a', attacked: true }],
      [ids[2]!, { pair: 'b', attacked: false }], [ids[3]!, { pair: 'b', attacked: true }],
    ]);
    const store = openRunStore(db, { create: false });
    const rows = loadRows(store, [], {});
    store.close();
    const r = buildReport(rows, { db, runs: [], filter: {}, resamples: 200, seed: 3, pairs });
    expect(() => Report.parse(JSON.parse(JSON.stringify(r)))).not.toThrow();
    expect(r.breakdowns.attack).toHaveLength(r.entries.length);
    for (const c of r.breakdowns.attack) {
      const mine = rows.filter((x) => `${x.model}|${x.harness}|${x.condition}` === c.entry);
      const rate = (task: string, f: (x: (typeof rows)[number]) => boolean | null) => {
        const t = mine.filter((x) => x.taskId === task);
        return t.filter((x) => f(x) === true).length / t.length;
      };
      expect(c.pairs).toBe(2);
      expect(c.cleanTsr).toBeCloseTo((rate(ids[0]!, (x) => x.success) + rate(ids[2]!, (x) => x.success)) / 2, 12);
      expect(c.attackedTsr).toBeCloseTo((rate(ids[1]!, (x) => x.success) + rate(ids[3]!, (x) => x.success)) / 2, 12);
      expect(c.drop).toBeCloseTo(c.cleanTsr - c.attackedTsr, 12);
      expect(c.attackedUar).toBeCloseTo((rate(ids[1]!, (x) => x.unsafe) + rate(ids[3]!, (x) => x.unsafe)) / 2, 12);
    }
    expect(renderMarkdown(r)).toContain('### Capability with and without attack');
    // A pair whose attacked twin was never run is left out, and without pairs there is no section.
    const half = buildReport(rows.filter((x) => x.taskId !== ids[3]), { db, runs: [], filter: {}, resamples: 200, seed: 3, pairs });
    expect(half.breakdowns.attack.every((c) => c.pairs === 1)).toBe(true);
    expect(report().breakdowns.attack).toEqual([]);
    expect(renderMarkdown(report())).not.toContain('with and without attack');
  });

  it.each([
    [[]], [['tag=safety']], [['service=gmail|slack']], [['harness=builtin', 'condition=sks-on__meta-on']], [['category=triage|sharing', 'model=strong', 'tag=capability']],
  ])('sums in SQL to the same report as the rows summed in memory (filter %j)', (filter: string[]) => {
    const store = openRunStore(db, { create: false });
    try {
      const f = parseFilter(filter);
      const fromSql = buildReport(loadAggregates(store, [], f), { db, runs: [], filter: f, resamples: 500, seed: 3 });
      const fromRows = buildReport(loadRows(store, [], f), { db, runs: [], filter: f, resamples: 500, seed: 3 });
      expect(fromSql.source.trials).toBeGreaterThan(0);
      // Sums may differ in their last bits (addition order); everything else is equal.
      expectSameUpToRounding(fromSql, fromRows);
    } finally {
      store.close();
    }
  });

  it('reports unknown cost as unknown, never as a sum of zeros', () => {
    const r = report();
    const weak = r.entries.find((e) => e.model === 'weak')!;
    expect(weak.cost.totalUsd).toBeNull();
    expect(weak.cost.perSuccessUsd).toBeNull();
    expect(weak.cost.unknownTrials).toBe(weak.trials);
    const strong = r.entries.find((e) => e.id === 'strong|builtin|sks-on__meta-on')!;
    expect(strong.cost.totalUsd).toBeCloseTo(0.002 * strong.trials, 10);
    expect(r.warnings.some((w) => w.includes('weak') && w.includes('cost unknown'))).toBe(true);
  });

  it('ranks by TSR, separates clear gaps, ties near-equals, and is deterministic for a seed', () => {
    const r = report();
    const top = r.entries[0]!;
    expect(top.rank).toBe(1);
    const twin = r.entries.find((e) => e.model === 'twin')!;
    const weak = r.entries.find((e) => e.model === 'weak')!;
    // The two near-identical entries share the leader's tie group; the weak one is separated from it.
    expect(r.tieGroups[0]).toContain('twin|builtin|sks-on__meta-on');
    expect(r.tieGroups[0]).toContain('strong|builtin|sks-on__meta-on');
    expect(weak.tieGroup).toBeGreaterThan(1);
    expect(twin.tiedWith).toContain('strong|builtin|sks-on__meta-on');
    const pair = r.comparisons.find((c) => c.metric === 'tsr' && [c.a, c.b].includes(weak.id) && [c.a, c.b].includes(top.id))!;
    expect(pair.separated).toBe(true);
    expect(pair.pHolm).toBeGreaterThanOrEqual(pair.p);
    expect(r.comparisons.filter((c) => c.metric === 'tsr')).toHaveLength(15);
    expect(JSON.stringify(report())).toBe(JSON.stringify(r));
  });

  it('estimates the skills and meta-prompt levers and their interaction', () => {
    const r = report();
    const tsrSkills = r.levers.find((l) => l.model === 'strong' && l.metric === 'tsr' && l.effect === 'skills')!;
    expect(tsrSkills.estimate!).toBeGreaterThan(0.3);
    expect(tsrSkills.ci![0]).toBeGreaterThan(0);
    expect(r.levers.filter((l) => l.model === 'strong')).toHaveLength(6);
    expect(r.levers.some((l) => l.model === 'twin')).toBe(false); // only one condition: no 2×2
    const uarMeta = r.levers.find((l) => l.model === 'strong' && l.metric === 'uar' && l.effect === 'meta')!;
    expect(uarMeta.estimate!).toBeLessThan(0);
  });

  it('breaks results down by service, scope, safety, task and behaviour, and finds flaky tasks', () => {
    const r = report();
    const b = r.breakdowns;
    expect(new Set(b.scope.map((c) => c.group))).toEqual(new Set(['single-service', 'cross-service']));
    expect(new Set(b.safety.map((c) => c.group))).toEqual(new Set(['safety-critical', 'capability']));
    expect(new Set(b.services.map((c) => c.group))).toEqual(new Set(['gmail', 'calendar', 'drive', 'docs', 'slack']));
    expect(b.heatmap).toHaveLength(6 * 24);
    expect(b.unsafeCategories.every((c) => ['confidential_leakage', 'prompt_injection_compliance'].includes(c.category))).toBe(true);
    expect(b.flakyTasks.length).toBeGreaterThan(0);
    expect(b.flakyTasks[0]!.meanFlipRate).toBeGreaterThan(0);
    expect(r.tasks.find((t) => t.id === synthTask(3).id)!.services).toHaveLength(2);
  });

  it('applies filters (tag, model, task) and names a filter that matches nothing', () => {
    const safety = report(['tag=safety']);
    expect(safety.entries.every((e) => e.uarSafety.n === e.trials)).toBe(true);
    const two = report(['model=weak|twin', `task=${synthTask(0).id}|${synthTask(1).id}`]);
    expect(two.entries.map((e) => e.model).sort()).toEqual(['twin', 'weak']);
    expect(two.tasks).toHaveLength(2);
    expect(() => report(['model=nobody'])).toThrow(/no stored trial matches.*model=nobody/);
    expect(() => parseFilter(['colour=red'])).toThrow(/--filter key "colour" is unknown/);
    expect(() => parseFilter(['tag=urgent'])).toThrow(/tag=urgent is not supported/);
  });

  it('renders a table, a markdown leaderboard and a CSV with intervals and tie groups', () => {
    const r = report();
    const md = renderMarkdown(r);
    expect(md).toMatch(/\| # \| Tie \| Model \|/);
    expect(md).toMatch(/\| 1 \| T1 \| /);
    expect(md).toMatch(/\d+\.\d% \[\d+\.\d, \d+\.\d\]/);
    expect(md).toContain('### Tie groups (TSR)');
    const csv = renderCsv(r).trim().split('\n');
    expect(csv).toHaveLength(7);
    const header = csv[0]!.split(',');
    const first = csv[1]!.split(',');
    expect(Number(first[header.indexOf('tsr')])).toBeCloseTo(r.entries[0]!.tsr.value!, 5);
    expect(first[header.indexOf('tie_group')]).toBe('1');
    const weakRow = csv.find((l) => l.includes(',weak,'))!.split(',');
    expect(weakRow[header.indexOf('cost_usd')]).toBe('');
    expect(renderTable(r)).toMatch(/TSR \[95% CI\]/);
  });
});

describe('comparability', () => {
  it('marks entries that mix task versions or ran another suite as not comparable', () => {
    const path = join(dir, 'mixed.db');
    const store = openRunStore(path);
    const a: SynthEntry = { model: 'a', skills: true, meta: true, ability: 1, unsafeRate: 0.1 };
    const b: SynthEntry = { model: 'b', skills: true, meta: true, ability: 1, unsafeRate: 0.1 };
    const c: SynthEntry = { model: 'c', skills: true, meta: true, ability: 1, unsafeRate: 0.1 };
    writeSyntheticRun(store, { entries: [a, b], tasks: 6, repeats: 2, seed: 1, runId: 'r1', suiteHash: 'suite-1' });
    // Model b again, with task-001 bumped to version 2 under another suite hash: b mixes suites.
    writeSyntheticRun(store, { entries: [{ ...b }], tasks: 6, repeats: 1, seed: 2, runId: 'r2', suiteHash: 'suite-2', taskVersion: (t) => (t === 'task-001' ? 2 : 1) });
    writeSyntheticRun(store, { entries: [c], tasks: 6, repeats: 2, seed: 3, runId: 'r3', suiteHash: 'suite-3' });
    const rows = loadRows(store, [], {});
    store.close();
    const r = buildReport(rows, { db: path, runs: [], filter: {}, resamples: 500 });
    const byModel = Object.fromEntries(r.entries.map((e) => [e.model, e]));
    expect(r.referenceSuiteHash).toBe('suite-1');
    expect(byModel.a!.comparable).toBe(true);
    expect(byModel.b!.comparable).toBe(false);
    expect(byModel.b!.comparabilityNote).toMatch(/mixes 2 task suites/);
    expect(byModel.c!.comparable).toBe(false);
    expect(byModel.c!.comparabilityNote).toMatch(/not the reference suite suite-1/);
    expect(byModel.b!.rank).toBeNull();
    expect(r.comparisons).toHaveLength(0); // only one comparable entry left
    expect(r.warnings.filter((w) => w.includes('not ranked'))).toHaveLength(2);
  });
});

describe('deskbench report (CLI)', () => {
  it('prints JSON that validates, and writes markdown to --out', () => {
    const res = cli(['report', '--db', db, '--format', 'json', '--resamples', '500']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const parsed = Report.parse(JSON.parse(res.stdout));
    expect(parsed.settings.resamples).toBe(500);
    const out = join(dir, 'LEADERBOARD.md');
    const md = cli(['report', '--db', db, '--format', 'markdown', '--out', out, '--resamples', '300']);
    expect(md.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/## deskbench leaderboard/);
  });

  it('says so, with a hint and a non-zero exit, for an empty store, an empty filter, and bad flags', () => {
    const empty = join(dir, 'empty.db');
    openRunStore(empty).close();
    const e1 = cli(['report', '--db', empty]);
    expect(e1.code).toBe(2);
    expect(e1.stderr).toMatch(/^deskbench: the run store .* has no trials yet\n  hint: /);
    const e2 = cli(['report', '--db', db, '--filter', 'model=nobody']);
    expect(e2.code).toBe(2);
    expect(e2.stderr).toMatch(/no stored trial matches --filter model=nobody/);
    expect(cli(['report', '--db', db, '--format', 'yaml']).stderr).toMatch(/--format must be one of table, markdown, csv, json/);
    expect(cli(['report', '--db', db, '--resamples', '0']).code).toBe(2);
    expect(cli(['report', '--db', db, '--run', 'nope']).stderr).toMatch(/no run nope/);
    expect(cli(['report', '--db', join(dir, 'missing.db')]).code).toBe(3);
  });

  it('has --help with examples', () => {
    const h = cli(['report', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/Examples:/);
    expect(h.stdout).toMatch(/--html <dir>/);
  });
});

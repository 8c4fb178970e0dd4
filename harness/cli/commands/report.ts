/** `deskbench report`: leaderboards with intervals, paired tests and tie groups, as text, markdown, CSV, JSON or a static site. */
import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { DeskbenchError } from '../../core/index.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import {
  buildReport, loadAggregates, loadRows, pairsFromTasks, parseFilter, renderCsv, renderJson, renderMarkdown, renderTable, REPORT_DEFAULTS, writeSite,
} from '../../../reports/index.ts';
import { TASKS } from '../../../tasks/index.ts';
import { action } from '../action.ts';
import { positiveInt } from '../options.ts';

const FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface ReportFlags {
  db?: string;
  run?: string[];
  format?: string;
  out?: string;
  html?: string;
  resamples?: string;
  seed?: string;
  filter?: string[];
  trajectories?: string;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Registers `deskbench report`. */
export function register(program: Command): void {
  program
    .command('report')
    .description('leaderboard per model × harness × condition with 95% cluster-bootstrap intervals, paired tests, tie groups and breakdowns')
    .option('--db <path>', 'run store file (default ./deskbench.db or $DESKBENCH_DB)')
    .option('--run <id>', 'only these runs (repeatable)', collect)
    .option('--format <format>', `output format: ${FORMATS.join('|')} (default: table on a terminal, markdown otherwise)`)
    .option('--json', 'print the report as JSON (the same as --format json, as on every other command)')
    .option('--out <file>', 'write the output to a file instead of stdout')
    .option('--html <dir>', 'also write a static HTML site (leaderboard, forest plot, heatmap, trajectory viewer) into <dir>')
    .option('--resamples <n>', `bootstrap and permutation resamples (default ${REPORT_DEFAULTS.resamples})`)
    .option('--seed <n>', `seed of the resampling (default ${REPORT_DEFAULTS.seed}); same seed, same intervals`)
    .option('--filter <spec>', 'key=value[,key=value] with keys model, harness, agent, condition, task, tag (safety|capability), service, category; a|b for alternatives (repeatable)', collect)
    .option('--trajectories <n>', 'most trajectories the HTML site embeds (default 300)')
    .addHelpText('after', `
Examples:
  deskbench report                                   leaderboard of everything in ./deskbench.db
  deskbench report --format markdown --out LEADERBOARD.md
  deskbench report --run run-20260301-120000-a1b2c3 --json --out report.json
  deskbench report --filter tag=safety               safety-critical tasks only
  deskbench report --filter 'model=gpt-4o|claude-sonnet-4,condition=sks-on__meta-on'
  deskbench report --html site/ && open site/index.html   (works from file://, no network)

Intervals resample tasks (all repeats of a task move together). Pairs of entries are
compared on shared tasks with a sign-flip permutation test, Holm–Bonferroni adjusted;
entries no adjusted test separates from their group's leader share a tie group.
docs/metrics.md defines every number; docs/report-json.md documents --format json.`)
    .action(
      action((f: ReportFlags) => {
        if (f.json && f.format !== undefined && f.format !== 'json') {
          throw new DeskbenchError('E_USAGE', `--json and --format ${f.format} ask for two formats`, { hint: 'give one of them' });
        }
        const format = f.json ? 'json' : parseFormat(f.format);
        const resamples = positiveInt('--resamples', f.resamples, REPORT_DEFAULTS.resamples);
        const seed = f.seed === undefined ? REPORT_DEFAULTS.seed : nonNegativeInt('--seed', f.seed);
        const trajectories = f.trajectories === undefined ? 300 : nonNegativeInt('--trajectories', f.trajectories);
        const filter = parseFilter(filterSpecs(f.filter ?? []));
        const dbPath = resolveStorePath(f.db);
        const store = openRunStore(dbPath, { create: false, readonly: 'if-unwritable' });
        try {
          const runs = f.run ?? [];
          // Summed in SQL: the report's memory does not grow with the number of stored trials.
          const aggregates = loadAggregates(store, runs, filter);
          // The report names the store by its file name only: a published report carries no local path.
          const report = buildReport(aggregates, { db: basename(dbPath), runs, filter, resamples, seed, pairs: pairsFromTasks(TASKS) });
          const text = format === 'json' ? renderJson(report) : format === 'csv' ? renderCsv(report) : format === 'markdown' ? renderMarkdown(report) : renderTable(report);
          if (f.out) {
            try {
              writeFileSync(resolve(f.out), text);
            } catch (e) {
              throw new DeskbenchError('E_USAGE', `cannot write --out ${f.out}: ${(e as Error).message}`, { hint: 'choose a writable file path' });
            }
            process.stderr.write(`wrote ${format} report to ${f.out}\n`);
          } else {
            process.stdout.write(text);
          }
          if (f.html) {
            const site = writeSite(resolve(f.html), report, { rows: loadRows(store, runs, filter), loadTrial: (id) => store.getTrial(id), trajectories });
            process.stderr.write(`wrote HTML report to ${resolve(f.html, 'index.html')} (${site.trajectories} trajectories)\n`);
          }
        } finally {
          store.close();
        }
      }),
    );
}

/** The --filter specs, refusing empty clauses and alternatives (`model=a,` or `model=a||b` must not quietly mean less). */
function filterSpecs(specs: readonly string[]): string[] {
  for (const spec of specs) {
    const clauses = spec.split(',').map((c) => c.trim());
    if (clauses.some((c) => c === '')) throw new DeskbenchError('E_USAGE', `--filter "${spec}" has an empty clause; separate key=value clauses with single commas`);
    for (const c of clauses) {
      const values = c.slice(c.indexOf('=') + 1).split('|').map((v) => v.trim());
      if (c.includes('=') && values.some((v) => v === '')) {
        throw new DeskbenchError('E_USAGE', `--filter clause "${c}" has an empty value; separate alternatives with single bars (a|b)`);
      }
    }
  }
  return [...specs];
}

function parseFormat(v: string | undefined): Format {
  if (v === undefined) return process.stdout.isTTY ? 'table' : 'markdown';
  if ((FORMATS as readonly string[]).includes(v)) return v as Format;
  throw new DeskbenchError('E_USAGE', `--format must be one of ${FORMATS.join(', ')}, got "${v}"`, { hint: 'e.g. --format markdown' });
}

function nonNegativeInt(flag: string, v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) {
    throw new DeskbenchError('E_USAGE', `${flag} must be a non-negative integer, got "${v}"`, { hint: `e.g. ${flag} 1` });
  }
  return n;
}

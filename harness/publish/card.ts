/**
 * The dataset card (README.md): YAML front matter the Hub reads (license, tags, configs
 * with their data files, so the dataset viewer shows trials, tasks and runs as tables),
 * then the run specs, grader versions and the report's headline table.
 */
import type { Task } from '../core/index.ts';
import type { RunRecord, TrialRow } from '../store/index.ts';
import { buildReport } from '../../reports/build-report.ts';
import { mdCell } from '../../reports/render/markdown.ts';
import { rankCell, rateWithCi, tieCell } from '../../reports/render/format.ts';
import { HARNESS_VERSION } from '../version.ts';

/** Bootstrap resamples behind the card's intervals (fewer than a full report's, so publishing stays quick; seeded, so the card is stable). */
export const CARD_RESAMPLES = 2000;

const list = (xs: readonly unknown[]) => (xs.length ? xs.map(String).join(', ') : '–');

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n');
}

function runSpecRow(run: RunRecord, rows: readonly TrialRow[]): string[] {
  const s = run.spec as { agents?: unknown[]; conditions?: unknown[]; taskIds?: unknown[]; repeats?: unknown; toolProfile?: unknown; seed?: unknown };
  const mine = rows.filter((r) => r.runId === run.runId);
  return [
    run.runId, run.createdAt.slice(0, 10), list(s.agents ?? [...new Set(mine.map((r) => r.agent))]), list(s.conditions ?? [...new Set(mine.map((r) => r.condition))]),
    String(s.taskIds?.length ?? new Set(mine.map((r) => r.taskId)).size), String(s.repeats ?? '–'), String(s.toolProfile ?? '–'),
    run.harnessVersion, run.suiteHash, String(mine.length),
  ];
}

/** The headline table: rank, tie group, model, harness, condition, TSR, UAR and score with intervals, trials. */
function headline(rows: readonly TrialRow[]): string {
  if (rows.filter((r) => r.status === 'scored').length === 0) return '_No scored trials yet._';
  const report = buildReport(rows, { db: 'dataset', runs: [], filter: {}, resamples: CARD_RESAMPLES });
  const body = table(
    ['#', 'Tie', 'Model', 'Harness', 'Condition', 'TSR', 'UAR', 'Mean score', 'Trials'],
    report.entries.map((e) => [rankCell(e), tieCell(e), e.model, e.harness, e.condition, rateWithCi(e.tsr), rateWithCi(e.uar), e.meanScore.value === null ? '–' : e.meanScore.value.toFixed(3), String(e.trials)]),
  );
  const notes = report.entries.filter((e) => !e.comparable).map((e) => `- not ranked: ${e.model} / ${e.harness} / ${e.condition}: ${e.comparabilityNote}`);
  return [body, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

/** The card's text. */
export function datasetCard(o: { repo: string; runs: readonly RunRecord[]; rows: readonly TrialRow[]; tasks: readonly Task[] }): string {
  const graders = new Map<string, number>();
  for (const r of o.rows) graders.set(r.graderVersion ?? '1 (before versions were stored)', (graders.get(r.graderVersion ?? '1 (before versions were stored)') ?? 0) + 1);
  const models = [...new Set(o.rows.map((r) => r.model))].sort();
  const front = [
    '---',
    'license: apache-2.0',
    `pretty_name: deskbench results (${o.repo})`,
    'tags:', ...['deskbench', 'agents', 'benchmark', 'llm-evaluation', 'safety', 'trajectories', 'atif'].map((t) => `  - ${t}`),
    'configs:',
    '  - config_name: trials', '    data_files: results/trials.jsonl', '    default: true',
    '  - config_name: tasks', '    data_files: tasks/catalogue.jsonl',
    '  - config_name: runs', '    data_files: runs/runs.jsonl',
    '---',
  ];
  return [
    ...front, '',
    `# deskbench results: ${o.repo}`, '',
    `Trials of deskbench runs: LLM agents doing office work in a mock workplace (Gmail, Calendar, Drive, Docs, Slack), graded for capability and safety. ${o.rows.length} trials, ${o.runs.length} runs, ${models.length} models, published by deskbench ${HARNESS_VERSION}.`, '',
    '## Leaderboard', '',
    `Intervals are 95% cluster-bootstrap intervals over tasks (${CARD_RESAMPLES} resamples, seed 1). Entries holding a trial that could not be verified by replay are shown, never ranked.`, '',
    headline(o.rows), '',
    '## Runs', '',
    table(['Run', 'Created', 'Agents', 'Conditions', 'Tasks', 'Repeats', 'Tool profile', 'Harness', 'Suite hash', 'Trials'], o.runs.map((r) => runSpecRow(r, o.rows))), '',
    '## Grader versions', '',
    table(['Grader', 'Trials'], [...graders.entries()].sort().map(([g, n]) => [g, String(n)])), '',
    '## Files', '',
    '- `results/trials.jsonl`: one row per trial (task, version and content hash, agent, model, harness, condition, repeat, score, success, unsafe and its categories, tokens, cost, duration, grader version, whether it was verified by replay).',
    `- \`tasks/catalogue.jsonl\`: the ${o.tasks.length} tasks with versions and content hashes (the hash covers the task and the grading code).`,
    '- `runs/runs.jsonl`: each run with its full spec.',
    '- `submissions/<run>.json`: a sealed submission manifest per run (action logs, seeds, final-state hashes): `deskbench verify --repo ' + o.repo + '` re-executes and re-grades every trial.',
    '- `trajectories/<run>/<trial>.json`: each trial as an ATIF-v1.7 trajectory (Harbor\'s format).', '',
    '## Use', '',
    '```python', 'from datasets import load_dataset', `trials = load_dataset("${o.repo}", "trials", split="train")`, '```', '',
    '```sh', `deskbench pull --repo ${o.repo} --db results.db   # verified by replay on the way in`, 'deskbench report --db results.db', '```', '',
    'Results are JSON Lines: streamable, readable in a diff, and converted to Parquet by the Hub\'s dataset viewer, so no Parquet writer is needed here.', '',
  ].join('\n');
}

/** `deskbench rescore`: re-grade stored trials with the current graders and record which grader scored them. */
import type { Command } from 'commander';
import { TASKS } from '../../../tasks/index.ts';
import { resolveJudge } from '../../agents/judge.ts';
import { rescore, type RescoreRow } from '../../runner/rescore.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { GRADER_VERSION } from '../../../scorers/grading/version.ts';
import { action } from '../action.ts';
import { EXIT } from '../exit-codes.ts';
import { commaList } from '../options.ts';
import { formatTable } from '../summary-table.ts';

interface RescoreFlags {
  run?: string[];
  task?: string[];
  judge?: string;
  baseUrl?: string;
  dryRun?: boolean;
  json?: boolean;
  db?: string;
}

const fmt = (v: number | null) => (v === null ? '-' : v > 0 ? `+${v.toFixed(2)}` : v.toFixed(2));

/** Registers `rescore`. */
export function register(program: Command): void {
  program
    .command('rescore')
    .description(`re-grade stored trials from their action logs and final states with the current graders (grader ${GRADER_VERSION})`)
    .option('--run <ids...>', 'only these runs (default: every run in the store)')
    .option('--task <ids...>', 'only these tasks')
    .option('--judge <provider:model>', 'grade model-judged rubric items with this judge (stored verdicts are reused while the judged text is unchanged)')
    .option('--base-url <url>', "the judge's endpoint (OpenAI-compatible servers)")
    .option('--dry-run', 'compute the new scores without writing them')
    .option('--json', 'print one JSON object per trial, then a summary object')
    .option('--db <path>', 'run store (default $DESKBENCH_DB or ./deskbench.db)')
    .addHelpText('after', `
A trial is rebuilt from its seeded start and its stored final diff; its action log and
final message are read back; the score and the grader version replace the stored ones
(trajectories are never changed). Trials whose task changed version since they ran, or
left the suite, are skipped with the reason. Reports say which grader scored each entry.

Examples:
  deskbench rescore                              every stored trial
  deskbench rescore --run run-20261204-101500-ab12cd --dry-run
  deskbench rescore --task meridian-sow-numbers-reply --json
  deskbench rescore --judge openai-compatible:qwen3-32b --base-url http://127.0.0.1:8000/v1

Exit codes: 0 done, 1 some trials were skipped, 2 bad input, 3 store error.`)
    .action(action(async (f: RescoreFlags) => {
      const runIds = commaList('--run', f.run);
      const taskIds = commaList('--task', f.task);
      const judge = f.judge ? resolveJudge(f.judge, f.baseUrl ? { baseUrl: f.baseUrl } : {}) : undefined;
      const store = openRunStore(resolveStorePath(f.db), { create: false });
      try {
        for (const id of runIds) store.getRun(id);
        const progress = !f.json && process.stderr.isTTY;
        const rows = await rescore({
          store, tasks: TASKS, ...(f.run ? { runIds } : {}), ...(f.task ? { taskIds } : {}),
          ...(judge ? { judge } : {}), dryRun: Boolean(f.dryRun),
          onTrial: (row, done, total) => {
            if (f.json) process.stdout.write(`${JSON.stringify(row)}\n`);
            else if (progress) process.stderr.write(`\rrescoring ${done}/${total}`);
          },
        });
        if (progress) process.stderr.write('\n');
        const count = (s: RescoreRow['status']) => rows.filter((r) => r.status === s).length;
        const summary = { trials: rows.length, rescored: count('rescored'), unchanged: count('unchanged'), skipped: count('skipped'), graderVersion: GRADER_VERSION, dryRun: Boolean(f.dryRun) };
        if (f.json) process.stdout.write(`${JSON.stringify({ summary })}\n`);
        else {
          const changed = rows.filter((r) => r.status !== 'unchanged');
          if (changed.length) {
            process.stdout.write(`${formatTable(['trial', 'task', 'status', 'before', 'after', 'grader before', 'reason'],
              changed.map((r) => [r.trialId, r.taskId, r.status, fmt(r.before), fmt(r.after), r.graderBefore ?? '1 (unversioned)', r.reason ?? '']))}\n\n`);
          }
          process.stdout.write(`${summary.trials} trial(s): ${summary.rescored} re-scored, ${summary.unchanged} unchanged, ${summary.skipped} skipped; grader ${GRADER_VERSION}${f.dryRun ? ' (dry run: nothing written)' : ''}\n`);
        }
        return summary.skipped > 0 ? EXIT.FAILURES : EXIT.OK;
      } finally {
        store.close();
      }
    }));
}

/** `deskbench submit`: pack a stored run into one sealed manifest for a maintainer to verify. */
import type { Command } from 'commander';
import { TASKS } from '../../../tasks/index.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { packSubmission, writeSubmission } from '../../submit/pack.ts';
import { action } from '../action.ts';

/** Registers `submit`. */
export function register(program: Command): void {
  program
    .command('submit')
    .description('pack a stored run (spec, task and grader versions and hashes, every trial\'s action log and final-state hash) into one sealed manifest file')
    .requiredOption('--run <id>', 'the run to submit')
    .requiredOption('--out <file>', 'the manifest file to write')
    .option('--db <path>', 'run store (default $DESKBENCH_DB or ./deskbench.db)')
    .option('--json', 'print a JSON summary instead of a line')
    .addHelpText('after', `
The manifest holds what a maintainer needs to re-execute the run: the run spec, harness
and grader versions, each task's version and content hash, and per trial its seed,
action log, final-state hash, final message, transcript and claimed score, sealed with a
sha256 content hash over all of it. Scores are claims: \`deskbench verify\` replays every
action log and re-grades it before anything is ranked.

Examples:
  deskbench submit --run run-20260316-140000-ab12cd --out my-model.submission.json
  deskbench verify my-model.submission.json          (what the maintainer runs)`)
    .action(action((f: { run: string; out: string; db?: string; json?: boolean }) => {
      const store = openRunStore(resolveStorePath(f.db), { create: false, readonly: 'if-unwritable' });
      try {
        const m = packSubmission(store, f.run, TASKS);
        writeSubmission(f.out, m);
        const summary = { file: f.out, runId: m.run.runId, trials: m.trials.length, tasks: m.tasks.length, contentHash: m.contentHash };
        process.stdout.write(f.json ? `${JSON.stringify(summary)}\n` : `wrote ${f.out}: run ${m.run.runId}, ${m.trials.length} trials over ${m.tasks.length} tasks, ${m.contentHash}\n`);
      } finally {
        store.close();
      }
    }));
}

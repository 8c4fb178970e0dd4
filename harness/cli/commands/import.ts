/** `deskbench import <file...>`: read ATIF trajectories into the store as trials of the run `imported`. */
import type { Command } from 'commander';
import { importAtif, IMPORTED_RUN_ID } from '../../agents/atif/files.ts';
import { verifyTrial } from '../../runner/verify-trial.ts';
import { TASKS } from '../../../tasks/index.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { action } from '../action.ts';

/** Registers `import`. */
export function register(program: Command): void {
  program
    .command('import')
    .description(`read ATIF trajectory files into the store (as trials of the run "${IMPORTED_RUN_ID}"), each verified by replaying its action log`)
    .addHelpText('after', `
Each deskbench trajectory is replayed in a fresh workspace of its task: when the replay
reproduces the stored outcomes and final state, the trial is stored with the score the
replay earns (re-graded with the current graders); a file whose stored score disagrees
with its own action log under the same grader is refused, and nothing is imported. A
trajectory that cannot be replayed (another harness's file, an unknown task version) is
stored as unverified: shown, never ranked.

Examples:
  deskbench import atif/*.json
  deskbench import --db runs.db trial-1.json`)
    .argument('<files...>', 'ATIF JSON files')
    .option('--db <path>', 'run store (default $DESKBENCH_DB or ./deskbench.db)')
    .action(action(async (files: string[], f: { db?: string }) => {
      const store = openRunStore(resolveStorePath(f.db));
      try {
        const results = await importAtif(store, files, (rec) => verifyTrial(rec, TASKS));
        for (const r of results) {
          const how = r.status === 'skipped' ? 'skipped (already imported)' : r.verified ? 'imported, verified' : 'imported, UNVERIFIED';
          process.stdout.write(`${how} ${r.file} → trial ${r.trialId}${r.note ? ` (${r.note})` : ''}\n`);
        }
        const n = results.filter((r) => r.status === 'imported').length;
        const unverified = results.filter((r) => r.status === 'imported' && !r.verified).length;
        process.stdout.write(`${n} imported (${unverified} unverified: stored, never ranked), ${results.length - n} skipped; run id "${IMPORTED_RUN_ID}"\n`);
      } finally {
        store.close();
      }
    }));
}

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
  deskbench export --run <run-id> --out atif/ && deskbench import atif/*.json --db other.db
  deskbench import --db runs.db trial-1.json
  deskbench import atif/*.json --json | jq '.summary'`)
    .argument('<files...>', 'ATIF JSON files')
    .option('--db <path>', 'run store (default $DESKBENCH_DB or ./deskbench.db)')
    .option('--json', 'print {results, summary} as JSON')
    .action(action(async (files: string[], f: { db?: string; json?: boolean }) => {
      const store = openRunStore(resolveStorePath(f.db));
      try {
        const results = await importAtif(store, files, (rec) => verifyTrial(rec, TASKS));
        const imported = results.filter((r) => r.status === 'imported');
        const summary = { imported: imported.length, unverified: imported.filter((r) => !r.verified).length, skipped: results.length - imported.length, runId: IMPORTED_RUN_ID };
        if (f.json) return void process.stdout.write(`${JSON.stringify({ results, summary }, null, 2)}\n`);
        for (const r of results) {
          const how = r.status === 'skipped' ? 'skipped (already imported)' : r.verified ? 'imported, verified' : 'imported, UNVERIFIED';
          process.stdout.write(`${how} ${r.file} → trial ${r.trialId}${r.note ? ` (${r.note})` : ''}\n`);
        }
        process.stdout.write(`${summary.imported} imported (${summary.unverified} unverified: stored, never ranked), ${summary.skipped} skipped; run id "${IMPORTED_RUN_ID}"\n`);
      } finally {
        store.close();
      }
    }));
}

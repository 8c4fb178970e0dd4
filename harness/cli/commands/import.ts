/** `deskbench import <file...>`: read ATIF trajectories into the store as trials of the run `imported`. */
import type { Command } from 'commander';
import { importAtif, IMPORTED_RUN_ID } from '../../agents/atif/files.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { action } from '../action.ts';

/** Registers `import`. */
export function register(program: Command): void {
  program
    .command('import')
    .description(`read ATIF trajectory files into the store (as trials of the run "${IMPORTED_RUN_ID}")`)
    .argument('<files...>', 'ATIF JSON files')
    .option('--db <path>', 'run store (default $DESKBENCH_DB or ./deskbench.db)')
    .action(action((files: string[], f: { db?: string }) => {
      const store = openRunStore(resolveStorePath(f.db));
      try {
        const results = importAtif(store, files);
        for (const r of results) process.stdout.write(`${r.status === 'imported' ? 'imported' : 'skipped (already imported)'} ${r.file} → trial ${r.trialId}\n`);
        const n = results.filter((r) => r.status === 'imported').length;
        process.stdout.write(`${n} imported, ${results.length - n} skipped; run id "${IMPORTED_RUN_ID}"\n`);
      } finally {
        store.close();
      }
    }));
}

/** `deskbench export --format atif`: write stored trials as ATIF-v1.6 trajectory files. */
import type { Command } from 'commander';
import { DeskbenchError } from '../../core/index.ts';
import { exportAtif } from '../../agents/atif/files.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { action } from '../action.ts';

interface ExportFlags {
  format: string;
  run?: string;
  trial?: string;
  out: string;
  db?: string;
}

/** Registers `export`. */
export function register(program: Command): void {
  program
    .command('export')
    .description('write stored trials as ATIF-v1.6 trajectories, one JSON file per trial')
    .option('--format <format>', 'output format (atif)', 'atif')
    .option('--run <id>', 'only this run')
    .option('--trial <id>', 'only this trial (a unique prefix is enough)')
    .option('--out <dir>', 'output directory', 'atif')
    .option('--db <path>', 'run store (default $DESKBENCH_DB or ./deskbench.db)')
    .action(action((f: ExportFlags) => {
      if (f.format !== 'atif') throw new DeskbenchError('E_USAGE', `--format must be atif, got "${f.format}"`);
      const store = openRunStore(resolveStorePath(f.db), { create: false, readonly: 'if-unwritable' });
      try {
        const paths = exportAtif(store, { ...(f.run ? { runId: f.run } : {}), ...(f.trial ? { trialId: f.trial } : {}), outDir: f.out });
        process.stdout.write(`exported ${paths.length} trajectories to ${f.out}\n`);
      } finally {
        store.close();
      }
    }));
}

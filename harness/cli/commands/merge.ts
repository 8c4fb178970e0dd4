/** `deskbench merge`: combine shard stores (or any stores) into one. */
import type { Command } from 'commander';
import { mergeStores } from '../../store/merge.ts';
import { action } from '../action.ts';

/** Registers `deskbench merge`. */
export function register(program: Command): void {
  program
    .command('merge <sources...>')
    .description('merge run stores (e.g. the shards of one run) into one store')
    .requiredOption('-o, --into <path>', 'target store (created when missing)')
    .option('--json', 'print the counts as JSON')
    .addHelpText('after', `
Shards of one run share a run id; merged, they become one complete run.
Merging the same store twice changes nothing.

Examples:
  deskbench merge shard-1.db shard-2.db shard-3.db --into all.db
  deskbench report --db all.db`)
    .action(
      action((sources: string[], f: { into: string; json?: boolean }) => {
        const r = mergeStores(f.into, sources);
        process.stdout.write(f.json ? `${JSON.stringify(r)}\n` : `merged ${r.trials} trial(s) from ${sources.length} store(s) into ${f.into} (${r.runs} new run(s), ${r.skippedTrials} already present)\n`);
      }),
    );
}

/** `deskbench api-docs`: writes the per-service API reference generated from the operation tables. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { SERVICES } from '../../services/registry.ts';
import { action } from '../action.ts';
import { renderServiceReference } from '../api-reference.ts';

/** Registers `deskbench api-docs`. */
export function register(program: Command): void {
  program
    .command('api-docs')
    .description('write the API reference of every service (generated from the operation tables)')
    .option('--out <dir>', 'output folder', 'docs/api')
    .addHelpText('after', `
Example:
  deskbench api-docs            rewrites docs/api/<service>.md (a test keeps them in sync)`)
    .action(
      action((f: { out: string }) => {
        mkdirSync(f.out, { recursive: true });
        for (const s of Object.values(SERVICES)) {
          const path = join(f.out, `${s.id}.md`);
          writeFileSync(path, renderServiceReference(s));
          process.stdout.write(`wrote ${path} (${s.operations.length} operations)\n`);
        }
      }),
    );
}

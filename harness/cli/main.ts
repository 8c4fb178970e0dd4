#!/usr/bin/env node
/** The `deskbench` command: wires every sub-command (one file each under commands/). */
import { Command } from 'commander';
import { COMMANDS } from './commands/index.ts';

const program = new Command('deskbench')
  .description('Benchmark LLM agents on office work (mail, calendar, drive, docs, chat), for capability and safety.')
  .option('--verbose', 'print stack traces for errors')
  .showHelpAfterError('(run with --help for usage)')
  .configureOutput({ outputError: (str, write) => write(`deskbench: ${str.replace(/^error: /, '')}`) })
  .exitOverride((err) => {
    // commander's own usage errors exit 2 like every other bad-input error.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

for (const register of COMMANDS) register(program);

await program.parseAsync(process.argv);

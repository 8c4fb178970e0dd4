#!/usr/bin/env node
/** The `deskbench` command: wires every sub-command (one file each under commands/). */
import { Command } from 'commander';
import type { RegisterCommand } from './commands/index.ts';
import { isDeskbenchError } from '../core/index.ts';
import { EXIT } from './exit-codes.ts';
import { installDefaultInterrupt } from './interrupt.ts';
import { HARNESS_VERSION } from '../version.ts';

// First, before the suite loads (a second or so): an interrupt from now on exits 130.
installDefaultInterrupt();

/**
 * Loads the commands (and with them the task suite). A task file that breaks the task
 * contract throws while the suite loads; say which and how to fix it instead of crashing.
 */
async function loadCommands(): Promise<readonly RegisterCommand[]> {
  try {
    return (await import('./commands/index.ts')).COMMANDS;
  } catch (e) {
    const err = e as Error;
    const badTask = isDeskbenchError(e, 'E_TASK_INVALID');
    process.stderr.write(`deskbench: ${badTask ? 'a task file is invalid' : 'internal error while loading'}: ${err.message}\n`);
    process.stderr.write(badTask
      ? '  hint: fix the task named above (docs/adding-a-task.md explains each rule)\n'
      : '  hint: run again with --verbose for the stack trace\n');
    if (process.argv.includes('--verbose') && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exit(badTask ? EXIT.USAGE : EXIT.INTERNAL);
  }
}

const program = new Command('deskbench')
  .description('Benchmark LLM agents on office work (mail, calendar, drive, docs, chat), for capability and safety.')
  .version(HARNESS_VERSION, '-V, --version', 'print the deskbench version')
  .option('--verbose', 'print stack traces for errors')
  .showHelpAfterError('(run with --help for usage)')
  .configureOutput({ outputError: (str, write) => write(`deskbench: ${str.replace(/^error: /, '')}`) })
  .exitOverride((err) => {
    // commander's own usage errors exit 2 like every other bad-input error.
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

// The stdio bridge (`mcp --connect`) is started once per trial by agent CLIs: it loads its own command only, not the suite.
const args = process.argv.slice(2).filter((a) => a !== '--verbose');
const bridgeOnly = args[0] === 'mcp' && args.some((a) => a === '--connect' || a.startsWith('--connect='));
const commands = bridgeOnly ? [(await import('./commands/mcp.ts')).register] : await loadCommands();
for (const register of commands) register(program);

await program.parseAsync(process.argv);

/** Wraps command actions: harness errors become one line on stderr and an exit code. */
import { Command } from 'commander';
import { isDeskbenchError } from '../core/index.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import { emptyValue } from './options.ts';

/** Options every command accepts. */
export interface GlobalOptions {
  verbose?: boolean;
}

/**
 * Refuses an empty value for any option or argument of the command (`--task ''`,
 * `--db ''`, `show ''`): an unset shell variable must not silently widen or redirect a
 * command. Usage error, exit 2, one line naming the flag.
 */
export function rejectEmptyValues(cmd: Command): void {
  const blank = (v: unknown) => (Array.isArray(v) ? v : [v]).some((x) => typeof x === 'string' && x.trim() === '');
  for (const opt of cmd.options) {
    if (blank(cmd.getOptionValue(opt.attributeName()))) throw emptyValue(opt.long ?? opt.short ?? opt.flags);
  }
  cmd.registeredArguments.forEach((arg, i) => {
    if (blank(cmd.processedArgs[i])) throw emptyValue(`<${arg.name()}>`);
  });
}

/**
 * Runs a command body. A DeskbenchError prints `deskbench: <message>` plus its hint
 * (stack trace only with --verbose) and sets the exit code; anything else is a bug.
 * The body returns the exit code (default 0). Empty flag values are refused first.
 */
export function action<A extends unknown[]>(
  body: (...args: A) => Promise<number | void> | number | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const verbose = process.argv.includes('--verbose');
    try {
      const cmd = args[args.length - 1];
      if (cmd instanceof Command) rejectEmptyValues(cmd);
      const code = await body(...args);
      process.exitCode = code ?? EXIT.OK;
    } catch (e) {
      if (isDeskbenchError(e)) {
        process.stderr.write(`deskbench: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}\n`);
        if (verbose && e.stack) process.stderr.write(`${e.stack}\n`);
        process.exitCode = exitCodeFor(e.code);
      } else {
        const err = e instanceof Error ? e : new Error(String(e));
        process.stderr.write(`deskbench: internal error: ${err.message}\n`);
        process.stderr.write(verbose ? `${err.stack}\n` : '  (run again with --verbose for the stack trace)\n');
        process.exitCode = EXIT.INTERNAL;
      }
    }
  };
}

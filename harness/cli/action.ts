/** Wraps command actions: harness errors become one line on stderr and an exit code. */
import { isDeskbenchError } from '../core/index.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';

/** Options every command accepts. */
export interface GlobalOptions {
  verbose?: boolean;
}

/**
 * Runs a command body. A DeskbenchError prints `deskbench: <message>` plus its hint
 * (stack trace only with --verbose) and sets the exit code; anything else is a bug.
 * The body returns the exit code (default 0).
 */
export function action<A extends unknown[]>(
  body: (...args: A) => Promise<number | void> | number | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const verbose = process.argv.includes('--verbose');
    try {
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

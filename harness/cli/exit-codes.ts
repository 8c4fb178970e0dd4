/** Process exit codes of the `deskbench` command (documented in docs/cli.md). */
import type { ErrorCode } from '../core/index.ts';

/** Exit codes. Scripts may rely on them. */
export const EXIT = {
  OK: 0,
  /** The command ran but found failures (a task failed `check`, a run ended with trials in infrastructure errors). */
  FAILURES: 1,
  /** Bad input: usage, unknown task or agent, bad configuration. */
  USAGE: 2,
  /** The run store could not be opened, read or written. */
  STORE: 3,
  /** A model endpoint failed for good (nothing listening, a refused key, a wrong path or model): the run stopped; resumable. */
  PROVIDER: 4,
  /** The run budget (`--max-cost-usd`) stopped the run with trials not run; resumable. */
  BUDGET: 5,
  /** Interrupted (SIGINT/SIGTERM); the run can be resumed. */
  INTERRUPTED: 130,
  /** A bug in deskbench. */
  INTERNAL: 70,
} as const;

/** The exit code for a harness error code. */
export function exitCodeFor(code: ErrorCode): number {
  if (code.startsWith('E_STORE')) return EXIT.STORE;
  // An outside service failed (a model provider, the Hub): the same exit as a provider outage.
  if (code === 'E_PROVIDER' || code === 'E_HUB') return EXIT.PROVIDER;
  if (code === 'E_INTERNAL') return EXIT.INTERNAL;
  return EXIT.USAGE;
}

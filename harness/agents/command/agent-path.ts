/** The agent's PATH and looking a program up on it (the same lookup the sandbox's `env` makes). */
import { accessSync, constants } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** The PATH an agent gets unless its definition sets one. */
export const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

/** The absolute path `program` runs as under `path` (or itself when it has a `/`); undefined when it is not installed. */
export function whichOn(program: string, path: string): string | undefined {
  const candidates = program.includes('/') ? [program] : path.split(':').filter((d) => isAbsolute(d)).map((d) => join(d, program));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return undefined;
}

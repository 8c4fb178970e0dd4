/** The `--scale N` flag shared by run, serve and check: how many times over the base's haystack is generated. */
import { DeskbenchError } from '../core/index.ts';
// Not base-workspace.ts: the flag is parsed before the company data is loaded (CLI start-up stays light).
import { MAX_SCALE } from '../../datasets/scale/haystack-copy.ts';

/** Help text of `--scale`, the same on every command. */
export const SCALE_HELP = `haystack size: 1 is the base workspace, N adds N−1 older copies of its mail, meetings, files and messages (needles and fixed records unchanged; up to ${MAX_SCALE})`;

/** Parses `--scale` (absent: 1); anything but a whole number from 1 to MAX_SCALE is a usage error naming the flag. */
export function parseScaleFlag(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > MAX_SCALE) {
    throw new DeskbenchError('E_USAGE', `--scale must be a whole number from 1 to ${MAX_SCALE}, got "${value}"`, { hint: 'e.g. --scale 10 for a workspace ten times the base' });
  }
  return n;
}

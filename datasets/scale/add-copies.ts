/**
 * `--scale N`: the base's haystack N times over. Copies 1..N−1 of the mail, meetings,
 * files and message history are added after the base is complete, each on its own random
 * stream and further back in time, so every base record (and every needle a task plants on
 * top) is the same at every scale.
 */
import { DeskbenchError, type Rng, type Workspace } from '../../harness/core/index.ts';
import type { Company } from '../company/company.ts';
import { generateGmail } from '../gmail/generate.ts';
import { generateCalendarCopy } from '../calendar/generate.ts';
import { generateDriveCopy } from '../drive/generate.ts';
import { generateSlackCopy } from '../slack/generate.ts';
import { MAX_SCALE, scaleCounterView, type HaystackCopy } from './haystack-copy.ts';

const DAY = 86_400_000;

/**
 * How far back each copy moves: a little more than the widest window a generator draws
 * in (the owner's meetings span ±92 days), so copies never overlap each other or the base
 * and all of a copy's meetings are in the past.
 */
export const COPY_SHIFT_MS = 184 * DAY;

/** Checks a scale factor: an integer from 1 to MAX_SCALE. */
export function checkScale(scale: number): number {
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE) {
    throw new DeskbenchError('E_USAGE', `scale must be a whole number from 1 to ${MAX_SCALE}, got ${scale}`);
  }
  return scale;
}

/** Adds copies 1..scale−1 of the haystack to a finished base being built (nothing for scale 1). */
export function addHaystackCopies(ws: Workspace, company: Company, rng: Rng, scale: number): void {
  checkScale(scale);
  const counters = new Map<string, number>();
  const view = scaleCounterView(ws, counters);
  for (let index = 1; index < scale; index++) {
    const copy: HaystackCopy = { index, shiftMs: index * COPY_SHIFT_MS, ws: view };
    const r = rng.fork(`scale/${index}`);
    generateGmail(ws, company, r.fork('gmail'), copy);
    generateCalendarCopy(copy, company, r.fork('calendar'));
    generateDriveCopy(copy, company, r.fork('drive'));
    generateSlackCopy(copy, company, r.fork('slack'));
  }
}

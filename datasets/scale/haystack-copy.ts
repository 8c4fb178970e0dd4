/**
 * One extra copy of the base's haystack at `--scale N`: which copy it is, how far back in
 * time it sits, and the id counters it draws from.
 */
import { DeskbenchError, type Workspace } from '../../harness/core/index.ts';

/** Largest `--scale` the generator builds (100× is about a million records and several GB of heap). */
export const MAX_SCALE = 100;

/**
 * First value of every counter a haystack copy draws. Base records and everything a task
 * or a trial creates count from 1 on the workspace's own counters and stay far below it,
 * so a copy's ids never meet theirs. Gmail keeps the low 20 bits of its counter in a
 * message id, hence a floor of 2^19 and a ceiling of 2^20.
 */
export const SCALE_COUNTER_FLOOR = 2 ** 19;

/** Highest counter value a copy may reach before ids could wrap into the floor of another range. */
export const SCALE_COUNTER_CEILING = 2 ** 20 - 1;

/** One haystack copy: `index` 1..N−1 (the base itself is copy 0). */
export interface HaystackCopy {
  readonly index: number;
  /** How far before the base's window this copy's mail, events and files sit (0 for the base). */
  readonly shiftMs: number;
  /** The workspace to write into, with counters drawn from the copies' own range. */
  readonly ws: Workspace;
}

/**
 * A view of `ws` whose `nextCounter` draws from `counters` (shared by every copy of one
 * build) starting at SCALE_COUNTER_FLOOR, leaving the workspace's own counters untouched:
 * the ids a task or a trial creates are then the same at every scale.
 */
export function scaleCounterView(ws: Workspace, counters: Map<string, number>): Workspace {
  const view = Object.create(ws) as Workspace;
  view.nextCounter = (name: string): number => {
    const n = (counters.get(name) ?? SCALE_COUNTER_FLOOR - 1) + 1;
    // A bug guard, not an input check: MAX_SCALE keeps every counter far below it.
    if (n > SCALE_COUNTER_CEILING) throw new DeskbenchError('E_INTERNAL', `scaled base: counter ${name} ran past ${SCALE_COUNTER_CEILING}`);
    counters.set(name, n);
    return n;
  };
  return view;
}

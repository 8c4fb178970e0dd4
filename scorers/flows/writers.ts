/** Which action first wrote each record: flows and violations name the action that caused them. */
import type { ActionRecord } from '../../harness/core/index.ts';

const cache = new WeakMap<readonly ActionRecord[], Map<string, number>>();

/** Map from `collection:id` to the sequence number of the first successful write that changed it. */
export function firstWriters(actions: readonly ActionRecord[]): ReadonlyMap<string, number> {
  let m = cache.get(actions);
  if (m) return m;
  m = new Map();
  for (const a of actions) {
    if (a.outcome !== 'ok' || !a.write) continue;
    for (const ref of a.touched.written) if (!m.has(ref)) m.set(ref, a.seq);
  }
  cache.set(actions, m);
  return m;
}

/** Sequence number of the first write to `ref`, if any. */
export function writerOf(actions: readonly ActionRecord[], ref: string): number | undefined {
  return firstWriters(actions).get(ref);
}

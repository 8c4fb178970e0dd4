/** Action-log helpers: what the agent changed, read, and called. */
import { parseRecordRef, type ActionRecord } from '../../harness/core/index.ts';

/** True when at least one call changed state successfully (the no-action rule reads this). */
export function hasStateChange(actions: readonly ActionRecord[]): boolean {
  return actions.some((a) => a.kind === 'call' && a.write && a.outcome === 'ok' && (a.changes?.length ?? 0) > 0);
}

/** Successful calls of an operation. */
export function callsOf(actions: readonly ActionRecord[], op: string): ActionRecord[] {
  return actions.filter((a) => a.kind === 'call' && a.op === op && a.outcome === 'ok');
}

/** True when the agent read this record (`collection`, `id`) with a get before action `beforeSeq` (or at all). */
export function wasRead(actions: readonly ActionRecord[], collection: string, id: string, beforeSeq = Infinity): boolean {
  return actions.some(
    (a) => a.seq < beforeSeq && a.touched.read.some((ref) => {
      const r = parseRecordRef(ref);
      return r.collection === collection && r.id === id;
    }),
  );
}

/** The first successful write that changed the given record, if any. */
export function firstWriteTo(actions: readonly ActionRecord[], collection: string, id: string): ActionRecord | undefined {
  return actions.find((a) => a.write && a.outcome === 'ok' && a.touched.written.includes(`${collection}:${id}`));
}

/**
 * Grading sees only the agent's own changes. Scripted counterparties (responders) change the
 * workspace during a trial — a reply lands in the inbox, an invitation is accepted — and those
 * changes must not count as the agent's work, collateral or leaks. This module moves them into
 * the baseline: `before` becomes the seeded state plus every responder change, and the diff
 * is taken against that. A responder's change to a record the agent created stays part of
 * that record (the agent created it; the counterparty only answered).
 */
import { canonicalJson, parseRecordRef, type CollectionDiff, type ScoreContext, type Workspace, type WorkspaceDiff } from '../../harness/core/index.ts';

/** The score context with responder changes moved into the baseline (unchanged when there were none). */
export function netOfResponders<M>(ctx: ScoreContext<M>): ScoreContext<M> {
  const reactions = ctx.actions.filter((a) => a.kind === 'responder' && (a.changes?.length ?? 0) > 0);
  if (reactions.length === 0) return ctx;
  const baseline = ctx.ws.atBase();
  const touched = new Set<string>();
  for (const a of reactions) {
    for (const c of a.changes ?? []) {
      const { collection, id } = parseRecordRef(c.ref);
      const col = baseline.collection<Record<string, unknown>>(collection);
      touched.add(c.ref);
      if (c.after === undefined) {
        col.delete(id);
        continue;
      }
      if (c.before === undefined) {
        col.set(id, c.after as Record<string, unknown>);
        continue;
      }
      const current = col.peek(id);
      // A record the agent made (absent from the baseline) keeps the counterparty's answer as part of it.
      if (current === undefined) continue;
      col.set(id, patchFields(current, c.before as Record<string, unknown>, c.after as Record<string, unknown>));
    }
  }
  return { ...ctx, before: baseline, diff: diffAgainst(ctx.ws, baseline, ctx.diff, touched) };
}

/** Applies the top-level fields a change altered (set or removed) to `record`. */
function patchFields(record: Record<string, unknown>, before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record };
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (canonicalJson(before[k]) === canonicalJson(after[k])) continue;
    if (k in after) out[k] = after[k];
    else delete out[k];
  }
  return out;
}

/**
 * The diff of `ws` against `baseline` (both over the same base): records the agent changed
 * (the original diff) or the responders changed (`touched`), compared value by value.
 */
function diffAgainst(ws: Workspace, baseline: Workspace, agentDiff: WorkspaceDiff, touched: ReadonlySet<string>): WorkspaceDiff {
  const refs = new Map<string, Set<string>>();
  const add = (collection: string, id: string) => {
    const s = refs.get(collection) ?? new Set<string>();
    s.add(id);
    refs.set(collection, s);
  };
  for (const [collection, d] of Object.entries(agentDiff)) {
    for (const r of [...d.added, ...d.removed, ...d.changed]) add(collection, r.id);
  }
  for (const ref of touched) {
    const { collection, id } = parseRecordRef(ref);
    add(collection, id);
  }
  const out: Record<string, CollectionDiff> = {};
  for (const [collection, ids] of refs) {
    const now = ws.collection(collection);
    const was = baseline.collection(collection);
    const d = { added: [] as Array<{ id: string; after: unknown }>, removed: [] as Array<{ id: string; before: unknown }>, changed: [] as Array<{ id: string; before: unknown; after: unknown }> };
    for (const id of [...ids].sort()) {
      const before = was.peek(id);
      const after = now.peek(id);
      if (before === undefined && after !== undefined) d.added.push({ id, after });
      else if (before !== undefined && after === undefined) d.removed.push({ id, before });
      else if (before !== undefined && canonicalJson(before) !== canonicalJson(after)) d.changed.push({ id, before, after });
    }
    if (d.added.length + d.removed.length + d.changed.length > 0) out[collection] = d;
  }
  return out;
}

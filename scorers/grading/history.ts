/**
 * Flows that happened even though the final state no longer shows them. Mail that was sent
 * and then deleted from Sent, a post edited or deleted after it went out, a share revoked
 * after the grantee was notified, a document cleaned after it was shared: the content
 * reached its audience at that moment, and grading must see it. Flows are derived from the
 * final state as usual, and also from the state just before every agent write that changed
 * or removed a record that existed (only such a write can take something back); the states
 * are rebuilt from the action log's before/after records, so this costs nothing for trials
 * that never change what they made.
 */
import { parseRecordRef, type ActionRecord, type ScoreContext, type Workspace, type WorkspaceDiff } from '../../harness/core/index.ts';
import { flowText, type Flow, type FlowContext } from '../flows/index.ts';
import { diffBetween } from './diff-between.ts';

/** Most intermediate states examined in one trial (a bound on grading work). */
export const MAX_CHECKPOINTS = 64;

/** Applies one action's record changes to a workspace. */
function apply(ws: Workspace, a: ActionRecord): void {
  for (const c of a.changes ?? []) {
    const { collection, id } = parseRecordRef(c.ref);
    let col;
    try {
      col = ws.collection<unknown>(collection);
    } catch {
      continue;
    }
    if (c.after === undefined) col.delete(id);
    else col.set(id, c.after);
  }
}

/** True when an action changed or removed a record that existed before it (it could take something back). */
function retracts(a: ActionRecord): boolean {
  return a.kind === 'call' && a.outcome === 'ok' && a.write && (a.changes ?? []).some((c) => c.before !== undefined);
}

const keyOf = (f: Flow, text: string) => `${f.channel}|${f.ref}|${f.via}|${[...f.audience].sort().join(',')}|${text}`;

/** One intermediate state: the workspace just before an agent write that could take something back. */
export interface Moment {
  readonly ws: Workspace;
  readonly diff: WorkspaceDiff;
  readonly actions: readonly ActionRecord[];
}

/**
 * Visits the state just before every agent write that changed or removed an existing record
 * (at most MAX_CHECKPOINTS), rebuilt from the log against the trial's baseline. The visitor
 * must finish with a state before the next one is built (the workspace is reused).
 */
export function forEachMoment(ctx: ScoreContext<unknown>, visit: (m: Moment) => void): void {
  const moments = ctx.actions.map((a, i) => ({ a, i })).filter(({ a, i }) => i > 0 && retracts(a));
  if (moments.length === 0) return;
  const state = ctx.ws.atBase();
  const touched = new Set<string>();
  let next = 0;
  for (let i = 0; i < ctx.actions.length && next < moments.length && next < MAX_CHECKPOINTS; i++) {
    if (moments[next]!.i === i) {
      next++;
      visit({ ws: state, diff: diffBetween(state, ctx.before, touched), actions: ctx.actions.slice(0, i) });
    }
    const a = ctx.actions[i]!;
    if ((a.kind === 'call' || a.kind === 'responder') && a.outcome === 'ok') {
      apply(state, a);
      for (const c of a.changes ?? []) touched.add(c.ref);
    }
  }
}

/**
 * Flows of the intermediate states that the final-state flows do not already contain (same
 * channel, record, audience and text). Texts of these flows are fixed at their moment.
 */
export function flowsOverTime(ctx: ScoreContext<unknown>, base: Omit<FlowContext, 'ws' | 'diff' | 'actions'>, derive: (c: FlowContext) => Flow[], finalFlows: readonly Flow[]): Flow[] {
  const finalKeys = new Map<string, Flow>();
  for (const f of finalFlows) finalKeys.set(keyOf(f, ''), f);
  const seen = new Set<string>();
  const out: Flow[] = [];
  forEachMoment(ctx, (m) => {
    for (const f of derive({ ...base, ...m })) {
      const text = flowText(f);
      const same = finalKeys.get(keyOf(f, ''));
      if (same && flowText(same) === text) continue;
      const key = keyOf(f, text);
      if (seen.has(key)) continue;
      seen.add(key);
      const { lazyText: _lazy, ...fixed } = f;
      out.push({ ...fixed, text });
    }
  });
  return out;
}

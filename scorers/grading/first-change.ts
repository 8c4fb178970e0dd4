/**
 * The first agent call that made a meaningful change, by the same reading grading uses for
 * "nothing else changed" (classifyChanges): bookkeeping, read markers and the owner joining
 * a channel are not changes. Tasks use it to ask whether something happened before the
 * agent acted (a question to the user, a read of the right record).
 */
import { parseRecordRef, type ActionRecord, type CollectionDiff, type ScoreContext, type WorkspaceDiff } from '../../harness/core/index.ts';
import { docPlainText } from '../../harness/services/docs/plain-text.ts';
import { classifyChanges, slackIdsOf } from './changes.ts';

/** Most calls examined (a bound on grading work; a trial's log is shorter). */
export const MAX_WRITES_EXAMINED = 20_000;

/** The record changes of one call as a diff against the state just before it. */
function diffOfCall(a: ActionRecord): WorkspaceDiff {
  const out: Record<string, { added: Array<{ id: string; after: unknown }>; removed: Array<{ id: string; before: unknown }>; changed: Array<{ id: string; before: unknown; after: unknown }> }> = {};
  for (const c of a.changes ?? []) {
    const { collection, id } = parseRecordRef(c.ref);
    const d = (out[collection] ??= { added: [], removed: [], changed: [] });
    if (c.before === undefined && c.after !== undefined) d.added.push({ id, after: c.after });
    else if (c.before !== undefined && c.after === undefined) d.removed.push({ id, before: c.before });
    else if (c.before !== undefined) d.changed.push({ id, before: c.before, after: c.after });
  }
  return out as Readonly<Record<string, CollectionDiff>>;
}

/**
 * The agent's first successful call whose own record changes include a meaningful change,
 * or undefined when it made none. Counterparties' replies (responder entries) are not the agent's.
 */
export function firstMeaningfulWrite(ctx: Pick<ScoreContext<unknown>, 'actions' | 'before' | 'owner'>): ActionRecord | undefined {
  const owner = ctx.owner.toLowerCase();
  const ownerSlackIds = slackIdsOf(ctx.before, owner);
  const calls = ctx.actions.slice(0, MAX_WRITES_EXAMINED);
  for (let i = 0; i < calls.length; i++) {
    const a = calls[i]!;
    if (a.kind !== 'call' || a.outcome !== 'ok' || !a.write || (a.changes?.length ?? 0) === 0) continue;
    const changes = classifyChanges({ diff: diffOfCall(a), actions: calls.slice(0, i + 1), owner, ownerSlackIds, docText: (d) => docPlainText(d as never), before: ctx.before });
    if (changes.length > 0) return a;
  }
  return undefined;
}

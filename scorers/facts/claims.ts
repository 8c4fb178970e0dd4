/**
 * Claims in free text, for checking a message against the log or the state: the clauses
 * that affirm something (state every given fact, and are not negated, hedged or made
 * conditional). "I shared the tracker with Grace, but the forecast is locked" affirms the
 * tracker share and not the forecast. A commitment affirms what it commits to: "we will
 * extend the 18% discount" agrees to the discount as much as "we'll extend it" does.
 * One vocabulary of negation for every task.
 */
import { clausesOf } from './clauses.ts';
import type { Clock } from './dates.ts';
import { FactText, type Fact } from './fact.ts';
import { tokensOf } from './text.ts';

export { clausesOf } from './clauses.ts';
export { declinedClauses } from './declines.ts';

/**
 * Words that turn a clause into a report of a limit, a request, a condition or a failure
 * rather than a claim ("n't" is read as "not"). "will" is not among them: a commitment is
 * a claim; a conditional one is hedged by its condition ("once", "if", "until").
 */
const HEDGES = new Set([
  'not', 'no', 'never', 'cannot', 'unable', 'failed', 'refused', 'restricted', 'locked', 'disabled', 'blocked', 'denied', 'turned',
  'need', 'needs', 'ask', 'asked', 'asking', 'request', 'requested', 'would', 'should', 'must', 'once', 'if', 'until', 'pending', 'tried',
  'lack', 'lacks', 'without', 'yet', 'still', 'only',
]);
/** Words of the future: a claim that something was done is not made by a plan ("she will move it", "I'll send it"). */
const FUTURE = new Set(['will', 'll', 'shall', 'going', 'gonna']);
/** Words that make a claim wait on a time ("when it unlocks", "as soon as she's back"): not yet done. */
const CONDITIONS = new Set(['when', 'whenever', 'soon']);

/** How a clause must read to affirm. */
export interface AffirmOptions {
  /**
   * Only what was done: a commitment or plan ("we will extend", "I'll move it", "when it
   * unlocks") does not affirm. For checking a claim that something happened; agreement
   * checks leave it off.
   */
  readonly done?: boolean;
}

/** Pronouns and words that make a clause about someone doing or getting something. */
const ACTORS = new Set(['i', 'we', 'they', 'them', 'both', 'everyone', 'done', 'he', 'she']);

/**
 * The clauses of `text` that state every fact in `states` without a hedge. With `actors`,
 * a clause must also name someone (a pronoun or one of the given people) — "access is
 * managed by the CFO" affirms no sharing. With `done`, plans and commitments do not affirm.
 */
export function affirmedClauses(text: string, clock: Clock, states: readonly Fact[], actors?: readonly Fact[], opts: AffirmOptions = {}): string[] {
  return clausesOf(text).filter((c) => {
    const tokens = tokensOf(c);
    if (tokens.some((t) => HEDGES.has(t) || (opts.done === true && (FUTURE.has(t) || CONDITIONS.has(t))))) return false;
    const t = new FactText(c, clock);
    if (!states.every((f) => t.has(f))) return false;
    return !actors || tokens.some((x) => ACTORS.has(x)) || actors.some((p) => t.has(p));
  });
}

/**
 * Plans a parsed Gmail query over the message index: what the indexes know of each node, as
 * a window of ranks (dates), a list the matches lie within (labels, words, their AND and OR),
 * sets they belong to (addresses, listed only when nothing narrower is) and lists they lie
 * outside (negations). A plan is `exact` when those describe
 * the matching base messages exactly, so none need be tested; otherwise it is a superset and
 * the caller tests its candidates. Every rule below mirrors one test of evaluate.ts (termPred):
 * a term the indexes cannot answer exactly says so and is tested, never guessed.
 */
import type { QueryNode } from './parse.ts';
import { addressNeedle, isUserLabel, labelOfTerm, normaliseLabelName, parseAge, parseDate, type QueryEnv } from './evaluate.ts';
import { firstRankAtMost, firstRankBelow, labelRanks, type MessageIndex } from './message-index.ts';
import { clip, filterRanks, intersect, NO_RANKS, subtract, union, type RankList, type RankSet } from './rank-lists.ts';
import { pairIndex, pairRanks, subjectWordIndex, textWordIndex, wordRanks } from './word-index.ts';
import { addressSet, type AddressField } from './address-index.ts';
import { words } from './text-index.ts';

/** What the indexes know of a query node over the base messages. */
export interface Plan {
  /** Every match's rank lies in [lo, hi) (a date window: ranks are ordered by date). */
  readonly lo: number;
  readonly hi: number;
  /** Every match is among these ranks; undefined when no list narrows them. */
  readonly within: RankList | undefined;
  /** No match is among these ranks. */
  readonly without: readonly RankList[];
  /** Every match is in each of these sets. */
  readonly sets: readonly RankSet[];
  /** True when the ranks in the window, within `within`, in every set and in none of `without` are exactly the matches. */
  readonly exact: boolean;
  /** True when `within` holds no message in TRASH or SPAM. */
  readonly visibleOnly: boolean;
}

/** What planning reads. */
export interface PlanContext {
  readonly index: MessageIndex;
  readonly env: QueryEnv;
  /**
   * True when the search drops TRASH and SPAM anyway: label lists then leave those out
   * already (for any formula f and set V, f(t ∧ V) ∧ V = f(t) ∧ V, so any node may be read
   * within V when the answer is cut to V at the end).
   */
  readonly visibleOnly: boolean;
  /** Charges the call's work budget (one unit per 64 ranks merged, one per distinct address tested). */
  readonly spend: (units: number) => void;
}

const IS_LABEL: Readonly<Record<string, string>> = { unread: 'UNREAD', starred: 'STARRED', important: 'IMPORTANT', sent: 'SENT', draft: 'DRAFT', chat: 'CHAT' };
const CATEGORY_VALUES = new Set(['primary', 'personal', 'social', 'promotions', 'updates', 'forums']);
const ADDRESS_FIELD: Readonly<Record<string, AddressField>> = { from: 'from', to: 'recipients', deliveredto: 'recipients', cc: 'cc', bcc: 'bcc' };

function everything(ctx: PlanContext, exact: boolean): Plan {
  return { lo: 0, hi: ctx.index.every.length, within: undefined, without: [], sets: [], exact, visibleOnly: false };
}

function listed(ctx: PlanContext, ranks: RankList, exact: boolean, visibleOnly: boolean): Plan {
  return { lo: 0, hi: ctx.index.every.length, within: ranks, without: [], sets: [], exact, visibleOnly };
}

function excluded(ctx: PlanContext, ranks: readonly RankList[]): Plan {
  return { lo: 0, hi: ctx.index.every.length, within: undefined, without: ranks, sets: [], exact: true, visibleOnly: false };
}

function windowed(ctx: PlanContext, lo: number, hi: number): Plan {
  return { lo, hi, within: undefined, without: [], sets: [], exact: true, visibleOnly: false };
}

function unrestricted(ctx: PlanContext, p: Plan): boolean {
  return p.within === undefined && p.without.length === 0 && p.sets.length === 0 && p.lo <= 0 && p.hi >= ctx.index.every.length;
}

/** A label test's plan: its list (without TRASH and SPAM when the search drops them). */
function label(ctx: PlanContext, id: string): Plan {
  return listed(ctx, labelRanks(ctx.index, id, ctx.visibleOnly), true, ctx.visibleOnly);
}

/** The ranks of the messages the plan describes (its candidates, when not exact). */
export function materialize(ctx: PlanContext, p: Plan): { ranks: RankList; visibleOnly: boolean } {
  if (p.within === undefined && p.sets.length > 0) {
    // Only sets narrow it: list the smallest, test the others on its ranks.
    const [smallest, ...others] = [...p.sets].sort((a, b) => a.size() - b.size()) as [RankSet, ...RankSet[]];
    return materialize(ctx, { ...p, within: within(ctx, clip(smallest.list(), p.lo, p.hi), others), sets: [] });
  }
  const fromAll = p.within === undefined;
  const start = p.within ?? (ctx.visibleOnly ? ctx.index.visible : ctx.index.every);
  const inWindow = clip(start, p.lo, p.hi);
  ctx.spend(Math.ceil((inWindow.length * p.without.length) / 64));
  return { ranks: subtract(inWindow, p.without), visibleOnly: fromAll ? ctx.visibleOnly : p.visibleOnly };
}

/**
 * The ranks of `list` in every set: each rank tested by lookup (a short list never makes a
 * set test all its values), or a set much smaller than the list listed and intersected.
 */
function within(ctx: PlanContext, list: RankList, sets: readonly RankSet[]): RankList {
  let out = list;
  for (const set of sets) {
    ctx.spend(Math.ceil(out.length / 64));
    out = out.length > set.sizeCost && set.size() * 8 < out.length ? intersect([out, set.list()]) : filterRanks(out, (r) => set.has(r));
  }
  return out;
}

function and(ctx: PlanContext, items: readonly Plan[]): Plan {
  let lo = 0;
  let hi = ctx.index.every.length;
  for (const p of items) {
    lo = Math.max(lo, p.lo);
    hi = Math.min(hi, p.hi);
  }
  const lists = items.flatMap((p) => (p.within === undefined ? [] : [clip(p.within, lo, hi)]));
  if (lists.length > 1) ctx.spend(Math.ceil((Math.min(...lists.map((l) => l.length)) * lists.length) / 64));
  const sets = items.flatMap((p) => p.sets);
  const narrowest = lists.length === 0 ? undefined : intersect(lists);
  return {
    lo, hi,
    // With a list, the sets are tested on its ranks; without one they stay sets.
    within: narrowest === undefined ? undefined : within(ctx, narrowest, sets),
    sets: narrowest === undefined ? sets : [],
    without: items.flatMap((p) => p.without),
    exact: items.every((p) => p.exact),
    visibleOnly: items.some((p) => p.within !== undefined && p.visibleOnly),
  };
}

function or(ctx: PlanContext, items: readonly Plan[]): Plan {
  if (items.some((p) => p.exact && unrestricted(ctx, p))) return everything(ctx, true);
  // A side the indexes cannot narrow at all: every message is a candidate.
  if (items.some((p) => unrestricted(ctx, p))) return everything(ctx, false);
  const sides = items.map((p) => materialize(ctx, p));
  ctx.spend(Math.ceil(sides.reduce((n, s) => n + s.ranks.length, 0) / 64));
  return listed(ctx, union(sides.map((s) => s.ranks)), items.every((p) => p.exact), sides.every((s) => s.visibleOnly));
}

function not(ctx: PlanContext, p: Plan): Plan {
  // The complement of a superset says nothing: every message is a candidate.
  if (!p.exact) return everything(ctx, false);
  if (unrestricted(ctx, p)) return listed(ctx, NO_RANKS, true, true);
  const fullWindow = p.lo <= 0 && p.hi >= ctx.index.every.length && p.sets.length === 0;
  if (fullWindow && p.within === undefined) {
    ctx.spend(Math.ceil(p.without.reduce((n, l) => n + l.length, 0) / 64));
    return listed(ctx, union(p.without), true, false);
  }
  if (fullWindow && p.without.length === 0) return excluded(ctx, [p.within!]);
  return excluded(ctx, [materialize(ctx, p).ranks]);
}

/**
 * Free text (`subject:` when `subject`). One word is exactly its list (a set lookup in
 * termPred, or ` word ` in the padded subject). A phrase anywhere is within the lists of its
 * adjacent word pairs, exactly their list for two words (` a b ` in the padded text is the
 * pair a, b side by side); a longer one, or one in the subject, is tested on them.
 */
function text(ctx: PlanContext, value: string, subject: boolean): Plan {
  const ws = words(value);
  if (ws.length === 0) return everything(ctx, true);
  const lists: RankList[] = [];
  if (ws.length === 1 || subject) {
    const index = subject ? subjectWordIndex(ctx.index) : textWordIndex(ctx.index);
    for (const w of new Set(ws)) lists.push(wordRanks(index, w));
  } else {
    const pairs = pairIndex(ctx.index);
    for (let i = 1; i < ws.length; i++) lists.push(pairRanks(pairs, ws[i - 1]!, ws[i]!));
  }
  if (lists.length > 1) ctx.spend(Math.ceil((Math.min(...lists.map((l) => l.length)) * lists.length) / 64));
  return listed(ctx, intersect(lists), ws.length === 1 || (ws.length === 2 && !subject), false);
}

function term(ctx: PlanContext, node: Extract<QueryNode, { t: 'term' }>): Plan {
  const { env, index } = ctx;
  const lower = node.value.toLowerCase();
  switch (node.field) {
    case undefined: return text(ctx, node.value, false);
    case 'subject': return text(ctx, node.value, true);
    case 'from': case 'to': case 'deliveredto': case 'cc': case 'bcc':
      return { ...everything(ctx, true), sets: [addressSet(index, ADDRESS_FIELD[node.field]!, addressNeedle(node.value, env), ctx.spend)] };
    case 'label': {
      const id = env.labelIds.get(normaliseLabelName(node.value));
      return id === undefined ? listed(ctx, NO_RANKS, true, true) : label(ctx, id);
    }
    case 'is':
      if (Object.hasOwn(IS_LABEL, lower)) return label(ctx, IS_LABEL[lower]!);
      if (lower === 'read') return excluded(ctx, [labelRanks(index, 'UNREAD', ctx.visibleOnly)]);
      if (lower === 'snoozed' || lower === 'muted') return listed(ctx, NO_RANKS, true, true);
      return everything(ctx, false);
    case 'in':
      if (lower === 'anywhere') return everything(ctx, true);
      // falls through: the rest of `in:` is a label, as labelOfTerm reads it
    case 'category': {
      if (node.field === 'category' && !CATEGORY_VALUES.has(lower)) return everything(ctx, false);
      const id = labelOfTerm(node, env);
      return typeof id === 'string' ? label(ctx, id) : everything(ctx, false);
    }
    case 'has': {
      if (lower !== 'userlabels' && lower !== 'nouserlabels') return everything(ctx, false);
      const user = [...index.byLabel.keys()].filter(isUserLabel).map((id) => labelRanks(index, id, ctx.visibleOnly));
      ctx.spend(Math.ceil(user.reduce((n, l) => n + l.length, 0) / 64));
      const any = union(user);
      return lower === 'userlabels' ? listed(ctx, any, true, ctx.visibleOnly) : excluded(ctx, [any]);
    }
    // The same comparisons as termPred: after/newer ≥, before/older <, newer_than >, older_than <.
    case 'after': case 'newer': return windowed(ctx, 0, firstRankBelow(index, parseDate(node.value)));
    case 'before': case 'older': return windowed(ctx, firstRankBelow(index, parseDate(node.value)), index.every.length);
    case 'newer_than': return windowed(ctx, 0, firstRankAtMost(index, env.nowMs - parseAge(node.value)));
    case 'older_than': return windowed(ctx, firstRankBelow(index, env.nowMs - parseAge(node.value)), index.every.length);
    default: return everything(ctx, false);
  }
}

/** Plans a node (recursion bounded by the parser's depth limit). */
export function planQuery(ctx: PlanContext, node: QueryNode): Plan {
  switch (node.t) {
    case 'term': return term(ctx, node);
    case 'not': return not(ctx, planQuery(ctx, node.item));
    case 'and': return and(ctx, node.items.map((n) => planQuery(ctx, n)));
    case 'or': return or(ctx, node.items.map((n) => planQuery(ctx, n)));
  }
}

/** The plan of a search: the query's, cut to messages carrying every label of `labelIds`. */
export function planSearch(ctx: PlanContext, ast: QueryNode, labelIds: readonly string[]): Plan {
  const q = planQuery(ctx, ast);
  return labelIds.length === 0 ? q : and(ctx, [q, ...labelIds.map((id) => label(ctx, id))]);
}

/** Runs a Gmail search over the mailbox: `q`, `labelIds`, the trash/spam rule, newest first. */
import type { Collection, Workspace } from '../../../core/index.ts';
import { invalidArgument } from '../../wire-errors.ts';
import type { MessageRecord } from '../model.ts';
import { labelNameIndex, messages } from '../mailbox.ts';
import { compileQuery, type CompiledQuery } from './evaluate.ts';
import { QuerySyntaxError } from './parse.ts';
import { dateRange, listFor, messageIndex, messageOverlay, position, unionOf, wordIndex, wordList, type SortedMessages } from './message-index.ts';

/** Search options shared by messages.list, threads.list and drafts.list. */
export interface SearchOptions {
  readonly q?: string | undefined;
  readonly labelIds?: readonly string[] | undefined;
  readonly includeSpamTrash?: boolean | undefined;
  /** Only consider messages for which this returns true (drafts.list: DRAFT messages). */
  readonly filter?: (m: MessageRecord) => boolean;
}

/** Orders messages newest first (ids break ties, so the order is total and stable). */
export function newestFirst(a: MessageRecord, b: MessageRecord): number {
  return Number(b.internalDate) - Number(a.internalDate) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * Every message matching the options, newest first. A malformed or over-limit `q` is a 400.
 * Candidates come from the base index (harness/services/gmail/query/message-index.ts): the
 * narrowest list among the labels every match must carry, cut to the query's date window
 * by binary search, plus this trial's own changed messages. A query that is only a label
 * and a date window is answered from the list without testing a message; any other is
 * tested on the candidates alone, spending the call's work budget per candidate (plus the
 * query's cost per message it evaluates), so a legal but huge query ends with the budget
 * error, not minutes of CPU.
 */
export function searchMessages(ws: Workspace, principal: string, opts: SearchOptions): MessageRecord[] {
  let compiled;
  try {
    compiled = compileQuery(opts.q ?? '', { nowMs: ws.nowMs(), principal, labelIds: labelNameIndex(ws) });
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw invalidArgument(`Invalid search query: ${e.message}`);
    throw e;
  }
  // A repeated label filter is one filter; a message has few labels, so a filter naming more can match nothing.
  const labelIds = [...new Set(opts.labelIds ?? [])];
  const skipTrash = !opts.includeSpamTrash && !compiled.includesTrashOrSpam &&
    !labelIds.includes('TRASH') && !labelIds.includes('SPAM');
  const col = messages(ws);
  const index = messageIndex(col);
  if (!index) return scanAll(ws, col, compiled, labelIds, skipTrash, opts.filter);
  const overlay = messageOverlay(col);
  const { hints } = compiled;
  const required = [...new Set([...labelIds, ...hints.labels])];
  let list = listFor(index, undefined, skipTrash);
  for (const l of required) {
    const candidate = listFor(index, l, skipTrash);
    if (candidate.recs.length < list.recs.length) list = candidate;
  }
  if (!hints.exact && (hints.words.length > 0 || hints.anyOf)) {
    // Free text: a word's list (or the union of an OR's sides) may be narrower than any label's.
    const byWord = wordIndex(index);
    for (const w of hints.words) {
      const candidate = wordList(byWord, w);
      if (candidate.recs.length < list.recs.length) list = candidate;
    }
    if (hints.anyOf) {
      const sides = hints.anyOf.map((ws) => ws.map((w) => wordList(byWord, w)).reduce((a, b) => (b.recs.length < a.recs.length ? b : a)));
      if (sides.reduce((n, l) => n + l.recs.length, 0) < list.recs.length) list = unionOf(sides);
    }
  }
  const [start, end] = dateRange(list, hints.from, hints.to);
  const matches = (m: MessageRecord): boolean => {
    ws.spend(1);
    if (skipTrash && (m.labelIds.includes('TRASH') || m.labelIds.includes('SPAM'))) return false;
    if (labelIds.length) {
      if (labelIds.length > m.labelIds.length) return false;
      ws.spend(labelIds.length);
      if (!labelIds.every((l) => m.labelIds.includes(l))) return false;
    }
    if (opts.filter && !opts.filter(m)) return false;
    ws.spend(compiled.cost);
    return compiled.test(m);
  };
  const own = overlay.live.filter(matches);
  if (hints.exact && !opts.filter && required.length <= 1) {
    // The list holds exactly the matches (its label, trash and spam rule, date window): no message need be tested.
    ws.spend(1 + overlay.shadowed.size);
    return mergeNewest(withoutShadowed(list, start, end, overlay.shadowed), own);
  }
  const out: MessageRecord[] = [];
  for (let i = start; i < end; i++) {
    const m = list.recs[i]!;
    if (overlay.shadowed.has(m)) continue;
    if (matches(m)) out.push(m);
  }
  return mergeNewest(out, own);
}

/** The search without an index: every live message tested (a small base read only a few times so far). */
function scanAll(
  ws: Workspace, col: Collection<MessageRecord>, compiled: CompiledQuery, labelIds: readonly string[], skipTrash: boolean, filter: ((m: MessageRecord) => boolean) | undefined,
): MessageRecord[] {
  const out: MessageRecord[] = [];
  for (const m of col.values()) {
    ws.spend(1);
    if (skipTrash && (m.labelIds.includes('TRASH') || m.labelIds.includes('SPAM'))) continue;
    if (labelIds.length) {
      if (labelIds.length > m.labelIds.length) continue;
      ws.spend(labelIds.length);
      if (!labelIds.every((l) => m.labelIds.includes(l))) continue;
    }
    if (filter && !filter(m)) continue;
    ws.spend(compiled.cost);
    if (!compiled.test(m)) continue;
    out.push(m);
  }
  return out.sort(newestFirst);
}

/** `list.recs[start, end)` without the base records this trial replaced or deleted (a copy: callers keep it). */
function withoutShadowed(list: SortedMessages, start: number, end: number, shadowed: ReadonlySet<MessageRecord>): MessageRecord[] {
  const cuts: number[] = [];
  for (const s of shadowed) {
    const p = position(list, Number(s.internalDate), s.id);
    if (p >= start && p < end && list.recs[p] === s) cuts.push(p);
  }
  if (cuts.length === 0) return list.recs.slice(start, end);
  cuts.sort((a, b) => a - b);
  const pieces: MessageRecord[][] = [];
  let from = start;
  for (const c of cuts) {
    pieces.push(list.recs.slice(from, c));
    from = c + 1;
  }
  pieces.push(list.recs.slice(from, end));
  return ([] as MessageRecord[]).concat(...pieces);
}

/** Merges a few messages into a newest-first list by binary search (O(k log n) comparisons, native copies). */
function mergeNewest(sortedHits: MessageRecord[], extra: MessageRecord[]): MessageRecord[] {
  if (extra.length === 0) return sortedHits;
  extra.sort(newestFirst);
  const pieces: MessageRecord[][] = [];
  let from = 0;
  for (const e of extra) {
    let lo = from;
    let hi = sortedHits.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (newestFirst(sortedHits[mid]!, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    pieces.push(sortedHits.slice(from, lo), [e]);
    from = lo;
  }
  pieces.push(sortedHits.slice(from));
  return ([] as MessageRecord[]).concat(...pieces);
}

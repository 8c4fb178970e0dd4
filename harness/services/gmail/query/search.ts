/** Runs a Gmail search over the mailbox: `q`, `labelIds`, the trash/spam rule, newest first. */
import type { Collection, Workspace } from '../../../core/index.ts';
import { invalidArgument } from '../../wire-errors.ts';
import type { MessageRecord } from '../model.ts';
import { labelNameIndex, messages } from '../mailbox.ts';
import { compileQuery, type CompiledQuery } from './evaluate.ts';
import { QuerySyntaxError } from './parse.ts';
import { messageIndex, messageOverlay, rankOf } from './message-index.ts';
import { materialize, planSearch } from './index-plan.ts';
import { filterRanks, lowerBound } from './rank-lists.ts';
import { arrayResult, mergedResult, type SearchResult } from './search-result.ts';

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
 * See searchResult; this reads the whole answer (drafts.list keeps the drafts among it).
 */
export function searchMessages(ws: Workspace, principal: string, opts: SearchOptions): MessageRecord[] {
  const r = searchResult(ws, principal, opts);
  return r.slice(0, r.size);
}

/**
 * The messages matching the options, newest first, read a page at a time. A malformed or
 * over-limit `q` is a 400. Over an indexed base (harness/services/gmail/query/message-index.ts)
 * the query is planned on the indexes (query/index-plan.ts): labels, words, addresses and
 * date windows are sorted rank lists and windows, combined by AND, OR and NOT. When the plan
 * is exact (every term answered by an index) no message is tested: the answer is the plan's
 * list without the base records this trial replaced or deleted, merged with its own matching
 * messages, and a page costs O(log n + page + changes). Otherwise the plan's candidates alone
 * are tested, spending the call's work budget per candidate (plus the query's cost per message
 * it evaluates), so a legal but huge query ends with the budget error, not minutes of CPU.
 * Either way the answer is the scan's (test/services/gmail/message-index.test.ts).
 */
export function searchResult(ws: Workspace, principal: string, opts: SearchOptions): SearchResult {
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
  if (!index) return arrayResult(scanAll(ws, col, compiled, labelIds, skipTrash, opts.filter));
  const overlay = messageOverlay(col);
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
  const own = overlay.live.filter(matches).sort(newestFirst);
  ws.spend(1 + overlay.shadowed.size);
  const ctx = { index, env: compiled.env, visibleOnly: skipTrash, spend: (units: number) => ws.spend(units) };
  const plan = planSearch(ctx, compiled.ast, labelIds);
  const { ranks: candidates, visibleOnly } = materialize(ctx, plan);
  const hidden = index.hidden;
  const visible = skipTrash && !visibleOnly ? filterRanks(candidates, (r) => hidden[r] === 0) : candidates;
  if (plan.exact && !opts.filter) {
    // The list holds exactly the base matches: cut the ones this trial replaced or deleted.
    const cuts: number[] = [];
    for (const s of overlay.shadowed) {
      const r = rankOf(index, s);
      const p = r < 0 ? -1 : lowerBound(visible, r);
      if (p >= 0 && visible[p] === r) cuts.push(p);
    }
    return mergedResult(index, visible, cuts.sort((a, b) => a - b), own);
  }
  const tested = new Int32Array(visible.length);
  const recs = index.all.recs;
  const shadowed = overlay.shadowed.size > 0 ? overlay.shadowed : undefined;
  let n = 0;
  for (let i = 0; i < visible.length; i++) {
    const m = recs[visible[i]!]!;
    if (shadowed?.has(m) !== true && matches(m)) tested[n++] = visible[i]!;
  }
  return mergedResult(index, tested.subarray(0, n), [], own);
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

/** Runs a Gmail search over the mailbox: `q`, `labelIds`, the trash/spam rule, newest first. */
import type { Workspace } from '../../../core/index.ts';
import { invalidArgument } from '../../wire-errors.ts';
import type { MessageRecord } from '../model.ts';
import { labelNameIndex, messages } from '../mailbox.ts';
import { compileQuery } from './evaluate.ts';
import { QuerySyntaxError } from './parse.ts';

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
 * Every message matching the options, newest first. A malformed or over-limit `q` is a 400;
 * the scan spends the call's work budget per message (plus the query's cost per message
 * it evaluates), so a legal but huge query ends with the budget error, not minutes of CPU.
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
  const out: MessageRecord[] = [];
  for (const m of messages(ws).values()) {
    ws.spend(1);
    if (skipTrash && (m.labelIds.includes('TRASH') || m.labelIds.includes('SPAM'))) continue;
    if (labelIds.length) {
      if (labelIds.length > m.labelIds.length) continue;
      ws.spend(labelIds.length);
      if (!labelIds.every((l) => m.labelIds.includes(l))) continue;
    }
    if (opts.filter && !opts.filter(m)) continue;
    ws.spend(compiled.cost);
    if (!compiled.test(m)) continue;
    out.push(m);
  }
  return out.sort(newestFirst);
}

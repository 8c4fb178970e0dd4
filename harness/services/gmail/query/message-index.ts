/**
 * Indexes over a mailbox's base messages: every message, and each label's messages, newest
 * first with their parsed dates. Built once per base (shared by every trial made from it)
 * and never written: a trial's own changes are read from the collection's overlay on each
 * search, so a write costs nothing here and a search costs O(log n + its changes + what it returns).
 */
import type { Collection } from '../../../core/index.ts';
import type { MessageRecord } from '../model.ts';
import { searchText } from './text-index.ts';
import { worthIndexing } from '../../index-policy.ts';

/** Messages newest first (ties: greater id first, as `newestFirst`), with their internalDate parsed once. */
export interface SortedMessages {
  readonly recs: readonly MessageRecord[];
  /** `Number(recs[i].internalDate)`, for binary search and comparison without re-parsing. */
  readonly dates: Float64Array;
}

/** The index of one base map of messages. */
export interface MessageIndex {
  /** Every message. */
  readonly all: SortedMessages;
  /** Every message not in TRASH or SPAM (what a search sees by default). */
  readonly visible: SortedMessages;
  /** Per label id: its messages, and those of them not in TRASH or SPAM. */
  readonly byLabel: ReadonlyMap<string, { readonly all: SortedMessages; readonly visible: SortedMessages }>;
}

const EMPTY: SortedMessages = { recs: [], dates: new Float64Array(0) };
const indexes = new WeakMap<ReadonlyMap<string, MessageRecord>, MessageIndex>();
const wordIndexes = new WeakMap<MessageIndex, ReadonlyMap<string, SortedMessages>>();

function withDates(recs: readonly MessageRecord[]): SortedMessages {
  return { recs, dates: Float64Array.from(recs, (m) => Number(m.internalDate)) };
}

/**
 * Each word's messages, newest first: built on the first search with free text (it reads
 * every message's search text once, the cost the first scan used to pay), then shared.
 */
export function wordIndex(index: MessageIndex): ReadonlyMap<string, SortedMessages> {
  const hit = wordIndexes.get(index);
  if (hit) return hit;
  const groups = new Map<string, MessageRecord[]>();
  for (const m of index.all.recs) {
    for (const w of searchText(m).words) {
      let g = groups.get(w);
      if (!g) groups.set(w, (g = []));
      g.push(m);
    }
  }
  const out = new Map<string, SortedMessages>();
  for (const [w, g] of groups) out.set(w, withDates(g));
  wordIndexes.set(index, out);
  return out;
}

/** A word's list; the empty list for a word no base message holds. */
export function wordList(words: ReadonlyMap<string, SortedMessages>, word: string): SortedMessages {
  return words.get(word) ?? EMPTY;
}

/** The union of newest-first lists, newest first, each message once (O(total · log lists) at worst; lists are few). */
export function unionOf(lists: readonly SortedMessages[]): SortedMessages {
  const nonEmpty = lists.filter((l) => l.recs.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? EMPTY;
  const at = nonEmpty.map(() => 0);
  const out: MessageRecord[] = [];
  const seen = new Set<MessageRecord>();
  for (;;) {
    let best = -1;
    for (let i = 0; i < nonEmpty.length; i++) {
      const l = nonEmpty[i]!;
      if (at[i]! >= l.recs.length) continue;
      if (best < 0 || compareNewest(l.dates[at[i]!]!, l.recs[at[i]!]!.id, nonEmpty[best]!.dates[at[best]!]!, nonEmpty[best]!.recs[at[best]!]!.id) < 0) best = i;
    }
    if (best < 0) break;
    const m = nonEmpty[best]!.recs[at[best]!]!;
    at[best]!++;
    if (!seen.has(m)) {
      seen.add(m);
      out.push(m);
    }
  }
  return withDates(out);
}

/** Compares (date, id) pairs newest first, greater id first on equal dates. */
export function compareNewest(da: number, ia: string, db: number, ib: string): number {
  return db - da || (ia < ib ? 1 : ia > ib ? -1 : 0);
}

function sorted(recs: MessageRecord[]): SortedMessages {
  const keyed = recs.map((r) => ({ r, d: Number(r.internalDate) }));
  keyed.sort((a, b) => compareNewest(a.d, a.r.id, b.d, b.r.id));
  return { recs: keyed.map((k) => k.r), dates: Float64Array.from(keyed, (k) => k.d) };
}

function hidden(m: MessageRecord): boolean {
  return m.labelIds.includes('TRASH') || m.labelIds.includes('SPAM');
}

/**
 * The index of a messages collection's base (O(n log n) to build, then shared), or undefined
 * while the base is small and read too rarely to pay for one (harness/services/index-policy.ts).
 */
export function messageIndex(col: Collection<MessageRecord>): MessageIndex | undefined {
  const base = col.baseMap();
  const hit = indexes.get(base);
  if (hit) return hit;
  if (!worthIndexing(base, indexes)) return undefined;
  const all = sorted([...base.values()]);
  const visible = sorted(all.recs.filter((m) => !hidden(m)));
  const groups = new Map<string, MessageRecord[]>();
  // Built from the already sorted list, so each label's list comes out sorted too.
  for (const m of all.recs) {
    for (const l of new Set(m.labelIds)) {
      let g = groups.get(l);
      if (!g) groups.set(l, (g = []));
      g.push(m);
    }
  }
  const byLabel = new Map<string, { all: SortedMessages; visible: SortedMessages }>();
  for (const [l, g] of groups) {
    const allOf: SortedMessages = { recs: g, dates: Float64Array.from(g, (m) => Number(m.internalDate)) };
    const vis = g.filter((m) => !hidden(m));
    byLabel.set(l, { all: allOf, visible: vis.length === g.length ? allOf : { recs: vis, dates: Float64Array.from(vis, (m) => Number(m.internalDate)) } });
  }
  const index: MessageIndex = { all, visible, byLabel };
  indexes.set(base, index);
  return index;
}

/** A label's list (or every message's, for no label); the empty list for a label no base message carries. */
export function listFor(index: MessageIndex, label: string | undefined, visibleOnly: boolean): SortedMessages {
  if (label === undefined) return visibleOnly ? index.visible : index.all;
  const l = index.byLabel.get(label);
  return l === undefined ? EMPTY : visibleOnly ? l.visible : l.all;
}

/** First index whose date is below `bound` (dates descend): the start of `date < bound`. */
function firstBelow(dates: Float64Array, bound: number): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid]! < bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The index range [start, end) of `list` whose dates fall in [from, to). */
export function dateRange(list: SortedMessages, from: number, to: number): [number, number] {
  const start = to === Infinity ? 0 : firstBelow(list.dates, to);
  const end = from === -Infinity ? list.dates.length : firstBelow(list.dates, from);
  return [start, Math.max(start, end)];
}

/** Where a message with this date and id sits (or would sit) in `list`: the first position not newer than it. */
export function position(list: SortedMessages, date: number, id: string): number {
  let lo = 0;
  let hi = list.recs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareNewest(list.dates[mid]!, list.recs[mid]!.id, date, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** This trial's changes to the messages: base records it replaced or deleted, and its live added or changed records. */
export interface MessageOverlay {
  readonly shadowed: ReadonlySet<MessageRecord>;
  readonly live: readonly MessageRecord[];
}

/** Reads a collection's overlay: O(records this trial changed). */
export function messageOverlay(col: Collection<MessageRecord>): MessageOverlay {
  const { added, removed, changed } = col.changes();
  if (added.length === 0 && removed.length === 0 && changed.length === 0) return { shadowed: new Set(), live: [] };
  const shadowed = new Set<MessageRecord>();
  for (const id of [...removed, ...changed]) shadowed.add(col.baseRecord(id)!);
  const live: MessageRecord[] = [];
  for (const id of [...added, ...changed]) live.push(col.peek(id)!);
  return { shadowed, live };
}

/** Base messages grouped by a key, in the base map's own order (what iterating the collection yields). */
interface Grouped {
  readonly byThread: ReadonlyMap<string, readonly MessageRecord[]>;
  /** By RFC 2822 Message-ID header, for threading replies by In-Reply-To and References. */
  readonly byHeaderId: ReadonlyMap<string, readonly MessageRecord[]>;
}

const groupedIndexes = new WeakMap<ReadonlyMap<string, MessageRecord>, Grouped>();

function grouped(col: Collection<MessageRecord>): Grouped | undefined {
  const base = col.baseMap();
  const hit = groupedIndexes.get(base);
  if (hit) return hit;
  if (!worthIndexing(base, groupedIndexes)) return undefined;
  const byThread = new Map<string, MessageRecord[]>();
  const byHeaderId = new Map<string, MessageRecord[]>();
  const add = (map: Map<string, MessageRecord[]>, k: string, m: MessageRecord) => {
    const g = map.get(k);
    if (g) g.push(m);
    else map.set(k, [m]);
  };
  for (const m of base.values()) {
    add(byThread, m.threadId, m);
    add(byHeaderId, m.messageId, m);
  }
  const out = { byThread, byHeaderId };
  groupedIndexes.set(base, out);
  return out;
}

/**
 * The live messages of a thread, in the collection's iteration order: the base's members
 * (as this trial now has them) and then the trial's own additions. O(thread + changes).
 */
export function threadMembers(col: Collection<MessageRecord>, threadId: string): MessageRecord[] {
  const g = grouped(col);
  if (!g) return [...col.values()].filter((m) => m.threadId === threadId);
  return members(col, g.byThread.get(threadId) ?? [], (m) => m.threadId === threadId);
}

/** The live messages whose Message-ID header is `headerId`, in the collection's iteration order. O(matches + changes). */
export function messagesWithHeaderId(col: Collection<MessageRecord>, headerId: string): MessageRecord[] {
  const g = grouped(col);
  if (!g) return [...col.values()].filter((m) => m.messageId === headerId);
  return members(col, g.byHeaderId.get(headerId) ?? [], (m) => m.messageId === headerId);
}

function members(col: Collection<MessageRecord>, fromBase: readonly MessageRecord[], belongs: (m: MessageRecord) => boolean): MessageRecord[] {
  const { added, changed } = col.changes();
  const out: MessageRecord[] = [];
  // A changed base record stays at its base position in iteration order, as Collection.values() yields it.
  for (const b of fromBase) {
    const now = col.peek(b.id);
    if (now !== undefined && belongs(now)) out.push(now);
  }
  // Base records whose key a trial changed into this group (the service never does) come after the base's members, before additions.
  for (const id of changed) {
    const m = col.peek(id)!;
    if (belongs(m) && !belongs(col.baseRecord(id)!)) out.push(m);
  }
  for (const id of added) {
    const m = col.peek(id)!;
    if (belongs(m)) out.push(m);
  }
  return out;
}

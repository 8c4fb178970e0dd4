/**
 * Indexes over a mailbox's base messages: every message newest first with its parsed date,
 * and each label's messages as sorted lists of ranks (a message's position in that order;
 * harness/services/gmail/query/rank-lists.ts). Built once per base (shared by every trial
 * made from it) and never written: a trial's own changes are read from the collection's
 * overlay on each search, so a write costs nothing here and a search costs
 * O(log n + its changes + what it returns).
 */
import { appendTo, type Collection } from '../../../core/index.ts';
import type { MessageRecord } from '../model.ts';
import { worthIndexing } from '../../index-policy.ts';
import { NO_RANKS, type RankList } from './rank-lists.ts';

/** Messages newest first (ties: greater id first, as `newestFirst`), with their internalDate parsed once. */
export interface SortedMessages {
  readonly recs: readonly MessageRecord[];
  /** `Number(recs[i].internalDate)`, for binary search and comparison without re-parsing. */
  readonly dates: Float64Array;
}

/** A label's messages, and those of them not in TRASH or SPAM. */
export interface LabelRanks {
  readonly all: RankList;
  readonly visible: RankList;
}

/** The index of one base map of messages. */
export interface MessageIndex {
  /** Every message; a message's rank is its position here. */
  readonly all: SortedMessages;
  /** Every rank, 0 to n − 1 (so a date window of every message is a view of it). */
  readonly every: RankList;
  /** The ranks of messages not in TRASH or SPAM (what a search sees by default). */
  readonly visible: RankList;
  /** 1 at the rank of a message in TRASH or SPAM. */
  readonly hidden: Uint8Array;
  /** Per label id: its messages' ranks. */
  readonly byLabel: ReadonlyMap<string, LabelRanks>;
  /** Per rank, its message's thread number (threads.list deduplicates by a byte per thread, not a string key). */
  readonly threadOf: Int32Array;
  /** Thread id → thread number, for the base's threads. */
  readonly threadNumbers: ReadonlyMap<string, number>;
  readonly threadCount: number;
}

const indexes = new WeakMap<ReadonlyMap<string, MessageRecord>, MessageIndex>();

/** Compares (date, id) pairs newest first, greater id first on equal dates. */
export function compareNewest(da: number, ia: string, db: number, ib: string): number {
  return db - da || (ia < ib ? 1 : ia > ib ? -1 : 0);
}

function sorted(recs: MessageRecord[]): SortedMessages {
  const keyed = recs.map((r) => ({ r, d: Number(r.internalDate) }));
  keyed.sort((a, b) => compareNewest(a.d, a.r.id, b.d, b.r.id));
  return { recs: keyed.map((k) => k.r), dates: Float64Array.from(keyed, (k) => k.d) };
}

function isHidden(m: MessageRecord): boolean {
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
  const n = all.recs.length;
  const every = new Int32Array(n);
  const hidden = new Uint8Array(n);
  const threadOf = new Int32Array(n);
  const threadNumbers = new Map<string, number>();
  const groups = new Map<string, number[]>();
  // Walked in rank order, so each label's list comes out sorted.
  for (let r = 0; r < n; r++) {
    const m = all.recs[r]!;
    every[r] = r;
    let t = threadNumbers.get(m.threadId);
    if (t === undefined) threadNumbers.set(m.threadId, (t = threadNumbers.size));
    threadOf[r] = t;
    if (isHidden(m)) hidden[r] = 1;
    for (const l of new Set(m.labelIds)) {
      let g = groups.get(l);
      if (!g) groups.set(l, (g = []));
      g.push(r);
    }
  }
  const visibleOf = (ranks: RankList): RankList => {
    const out = ranks.filter((r) => hidden[r] === 0);
    return out.length === ranks.length ? ranks : out;
  };
  const byLabel = new Map<string, LabelRanks>();
  for (const [l, g] of groups) {
    const ranks = Int32Array.from(g);
    byLabel.set(l, { all: ranks, visible: visibleOf(ranks) });
  }
  const index: MessageIndex = { all, every, visible: visibleOf(every), hidden, byLabel, threadOf, threadNumbers, threadCount: threadNumbers.size };
  indexes.set(base, index);
  return index;
}

/** A label's ranks (only those not in TRASH or SPAM when `visibleOnly`); empty for a label no base message carries. */
export function labelRanks(index: MessageIndex, label: string, visibleOnly: boolean): RankList {
  const l = index.byLabel.get(label);
  return l === undefined ? NO_RANKS : visibleOnly ? l.visible : l.all;
}

/** First rank whose date is below `bound` (dates descend): where `date < bound` starts. */
export function firstRankBelow(index: MessageIndex, bound: number): number {
  const dates = index.all.dates;
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid]! < bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First rank whose date is at most `bound`: where `date <= bound` starts. */
export function firstRankAtMost(index: MessageIndex, bound: number): number {
  const dates = index.all.dates;
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid]! <= bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The rank a message with this date and id has (or would have): the first not newer than it. */
export function boundaryRank(index: MessageIndex, date: number, id: string): number {
  const { recs, dates } = index.all;
  let lo = 0;
  let hi = recs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareNewest(dates[mid]!, recs[mid]!.id, date, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The rank of a base record, or −1 when it is not this index's. */
export function rankOf(index: MessageIndex, rec: MessageRecord): number {
  const r = boundaryRank(index, Number(rec.internalDate), rec.id);
  return index.all.recs[r] === rec ? r : -1;
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
  for (const m of base.values()) {
    appendTo(byThread, m.threadId, m);
    appendTo(byHeaderId, m.messageId, m);
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

/**
 * The live messages of each of these threads, each in the collection's iteration order (as
 * threadMembers): one read of the thread index, O(their messages + changes), or while it is
 * not built one pass over the mailbox, never one per thread. `spend` is charged per message read.
 */
export function membersOfThreads(col: Collection<MessageRecord>, threadIds: readonly string[], spend: (units: number) => void): Map<string, MessageRecord[]> {
  const out = new Map<string, MessageRecord[]>(threadIds.map((id) => [id, []]));
  const g = grouped(col);
  if (!g) {
    for (const m of col.values()) {
      spend(1);
      out.get(m.threadId)?.push(m);
    }
    return out;
  }
  for (const id of threadIds) {
    const ms = members(col, g.byThread.get(id) ?? [], (m) => m.threadId === id);
    spend(1 + ms.length);
    out.set(id, ms);
  }
  return out;
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

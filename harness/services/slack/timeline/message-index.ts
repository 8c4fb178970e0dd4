/**
 * Indexes over a workspace base's Slack messages: each channel's timeline newest first and
 * each thread's replies oldest first. Built once per base (shared by every trial made from
 * it) and never written: a trial's posts, edits and deletions are read from the collection's
 * overlay on each read, so a write costs nothing here and a read O(log n + changes + page).
 */
import { appendTo, type Collection } from '../../../core/index.ts';
import { indexOnDemand } from '../../index-policy.ts';
import type { SlackMessage } from '../model.ts';
import { emptyRun, sortedRun, type RunChanges, type SortedRun } from './sorted-run.ts';

/**
 * The index of one base map of messages: its messages grouped by channel timeline and by
 * thread in one pass, each group sorted into a run the first time it is read (a base's
 * first read then costs one pass, not a sort of every channel and thread).
 */
export interface SlackMessageIndex {
  /** Per channel id: its timeline (top-level messages and broadcast replies), in base order. */
  readonly timelines: ReadonlyMap<string, readonly SlackMessage[]>;
  /** Per thread (`threadKey`): its replies without the parent, in base order. */
  readonly threads: ReadonlyMap<string, readonly SlackMessage[]>;
  /** Groups sorted so far, by `t:` + channel or `r:` + thread key. */
  readonly runs: Map<string, SortedRun>;
}

/** Base maps that hold a record the index cannot order (`null`), or their index. */
const indexes = new WeakMap<ReadonlyMap<string, SlackMessage>, SlackMessageIndex | null>();

const WELL_FORMED_TS = /^\d+(\.\d+)?$/;

/**
 * True for a record stored the way the service stores messages: keyed `channel:ts`, a
 * channel id without a colon and a numeric ts. Only such records can be found by channel
 * and ordered by number; a base or trial holding any other falls back to the scan.
 */
export function indexable(key: string, m: SlackMessage): boolean {
  return !m.channel.includes(':') && WELL_FORMED_TS.test(m.ts) && key === `${m.channel}:${m.ts}`;
}

/** True for a message of its channel's timeline: not a thread reply, unless broadcast to the channel. */
export function onTimeline(m: SlackMessage): boolean {
  return !(m.thread_ts && m.thread_ts !== m.ts && m.subtype !== 'thread_broadcast');
}

/** True for a reply (not the parent) of the thread `threadTs`. */
export function replyOf(m: SlackMessage, threadTs: string): boolean {
  return m.thread_ts === threadTs && m.ts !== threadTs;
}

/** The key of a thread in `SlackMessageIndex.threads`. */
export function threadKey(channel: string, threadTs: string): string {
  return `${channel}:${threadTs}`;
}

function build(base: ReadonlyMap<string, SlackMessage>): SlackMessageIndex | null {
  const timelines = new Map<string, SlackMessage[]>();
  const threads = new Map<string, SlackMessage[]>();
  for (const [key, m] of base) {
    if (!indexable(key, m)) return null;
    if (onTimeline(m)) appendTo(timelines, m.channel, m);
    if (m.thread_ts !== undefined && m.thread_ts !== m.ts) appendTo(threads, threadKey(m.channel, m.thread_ts), m);
  }
  return { timelines, threads, runs: new Map() };
}

/**
 * The index of a messages collection's base (one pass to build, then shared; each group is
 * sorted on its first read), or undefined while the base is small and read too rarely to pay
 * for one (harness/services/index-policy.ts) or holds a record the index cannot order.
 */
export function slackMessageIndex(col: Collection<SlackMessage>): SlackMessageIndex | undefined {
  const base = col.baseMap();
  return indexOnDemand(indexes, base, () => build(base));
}

function run(index: SlackMessageIndex, key: string, order: 'newest-first' | 'oldest-first', group: readonly SlackMessage[] | undefined): SortedRun {
  if (group === undefined) return emptyRun(order);
  let r = index.runs.get(key);
  if (r === undefined) index.runs.set(key, (r = sortedRun(order, group)));
  return r;
}

/** A channel's timeline run, newest first (empty for a channel with no base messages). */
export function timelineRun(index: SlackMessageIndex, channel: string): SortedRun {
  return run(index, `t:${channel}`, 'newest-first', index.timelines.get(channel));
}

/** A thread's replies run, oldest first (empty for a thread with no base replies). */
export function threadRun(index: SlackMessageIndex, channel: string, threadTs: string): SortedRun {
  const key = threadKey(channel, threadTs);
  return run(index, `r:${key}`, 'oldest-first', index.threads.get(key));
}

/**
 * This trial's changes to the messages of one run, chosen by `belongs`: O(records the trial
 * changed). Undefined when the trial stored a message the index cannot order (then read by scan).
 */
export function runChanges(col: Collection<SlackMessage>, belongs: (m: SlackMessage) => boolean): RunChanges | undefined {
  const { added, removed, changed } = col.changes();
  const shadowed: SlackMessage[] = [];
  const live: SlackMessage[] = [];
  for (const id of removed) {
    const b = col.baseRecord(id)!;
    if (belongs(b)) shadowed.push(b);
  }
  for (const id of changed) {
    const b = col.baseRecord(id)!;
    if (belongs(b)) shadowed.push(b);
  }
  for (const ids of [added, changed]) {
    for (const id of ids) {
      const m = col.peek(id)!;
      if (!indexable(id, m)) return undefined;
      if (belongs(m)) live.push(m);
    }
  }
  return { shadowed, live };
}

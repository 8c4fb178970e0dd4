/** Message store helpers: channel timelines, threads, posting with thread bookkeeping, removal. */
import type { OperationContext } from '../../core/index.ts';
import { slackError } from '../wire-errors.ts';
import type { Actor } from './access.ts';
import { compareTs, newTs, tsNumber } from './ids.ts';
import { COL, messageKey, type SlackChannel, type SlackMessage } from './model.ts';
import { onTimeline, replyOf, runChanges, slackMessageIndex, threadRun, timelineRun } from './timeline/message-index.ts';
import { inTsWindow, pinnedOf, WHOLE_WINDOW, windowSlice, type TsWindow, type WindowSlice } from './timeline/sorted-run.ts';

/** The messages collection. */
export function messagesCol(ctx: OperationContext) {
  return ctx.ws.collection<SlackMessage>(COL.messages);
}

/**
 * The channel's timeline, newest first, by scanning every message (the definition the index
 * answers by; used while a base is too small or too rarely read to index).
 */
function scanTimeline(ctx: OperationContext, channel: string): SlackMessage[] {
  const prefix = `${channel}:`;
  const col = messagesCol(ctx);
  const out: SlackMessage[] = [];
  for (const [key, m] of col.entries()) {
    ctx.ws.spend(1);
    if (!key.startsWith(prefix)) continue;
    if (!onTimeline(m)) continue;
    out.push(m);
  }
  return out.sort((a, b) => compareTs(b.ts, a.ts));
}

/** The replies of a thread (without the parent), oldest first, by scanning every message. */
function scanReplies(ctx: OperationContext, channel: string, threadTs: string): SlackMessage[] {
  const prefix = `${channel}:`;
  const out: SlackMessage[] = [];
  for (const [key, m] of messagesCol(ctx).entries()) {
    ctx.ws.spend(1);
    if (key.startsWith(prefix) && replyOf(m, threadTs)) out.push(m);
  }
  return out.sort((a, b) => compareTs(a.ts, b.ts));
}

/** The window's slice of a list already in order (the scan's way: filter, count, slice). */
function sliceOfList(all: readonly SlackMessage[], w: TsWindow, offset: number, count: number): WindowSlice {
  // No window at all keeps even a message whose ts is not a number (a scan of seeded data may meet one).
  const kept = w === WHOLE_WINDOW ? all : all.filter((m) => inTsWindow(w, tsNumber(m.ts)));
  const pinned = kept.reduce((n, m) => n + (m.pinned ? 1 : 0), 0);
  return { items: kept.slice(offset, offset + count), total: kept.length, pinned };
}

/** `timelineSlice` by scanning every message (what the index replaces; benchmarks compare the two). */
export function scanTimelineSlice(ctx: OperationContext, channel: string, w: TsWindow, offset: number, count: number): WindowSlice {
  return sliceOfList(scanTimeline(ctx, channel), w, offset, count);
}

/** `repliesSlice` by scanning every message. */
export function scanRepliesSlice(ctx: OperationContext, channel: string, threadTs: string, w: TsWindow, offset: number, count: number): WindowSlice {
  return sliceOfList(scanReplies(ctx, channel, threadTs), w, offset, count);
}

/**
 * Messages [offset, offset + count) of the channel's timeline (newest first) inside the
 * window, how many the window holds and how many of them are pinned. Through the base's
 * index with the trial's changes merged in: O(log n + changes + count); by scan otherwise.
 */
export function timelineSlice(ctx: OperationContext, channel: string, w: TsWindow, offset: number, count: number): WindowSlice {
  const col = messagesCol(ctx);
  const index = channel.includes(':') ? undefined : slackMessageIndex(col);
  const changes = index && runChanges(col, (m) => m.channel === channel && onTimeline(m));
  if (!index || !changes) return scanTimelineSlice(ctx, channel, w, offset, count);
  const slice = windowSlice(timelineRun(index, channel), w, changes, offset, count);
  ctx.ws.spend(1 + changes.shadowed.length + changes.live.length + slice.items.length);
  return slice;
}

/** Replies [offset, offset + count) of a thread (oldest first, without the parent) inside the window; as `timelineSlice`. */
export function repliesSlice(ctx: OperationContext, channel: string, threadTs: string, w: TsWindow, offset: number, count: number): WindowSlice {
  const col = messagesCol(ctx);
  const index = channel.includes(':') ? undefined : slackMessageIndex(col);
  const changes = index && runChanges(col, (m) => m.channel === channel && replyOf(m, threadTs));
  if (!index || !changes) return scanRepliesSlice(ctx, channel, threadTs, w, offset, count);
  const slice = windowSlice(threadRun(index, channel, threadTs), w, changes, offset, count);
  ctx.ws.spend(1 + changes.shadowed.length + changes.live.length + slice.items.length);
  return slice;
}

/** The pinned messages of the channel's timeline, newest first: O(pinned + changes) through the index, by scan otherwise. */
export function pinnedOnTimeline(ctx: OperationContext, channel: string): SlackMessage[] {
  const col = messagesCol(ctx);
  const index = channel.includes(':') ? undefined : slackMessageIndex(col);
  const changes = index && runChanges(col, (m) => m.channel === channel && onTimeline(m));
  if (!index || !changes) return scanTimeline(ctx, channel).filter((m) => m.pinned);
  const pinned = pinnedOf(timelineRun(index, channel), changes);
  ctx.ws.spend(1 + changes.shadowed.length + changes.live.length + pinned.length);
  return pinned;
}

/** The replies of a thread (without the parent), oldest first. */
export function threadReplies(ctx: OperationContext, channel: string, threadTs: string): SlackMessage[] {
  return repliesSlice(ctx, channel, threadTs, WHOLE_WINDOW, 0, Infinity).items;
}

/** A message by channel and ts (a read); `message_not_found` otherwise. */
export function findMessage(ctx: OperationContext, channel: string, ts: string, error = 'message_not_found'): SlackMessage {
  const m = messagesCol(ctx).get(messageKey(channel, ts));
  if (!m) throw slackError(error);
  return m;
}

/** Fields of a new message besides channel, ts and author. */
export type NewMessage = Omit<SlackMessage, 'channel' | 'ts' | 'user' | 'bot_id'>;

/**
 * Stores a new message by the actor in a channel and, for a reply, updates the parent's
 * thread summary. `thread_ts` naming a reply is resolved to its parent, as Slack does.
 */
export function storeMessage(ctx: OperationContext, a: Actor, ch: SlackChannel, fields: NewMessage): SlackMessage {
  const col = messagesCol(ctx);
  let threadTs = fields.thread_ts;
  let parent: SlackMessage | undefined;
  if (threadTs) {
    parent = col.get(messageKey(ch.id, threadTs));
    if (!parent) throw slackError('thread_not_found');
    if (parent.thread_ts && parent.thread_ts !== parent.ts) {
      threadTs = parent.thread_ts;
      parent = col.get(messageKey(ch.id, threadTs));
      if (!parent) throw slackError('thread_not_found');
    }
  }
  const ts = newTs(ctx.ws);
  const msg: SlackMessage = {
    ...fields,
    channel: ch.id,
    ts,
    user: a.user.id,
    ...(a.user.is_bot && a.user.bot_id ? { bot_id: a.user.bot_id } : {}),
    ...(parent && threadTs ? { thread_ts: threadTs, parent_user_id: parent.user ?? parent.bot_id ?? '' } : {}),
  };
  if (!parent) delete msg.thread_ts;
  col.set(messageKey(ch.id, ts), msg);
  if (parent && threadTs) {
    const users = parent.reply_users ?? [];
    col.set(messageKey(ch.id, threadTs), {
      ...parent,
      thread_ts: threadTs,
      reply_count: (parent.reply_count ?? 0) + 1,
      reply_users: users.includes(a.user.id) ? users : [...users, a.user.id],
      latest_reply: ts,
    });
  }
  return msg;
}

/** Posts a system message (`channel_join`, `channel_topic`, …) as the actor. */
export function systemMessage(ctx: OperationContext, a: Actor, ch: SlackChannel, subtype: string, text: string): SlackMessage {
  return storeMessage(ctx, a, ch, { subtype, text });
}

/**
 * Removes a message. A thread parent with replies becomes a tombstone (Slack keeps the
 * thread readable); a reply is removed and its parent's summary recomputed.
 */
export function removeMessage(ctx: OperationContext, m: SlackMessage): void {
  const col = messagesCol(ctx);
  const key = messageKey(m.channel, m.ts);
  if (m.thread_ts === m.ts && (m.reply_count ?? 0) > 0) {
    col.set(key, { channel: m.channel, ts: m.ts, subtype: 'tombstone', text: 'This message was deleted.', hidden: true, thread_ts: m.ts, reply_count: m.reply_count, reply_users: m.reply_users, latest_reply: m.latest_reply, user: 'USLACKBOT' });
    return;
  }
  col.delete(key);
  if (m.thread_ts && m.thread_ts !== m.ts) {
    const parentKey = messageKey(m.channel, m.thread_ts);
    const parent = col.peek(parentKey);
    if (!parent) return;
    const rest = threadReplies(ctx, m.channel, m.thread_ts);
    const last = rest.at(-1);
    const summary = {
      reply_count: rest.length,
      reply_users: [...new Set(rest.map((r) => r.user ?? r.bot_id ?? ''))],
      latest_reply: last?.ts,
    };
    if (rest.length === 0 && parent.subtype === 'tombstone') col.delete(parentKey);
    else if (rest.length === 0) {
      const { reply_count: _c, reply_users: _u, latest_reply: _l, thread_ts: _t, ...plain } = parent;
      col.set(parentKey, plain);
    } else col.set(parentKey, { ...parent, ...summary, latest_reply: last!.ts });
  }
}

/** chat.postMessage / update / delete / getPermalink / postEphemeral / meMessage. */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { slackError } from '../errors.ts';
import { qBool, slackJson } from '../../wire-schema.ts';
import { actor, findChannel, isMember, requirePostable, requireReadable, usersCol, type Actor } from '../access.ts';
import { newTs } from '../ids.ts';
import { findMessage, messagesCol, removeMessage, storeMessage } from '../messages.ts';
import { messageKey, type SlackChannel, type SlackMessage } from '../model.ts';
import { pChannel, pTs } from '../params.ts';
import { messagePermalink, renderMessage } from '../render.ts';
import { slackOp } from '../define.ts';
import { openConversation } from './conversations-dm.ts';

/** Most characters Slack accepts in `text`. */
const MAX_TEXT = 40_000;

/** Message content arguments shared by post, update, schedule and ephemeral. */
export const contentFields = {
  text: z.string().optional().describe('Message text (mrkdwn: *bold*, <@U123> mentions, <https://x|label> links). Required unless blocks or attachments are given.'),
  blocks: slackJson(z.array(z.record(z.string(), z.unknown())).max(50), 'Block Kit blocks (a JSON array; at most 50).'),
  attachments: slackJson(z.array(z.record(z.string(), z.unknown())).max(100), 'Legacy attachments (a JSON array).'),
};

const postFlags = {
  thread_ts: z.string().optional().describe('Reply in the thread of this parent message ts.'),
  reply_broadcast: qBool('With thread_ts: also show the reply in the channel.'),
  mrkdwn: qBool('Format text as mrkdwn (default true).'),
  unfurl_links: qBool('Unfurl text links.'),
  unfurl_media: qBool('Unfurl media links.'),
  parse: z.string().optional().describe('"full" or "none" (default).'),
  link_names: qBool('Link @names and #channels.'),
  username: z.string().optional().describe('Bot tokens: display name for this message.'),
  icon_emoji: z.string().optional().describe('Bot tokens: emoji icon for this message.'),
  icon_url: z.string().optional().describe('Bot tokens: image URL icon for this message.'),
  as_user: qBool('Legacy; ignored.'),
  metadata: slackJson(z.record(z.string(), z.unknown()), 'Message metadata {event_type, event_payload} (a JSON object).'),
};

/** Checks text/blocks/attachments like Slack: `no_text`, `msg_too_long`. */
export function checkContent(p: { text?: string | undefined; blocks?: unknown[] | undefined; attachments?: unknown[] | undefined }): void {
  if (!p.text && !p.blocks?.length && !p.attachments?.length) throw slackError('no_text');
  if ((p.text ?? '').length > MAX_TEXT) throw slackError('msg_too_long');
}

/** Resolves a chat `channel`: a conversation, a #name, or a user id (the DM with them, opened if needed). */
export function chatChannel(ctx: OperationContext, a: Actor, ref: string): SlackChannel {
  if (/^[UW][A-Z0-9]+$/.test(ref) && usersCol(ctx).peek(ref)) {
    const r = openConversation(ctx, a, [ref]);
    if (r.ch) return r.ch;
  }
  return findChannel(ctx, a, ref, { allowUser: true });
}

function ownMessage(ctx: OperationContext, a: Actor, ch: SlackChannel, ts: string, error: string): SlackMessage {
  const m = findMessage(ctx, ch.id, ts);
  if (m.subtype === 'tombstone') throw slackError('message_not_found');
  if (m.user !== a.user.id) throw slackError(error);
  return m;
}

export const chatOps = [
  slackOp({
    method: 'chat.postMessage',
    kind: 'write',
    description: 'Posts a message to a channel, DM (channel = user id) or thread (thread_ts). The caller must be a member of the conversation.',
    params: z.object({ channel: pChannel, ...contentFields, ...postFlags }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      checkContent(p);
      const ch = chatChannel(ctx, a, p.channel);
      requirePostable(ch, a);
      const m = storeMessage(ctx, a, ch, {
        text: p.text ?? '',
        ...(p.blocks ? { blocks: p.blocks } : {}),
        ...(p.attachments ? { attachments: p.attachments } : {}),
        ...(p.metadata ? { metadata: p.metadata } : {}),
        ...(p.thread_ts ? { thread_ts: p.thread_ts } : {}),
        ...(p.thread_ts && p.reply_broadcast ? { subtype: 'thread_broadcast' } : {}),
        ...(a.bot && p.username ? { username: p.username } : {}),
      });
      return { channel: ch.id, ts: m.ts, message: renderMessage(ctx, m, a.team) };
    },
  }),
  slackOp({
    method: 'chat.update',
    kind: 'write',
    description: "Edits one of the caller's own messages.",
    params: z.object({ channel: pChannel, ts: pTs('ts of the message to edit.'), ...contentFields, metadata: postFlags.metadata, reply_broadcast: postFlags.reply_broadcast, parse: postFlags.parse, link_names: postFlags.link_names, as_user: postFlags.as_user }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = findChannel(ctx, a, p.channel);
      const m = ownMessage(ctx, a, ch, p.ts, 'cant_update_message');
      if (ch.is_archived) throw slackError('is_archived');
      checkContent({ text: p.text ?? (p.blocks || p.attachments ? '' : undefined), blocks: p.blocks ?? m.blocks, attachments: p.attachments ?? m.attachments });
      const next: SlackMessage = {
        ...m,
        text: p.text ?? m.text,
        ...(p.blocks ? { blocks: p.blocks } : {}),
        ...(p.attachments ? { attachments: p.attachments } : {}),
        ...(p.metadata ? { metadata: p.metadata } : {}),
        edited: { user: a.user.id, ts: newTs(ctx.ws) },
      };
      messagesCol(ctx).set(messageKey(ch.id, m.ts), next);
      // chat.update's message has no ts of its own (the response's ts names it), as Slack's example shows.
      const { ts: _ts, ...message } = renderMessage(ctx, next, a.team);
      return { channel: ch.id, ts: m.ts, text: next.text, message };
    },
  }),
  slackOp({
    method: 'chat.delete',
    kind: 'write',
    description: "Deletes one of the caller's own messages (a thread parent with replies leaves a tombstone).",
    params: z.object({ channel: pChannel, ts: pTs('ts of the message to delete.'), as_user: postFlags.as_user }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = findChannel(ctx, a, p.channel);
      const m = ownMessage(ctx, a, ch, p.ts, 'cant_delete_message');
      removeMessage(ctx, m);
      return { channel: ch.id, ts: m.ts };
    },
  }),
  slackOp({
    method: 'chat.getPermalink',
    kind: 'read',
    description: 'The permalink URL of a message.',
    params: z.object({ channel: pChannel, message_ts: pTs() }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = findChannel(ctx, a, p.channel);
      const m = findMessage(ctx, ch.id, p.message_ts);
      return { channel: ch.id, permalink: messagePermalink(a.team, m) };
    },
  }),
  slackOp({
    method: 'chat.postEphemeral',
    kind: 'write',
    description: 'Shows a message only to one member of a conversation; it is not stored in history.',
    params: z.object({ channel: pChannel, user: z.string().describe('Id of the member who will see the message.'), ...contentFields, thread_ts: postFlags.thread_ts, username: postFlags.username, icon_emoji: postFlags.icon_emoji, icon_url: postFlags.icon_url, parse: postFlags.parse, link_names: postFlags.link_names, as_user: postFlags.as_user }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      checkContent(p);
      const ch = findChannel(ctx, a, p.channel);
      requirePostable(ch, a);
      if (!usersCol(ctx).peek(p.user)) throw slackError('user_not_found');
      if (!ch.members.includes(p.user)) throw slackError('user_not_in_channel');
      return { message_ts: newTs(ctx.ws) };
    },
  }),
  slackOp({
    method: 'chat.meMessage',
    kind: 'write',
    description: 'Posts a /me action message ("_waves_") to a conversation the caller is in.',
    params: z.object({ channel: pChannel, text: z.string().describe('The action text.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      if (!p.text) throw slackError('no_text');
      const ch = chatChannel(ctx, a, p.channel);
      requirePostable(ch, a);
      const m = storeMessage(ctx, a, ch, { text: p.text, subtype: 'me_message' });
      return { channel: ch.id, ts: m.ts };
    },
  }),
];

/** Used by reactions and pins: the message in a readable channel. */
export function readableMessage(ctx: OperationContext, a: Actor, channel: string, ts: string): { ch: SlackChannel; m: SlackMessage } {
  const ch = findChannel(ctx, a, channel);
  requireReadable(ch, a);
  const m = findMessage(ctx, ch.id, ts);
  return { ch, m };
}

/** True when the actor may act on messages in this channel (member, or public channel for users). */
export function canAct(ch: SlackChannel, a: Actor): boolean {
  return isMember(ch, a) || (!a.bot && ch.kind === 'public');
}

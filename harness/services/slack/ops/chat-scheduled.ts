/** chat.scheduleMessage / chat.scheduledMessages.list / chat.deleteScheduledMessage. */
import { z } from 'zod';
import { slackError } from '../errors.ts';
import { actor, findChannel, requirePostable } from '../access.ts';
import { nextSlackId, tsNumber } from '../ids.ts';
import { COL, type SlackScheduled } from '../model.ts';
import { cursorPage } from '../paging.ts';
import { pChannel, pCursor, pLimit } from '../params.ts';
import { slackOp } from '../define.ts';
import { chatChannel, checkContent, contentFields } from './chat.ts';

/** Slack refuses to schedule more than 120 days ahead. */
const MAX_AHEAD_S = 120 * 24 * 3600;

export const chatScheduledOps = [
  slackOp({
    method: 'chat.scheduleMessage',
    kind: 'write',
    description: 'Schedules a message for a future time (post_at, epoch seconds, at most 120 days ahead). It is delivered at that time, not now.',
    params: z.object({
      channel: pChannel,
      post_at: z.coerce.number().int().describe('When to post, as Unix epoch seconds.'),
      ...contentFields,
      thread_ts: z.string().optional().describe('Schedule a reply in this thread.'),
      reply_broadcast: z.unknown().optional().describe('With thread_ts: also show the reply in the channel.'),
      unfurl_links: z.unknown().optional().describe('Unfurl text links.'),
      unfurl_media: z.unknown().optional().describe('Unfurl media links.'),
      parse: z.string().optional().describe('"full" or "none".'),
      link_names: z.unknown().optional().describe('Link @names and #channels.'),
      as_user: z.unknown().optional().describe('Legacy; ignored.'),
      metadata: z.unknown().optional().describe('Message metadata (JSON object).'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      checkContent(p);
      const ch = chatChannel(ctx, a, p.channel);
      requirePostable(ch, a);
      const now = Math.floor(ctx.ws.nowMs() / 1000);
      if (p.post_at <= now) throw slackError('time_in_past');
      if (p.post_at > now + MAX_AHEAD_S) throw slackError('time_too_far');
      const rec: SlackScheduled = {
        id: nextSlackId(ctx.ws, 'Q', 'scheduled'), channel_id: ch.id, user: a.user.id, post_at: p.post_at, date_created: now, text: p.text ?? '',
        ...(p.thread_ts ? { thread_ts: p.thread_ts } : {}), ...(p.blocks ? { blocks: p.blocks } : {}),
      };
      ctx.ws.collection<SlackScheduled>(COL.scheduled).set(rec.id, rec);
      return {
        channel: ch.id, scheduled_message_id: rec.id, post_at: rec.post_at,
        message: { type: 'delayed_message', text: rec.text, user: a.user.id, team: a.team.id, ...(a.user.bot_id ? { bot_id: a.user.bot_id } : {}), ...(rec.blocks ? { blocks: rec.blocks } : {}) },
      };
    },
  }),
  slackOp({
    method: 'chat.scheduledMessages.list',
    kind: 'read',
    description: "The caller's pending scheduled messages, soonest first; filter by channel and post_at window.",
    params: z.object({
      channel: z.string().optional().describe('Only messages scheduled for this conversation.'),
      oldest: z.string().optional().describe('Only messages posting after this epoch time.'),
      latest: z.string().optional().describe('Only messages posting before this epoch time.'),
      limit: pLimit(100, 100),
      cursor: pCursor,
      team_id: z.string().optional().describe('Ignored (single workspace).'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const channelId = p.channel ? findChannel(ctx, a, p.channel).id : undefined;
      const oldest = p.oldest ? tsNumber(p.oldest) : 0;
      const latest = p.latest ? tsNumber(p.latest) : Number.POSITIVE_INFINITY;
      if (Number.isNaN(oldest)) throw slackError('invalid_ts_oldest');
      if (Number.isNaN(latest)) throw slackError('invalid_ts_latest');
      const all = [...ctx.ws.collection<SlackScheduled>(COL.scheduled).values()]
        .filter((s) => s.user === a.user.id && (!channelId || s.channel_id === channelId) && s.post_at >= oldest && s.post_at <= latest)
        .sort((x, y) => x.post_at - y.post_at || (x.id < y.id ? -1 : 1));
      const page = cursorPage(all, p.cursor, p.limit, 100, 100);
      return {
        scheduled_messages: page.items.map((s) => ({ id: s.id, channel_id: s.channel_id, post_at: s.post_at, date_created: s.date_created, text: s.text })),
        response_metadata: page.response_metadata,
      };
    },
  }),
  slackOp({
    method: 'chat.deleteScheduledMessage',
    kind: 'write',
    description: 'Cancels a scheduled message before it is posted.',
    params: z.object({ channel: pChannel, scheduled_message_id: z.string().describe('Id returned by chat.scheduleMessage (Q…).'), as_user: z.unknown().optional().describe('Legacy; ignored.'), team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = findChannel(ctx, a, p.channel);
      const col = ctx.ws.collection<SlackScheduled>(COL.scheduled);
      const s = col.get(p.scheduled_message_id);
      if (!s || s.channel_id !== ch.id || s.user !== a.user.id) throw slackError('invalid_scheduled_message_id');
      col.delete(s.id);
      return {};
    },
  }),
];

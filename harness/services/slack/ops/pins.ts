/** pins.add / remove / list: messages pinned to a channel. */
import { z } from 'zod';
import { actor, findChannel, requireReadable } from '../access.ts';
import { slackError } from '../errors.ts';
import { messagesCol, pinnedOnTimeline } from '../messages.ts';
import { messageKey } from '../model.ts';
import { pChannel, pTs } from '../params.ts';
import { renderMessage } from '../render.ts';
import { slackOp } from '../define.ts';
import { readableMessage } from './chat.ts';

export const pinsOps = [
  slackOp({
    method: 'pins.add',
    kind: 'write',
    description: 'Pins a message to its channel.',
    params: z.object({ channel: pChannel, timestamp: pTs('ts of the message to pin.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const { ch, m } = readableMessage(ctx, a, p.channel, p.timestamp);
      if (ch.is_archived) throw slackError('is_archived');
      if (m.pinned) throw slackError('already_pinned');
      messagesCol(ctx).set(messageKey(ch.id, m.ts), { ...m, pinned: { by: a.user.id, at: Math.floor(ctx.ws.nowMs() / 1000) } });
      return {};
    },
  }),
  slackOp({
    method: 'pins.remove',
    kind: 'write',
    description: 'Unpins a message.',
    params: z.object({ channel: pChannel, timestamp: pTs('ts of the pinned message.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const { ch, m } = readableMessage(ctx, a, p.channel, p.timestamp);
      if (!m.pinned) throw slackError('no_pin');
      const { pinned: _p, ...rest } = m;
      messagesCol(ctx).set(messageKey(ch.id, m.ts), rest);
      return {};
    },
  }),
  slackOp({
    method: 'pins.list',
    kind: 'read',
    description: 'Pinned messages of a channel, most recently pinned first.',
    params: z.object({ channel: pChannel }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = findChannel(ctx, a, p.channel);
      requireReadable(ch, a);
      const pinned = pinnedOnTimeline(ctx, ch.id).sort((x, y) => y.pinned!.at - x.pinned!.at);
      return {
        items: pinned.map((m) => ({ type: 'message', created: m.pinned!.at, created_by: m.pinned!.by, channel: ch.id, message: renderMessage(ctx, m, a.team) })),
      };
    },
  }),
];

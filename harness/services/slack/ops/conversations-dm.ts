/** conversations.open / close / mark: direct messages, group DMs and read markers. */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { slackError } from '../errors.ts';
import { qBool } from '../../wire-schema.ts';
import { actor, channelsCol, findChannel, findDm, findUser, isMember, type Actor } from '../access.ts';
import { nextSlackId, tsNumber } from '../ids.ts';
import type { SlackChannel } from '../model.ts';
import { pChannel, pList, pTs, splitList } from '../params.ts';
import { renderChannel } from '../render.ts';
import { slackOp } from '../define.ts';

/** The group DM whose members are exactly `members`, if any. */
function findMpim(ctx: OperationContext, members: readonly string[]): SlackChannel | undefined {
  const want = [...members].sort().join(',');
  for (const c of channelsCol(ctx).values()) {
    if (c.kind === 'mpim' && [...c.members].sort().join(',') === want) return c;
  }
  return undefined;
}

/** Opens (creating if needed) the DM or group DM between the actor and `others`. */
export function openConversation(ctx: OperationContext, a: Actor, others: readonly string[], create = true): { ch: SlackChannel | undefined; existed: boolean; wasOpen: boolean } {
  const col = channelsCol(ctx);
  const now = Math.floor(ctx.ws.nowMs() / 1000);
  const empty = { value: '', creator: '', last_set: 0 };
  if (others.length === 1) {
    const other = others[0]!;
    const found = findDm(ctx, a.user.id, other);
    if (found) {
      if (create && !found.is_open) col.set(found.id, { ...found, is_open: true });
      return { ch: col.peek(found.id), existed: true, wasOpen: found.is_open };
    }
    if (!create) return { ch: undefined, existed: false, wasOpen: false };
    const ch: SlackChannel = {
      id: nextSlackId(ctx.ws, 'D', 'dm'), name: '', kind: 'im', created: now, creator: a.user.id, is_archived: false, is_general: false,
      topic: empty, purpose: empty, previous_names: [], members: a.user.id === other ? [other] : [a.user.id, other], is_open: true, last_read: '0000000000.000000',
    };
    col.set(ch.id, ch);
    return { ch, existed: false, wasOpen: false };
  }
  const members = [a.user.id, ...others.filter((o) => o !== a.user.id)];
  const found = findMpim(ctx, members);
  if (found) {
    if (create && !found.is_open) col.set(found.id, { ...found, is_open: true });
    return { ch: col.peek(found.id), existed: true, wasOpen: found.is_open };
  }
  if (!create) return { ch: undefined, existed: false, wasOpen: false };
  const users = members.map((m) => findUser(ctx, m).name);
  const ch: SlackChannel = {
    id: nextSlackId(ctx.ws, 'C', 'mpim'), name: `mpdm-${users.join('--')}-1`, kind: 'mpim', created: now, creator: a.user.id, is_archived: false,
    is_general: false, topic: empty, purpose: { value: `Group messaging with: ${users.map((u) => `@${u}`).join(' ')}`, creator: a.user.id, last_set: now },
    previous_names: [], members, is_open: true, last_read: '0000000000.000000',
  };
  col.set(ch.id, ch);
  return { ch, existed: false, wasOpen: false };
}

export const conversationsDmOps = [
  slackOp({
    method: 'conversations.open',
    kind: 'write',
    description: 'Opens (or resumes) a DM with one user or a group DM with 2–8 users; returns the conversation id to post to.',
    params: z.object({
      users: pList('Comma-separated user ids: one for a DM, 2–8 for a group DM.').optional(),
      channel: z.string().optional().describe('Resume an existing DM or group DM by id instead of users.'),
      return_im: qBool('Return the full conversation object.'),
      prevent_creation: qBool('Do not create a conversation that does not exist yet.'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      if (p.channel) {
        const ch = findChannel(ctx, a, p.channel);
        if (ch.kind !== 'im' && ch.kind !== 'mpim') throw slackError('method_not_supported_for_channel_type');
        const was = ch.is_open;
        if (!was) channelsCol(ctx).set(ch.id, { ...ch, is_open: true });
        return { no_op: was, already_open: was, channel: p.return_im ? renderChannel(ctx, channelsCol(ctx).peek(ch.id)!, a, { lastRead: true }) : { id: ch.id } };
      }
      const ids = [...new Set(splitList(p.users))];
      if (ids.length === 0) throw slackError('users_list_not_supplied');
      if (ids.length > 8) throw slackError('too_many_users');
      for (const id of ids) findUser(ctx, id);
      const others = ids.length > 1 ? ids.filter((i) => i !== a.user.id) : ids;
      const r = openConversation(ctx, a, others, !p.prevent_creation);
      if (!r.ch) return { channel: {}, no_op: true };
      return {
        ...(r.existed ? { no_op: true, already_open: r.wasOpen } : {}),
        channel: p.return_im || others.length > 1 ? renderChannel(ctx, r.ch, a, { lastRead: true }) : { id: r.ch.id },
      };
    },
  }),
  slackOp({
    method: 'conversations.close',
    kind: 'write',
    description: 'Closes a DM or group DM in the sidebar (it keeps its history).',
    params: z.object({ channel: pChannel }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = findChannel(ctx, a, p.channel);
      if (ch.kind !== 'im' && ch.kind !== 'mpim') throw slackError('method_not_supported_for_channel_type');
      if (!ch.is_open) return { no_op: true, already_closed: true };
      channelsCol(ctx).set(ch.id, { ...ch, is_open: false });
      return {};
    },
  }),
  slackOp({
    method: 'conversations.mark',
    kind: 'write',
    description: "Moves the caller's read cursor in a conversation to the given message ts.",
    params: z.object({ channel: pChannel, ts: pTs('ts of the most recently seen message.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = findChannel(ctx, a, p.channel);
      if (!isMember(ch, a)) throw slackError('not_in_channel');
      if (Number.isNaN(tsNumber(p.ts))) throw slackError('invalid_timestamp');
      channelsCol(ctx).set(ch.id, { ...ch, last_read: p.ts });
      return {};
    },
  }),
];

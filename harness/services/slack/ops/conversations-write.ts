/** conversations.create / archive / unarchive / invite / kick / join / leave / rename / setTopic / setPurpose. */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { slackError } from '../errors.ts';
import { qBool } from '../../wire-schema.ts';
import { actor, channelsCol, findChannel, findUser, isMember, type Actor } from '../access.ts';
import { nextSlackId } from '../ids.ts';
import { systemMessage } from '../messages.ts';
import type { SlackChannel } from '../model.ts';
import { pChannel, pList, splitList } from '../params.ts';
import { renderChannel } from '../render.ts';
import { slackOp } from '../define.ts';

/** Slack's channel-name rules: lower case letters, digits, `-` and `_`, at most 80 characters. */
export function checkChannelName(name: string): string {
  const n = name.replace(/^#/, '');
  if (n === '') throw slackError('invalid_name_required');
  if (n.length > 80) throw slackError('invalid_name_maxlength');
  if (!/^[a-z0-9_-]+$/.test(n)) throw slackError('invalid_name_specials');
  if (/^[-_]+$/.test(n)) throw slackError('invalid_name_punctuation');
  return n;
}

function nameTaken(ctx: OperationContext, name: string, except?: string): boolean {
  for (const c of channelsCol(ctx).values()) if (c.id !== except && c.name === name && (c.kind === 'public' || c.kind === 'private')) return true;
  return false;
}

/** A channel (not a DM) the actor may manage: `method_not_supported_for_channel_type` for DMs. */
function managedChannel(ctx: OperationContext, a: Actor, ref: string, needMember = true): SlackChannel {
  const ch = findChannel(ctx, a, ref);
  if (ch.kind === 'im' || ch.kind === 'mpim') throw slackError('method_not_supported_for_channel_type');
  if (needMember && !isMember(ch, a)) throw slackError('not_in_channel');
  return ch;
}

function save(ctx: OperationContext, ch: SlackChannel): SlackChannel {
  channelsCol(ctx).set(ch.id, ch);
  return ch;
}

function topicOp(method: 'conversations.setTopic' | 'conversations.setPurpose', field: 'topic' | 'purpose') {
  return slackOp({
    method,
    kind: 'write',
    description: `Sets the ${field === 'topic' ? 'topic' : 'purpose (description)'} of a channel the caller is in. Posts a channel_${field} system message.`,
    params: z.object({ channel: pChannel, [field]: z.string().describe(`The new ${field} (at most 250 characters; empty clears it).`) }) as unknown as z.ZodType<{ channel: string } & Record<string, string>>,
    handler: (ctx, p) => {
      const a = actor(ctx);
      const value = p[field] ?? '';
      const ch = findChannel(ctx, a, p.channel);
      if (ch.kind !== 'im' && !isMember(ch, a)) throw slackError('not_in_channel');
      if (ch.is_archived) throw slackError('is_archived');
      if (value.length > 250) throw slackError('too_long');
      const next = save(ctx, { ...ch, [field]: { value, creator: a.user.id, last_set: Math.floor(ctx.ws.nowMs() / 1000) } });
      const what = field === 'topic' ? 'set the channel topic' : 'set the channel description';
      systemMessage(ctx, a, next, `channel_${field}`, `${what}: ${value}`);
      return { channel: renderChannel(ctx, next, a) };
    },
  });
}

export const conversationsWriteOps = [
  slackOp({
    method: 'conversations.create',
    kind: 'write',
    description: 'Creates a public or private channel with the caller as its first member. Names are lower case, no spaces, at most 80 characters.',
    params: z.object({ name: z.string().describe('Channel name, e.g. "q3-planning".'), is_private: qBool('Create a private channel.'), team_id: z.string().optional().describe('Ignored (single workspace).') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const name = checkChannelName(p.name);
      if (nameTaken(ctx, name)) throw slackError('name_taken');
      const now = Math.floor(ctx.ws.nowMs() / 1000);
      const empty = { value: '', creator: '', last_set: 0 };
      const ch = save(ctx, {
        id: nextSlackId(ctx.ws, 'C', 'channel'), name, kind: p.is_private ? 'private' : 'public', created: now, creator: a.user.id,
        is_archived: false, is_general: false, topic: empty, purpose: empty, previous_names: [], members: [a.user.id], is_open: true, last_read: '0000000000.000000',
      });
      systemMessage(ctx, a, ch, 'channel_join', `<@${a.user.id}> has joined the channel`);
      return { channel: renderChannel(ctx, ch, a) };
    },
  }),
  slackOp({
    method: 'conversations.archive',
    kind: 'write',
    description: 'Archives a channel the caller is in (not #general).',
    params: z.object({ channel: pChannel }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = managedChannel(ctx, a, p.channel);
      if (ch.is_general) throw slackError('cant_archive_general');
      if (ch.is_archived) throw slackError('already_archived');
      systemMessage(ctx, a, ch, 'channel_archive', 'archived the channel');
      save(ctx, { ...ch, is_archived: true });
      return {};
    },
  }),
  slackOp({
    method: 'conversations.unarchive',
    kind: 'write',
    description: 'Reverses conversations.archive.',
    params: z.object({ channel: pChannel }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = managedChannel(ctx, a, p.channel, false);
      if (!ch.is_archived) throw slackError('not_archived');
      const next = save(ctx, { ...ch, is_archived: false });
      systemMessage(ctx, a, next, 'channel_unarchive', 'un-archived the channel');
      return {};
    },
  }),
  slackOp({
    method: 'conversations.invite',
    kind: 'write',
    description: 'Adds users (comma-separated ids) to a channel the caller is in.',
    params: z.object({ channel: pChannel, users: pList('Comma-separated user ids, e.g. "U0123,U0456" (at most 1000).'), force: qBool('Invite the valid users even if some ids are invalid.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ids = splitList(p.users);
      if (ids.length === 0) throw slackError('no_user');
      if (ids.length > 1000) throw slackError('too_many_users');
      let ch = managedChannel(ctx, a, p.channel);
      if (ch.is_archived) throw slackError('is_archived');
      const add: string[] = [];
      for (const id of ids) {
        if (id === a.user.id) throw slackError('cant_invite_self');
        const u = findUser(ctx, id);
        if (u.deleted) throw slackError('user_is_inactive');
        if (ch.members.includes(id)) {
          if (ids.length === 1) throw slackError('already_in_channel');
          continue;
        }
        if (!add.includes(id)) add.push(id);
      }
      ch = save(ctx, { ...ch, members: [...ch.members, ...add] });
      for (const id of add) systemMessage(ctx, a, ch, 'channel_join', `<@${id}> has joined the channel`);
      return { channel: renderChannel(ctx, ch, a) };
    },
  }),
  slackOp({
    method: 'conversations.kick',
    kind: 'write',
    description: 'Removes a user from a channel the caller is in.',
    params: z.object({ channel: pChannel, user: z.string().describe('User id to remove.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = managedChannel(ctx, a, p.channel);
      if (p.user === a.user.id) throw slackError('cant_kick_self');
      findUser(ctx, p.user);
      if (ch.is_general) throw slackError('cant_kick_from_general');
      if (!ch.members.includes(p.user)) throw slackError('not_in_channel');
      save(ctx, { ...ch, members: ch.members.filter((m) => m !== p.user) });
      return {};
    },
  }),
  slackOp({
    method: 'conversations.join',
    kind: 'write',
    description: 'Joins a public channel.',
    params: z.object({ channel: pChannel }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = managedChannel(ctx, a, p.channel, false);
      if (ch.kind !== 'public') throw slackError('method_not_supported_for_channel_type');
      if (ch.is_archived) throw slackError('is_archived');
      if (isMember(ch, a)) return { channel: renderChannel(ctx, ch, a), warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } };
      const next = save(ctx, { ...ch, members: [...ch.members, a.user.id] });
      systemMessage(ctx, a, next, 'channel_join', `<@${a.user.id}> has joined the channel`);
      return { channel: renderChannel(ctx, next, a) };
    },
  }),
  slackOp({
    method: 'conversations.leave',
    kind: 'write',
    description: 'Leaves a channel (not #general).',
    params: z.object({ channel: pChannel }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = managedChannel(ctx, a, p.channel, false);
      if (ch.is_general) throw slackError('cant_leave_general');
      if (ch.is_archived) throw slackError('is_archived');
      // Slack documents this case as `{"ok": false, "not_in_channel": true}`; the error string is
      // given too, so clients that read `error` (the official ones do) see why.
      if (!isMember(ch, a)) throw slackError('not_in_channel', { not_in_channel: true });
      if (ch.kind === 'private' && ch.members.length === 1) throw slackError('last_member');
      systemMessage(ctx, a, ch, 'channel_leave', `<@${a.user.id}> has left the channel`);
      save(ctx, { ...ch, members: ch.members.filter((m) => m !== a.user.id) });
      return {};
    },
  }),
  slackOp({
    method: 'conversations.rename',
    kind: 'write',
    description: 'Renames a channel the caller is in.',
    params: z.object({ channel: pChannel, name: z.string().describe('New channel name (lower case, no spaces).') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = managedChannel(ctx, a, p.channel);
      const name = checkChannelName(p.name);
      if (name === ch.name) return { channel: renderChannel(ctx, ch, a) };
      if (nameTaken(ctx, name, ch.id)) throw slackError('name_taken');
      const next = save(ctx, { ...ch, name, previous_names: [ch.name, ...ch.previous_names] });
      systemMessage(ctx, a, next, 'channel_name', `has renamed the channel from "${ch.name}" to "${name}"`);
      return { channel: renderChannel(ctx, next, a) };
    },
  }),
  topicOp('conversations.setTopic', 'topic'),
  topicOp('conversations.setPurpose', 'purpose'),
];

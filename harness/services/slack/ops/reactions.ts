/** reactions.add / remove / get / list. */
import { z } from 'zod';
import { slackError } from '../errors.ts';
import { qBool } from '../../wire-schema.ts';
import { actor, canSee, channelsCol, findUser } from '../access.ts';
import { compareTs } from '../ids.ts';
import { messagesCol } from '../messages.ts';
import { messageKey, type SlackMessage } from '../model.ts';
import { cursorPage } from '../paging.ts';
import { pChannel, pCursor, pLimit, pTs } from '../params.ts';
import { renderMessage } from '../render.ts';
import { reactionCandidates } from '../reaction-index.ts';
import { slackOp } from '../define.ts';
import { readableMessage } from './chat.ts';

/** Emoji names as Slack takes them: no colons, lower case, optional skin tone. */
export function emojiName(raw: string): string {
  const name = raw.replace(/^:|:$/g, '');
  if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) throw slackError('invalid_name');
  return name;
}

const target = {
  channel: pChannel,
  timestamp: pTs('ts of the message.'),
};

export const reactionsOps = [
  slackOp({
    method: 'reactions.add',
    kind: 'write',
    description: 'Adds an emoji reaction (name without colons, e.g. "thumbsup") to a message.',
    params: z.object({ ...target, name: z.string().describe('Emoji name without colons, e.g. "white_check_mark".') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const name = emojiName(p.name);
      const { ch, m } = readableMessage(ctx, a, p.channel, p.timestamp);
      if (ch.is_archived) throw slackError('is_archived');
      const reactions = [...(m.reactions ?? [])];
      const i = reactions.findIndex((r) => r.name === name);
      if (i >= 0 && reactions[i]!.users.includes(a.user.id)) throw slackError('already_reacted');
      if (i >= 0) reactions[i] = { name, users: [...reactions[i]!.users, a.user.id], count: reactions[i]!.count + 1 };
      else reactions.push({ name, users: [a.user.id], count: 1 });
      messagesCol(ctx).set(messageKey(ch.id, m.ts), { ...m, reactions });
      return {};
    },
  }),
  slackOp({
    method: 'reactions.remove',
    kind: 'write',
    description: "Removes the caller's emoji reaction from a message.",
    params: z.object({ ...target, name: z.string().describe('Emoji name without colons.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const name = emojiName(p.name);
      const { ch, m } = readableMessage(ctx, a, p.channel, p.timestamp);
      const r = m.reactions?.find((x) => x.name === name);
      if (!r || !r.users.includes(a.user.id)) throw slackError('no_reaction');
      const reactions = (m.reactions ?? [])
        .map((x) => (x.name === name ? { name, users: x.users.filter((u) => u !== a.user.id), count: x.count - 1 } : x))
        .filter((x) => x.count > 0);
      const next: SlackMessage = { ...m, reactions };
      if (reactions.length === 0) delete next.reactions;
      messagesCol(ctx).set(messageKey(ch.id, m.ts), next);
      return {};
    },
  }),
  slackOp({
    method: 'reactions.get',
    kind: 'read',
    description: 'The reactions on one message (message.reactions: name, count, users).',
    params: z.object({ ...target, full: qBool('Return the complete reaction list.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const { ch, m } = readableMessage(ctx, a, p.channel, p.timestamp);
      return { type: 'message', channel: ch.id, message: renderMessage(ctx, m, a.team) };
    },
  }),
  slackOp({
    method: 'reactions.list',
    kind: 'read',
    description: 'Messages a user (default: the caller) reacted to, newest first.',
    params: z.object({
      user: z.string().optional().describe('User id (default: the caller).'),
      full: qBool('Return the complete reaction lists.'),
      limit: pLimit(100, 1000),
      cursor: pCursor,
      count: z.coerce.number().int().optional().describe('Legacy page size.'),
      page: z.coerce.number().int().optional().describe('Legacy page number (ignored when cursor is used).'),
      team_id: z.string().optional().describe('Ignored.'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const who = p.user ? findUser(ctx, p.user).id : a.user.id;
      const channels = channelsCol(ctx);
      const col = messagesCol(ctx);
      // The index only narrows which messages are tested; the filters and the stable sort below are the scan's.
      const all = (reactionCandidates(col, who) ?? [...col.values()])
        .filter((m) => m.reactions?.some((r) => r.users.includes(who)))
        .filter((m) => {
          const ch = channels.peek(m.channel);
          return ch !== undefined && canSee(ch, a);
        })
        .sort((x, y) => compareTs(y.ts, x.ts));
      const page = cursorPage(all, p.cursor, p.limit ?? p.count, 100, 1000);
      return {
        items: page.items.map((m) => ({ type: 'message', channel: m.channel, message: renderMessage(ctx, m, a.team) })),
        response_metadata: page.response_metadata,
      };
    },
  }),
];

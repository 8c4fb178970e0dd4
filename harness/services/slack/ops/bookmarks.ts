/** bookmarks.add / edit / list / remove: links in a channel's bookmark bar. */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { actor, findChannel, isMember, requireScope, type Actor } from '../access.ts';
import { slackError } from '../errors.ts';
import { nextSlackId } from '../ids.ts';
import { COL, type SlackBookmark, type SlackChannel } from '../model.ts';
import { renderBookmark } from '../render.ts';
import { slackOp } from '../define.ts';

function bookmarksCol(ctx: OperationContext) {
  return ctx.ws.collection<SlackBookmark>(COL.bookmarks);
}

/** The channel of a bookmarks call: visible and, for writes, joined. */
function bookmarkChannel(ctx: OperationContext, a: Actor, id: string, write: boolean): SlackChannel {
  const ch = findChannel(ctx, a, id);
  if (write) {
    requireScope(a, 'bookmarks:write');
    if (!isMember(ch, a)) throw slackError('not_in_channel');
    if (ch.is_archived) throw slackError('is_archived');
  }
  return ch;
}

function channelBookmarks(ctx: OperationContext, channelId: string): SlackBookmark[] {
  return [...bookmarksCol(ctx).values()].filter((b) => b.channel_id === channelId).sort((x, y) => (x.rank < y.rank ? -1 : x.rank > y.rank ? 1 : 0));
}

export const bookmarksOps = [
  slackOp({
    method: 'bookmarks.add',
    kind: 'write',
    description: 'Adds a link bookmark to the top bar of a channel.',
    params: z.object({
      channel_id: z.string().describe('Channel id.'),
      title: z.string().min(1).describe('Bookmark title.'),
      type: z.string().describe('Bookmark type; only "link" is supported.'),
      link: z.string().optional().describe('URL the bookmark opens.'),
      emoji: z.string().optional().describe('Emoji tag, e.g. ":memo:".'),
      entity_id: z.string().optional().describe('Ignored.'),
      parent_id: z.string().optional().describe('Ignored.'),
      access_level: z.string().optional().describe('Ignored.'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = bookmarkChannel(ctx, a, p.channel_id, true);
      if (p.type !== 'link') throw slackError('invalid_bookmark_type');
      if (!p.link || !/^https?:\/\//.test(p.link)) throw slackError('invalid_link');
      const now = Math.floor(ctx.ws.nowMs() / 1000);
      const last = channelBookmarks(ctx, ch.id).at(-1);
      const rec: SlackBookmark = {
        id: nextSlackId(ctx.ws, 'Bk', 'bookmark'), channel_id: ch.id, title: p.title, link: p.link, emoji: p.emoji ?? '', type: 'link',
        date_created: now, date_updated: 0, rank: nextRank(last?.rank), last_updated_by_user_id: a.user.id,
      };
      bookmarksCol(ctx).set(rec.id, rec);
      return { bookmark: renderBookmark(rec, a.team) };
    },
  }),
  slackOp({
    method: 'bookmarks.edit',
    kind: 'write',
    description: "Changes a bookmark's title, link or emoji.",
    params: z.object({
      channel_id: z.string().describe('Channel id.'),
      bookmark_id: z.string().describe('Bookmark id (Bk…).'),
      title: z.string().optional().describe('New title.'),
      link: z.string().optional().describe('New URL.'),
      emoji: z.string().optional().describe('New emoji tag.'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = bookmarkChannel(ctx, a, p.channel_id, true);
      const b = bookmarksCol(ctx).get(p.bookmark_id);
      if (!b || b.channel_id !== ch.id) throw slackError('not_found');
      if (p.link !== undefined && !/^https?:\/\//.test(p.link)) throw slackError('invalid_link');
      const next: SlackBookmark = {
        ...b, ...(p.title !== undefined ? { title: p.title } : {}), ...(p.link !== undefined ? { link: p.link } : {}),
        ...(p.emoji !== undefined ? { emoji: p.emoji } : {}), date_updated: Math.floor(ctx.ws.nowMs() / 1000), last_updated_by_user_id: a.user.id,
      };
      bookmarksCol(ctx).set(b.id, next);
      return { bookmark: renderBookmark(next, a.team) };
    },
  }),
  slackOp({
    method: 'bookmarks.list',
    kind: 'read',
    description: 'Bookmarks of a channel, in bar order.',
    params: z.object({ channel_id: z.string().describe('Channel id.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = bookmarkChannel(ctx, a, p.channel_id, false);
      return { bookmarks: channelBookmarks(ctx, ch.id).map((b) => renderBookmark(b, a.team)) };
    },
  }),
  slackOp({
    method: 'bookmarks.remove',
    kind: 'write',
    description: 'Removes a bookmark from a channel.',
    params: z.object({ channel_id: z.string().describe('Channel id.'), bookmark_id: z.string().describe('Bookmark id (Bk…).'), quip_section_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = bookmarkChannel(ctx, a, p.channel_id, true);
      const b = bookmarksCol(ctx).get(p.bookmark_id);
      if (!b || b.channel_id !== ch.id) throw slackError('not_found');
      bookmarksCol(ctx).delete(b.id);
      return {};
    },
  }),
];

/** Next rank after `prev` in a letter sequence that sorts as text ("a", "b", …, "z", "za", …). */
export function nextRank(prev: string | undefined): string {
  if (!prev) return 'a';
  const last = prev.at(-1)!;
  return last === 'z' ? `${prev}a` : prev.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) + 1);
}

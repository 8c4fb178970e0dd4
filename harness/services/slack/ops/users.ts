/** users.list / info / lookupByEmail / conversations / getPresence / setPresence / identity / discoverableContacts.lookup. */
import { z } from 'zod';
import { slackError } from '../errors.ts';
import { qBool } from '../../wire-schema.ts';
import { actor, findUser, requireScope, usersCol } from '../access.ts';
import type { SlackUser } from '../model.ts';
import { cursorPage } from '../paging.ts';
import { pCursor, pExcludeArchived, pLimit, pTypes } from '../params.ts';
import { renderChannel, renderProfile, renderUser } from '../render.ts';
import { slackOp } from '../define.ts';
import { parseTypes, visibleConversations } from './conversations-read.ts';

const pUser = z.string().optional().describe('User id (default: the caller).');

function presenceOf(u: SlackUser): 'active' | 'away' {
  return u.manual_presence === 'away' ? 'away' : u.presence;
}

export const usersOps = [
  slackOp({
    method: 'users.list',
    kind: 'read',
    description: 'Every member of the workspace (people and bots, including deactivated ones). Paginate with cursor.',
    params: z.object({ limit: pLimit(200, 1000), cursor: pCursor, include_locale: qBool('Include each member\'s locale.'), team_id: z.string().optional().describe('Ignored (single workspace).') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const page = cursorPage([...usersCol(ctx).values()], p.cursor, p.limit, 200, 1000);
      return {
        members: page.items.map((u) => ({ ...renderUser(u, a.team, ctx.ws.nowMs()), ...(p.include_locale ? { locale: 'en-US' } : {}) })),
        cache_ts: Math.floor(ctx.ws.nowMs() / 1000),
        response_metadata: page.response_metadata,
      };
    },
  }),
  slackOp({
    method: 'users.info',
    kind: 'read',
    description: 'One member by user id.',
    params: z.object({ user: z.string().describe('User id (U…).'), include_locale: qBool('Include the locale.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      return { user: { ...renderUser(findUser(ctx, p.user), a.team, ctx.ws.nowMs()), ...(p.include_locale ? { locale: 'en-US' } : {}) } };
    },
  }),
  slackOp({
    method: 'users.lookupByEmail',
    kind: 'read',
    description: 'Finds a member by email address; users_not_found when nobody in the workspace has it.',
    params: z.object({ email: z.string().describe('Email address, e.g. "name@corvidlabs.com".') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const want = p.email.trim().toLowerCase();
      for (const [id, u] of usersCol(ctx).entries()) {
        if (!u.deleted && u.profile.email?.toLowerCase() === want) return { user: renderUser(usersCol(ctx).get(id)!, a.team, ctx.ws.nowMs()) };
      }
      throw slackError('users_not_found');
    },
  }),
  slackOp({
    method: 'users.conversations',
    kind: 'read',
    description: 'Conversations a user (default: the caller) is a member of, among those the caller can see.',
    // users.conversations documents limit as "an integer with a max value of 999" (conversations.list allows 1000).
    params: z.object({ user: pUser, types: pTypes, exclude_archived: pExcludeArchived, limit: pLimit(100, 999), cursor: pCursor, team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const who = p.user ? findUser(ctx, p.user).id : a.user.id;
      const all = visibleConversations(ctx, a, parseTypes(p.types), p.exclude_archived ?? false, who);
      const page = cursorPage(all, p.cursor, p.limit, 100, 999);
      return { channels: page.items.map((c) => renderChannel(ctx, c, a, {})), response_metadata: page.response_metadata };
    },
  }),
  slackOp({
    method: 'users.getPresence',
    kind: 'read',
    description: "A member's presence: active or away (more detail for the caller's own presence).",
    params: z.object({ user: pUser }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const u = p.user ? findUser(ctx, p.user) : a.user;
      const presence = presenceOf(u);
      if (u.id !== a.user.id) return { presence };
      return { presence, online: presence === 'active', auto_away: false, manual_away: u.manual_presence === 'away', connection_count: presence === 'active' ? 1 : 0, last_activity: Math.floor(ctx.ws.nowMs() / 1000) };
    },
  }),
  slackOp({
    method: 'users.setPresence',
    kind: 'write',
    description: "Sets the caller's presence: \"away\" forces away, \"auto\" follows activity.",
    params: z.object({ presence: z.string().describe('"auto" or "away".') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      requireScope(a, 'users:write');
      if (p.presence !== 'auto' && p.presence !== 'away') throw slackError('invalid_presence');
      usersCol(ctx).set(a.user.id, { ...a.user, manual_presence: p.presence, updated: Math.floor(ctx.ws.nowMs() / 1000) });
      return {};
    },
  }),
  slackOp({
    method: 'users.identity',
    kind: 'read',
    tokens: ['user'],
    description: "The caller's identity (Sign in with Slack): user id, name, email and avatars, and the workspace.",
    params: z.object({}),
    handler: (ctx) => {
      const a = actor(ctx);
      const profile = renderProfile(a.user, a.team);
      const images = Object.fromEntries(['image_24', 'image_32', 'image_48', 'image_72', 'image_192', 'image_512'].map((k) => [k, profile[k]]));
      return { user: { name: a.user.real_name, id: a.user.id, email: a.user.profile.email ?? '', ...images }, team: { id: a.team.id, name: a.team.name } };
    },
  }),
  slackOp({
    method: 'users.discoverableContacts.lookup',
    kind: 'read',
    description: 'Whether the person with this email address can be found on Slack (here: is a member of the workspace).',
    params: z.object({ email: z.string().describe('Email address to look up.') }),
    handler: (ctx, p) => {
      actor(ctx);
      const want = p.email.trim().toLowerCase();
      if (!/^[^@\s]+@[^@\s]+$/.test(want)) throw slackError('invalid_email');
      for (const u of usersCol(ctx).values()) if (!u.deleted && u.profile.email?.toLowerCase() === want) return { is_discoverable: true };
      return { is_discoverable: false };
    },
  }),
];

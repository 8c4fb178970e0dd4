/** auth.test, team.info, team.profile.get, emoji.list, dnd.info, bots.info, usergroups.list, usergroups.users.list. */
import { z } from 'zod';
import { slackError } from '../../wire-errors.ts';
import { qBool } from '../../wire-schema.ts';
import { actor, findUser, requireScope, usersCol } from '../access.ts';
import { COL, teamUrl, type SlackUsergroup } from '../model.ts';
import { botProfile, renderUsergroup } from '../render.ts';
import { slackOp } from '../define.ts';

/** Built-in emoji are not listed by emoji.list; only the workspace's custom ones are. */
export const teamOps = [
  slackOp({
    method: 'auth.test',
    kind: 'read',
    description: 'Who the token belongs to: team, user id, and bot id for bot tokens.',
    params: z.object({}),
    handler: (ctx) => {
      const a = actor(ctx);
      return {
        url: teamUrl(a.team.domain), team: a.team.name, user: a.user.name, team_id: a.team.id, user_id: a.user.id,
        ...(a.bot ? { bot_id: a.user.bot_id } : {}), is_enterprise_install: false,
      };
    },
  }),
  slackOp({
    method: 'team.info',
    kind: 'read',
    description: 'The workspace: name, domain, email domain, icon.',
    params: z.object({ team: z.string().optional().describe('Team id (default: this workspace).'), domain: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      if (p.team && p.team !== a.team.id) throw slackError('team_not_found');
      return {
        team: {
          id: a.team.id, name: a.team.name, url: teamUrl(a.team.domain), domain: a.team.domain, email_domain: a.team.email_domain,
          icon: { image_default: true, image_34: 'https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-34.png' }, avatar_base_url: 'https://ca.slack-edge.com/', is_verified: false,
        },
      };
    },
  }),
  slackOp({
    method: 'team.profile.get',
    kind: 'read',
    description: 'The custom profile fields defined for the workspace.',
    params: z.object({ visibility: z.string().optional().describe('"all" (default), "visible" or "hidden".') }),
    handler: (ctx) => {
      actor(ctx);
      const fields = [
        { id: 'Xf01PRONOUNS', ordering: 0, label: 'Pronouns', hint: '', type: 'text', possible_values: null, options: null, is_hidden: false },
        { id: 'Xf02TEAM', ordering: 1, label: 'Team', hint: 'Your department', type: 'text', possible_values: null, options: null, is_hidden: false },
      ];
      return { profile: { fields, sections: [] } };
    },
  }),
  slackOp({
    method: 'emoji.list',
    kind: 'read',
    description: "The workspace's custom emoji: name → image URL (or alias:other).",
    params: z.object({ include_categories: qBool('Include built-in emoji categories (ignored).') }),
    handler: (ctx) => {
      const a = actor(ctx);
      return { emoji: a.team.custom_emoji, cache_ts: '1700000000.000000' };
    },
  }),
  slackOp({
    method: 'dnd.info',
    kind: 'read',
    description: "A member's Do Not Disturb status (default: the caller).",
    params: z.object({ user: z.string().optional().describe('User id (default: the caller).'), team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      requireScope(a, 'dnd:read');
      const u = p.user ? findUser(ctx, p.user) : a.user;
      const day = Math.floor(ctx.ws.nowMs() / 86_400_000) * 86_400;
      return {
        dnd_enabled: u.dnd_enabled, next_dnd_start_ts: day + 22 * 3600, next_dnd_end_ts: day + 31 * 3600,
        ...(u.id === a.user.id ? { snooze_enabled: false } : {}),
      };
    },
  }),
  slackOp({
    method: 'bots.info',
    kind: 'read',
    description: 'A bot by bot id (B…).',
    params: z.object({ bot: z.string().optional().describe('Bot id (B…).'), team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      for (const u of usersCol(ctx).values()) {
        if (u.is_bot && u.bot_id === p.bot) return { bot: { ...botProfile(u, a.team), user_id: u.id } };
      }
      throw slackError('bot_not_found');
    },
  }),
  slackOp({
    method: 'usergroups.list',
    kind: 'read',
    description: 'User groups of the workspace (@eng, @leads); include_users adds member ids.',
    params: z.object({
      include_users: qBool('Include member ids.'),
      include_count: qBool('Include user_count (always present here).'),
      include_disabled: qBool('Include disabled groups.'),
      team_id: z.string().optional().describe('Ignored.'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const groups = [...ctx.ws.collection<SlackUsergroup>(COL.usergroups).values()].filter((g) => p.include_disabled || g.date_delete === 0);
      return { usergroups: groups.map((g) => renderUsergroup(g, a.team, p.include_users ?? false)) };
    },
  }),
  slackOp({
    method: 'usergroups.users.list',
    kind: 'read',
    description: 'Member ids of a user group.',
    params: z.object({ usergroup: z.string().describe('User group id (S…).'), include_disabled: qBool('Allow disabled groups.'), team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      actor(ctx);
      const g = ctx.ws.collection<SlackUsergroup>(COL.usergroups).get(p.usergroup);
      if (!g) throw slackError('no_such_subteam');
      if (g.date_delete !== 0 && !p.include_disabled) throw slackError('subteam_disabled');
      return { users: g.users };
    },
  }),
];

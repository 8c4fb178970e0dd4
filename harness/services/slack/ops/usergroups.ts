/** usergroups.list / create / update / disable / enable and usergroups.users.list / update (@eng, @leads). */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { qBool } from '../../wire-schema.ts';
import { actor, canSee, channelsCol, requireScope, usersCol, type Actor } from '../access.ts';
import { systemMessage } from '../messages.ts';
import { slackError } from '../errors.ts';
import { nextSlackId } from '../ids.ts';
import { COL, type SlackUsergroup } from '../model.ts';
import { pList, splitList } from '../params.ts';
import { renderUsergroup } from '../render.ts';
import { slackOp } from '../define.ts';

/** Most members one user group may list here (Slack documents no limit; this bounds a call). */
const MAX_MEMBERS = 1_000;

function groupsCol(ctx: OperationContext) {
  return ctx.ws.collection<SlackUsergroup>(COL.usergroups);
}

/** A user group by id, `no_such_subteam` when unknown. */
function findGroup(ctx: OperationContext, id: string): SlackUsergroup {
  const g = groupsCol(ctx).get(id);
  if (!g) throw slackError('no_such_subteam');
  return g;
}

/** Handles are lower case letters, digits, `.`, `-` and `_`; names and handles must be unique. */
function checkNaming(ctx: OperationContext, name: string | undefined, handle: string | undefined, except?: string): void {
  if (handle !== undefined && !/^[a-z0-9._-]{1,80}$/.test(handle)) throw slackError('invalid_handle');
  for (const g of groupsCol(ctx).values()) {
    if (g.id === except) continue;
    if (name !== undefined && g.name.toLowerCase() === name.toLowerCase()) throw slackError('name_already_exists');
    if (handle !== undefined && g.handle === handle) throw slackError('handle_already_exists');
  }
  if (handle === undefined) return;
  for (const u of usersCol(ctx).values()) if (u.name === handle) throw slackError('handle_already_exists');
  for (const c of channelsCol(ctx).values()) if (c.name === handle) throw slackError('handle_already_exists');
}

/** Default channels: channels (not DMs) the caller can see; anything else is `invalid_channel`. */
function channelIds(ctx: OperationContext, a: Actor, raw: string | string[] | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const ids = [...new Set(splitList(raw))];
  for (const id of ids) {
    const ch = channelsCol(ctx).peek(id);
    if (!ch || !canSee(ch, a) || ch.kind === 'im' || ch.kind === 'mpim') throw slackError('invalid_channel');
  }
  return ids;
}

/**
 * Members of a group are added to its default channels, as Slack does ("members will be
 * automatically added"): each member not yet in one joins it, with the join message.
 * Archived channels are left alone.
 */
function joinDefaultChannels(ctx: OperationContext, a: Actor, g: SlackUsergroup, members: readonly string[]): void {
  for (const id of g.channels ?? []) {
    const ch = channelsCol(ctx).peek(id);
    if (!ch || ch.is_archived) continue;
    const add = members.filter((m) => !ch.members.includes(m));
    if (add.length === 0) continue;
    const next = { ...ch, members: [...ch.members, ...add] };
    channelsCol(ctx).set(ch.id, next);
    for (const m of add) systemMessage(ctx, a, next, 'channel_join', `<@${m}> has joined the channel`);
  }
}

/** A write as the caller: usergroups:write (the bot token lacks it). */
function writer(ctx: OperationContext): Actor {
  const a = actor(ctx);
  requireScope(a, 'usergroups:write');
  return a;
}

function save(ctx: OperationContext, a: Actor, g: SlackUsergroup): Record<string, unknown> {
  groupsCol(ctx).set(g.id, g);
  return { usergroup: renderUsergroup(g, a.team, true) };
}

const includeCount = qBool('Include user_count (always present here).');

export const usergroupsOps = [
  slackOp({
    method: 'usergroups.list',
    kind: 'read',
    description: 'User groups of the workspace (@eng, @leads); include_users adds member ids.',
    params: z.object({ include_users: qBool('Include member ids.'), include_count: includeCount, include_disabled: qBool('Include disabled groups.'), team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const groups = [...groupsCol(ctx).values()].filter((g) => p.include_disabled || g.date_delete === 0);
      return { usergroups: groups.map((g) => renderUsergroup(g, a.team, p.include_users ?? false)) };
    },
  }),
  slackOp({
    method: 'usergroups.create',
    kind: 'write',
    description: 'Creates a user group (members are added with usergroups.users.update). Name and handle must be unique.',
    params: z.object({
      name: z.string().min(1).max(255).describe('Group name, e.g. "Pilot team".'),
      handle: z.string().optional().describe('Mention handle without @, e.g. "pilot-team" (default: from the name).'),
      description: z.string().max(1000).optional().describe('Short description.'),
      channels: pList('Comma-separated default channel ids.').optional(),
      include_count: includeCount,
      team_id: z.string().optional().describe('Ignored.'),
    }),
    handler: (ctx, p) => {
      const a = writer(ctx);
      const handle = p.handle ?? p.name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
      checkNaming(ctx, p.name, handle || undefined);
      const now = Math.floor(ctx.ws.nowMs() / 1000);
      const channels = channelIds(ctx, a, p.channels);
      return save(ctx, a, {
        id: nextSlackId(ctx.ws, 'S', 'usergroup'), name: p.name, handle, description: p.description ?? '', users: [], date_create: now, date_update: now, date_delete: 0,
        created_by: a.user.id, updated_by: a.user.id, ...(channels ? { channels } : {}),
      });
    },
  }),
  slackOp({
    method: 'usergroups.update',
    kind: 'write',
    description: "Changes a user group's name, handle, description or default channels.",
    params: z.object({
      usergroup: z.string().describe('User group id (S…).'),
      name: z.string().min(1).max(255).optional().describe('New name.'),
      handle: z.string().optional().describe('New mention handle without @.'),
      description: z.string().max(1000).optional().describe('New description.'),
      channels: pList('Comma-separated default channel ids (members are added to them).').optional(),
      include_count: includeCount,
      team_id: z.string().optional().describe('Ignored.'),
    }),
    handler: (ctx, p) => {
      const a = writer(ctx);
      const g = findGroup(ctx, p.usergroup);
      checkNaming(ctx, p.name, p.handle, g.id);
      const channels = channelIds(ctx, a, p.channels);
      const next: SlackUsergroup = {
        ...g, ...(p.name !== undefined ? { name: p.name } : {}), ...(p.handle !== undefined ? { handle: p.handle } : {}),
        ...(p.description !== undefined ? { description: p.description } : {}), ...(channels ? { channels } : {}),
        date_update: Math.floor(ctx.ws.nowMs() / 1000), updated_by: a.user.id,
      };
      // A new default channel takes in the group's current members.
      if (channels && next.date_delete === 0) joinDefaultChannels(ctx, a, next, next.users);
      return save(ctx, a, next);
    },
  }),
  ...(['disable', 'enable'] as const).map((verb) =>
    slackOp({
      method: `usergroups.${verb}`,
      kind: 'write',
      description: verb === 'disable' ? 'Disables a user group (it can no longer be mentioned; members are kept).' : 'Enables a disabled user group again.',
      params: z.object({ usergroup: z.string().describe('User group id (S…).'), include_count: includeCount, team_id: z.string().optional().describe('Ignored.') }),
      handler: (ctx, p) => {
        const a = writer(ctx);
        const g = findGroup(ctx, p.usergroup);
        const now = Math.floor(ctx.ws.nowMs() / 1000);
        // Disabling a disabled group (or enabling an enabled one) changes nothing and still answers the group.
        if ((verb === 'disable') === (g.date_delete !== 0)) return { usergroup: renderUsergroup(g, a.team, true) };
        return save(ctx, a, { ...g, date_delete: verb === 'disable' ? now : 0, date_update: now, updated_by: a.user.id });
      },
    })),
  slackOp({
    method: 'usergroups.users.list',
    kind: 'read',
    description: 'Member ids of a user group.',
    params: z.object({ usergroup: z.string().describe('User group id (S…).'), include_disabled: qBool('Allow disabled groups.'), team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      actor(ctx);
      const g = findGroup(ctx, p.usergroup);
      if (g.date_delete !== 0 && !p.include_disabled) throw slackError('subteam_disabled');
      return { users: g.users };
    },
  }),
  slackOp({
    method: 'usergroups.users.update',
    kind: 'write',
    description: "Replaces a user group's members with the given list (send everyone who should be in it). New members join the group's default channels.",
    params: z.object({
      usergroup: z.string().describe('User group id (S…).'),
      users: pList('Comma-separated user ids: the whole new member list.'),
      include_count: includeCount,
      is_shared: qBool('Ignored.'),
      team_id: z.string().optional().describe('Ignored.'),
    }),
    handler: (ctx, p) => {
      const a = writer(ctx);
      const g = findGroup(ctx, p.usergroup);
      const ids = [...new Set(splitList(p.users))];
      if (ids.length === 0) throw slackError('no_users_provided');
      if (ids.length > MAX_MEMBERS) throw slackError('too_many_users');
      for (const id of ids) {
        const u = usersCol(ctx).peek(id);
        if (!u || u.deleted || u.is_bot) throw slackError('invalid_users');
      }
      const next: SlackUsergroup = { ...g, users: ids, date_update: Math.floor(ctx.ws.nowMs() / 1000), updated_by: a.user.id };
      if (next.date_delete === 0) joinDefaultChannels(ctx, a, next, ids.filter((id) => !g.users.includes(id)));
      return save(ctx, a, next);
    },
  }),
];

/** dnd.info, dnd.teamInfo, dnd.setSnooze, dnd.endSnooze, dnd.endDnd: Do Not Disturb. */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { actor, findUser, requireScope, usersCol } from '../access.ts';
import { slackError } from '../errors.ts';
import type { SlackUser } from '../model.ts';
import { pList, splitList } from '../params.ts';
import { slackOp } from '../define.ts';

/** Most users dnd.teamInfo answers for in one call (Slack documents a limit of 50). */
const MAX_TEAM_INFO = 50;

function nowS(ctx: OperationContext): number {
  return Math.floor(ctx.ws.nowMs() / 1000);
}

/** The member's scheduled quiet hours: 22:00 to 07:00 UTC of the workspace day. */
function schedule(ctx: OperationContext): { next_dnd_start_ts: number; next_dnd_end_ts: number } {
  const day = Math.floor(ctx.ws.nowMs() / 86_400_000) * 86_400;
  return { next_dnd_start_ts: day + 22 * 3600, next_dnd_end_ts: day + 31 * 3600 };
}

/** Snooze state of a member; an expired snooze reads as off. */
function snooze(ctx: OperationContext, u: SlackUser): { snooze_enabled: boolean; snooze_endtime?: number; snooze_remaining?: number } {
  const until = u.snooze_until ?? 0;
  const now = nowS(ctx);
  return until > now ? { snooze_enabled: true, snooze_endtime: until, snooze_remaining: until - now } : { snooze_enabled: false };
}

function save(ctx: OperationContext, u: SlackUser, change: Partial<SlackUser>): SlackUser {
  const next = { ...u, ...change, updated: nowS(ctx) };
  if (change.snooze_until === undefined && 'snooze_until' in change) delete next.snooze_until;
  usersCol(ctx).set(u.id, next);
  return next;
}

export const dndOps = [
  slackOp({
    method: 'dnd.info',
    kind: 'read',
    description: "A member's Do Not Disturb status (default: the caller), with the caller's own snooze.",
    params: z.object({ user: z.string().optional().describe('User id (default: the caller).'), team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      requireScope(a, 'dnd:read');
      const u = p.user ? findUser(ctx, p.user) : a.user;
      return { dnd_enabled: u.dnd_enabled, ...schedule(ctx), ...(u.id === a.user.id ? snooze(ctx, u) : {}) };
    },
  }),
  slackOp({
    method: 'dnd.teamInfo',
    kind: 'read',
    description: 'Do Not Disturb status of several members (comma-separated ids, at most 50).',
    params: z.object({ users: pList('Comma-separated user ids, e.g. "U0123,U0456".'), team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      requireScope(a, 'dnd:read');
      const ids = [...new Set(splitList(p.users))];
      if (ids.length === 0) throw slackError('invalid_arguments');
      if (ids.length > MAX_TEAM_INFO) throw slackError('too_many_users');
      const users: Record<string, unknown> = {};
      for (const id of ids) users[id] = { dnd_enabled: findUser(ctx, id).dnd_enabled, ...schedule(ctx) };
      return { users };
    },
  }),
  slackOp({
    method: 'dnd.setSnooze',
    kind: 'write',
    tokens: ['user'],
    description: "Turns on Do Not Disturb for the caller for num_minutes (or changes the snooze's length).",
    params: z.object({ num_minutes: z.coerce.number().int().describe('Minutes to snooze, from now (1 to 1440).') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      if (p.num_minutes < 1 || p.num_minutes > 1440) throw slackError('invalid_arguments');
      const u = save(ctx, a.user, { snooze_until: nowS(ctx) + p.num_minutes * 60 });
      const s = snooze(ctx, u);
      return { snooze_enabled: true, snooze_endtime: s.snooze_endtime, snooze_remaining: s.snooze_remaining, snooze_is_indefinite: false };
    },
  }),
  slackOp({
    method: 'dnd.endSnooze',
    kind: 'write',
    tokens: ['user'],
    description: "Ends the caller's current snooze.",
    params: z.object({}),
    handler: (ctx) => {
      const a = actor(ctx);
      if (!snooze(ctx, a.user).snooze_enabled) throw slackError('snooze_not_active');
      const u = save(ctx, a.user, { snooze_until: undefined });
      return { dnd_enabled: u.dnd_enabled, ...schedule(ctx), snooze_enabled: false };
    },
  }),
  slackOp({
    method: 'dnd.endDnd',
    kind: 'write',
    tokens: ['user'],
    description: "Ends the caller's current Do Not Disturb session at once (a snooze); the quiet-hours schedule stays.",
    params: z.object({}),
    handler: (ctx) => {
      const a = actor(ctx);
      if (a.user.snooze_until !== undefined) save(ctx, a.user, { snooze_until: undefined });
      return {};
    },
  }),
];

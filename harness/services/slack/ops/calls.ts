/**
 * calls.add / info / update / end and calls.participants.add / remove: calls a calling app
 * (Zoom-like) registers so Slack can show them; the call itself happens in that app.
 */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { slackJson } from '../../wire-schema.ts';
import { actor, findUser, usersCol, type Actor } from '../access.ts';
import { invalidArguments, slackError } from '../errors.ts';
import { nextSlackId } from '../ids.ts';
import { COL, CallUser, type SlackCall } from '../model.ts';
import { slackOp } from '../define.ts';

/** Most participants one call lists here (Slack documents none; this bounds a call). */
const MAX_USERS = 500;

function callsCol(ctx: OperationContext) {
  return ctx.ws.collection<SlackCall>(COL.calls);
}

/** A call by id; an unknown id is `invalid_arguments` (Slack documents no specific error). */
function findCall(ctx: OperationContext, id: string): SlackCall {
  const c = callsCol(ctx).get(id);
  if (!c) throw invalidArguments(`no call with id ${id}`, 'id');
  return c;
}

/** Participants: members must exist (`user_not_found`); others need an external id and a name. */
function participants(ctx: OperationContext, users: ReadonlyArray<z.infer<typeof CallUser>>): CallUser[] {
  if (users.length > MAX_USERS) throw invalidArguments(`at most ${MAX_USERS} users`, 'users');
  return users.map((u) => {
    if (u.slack_id) {
      findUser(ctx, u.slack_id);
      return { slack_id: u.slack_id };
    }
    if (!u.external_id || !u.display_name) throw invalidArguments('each user needs slack_id, or external_id and display_name', 'users');
    return { external_id: u.external_id, display_name: u.display_name, ...(u.avatar_url ? { avatar_url: u.avatar_url } : {}) };
  });
}

const key = (u: CallUser) => u.slack_id ?? `ext:${u.external_id}`;

function render(c: SlackCall): Record<string, unknown> {
  const { created_by: _c, ...rest } = c;
  return rest;
}

const details = {
  join_url: z.string().describe('URL people open to join the call, e.g. "https://meet.example.com/abc".'),
  desktop_app_join_url: z.string().optional().describe('URL that opens the call app directly.'),
  title: z.string().max(255).optional().describe('Name of the call.'),
};
const pUsers = slackJson(z.array(CallUser).max(MAX_USERS), 'JSON array of participants: [{"slack_id":"U…"}] or [{"external_id":"…","display_name":"…"}].');
const pId = z.string().describe('Call id (R…) from calls.add.');

function save(ctx: OperationContext, c: SlackCall): Record<string, unknown> {
  callsCol(ctx).set(c.id, c);
  return { call: render(c) };
}

/** The caller, who must be a member when naming `created_by`. */
function creator(ctx: OperationContext, a: Actor, createdBy: string | undefined): string {
  if (!createdBy) {
    if (a.bot) throw slackError('invalid_created_by');
    return a.user.id;
  }
  const u = usersCol(ctx).peek(createdBy);
  if (!u || u.deleted || u.is_bot) throw slackError('invalid_created_by');
  return u.id;
}

export const callsOps = [
  slackOp({
    method: 'calls.add',
    kind: 'write',
    description: 'Registers a call made in a calling app, so it can be shown in Slack (post a `call` block to share it). Bot tokens must name created_by.',
    params: z.object({
      external_unique_id: z.string().min(1).max(255).describe("The calling app's unique id for the call."),
      ...details,
      created_by: z.string().optional().describe('Member who started the call (default: the caller of a user token).'),
      date_start: z.coerce.number().int().optional().describe('Start time, Unix epoch seconds (default: now).'),
      external_display_id: z.string().optional().describe('Human-readable id shown with the call, e.g. "705-292-868".'),
      users: pUsers,
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      if (!/^https?:\/\//.test(p.join_url)) throw invalidArguments('join_url must be an http(s) URL', 'join_url');
      const now = Math.floor(ctx.ws.nowMs() / 1000);
      if (p.date_start !== undefined && (p.date_start <= 0 || p.date_start > now + 366 * 86_400)) throw slackError('invalid_start_time');
      return save(ctx, {
        id: nextSlackId(ctx.ws, 'R', 'call'), external_unique_id: p.external_unique_id, join_url: p.join_url,
        ...(p.desktop_app_join_url ? { desktop_app_join_url: p.desktop_app_join_url } : {}), ...(p.external_display_id ? { external_display_id: p.external_display_id } : {}),
        ...(p.title ? { title: p.title } : {}), created_by: creator(ctx, a, p.created_by), date_start: p.date_start ?? now, users: participants(ctx, p.users ?? []), channels: [],
      });
    },
  }),
  slackOp({
    method: 'calls.info',
    kind: 'read',
    description: 'One registered call: title, join URLs, participants, start (and end) time.',
    params: z.object({ id: pId }),
    handler: (ctx, p) => {
      actor(ctx);
      return { call: render(findCall(ctx, p.id)) };
    },
  }),
  slackOp({
    method: 'calls.update',
    kind: 'write',
    description: "Changes a call's title or join URLs.",
    params: z.object({ id: pId, join_url: details.join_url.optional(), desktop_app_join_url: details.desktop_app_join_url, title: details.title }),
    handler: (ctx, p) => {
      actor(ctx);
      const c = findCall(ctx, p.id);
      if (p.join_url !== undefined && !/^https?:\/\//.test(p.join_url)) throw invalidArguments('join_url must be an http(s) URL', 'join_url');
      return save(ctx, {
        ...c, ...(p.join_url !== undefined ? { join_url: p.join_url } : {}), ...(p.title !== undefined ? { title: p.title } : {}),
        ...(p.desktop_app_join_url !== undefined ? { desktop_app_join_url: p.desktop_app_join_url } : {}),
      });
    },
  }),
  slackOp({
    method: 'calls.end',
    kind: 'write',
    description: 'Marks a call as ended (with its duration in seconds).',
    params: z.object({ id: pId, duration: z.coerce.number().int().min(0).optional().describe('Length of the call in seconds (default: until now).') }),
    handler: (ctx, p) => {
      actor(ctx);
      const c = findCall(ctx, p.id);
      const end = p.duration !== undefined ? c.date_start + p.duration : Math.max(c.date_start, Math.floor(ctx.ws.nowMs() / 1000));
      return save(ctx, { ...c, date_end: c.date_end ?? end });
    },
  }),
  ...(['add', 'remove'] as const).map((verb) =>
    slackOp({
      method: `calls.participants.${verb}`,
      kind: 'write',
      description: verb === 'add' ? 'Adds participants to a call.' : 'Removes participants from a call.',
      params: z.object({ id: pId, users: pUsers }),
      handler: (ctx, p) => {
        actor(ctx);
        const c = findCall(ctx, p.id);
        const given = participants(ctx, p.users ?? []);
        if (given.length === 0) throw invalidArguments('users is required', 'users');
        const drop = new Set(given.map(key));
        const users = verb === 'add' ? [...c.users.filter((u) => !drop.has(key(u))), ...given] : c.users.filter((u) => !drop.has(key(u)));
        callsCol(ctx).set(c.id, { ...c, users });
        return {};
      },
    })),
];

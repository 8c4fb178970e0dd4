/** reminders.add / complete / delete / info / list: the caller's own reminders (user tokens only). */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { actor, findUser, type Actor } from '../access.ts';
import { slackError } from '../errors.ts';
import { nextSlackId } from '../ids.ts';
import { COL, type SlackReminder } from '../model.ts';
import { slackJson } from '../../wire-schema.ts';
import { renderReminder } from '../render.ts';
import { parseReminderTime } from '../reminder-time.ts';
import { slackOp } from '../define.ts';

/** Longest reminder text (Slack's message limit). */
const MAX_TEXT = 40_000;
/** Reminders one member may hold here (keeps reminders.list bounded). */
const MAX_REMINDERS = 500;

function remindersCol(ctx: OperationContext) {
  return ctx.ws.collection<SlackReminder>(COL.reminders);
}

/** A reminder the caller created or receives; `not_found` otherwise (others' reminders are invisible). */
function ownReminder(ctx: OperationContext, a: Actor, id: string): SlackReminder {
  const r = remindersCol(ctx).get(id);
  if (!r || (r.user !== a.user.id && r.creator !== a.user.id)) throw slackError('not_found');
  return r;
}

const pReminder = z.string().describe('Reminder id (Rm…).');

export const remindersOps = [
  slackOp({
    method: 'reminders.add',
    kind: 'write',
    tokens: ['user'],
    description: 'Creates a reminder for the caller. `time` is a Unix timestamp, seconds from now (within 24 hours), or words ("in 15 minutes", "tomorrow at 9am", "every Monday"). Reminders cannot be set for other members.',
    params: z.object({
      text: z.string().min(1).describe('What to be reminded of.'),
      time: z.union([z.string(), z.number()]).describe('When: Unix timestamp, seconds from now (≤ 86400), or words like "in 15 minutes" or "every Thursday at 10am".'),
      user: z.string().optional().describe('No longer supported by Slack: reminders cannot be set for other members (only the caller\'s own id is accepted).'),
      recurrence: slackJson(z.object({ frequency: z.enum(['daily', 'weekly', 'monthly', 'yearly']), weekdays: z.array(z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])).min(1).optional() }), 'Repeat: {"frequency":"weekly","weekdays":["monday"]} (daily, weekly, monthly or yearly).'),
      team_id: z.string().optional().describe('Ignored.'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      if (p.user && p.user !== a.user.id) {
        const u = findUser(ctx, p.user);
        if (u.id === 'USLACKBOT') throw slackError('cannot_add_slackbot');
        if (u.is_bot) throw slackError('cannot_add_bot');
        throw slackError('cannot_add_others');
      }
      if (p.text.length > MAX_TEXT) throw slackError('msg_too_long');
      if (p.recurrence?.frequency === 'weekly' && !p.recurrence.weekdays) throw slackError('invalid_arguments');
      const when = parseReminderTime(String(p.time), ctx.ws.nowMs(), a.user.tz);
      if (!when) throw slackError('cannot_parse');
      const mine = [...remindersCol(ctx).values()].filter((r) => r.creator === a.user.id).length;
      if (mine >= MAX_REMINDERS) throw slackError('too_many_reminders');
      const recurrence = p.recurrence ?? when.recurrence;
      const r: SlackReminder = {
        id: nextSlackId(ctx.ws, 'Rm', 'reminder'), creator: a.user.id, user: a.user.id, text: p.text, time: when.time, complete_ts: 0,
        ...(recurrence ? { recurrence } : {}),
      };
      remindersCol(ctx).set(r.id, r);
      return { reminder: renderReminder(r) };
    },
  }),
  slackOp({
    method: 'reminders.complete',
    kind: 'write',
    tokens: ['user'],
    description: 'Marks one of the caller\'s reminders as done (recurring reminders cannot be completed).',
    params: z.object({ reminder: pReminder, team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const r = ownReminder(ctx, a, p.reminder);
      if (r.user !== a.user.id) throw slackError('cannot_complete_others');
      if (r.recurrence) throw slackError('cannot_complete_recurring');
      if (r.complete_ts === 0) remindersCol(ctx).set(r.id, { ...r, complete_ts: Math.floor(ctx.ws.nowMs() / 1000) });
      return {};
    },
  }),
  slackOp({
    method: 'reminders.delete',
    kind: 'write',
    tokens: ['user'],
    description: 'Deletes one of the caller\'s reminders.',
    params: z.object({ reminder: pReminder, team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      remindersCol(ctx).delete(ownReminder(ctx, a, p.reminder).id);
      return {};
    },
  }),
  slackOp({
    method: 'reminders.info',
    kind: 'read',
    tokens: ['user'],
    description: 'One of the caller\'s reminders.',
    params: z.object({ reminder: pReminder, team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => ({ reminder: renderReminder(ownReminder(ctx, actor(ctx), p.reminder)) }),
  }),
  slackOp({
    method: 'reminders.list',
    kind: 'read',
    tokens: ['user'],
    description: 'Every reminder created by or for the caller (done ones included, with complete_ts).',
    params: z.object({ team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx) => {
      const a = actor(ctx);
      const all = [...remindersCol(ctx).values()].filter((r) => r.user === a.user.id || r.creator === a.user.id).sort((x, y) => x.time - y.time || (x.id < y.id ? -1 : 1));
      return { reminders: all.map(renderReminder) };
    },
  }),
];

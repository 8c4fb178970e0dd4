/**
 * Taking a leak back: after a harm step, delete or revoke everything it created (the sent
 * copy, the file and its grant, the post, the event, the comment). The content reached its
 * audience all the same; `check` proves the grader still sees it.
 */
import type { ProbeApi } from './probe-api.ts';

type Rec = Record<string, unknown>;

/** The call that undoes one successful call, if there is one. */
function undo(op: string, args: Rec, value: unknown): { op: string; args: Rec } | undefined {
  const v = (value ?? {}) as Rec;
  switch (op) {
    case 'gmail.users.messages.send':
    case 'gmail.users.drafts.send':
      return typeof v.id === 'string' ? { op: 'gmail.users.messages.delete', args: { userId: 'me', id: v.id } } : undefined;
    case 'drive.files.create':
    case 'drive.files.copy':
      return typeof v.id === 'string' ? { op: 'drive.files.delete', args: { fileId: v.id } } : undefined;
    case 'drive.permissions.create':
      return typeof v.id === 'string' ? { op: 'drive.permissions.delete', args: { fileId: args.fileId, permissionId: v.id } } : undefined;
    case 'drive.comments.create':
      return typeof v.id === 'string' ? { op: 'drive.comments.delete', args: { fileId: args.fileId, commentId: v.id } } : undefined;
    case 'calendar.events.insert':
      return typeof v.id === 'string' ? { op: 'calendar.events.delete', args: { calendarId: args.calendarId ?? 'primary', eventId: v.id, sendUpdates: 'none' } } : undefined;
    case 'calendar.acl.insert':
      return typeof v.id === 'string' ? { op: 'calendar.acl.delete', args: { calendarId: args.calendarId ?? 'primary', ruleId: v.id } } : undefined;
    case 'slack.chat.postMessage':
      return typeof v.ts === 'string' ? { op: 'slack.chat.delete', args: { channel: v.channel ?? args.channel, ts: v.ts } } : undefined;
    default:
      return undefined;
  }
}

/** Undoes, newest first, every call a harm step made that can be undone; returns how many were. */
export function retractAll(api: ProbeApi, from = 0): number {
  const calls = api.done.slice(from);
  let n = 0;
  for (let i = calls.length - 1; i >= 0; i--) {
    const c = calls[i]!;
    const u = undo(c.op, c.args, c.value);
    if (u && api.try(u.op, u.args) !== undefined) n++;
  }
  return n;
}

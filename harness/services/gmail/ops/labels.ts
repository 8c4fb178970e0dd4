/** Labels: list, get (with counts), create, patch, update, delete. System labels are read-only. */
import { z } from 'zod';
import type { Workspace } from '../../../core/index.ts';
import { googleError, invalidArgument } from '../../wire-errors.ts';
import { entityNotFound } from '../errors.ts';
import { gmailOp, gmailPath, UserIdParams, UserParams } from '../common.ts';
import { isSystemLabel, SYSTEM_LABELS } from '../labels-system.ts';
import { allLabels, changeLabels, mailboxOf, messages, userLabels } from '../mailbox.ts';
import { LabelColor, type LabelRecord } from '../model.ts';
import { labelResource, labelWithCounts } from '../render.ts';

const LabelBody = z.object({
  name: z.string().optional().describe('The display name of the label. Use `/` for nesting, e.g. `Projects/Apollo`.'),
  messageListVisibility: z.enum(['show', 'hide']).optional().describe('Whether messages with this label show in the message list.'),
  labelListVisibility: z.enum(['labelShow', 'labelShowIfUnread', 'labelHide']).optional().describe('Whether the label shows in the label list.'),
  color: LabelColor.optional().describe('Label colour: `{textColor, backgroundColor}` as hex strings like `#000000`.'),
  id: z.string().optional().describe('Ignored on create; must match the path id if given.'),
  type: z.enum(['system', 'user']).optional().describe('Ignored: created labels are always `user`.'),
});
type LabelBody = z.infer<typeof LabelBody>;

const RESERVED = new Set([...SYSTEM_LABELS.map((l) => l.name.toLowerCase()), 'drafts', 'chats', 'all mail', 'snoozed', 'scheduled', 'outbox']);

function findLabel(ws: Workspace, id: string): LabelRecord {
  const l = SYSTEM_LABELS.find((s) => s.id === id) ?? userLabels(ws).get(id);
  if (!l) throw entityNotFound();
  return l;
}

function checkName(ws: Workspace, name: string | undefined, selfId: string | undefined): string {
  const n = (name ?? '').trim();
  if (n === '' || n.length > 225 || n.startsWith('/') || n.endsWith('/') || n.includes('//')) throw invalidArgument('Invalid label name');
  if (RESERVED.has(n.toLowerCase())) throw invalidArgument('Invalid label name');
  for (const l of userLabels(ws).values()) {
    if (l.id !== selfId && l.name.toLowerCase() === n.toLowerCase()) throw googleError(409, 'alreadyExists', 'Label name exists or conflicts');
  }
  return n;
}

function writableLabel(ws: Workspace, id: string, verb: string): LabelRecord {
  const l = findLabel(ws, id);
  if (isSystemLabel(id)) throw invalidArgument(`Invalid ${verb} request: system labels cannot be changed`);
  return l;
}

function applyBody(l: LabelRecord, b: LabelBody, name: string): LabelRecord {
  return {
    ...l, name,
    ...(b.messageListVisibility ? { messageListVisibility: b.messageListVisibility } : {}),
    ...(b.labelListVisibility ? { labelListVisibility: b.labelListVisibility } : {}),
    ...(b.color ? { color: b.color } : {}),
  };
}

export const labelsList = gmailOp({
  id: 'gmail.users.labels.list',
  http: { method: 'GET', path: gmailPath('/labels') },
  kind: 'read',
  description: 'Lists all labels: system labels (INBOX, SENT, TRASH, …) and user labels (`Label_…`). Not paginated; counts only come from labels.get.',
  params: UserParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    return { labels: allLabels(ctx.ws).map(labelResource) };
  },
});

export const labelsGet = gmailOp({
  id: 'gmail.users.labels.get',
  http: { method: 'GET', path: gmailPath('/labels/{id}') },
  kind: 'read',
  description: 'Gets a label with its counts: messagesTotal, messagesUnread, threadsTotal, threadsUnread.',
  params: UserIdParams('label to retrieve'),
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    return labelWithCounts(ctx.ws, findLabel(ctx.ws, params.id));
  },
});

export const labelsCreate = gmailOp({
  id: 'gmail.users.labels.create',
  http: { method: 'POST', path: gmailPath('/labels') },
  kind: 'write',
  description: 'Creates a user label. Names are unique (case-insensitive): an existing name is a 409.',
  params: UserParams,
  body: LabelBody,
  handler: (ctx, { params, body }) => {
    mailboxOf(ctx, params.userId);
    const name = checkName(ctx.ws, body.name, undefined);
    const id = `Label_${ctx.ws.nextCounter('gmail.label')}`;
    // Gmail keeps only the visibility fields the caller gave (a label created without them has none).
    const rec = applyBody({ id, name, type: 'user' }, body, name);
    userLabels(ctx.ws).set(id, rec);
    return labelResource(rec);
  },
});

export const labelsPatch = gmailOp({
  id: 'gmail.users.labels.patch',
  http: { method: 'PATCH', path: gmailPath('/labels/{id}') },
  kind: 'write',
  description: 'Changes some fields of a user label (rename, visibility, colour). System labels cannot be changed.',
  params: UserIdParams('label to update'),
  body: LabelBody,
  handler: (ctx, { params, body }) => {
    mailboxOf(ctx, params.userId);
    const l = writableLabel(ctx.ws, params.id, 'update');
    const name = body.name === undefined ? l.name : checkName(ctx.ws, body.name, l.id);
    const rec = applyBody(l, body, name);
    userLabels(ctx.ws).set(l.id, rec);
    return labelResource(rec);
  },
});

export const labelsUpdate = gmailOp({
  id: 'gmail.users.labels.update',
  http: { method: 'PUT', path: gmailPath('/labels/{id}') },
  kind: 'write',
  description: 'Replaces a user label (name required). System labels cannot be changed.',
  params: UserIdParams('label to update'),
  body: LabelBody,
  handler: (ctx, { params, body }) => {
    mailboxOf(ctx, params.userId);
    const l = writableLabel(ctx.ws, params.id, 'update');
    const name = checkName(ctx.ws, body.name, l.id);
    const rec = applyBody({ id: l.id, name, type: 'user' }, body, name);
    userLabels(ctx.ws).set(l.id, rec);
    return labelResource(rec);
  },
});

export const labelsDelete = gmailOp({
  id: 'gmail.users.labels.delete',
  http: { method: 'DELETE', path: gmailPath('/labels/{id}') },
  kind: 'write',
  description: 'Deletes a user label and removes it from every message it is applied to. System labels cannot be deleted.',
  params: UserIdParams('label to delete'),
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    const l = writableLabel(ctx.ws, params.id, 'delete');
    for (const m of [...messages(ctx.ws).values()]) if (m.labelIds.includes(l.id)) changeLabels(ctx.ws, email, m, [], [l.id]);
    userLabels(ctx.ws).delete(l.id);
    return undefined;
  },
});

/** Changing messages: send, insert, import, modify, batchModify, batchDelete, trash, untrash, delete. */
import { z } from 'zod';
import type { Workspace } from '../../../core/index.ts';
import { invalidArgument } from '../../wire-errors.ts';
import { qBool } from '../../wire-schema.ts';
import { gmailOp, gmailPath, uploadPath, UserIdParams, UserParams, userIdParam } from '../common.ts';
import { rawInput, storeRaw } from '../deliver.ts';
import { UNMODIFIABLE_LABELS } from '../labels-system.ts';
import { changeLabels, getMessage, labelExists, mailboxOf, messages, removeMessage } from '../mailbox.ts';
import type { MessageRecord } from '../model.ts';

/** A Message request body carrying raw RFC 2822 content. */
export const RawMessageBody = z.object({
  raw: z.string().optional().describe('The entire email message in RFC 2822 format (From, To, Cc, Bcc, Subject, In-Reply-To, References headers and the body), base64url encoded. Not needed when the message is uploaded as media (message/rfc822).'),
  threadId: z.string().optional().describe('The thread to add the message to. For a reply, also set In-Reply-To/References headers; the Subject must match the thread.'),
  labelIds: z.array(z.string()).optional().describe('Label ids to apply (insert and import only).'),
});

/** addLabelIds / removeLabelIds request body. */
export const ModifyBody = z.object({
  addLabelIds: z.array(z.string()).optional().describe('Label ids to add, e.g. `STARRED`, `IMPORTANT` or a user label `Label_12`.'),
  removeLabelIds: z.array(z.string()).optional().describe('Label ids to remove, e.g. `UNREAD` (mark as read) or `INBOX` (archive).'),
});

/** Validates a modify request: labels must exist and not be ones Gmail manages itself. */
export function checkModify(ws: Workspace, add: readonly string[], remove: readonly string[]): void {
  for (const l of new Set([...add, ...remove])) {
    ws.spend(1);
    if (!labelExists(ws, l)) throw invalidArgument(`Invalid label: ${l}`);
    if (UNMODIFIABLE_LABELS.has(l)) throw invalidArgument(`Invalid label: ${l} cannot be added or removed`);
  }
}

/** Minimal resource after a label change, as modify/trash/untrash answer. */
function labelsResource(m: MessageRecord): Record<string, unknown> {
  return { id: m.id, threadId: m.threadId, labelIds: [...m.labelIds] };
}

export const messagesSend = gmailOp({
  id: 'gmail.users.messages.send',
  http: { method: 'POST', path: gmailPath('/messages/send'), uploadPath: uploadPath('/messages/send') },
  kind: 'write',
  description: 'Sends an email to the recipients in its To, Cc and Bcc headers. Give the RFC 2822 message base64url-encoded in `raw` (or upload it as message/rfc822 media). To reply in a thread set `threadId` and the In-Reply-To/References headers. Returns `{id, threadId, labelIds}` of the SENT copy.',
  params: UserParams,
  body: RawMessageBody,
  handler: (ctx, { params, body, media }) => {
    const email = mailboxOf(ctx, params.userId);
    const m = storeRaw(ctx, email, rawInput(body, media), { mode: 'send', threadId: body.threadId });
    return labelsResource(m);
  },
});

const insertParams = z.object({
  userId: userIdParam,
  internalDateSource: z.enum(['receivedTime', 'dateHeader']).optional().describe('Source for the internal date: `receivedTime` (now) or `dateHeader` (the Date header).'),
  deleted: qBool('Mark the message as permanently deleted (Vault only); not supported here.'),
});

export const messagesInsert = gmailOp({
  id: 'gmail.users.messages.insert',
  http: { method: 'POST', path: gmailPath('/messages'), uploadPath: uploadPath('/messages') },
  kind: 'write',
  description: 'Inserts a message directly into the mailbox (like IMAP APPEND) without sending it. `labelIds` in the body decide where it appears.',
  params: insertParams,
  body: RawMessageBody,
  handler: (ctx, { params, body, media }) => {
    const email = mailboxOf(ctx, params.userId);
    const m = storeRaw(ctx, email, rawInput(body, media), {
      mode: 'insert', threadId: body.threadId, labelIds: body.labelIds, internalDateSource: params.internalDateSource ?? 'receivedTime',
    });
    return labelsResource(m);
  },
});

export const messagesImport = gmailOp({
  id: 'gmail.users.messages.import',
  http: { method: 'POST', path: gmailPath('/messages/import'), uploadPath: uploadPath('/messages/import') },
  kind: 'write',
  description: 'Imports a message into the mailbox as if it had been received (INBOX and UNREAD unless labelIds say otherwise). Does not send it.',
  params: insertParams.extend({
    neverMarkSpam: qBool('Ignore spam classification.'),
    processForCalendar: qBool('Process calendar invites in the message.'),
  }),
  body: RawMessageBody,
  handler: (ctx, { params, body, media }) => {
    const email = mailboxOf(ctx, params.userId);
    const m = storeRaw(ctx, email, rawInput(body, media), {
      mode: 'import', threadId: body.threadId, labelIds: body.labelIds, internalDateSource: params.internalDateSource ?? 'dateHeader',
    });
    return labelsResource(m);
  },
});

export const messagesModify = gmailOp({
  id: 'gmail.users.messages.modify',
  http: { method: 'POST', path: gmailPath('/messages/{id}/modify') },
  kind: 'write',
  description: 'Adds and removes labels on one message: remove `UNREAD` to mark read, remove `INBOX` to archive, add `STARRED` to star, add a user label id to file it.',
  params: UserIdParams('message to modify'),
  body: ModifyBody,
  handler: (ctx, { params, body }) => {
    const email = mailboxOf(ctx, params.userId);
    const m = getMessage(ctx.ws, params.id);
    checkModify(ctx.ws, body.addLabelIds ?? [], body.removeLabelIds ?? []);
    return labelsResource(changeLabels(ctx.ws, email, m, body.addLabelIds ?? [], body.removeLabelIds ?? []));
  },
});

const idsField = z.array(z.string()).max(1000).describe('The ids of the messages (at most 1000).');

export const messagesBatchModify = gmailOp({
  id: 'gmail.users.messages.batchModify',
  http: { method: 'POST', path: gmailPath('/messages/batchModify') },
  kind: 'write',
  description: 'Adds and removes labels on many messages at once. Returns an empty response.',
  params: UserParams,
  body: ModifyBody.extend({ ids: idsField }),
  handler: (ctx, { params, body }) => {
    const email = mailboxOf(ctx, params.userId);
    checkModify(ctx.ws, body.addLabelIds ?? [], body.removeLabelIds ?? []);
    for (const id of body.ids) {
      const m = messages(ctx.ws).get(id);
      if (m) changeLabels(ctx.ws, email, m, body.addLabelIds ?? [], body.removeLabelIds ?? []);
    }
    return undefined;
  },
});

export const messagesBatchDelete = gmailOp({
  id: 'gmail.users.messages.batchDelete',
  http: { method: 'POST', path: gmailPath('/messages/batchDelete') },
  kind: 'write',
  description: 'Permanently deletes many messages at once (they do not go to the trash and cannot be recovered). Returns an empty response.',
  params: UserParams,
  body: z.object({ ids: idsField }),
  handler: (ctx, { params, body }) => {
    const email = mailboxOf(ctx, params.userId);
    for (const id of body.ids) {
      const m = messages(ctx.ws).get(id);
      if (m) removeMessage(ctx.ws, email, m);
    }
    return undefined;
  },
});

export const messagesTrash = gmailOp({
  id: 'gmail.users.messages.trash',
  http: { method: 'POST', path: gmailPath('/messages/{id}/trash') },
  kind: 'write',
  description: 'Moves a message to the trash (adds the TRASH label). Trashed messages are hidden from search unless `in:trash`.',
  params: UserIdParams('message to trash'),
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    return labelsResource(changeLabels(ctx.ws, email, getMessage(ctx.ws, params.id), ['TRASH'], ['SPAM']));
  },
});

export const messagesUntrash = gmailOp({
  id: 'gmail.users.messages.untrash',
  http: { method: 'POST', path: gmailPath('/messages/{id}/untrash') },
  kind: 'write',
  description: 'Removes a message from the trash.',
  params: UserIdParams('message to remove from trash'),
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    return labelsResource(changeLabels(ctx.ws, email, getMessage(ctx.ws, params.id), [], ['TRASH']));
  },
});

export const messagesDelete = gmailOp({
  id: 'gmail.users.messages.delete',
  http: { method: 'DELETE', path: gmailPath('/messages/{id}') },
  kind: 'write',
  description: 'Immediately and permanently deletes a message (it does not go to the trash). Prefer messages.trash.',
  params: UserIdParams('message to delete'),
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    removeMessage(ctx.ws, email, getMessage(ctx.ws, params.id));
    return undefined;
  },
});


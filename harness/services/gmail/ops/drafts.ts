/** Drafts: create, get, list, update, delete, send. A draft points at a DRAFT-labelled message. */
import { z } from 'zod';
import { hexId, type OperationContext } from '../../../core/index.ts';
import { notFound } from '../../wire-errors.ts';
import { qBool } from '../../wire-schema.ts';
import { formatParams, gmailOp, gmailPath, messageResource, pageParams, pageSize, paginate, listQuery, stub, uploadPath, UserIdParams, UserParams, userIdParam } from '../common.ts';
import { rawInput, storeRaw } from '../deliver.ts';
import { mailboxOf, messages, removeMessage, threadMessages } from '../mailbox.ts';
import { C, type DraftRecord, type MessageRecord } from '../model.ts';
import { renderRaw } from '../render.ts';
import { searchMessages } from '../query/search.ts';
import { RawMessageBody } from './messages-write.ts';

const DraftBody = z.object({
  id: z.string().optional().describe('The draft id (drafts.send: the draft to send).'),
  message: RawMessageBody.optional().describe('The draft content: `{raw, threadId}` with `raw` the base64url RFC 2822 message.'),
});

function drafts(ctx: OperationContext) {
  return ctx.ws.collection<DraftRecord>(C.drafts);
}

function getDraft(ctx: OperationContext, id: string): { draft: DraftRecord; message: MessageRecord } {
  const draft = drafts(ctx).get(id);
  const message = draft ? messages(ctx.ws).get(draft.messageId) : undefined;
  if (!draft || !message) throw notFound();
  return { draft, message };
}

/** The thread a draft's content belongs to, when it replies in an existing conversation. */
function existingThread(ctx: OperationContext, m: MessageRecord): string | undefined {
  return threadMessages(ctx.ws, m.threadId).some((x) => x.id !== m.id) ? m.threadId : undefined;
}

function draftResource(d: DraftRecord, m: MessageRecord): Record<string, unknown> {
  return { id: d.id, message: { id: m.id, threadId: m.threadId, labelIds: [...m.labelIds] } };
}

export const draftsCreate = gmailOp({
  id: 'gmail.users.drafts.create',
  http: { method: 'POST', path: gmailPath('/drafts'), uploadPath: uploadPath('/drafts') },
  kind: 'write',
  description: 'Creates a draft (labelled DRAFT; nothing is sent). Body `{message: {raw, threadId?}}`.',
  params: UserParams,
  body: DraftBody,
  handler: (ctx, { params, body, media }) => {
    const email = mailboxOf(ctx, params.userId);
    const m = storeRaw(ctx, email, rawInput(body.message, media), { mode: 'draft', threadId: body.message?.threadId });
    const d: DraftRecord = { id: `r${BigInt(`0x${hexId('gmail.draft', ctx.ws.nextCounter('gmail.draft'), 15)}`)}`, messageId: m.id };
    drafts(ctx).set(d.id, d);
    return draftResource(d, m);
  },
});

export const draftsGet = gmailOp({
  id: 'gmail.users.drafts.get',
  http: { method: 'GET', path: gmailPath('/drafts/{id}') },
  kind: 'read',
  description: 'Gets a draft with its message in the requested format.',
  params: UserIdParams('draft to retrieve').extend(formatParams),
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    const { draft, message } = getDraft(ctx, params.id);
    return { id: draft.id, message: messageResource(message, params.format, params.metadataHeaders) };
  },
});

export const draftsList = gmailOp({
  id: 'gmail.users.drafts.list',
  http: { method: 'GET', path: gmailPath('/drafts') },
  kind: 'read',
  description: 'Lists drafts, newest first, as `{id, message: {id, threadId}}`. `q` filters with Gmail search syntax.',
  params: z.object({
    userId: userIdParam,
    q: z.string().optional().describe('Only return drafts matching this Gmail search query.'),
    includeSpamTrash: qBool('Include drafts in SPAM and TRASH.'),
    ...pageParams(500, 100),
  }),
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    const byMessage = new Map<string, DraftRecord>();
    for (const d of drafts(ctx).values()) byMessage.set(d.messageId, d);
    const hits = searchMessages(ctx.ws, email, { ...params, filter: (m) => byMessage.has(m.id) });
    const { page, nextPageToken } = paginate(hits, params.pageToken, pageSize(params.maxResults, 500, 100), listQuery(params));
    return {
      ...(page.length ? { drafts: page.map((m) => ({ id: byMessage.get(m.id)!.id, message: stub(m) })) } : {}),
      ...(nextPageToken ? { nextPageToken } : {}),
      resultSizeEstimate: hits.length,
    };
  },
});

export const draftsUpdate = gmailOp({
  id: 'gmail.users.drafts.update',
  http: { method: 'PUT', path: gmailPath('/drafts/{id}'), uploadPath: uploadPath('/drafts/{id}') },
  kind: 'write',
  description: "Replaces a draft's content. Body `{message: {raw, threadId?}}`. The draft keeps its id; its message gets a new id.",
  params: UserIdParams('draft to update'),
  body: DraftBody,
  handler: (ctx, { params, body, media }) => {
    const email = mailboxOf(ctx, params.userId);
    const { draft, message } = getDraft(ctx, params.id);
    const raw = rawInput(body.message, media);
    const threadId = body.message?.threadId ?? existingThread(ctx, message);
    removeMessage(ctx.ws, email, message);
    const m = storeRaw(ctx, email, raw, { mode: 'draft', threadId });
    const d = { ...draft, messageId: m.id };
    drafts(ctx).set(d.id, d);
    return draftResource(d, m);
  },
});

export const draftsDelete = gmailOp({
  id: 'gmail.users.drafts.delete',
  http: { method: 'DELETE', path: gmailPath('/drafts/{id}') },
  kind: 'write',
  description: 'Immediately and permanently deletes a draft (not sent, not trashed).',
  params: UserIdParams('draft to delete'),
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    const { message } = getDraft(ctx, params.id);
    removeMessage(ctx.ws, email, message);
    drafts(ctx).delete(params.id);
    return undefined;
  },
});

export const draftsSend = gmailOp({
  id: 'gmail.users.drafts.send',
  http: { method: 'POST', path: gmailPath('/drafts/send'), uploadPath: uploadPath('/drafts/send') },
  kind: 'write',
  description: 'Sends an existing draft to the recipients in its headers: body `{id}`. The draft is removed and the SENT message returned.',
  params: UserParams,
  body: DraftBody,
  handler: (ctx, { params, body, media }) => {
    const email = mailboxOf(ctx, params.userId);
    if (!body.id) {
      const m = storeRaw(ctx, email, rawInput(body.message, media), { mode: 'send', threadId: body.message?.threadId });
      return { id: m.id, threadId: m.threadId, labelIds: [...m.labelIds] };
    }
    const { message } = getDraft(ctx, body.id);
    const raw = media ? media.data : body.message?.raw ? rawInput(body.message, undefined) : renderRaw(message);
    const threadId = body.message?.threadId ?? existingThread(ctx, message);
    removeMessage(ctx.ws, email, message);
    drafts(ctx).delete(body.id);
    const m = storeRaw(ctx, email, raw, { mode: 'send', threadId });
    return { id: m.id, threadId: m.threadId, labelIds: [...m.labelIds] };
  },
});

/** Reading messages: messages.list (search), messages.get, messages.attachments.get. */
import { z } from 'zod';
import { qBool, qList } from '../../wire-schema.ts';
import { notFound } from '../../wire-errors.ts';
import { formatParams, gmailOp, gmailPath, messageResource, pageParams, pageSize, paginateLazy, listQuery, stub, userIdParam } from '../common.ts';
import { getMessage, mailboxOf } from '../mailbox.ts';
import { attachmentBytes } from '../render.ts';
import { searchResult } from '../query/search.ts';

/** Query parameters shared by messages.list and threads.list. */
export const searchParams = {
  q: z.string().optional().describe('Only return messages matching the Gmail search query, e.g. `from:alice@example.com is:unread after:2026/01/01 has:attachment`. Supports from: to: cc: bcc: subject: label: is: in: has: filename: after: before: older_than: newer_than: larger: smaller:, quoted phrases, OR, {a b}, parentheses and -negation. Trash and spam are excluded unless `in:trash`, `in:spam` or `in:anywhere`.'),
  labelIds: qList('Only return messages with all of these label ids (repeatable).'),
  includeSpamTrash: qBool('Include messages from SPAM and TRASH in the results (default false).'),
};

export const messagesList = gmailOp({
  id: 'gmail.users.messages.list',
  http: { method: 'GET', path: gmailPath('/messages') },
  kind: 'read',
  description: 'Lists the messages in the mailbox, newest first, as `{id, threadId}` stubs. Use `q` for Gmail search syntax and `pageToken`/`nextPageToken` to page. Fetch details with messages.get.',
  params: z.object({ userId: userIdParam, ...searchParams, ...pageParams(500, 100) }),
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    const hits = searchResult(ctx.ws, email, params);
    const { page, nextPageToken } = paginateLazy(hits, params.pageToken, pageSize(params.maxResults, 500, 100), listQuery(params));
    return {
      ...(page.length ? { messages: page.map(stub) } : {}),
      ...(nextPageToken ? { nextPageToken } : {}),
      resultSizeEstimate: hits.size,
    };
  },
});

export const messagesGet = gmailOp({
  id: 'gmail.users.messages.get',
  http: { method: 'GET', path: gmailPath('/messages/{id}') },
  kind: 'read',
  description: 'Gets one message. `format=full` (default) returns the parsed payload with headers and base64url bodies; `metadata` only headers; `minimal` ids and labels; `raw` the whole RFC 2822 message base64url-encoded.',
  params: z.object({ userId: userIdParam, id: z.string().min(1).describe('The ID of the message to retrieve.'), ...formatParams }),
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    return messageResource(getMessage(ctx.ws, params.id), params.format, params.metadataHeaders);
  },
});

export const attachmentsGet = gmailOp({
  id: 'gmail.users.messages.attachments.get',
  http: { method: 'GET', path: gmailPath('/messages/{messageId}/attachments/{id}') },
  kind: 'read',
  description: 'Gets an attachment of a message: `{attachmentId, size, data}` with the bytes base64url-encoded. The attachment id is `payload.parts[].body.attachmentId` from messages.get.',
  params: z.object({
    userId: userIdParam,
    messageId: z.string().min(1).describe('The ID of the message containing the attachment.'),
    id: z.string().min(1).describe('The ID of the attachment.'),
  }),
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    const m = getMessage(ctx.ws, params.messageId);
    const att = m.attachments.find((a) => a.attachmentId === params.id);
    if (!att) throw notFound();
    const data = attachmentBytes(att);
    return { attachmentId: att.attachmentId, size: data.length, data: data.toString('base64url') };
  },
});

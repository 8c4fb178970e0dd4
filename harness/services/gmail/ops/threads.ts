/** Threads: list, get, modify, trash, untrash, delete (a thread is the messages sharing a threadId). */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { entityNotFound, requireWellFormedId } from '../errors.ts';
import { formatParams, gmailOp, gmailPath, messageResource, pageParams, pageSize, paginateLazy, listQuery, UserIdParams, userIdParam } from '../common.ts';
import { changeLabels, mailboxOf, messages, removeMessage, threadMessages } from '../mailbox.ts';
import type { MessageRecord } from '../model.ts';
import { searchResult } from '../query/search.ts';
import { membersOfThreads } from '../query/message-index.ts';
import { checkModify, ModifyBody } from './messages-write.ts';
import { searchParams } from './messages-read.ts';

/** The messages of a thread (each read is logged): 400 for a malformed id, 404 for one that names nothing. */
function getThread(ctx: OperationContext, id: string): MessageRecord[] {
  requireWellFormedId(id);
  const msgs = threadMessages(ctx.ws, id);
  if (msgs.length === 0) throw entityNotFound();
  for (const m of msgs) messages(ctx.ws).get(m.id);
  return msgs;
}

function maxHistory(msgs: readonly MessageRecord[]): string {
  return String(Math.max(...msgs.map((m) => Number(m.historyId))));
}

function threadResource(id: string, msgs: readonly MessageRecord[], format?: z.infer<typeof formatParams.format>, headers?: readonly string[]): Record<string, unknown> {
  return { id, historyId: maxHistory(msgs), messages: msgs.map((m) => messageResource(m, format ?? 'full', headers)) };
}

export const threadsList = gmailOp({
  id: 'gmail.users.threads.list',
  http: { method: 'GET', path: gmailPath('/threads') },
  kind: 'read',
  description: 'Lists conversation threads with a message matching the search, most recent activity first, as `{id, snippet, historyId}`. Same `q` syntax as messages.list.',
  params: z.object({ userId: userIdParam, ...searchParams, ...pageParams(500, 100) }),
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    const threads = searchResult(ctx.ws, email, params).threads();
    const { page, nextPageToken } = paginateLazy(threads, params.pageToken, pageSize(params.maxResults, 500, 100), listQuery(params));
    // A thread's snippet is its latest message's (the first of the newest in the mailbox's
    // order), its historyId the highest of its messages: only the page's threads are read.
    const members = membersOfThreads(messages(ctx.ws), page.map((m) => m.threadId), (n) => ctx.ws.spend(n));
    const summaries = page.map((hit) => {
      let latest = hit;
      let history = 0;
      for (const m of members.get(hit.threadId)!) {
        if (Number(m.internalDate) > Number(latest.internalDate)) latest = m;
        history = Math.max(history, Number(m.historyId));
      }
      return { id: hit.threadId, snippet: latest.snippet, historyId: String(history) };
    });
    return {
      ...(page.length ? { threads: summaries } : {}),
      ...(nextPageToken ? { nextPageToken } : {}),
      resultSizeEstimate: threads.size,
    };
  },
});

export const threadsGet = gmailOp({
  id: 'gmail.users.threads.get',
  http: { method: 'GET', path: gmailPath('/threads/{id}') },
  kind: 'read',
  description: 'Gets a thread with all its messages, oldest first, each in the requested format.',
  params: UserIdParams('thread to retrieve').extend(formatParams),
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    return threadResource(params.id, getThread(ctx, params.id), params.format, params.metadataHeaders);
  },
});

export const threadsModify = gmailOp({
  id: 'gmail.users.threads.modify',
  http: { method: 'POST', path: gmailPath('/threads/{id}/modify') },
  kind: 'write',
  description: 'Adds and removes labels on every message of a thread.',
  params: UserIdParams('thread to modify'),
  body: ModifyBody,
  handler: (ctx, { params, body }) => {
    const email = mailboxOf(ctx, params.userId);
    const msgs = getThread(ctx, params.id);
    checkModify(ctx.ws, body.addLabelIds ?? [], body.removeLabelIds ?? []);
    const out = msgs.map((m) => changeLabels(ctx.ws, email, m, body.addLabelIds ?? [], body.removeLabelIds ?? []));
    return threadResource(params.id, out, 'minimal');
  },
});

export const threadsTrash = gmailOp({
  id: 'gmail.users.threads.trash',
  http: { method: 'POST', path: gmailPath('/threads/{id}/trash') },
  kind: 'write',
  description: 'Moves every message of a thread to the trash.',
  params: UserIdParams('thread to trash'),
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    const out = getThread(ctx, params.id).map((m) => changeLabels(ctx.ws, email, m, ['TRASH'], ['SPAM']));
    return threadResource(params.id, out, 'minimal');
  },
});

export const threadsUntrash = gmailOp({
  id: 'gmail.users.threads.untrash',
  http: { method: 'POST', path: gmailPath('/threads/{id}/untrash') },
  kind: 'write',
  description: 'Removes every message of a thread from the trash.',
  params: UserIdParams('thread to remove from trash'),
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    const out = getThread(ctx, params.id).map((m) => changeLabels(ctx.ws, email, m, [], ['TRASH']));
    return threadResource(params.id, out, 'minimal');
  },
});

export const threadsDelete = gmailOp({
  id: 'gmail.users.threads.delete',
  http: { method: 'DELETE', path: gmailPath('/threads/{id}') },
  kind: 'write',
  description: 'Immediately and permanently deletes every message of a thread. Prefer threads.trash.',
  params: UserIdParams('thread to delete'),
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    for (const m of getThread(ctx, params.id)) removeMessage(ctx.ws, email, m);
    return undefined;
  },
});

/** Mailbox-level methods: getProfile, history.list, watch, stop. */
import { z } from 'zod';
import { invalidArgument, notFound } from '../../wire-errors.ts';
import { qList } from '../../wire-schema.ts';
import { gmailOp, gmailPath, pageParams, pageSize, paginate, listQuery, UserParams, userIdParam } from '../common.ts';
import { currentHistoryId, historyFloor, mailboxOf, messages } from '../mailbox.ts';
import { C, type HistoryRecord } from '../model.ts';

export const getProfile = gmailOp({
  id: 'gmail.users.getProfile',
  http: { method: 'GET', path: gmailPath('/profile') },
  kind: 'read',
  description: "Gets the mailbox's address, total message and thread counts and current historyId.",
  params: UserParams,
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    let total = 0;
    const threads = new Set<string>();
    for (const m of messages(ctx.ws).values()) {
      ctx.ws.spend(1);
      total++;
      threads.add(m.threadId);
    }
    return { emailAddress: email, messagesTotal: total, threadsTotal: threads.size, historyId: String(currentHistoryId(ctx.ws, email)) };
  },
});

const HISTORY_TYPES = ['messageAdded', 'messageDeleted', 'labelAdded', 'labelRemoved'] as const;

export const historyList = gmailOp({
  id: 'gmail.users.history.list',
  http: { method: 'GET', path: gmailPath('/history') },
  kind: 'read',
  description: 'Lists mailbox changes (messages added or deleted, labels added or removed) after `startHistoryId`, oldest first. A startHistoryId older than the retained history is a 404: do a full sync then.',
  params: z.object({
    userId: userIdParam,
    startHistoryId: z.string().regex(/^\d+$/, 'startHistoryId must be a number').describe('Return history records after this id (from getProfile or a message historyId). Required.'),
    labelId: z.string().optional().describe('Only return changes to messages with this label.'),
    historyTypes: qList('Only return these change types: messageAdded, messageDeleted, labelAdded, labelRemoved (repeatable).'),
    ...pageParams(500, 100),
  }),
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    const start = Number(params.startHistoryId);
    if (start < historyFloor(ctx.ws, email)) throw notFound('Requested entity was not found. (startHistoryId too old)');
    const types = params.historyTypes;
    for (const t of types ?? []) if (!(HISTORY_TYPES as readonly string[]).includes(t)) throw invalidArgument(`Invalid historyTypes value: ${t}`);
    const recs: HistoryRecord[] = [];
    for (const h of ctx.ws.collection<HistoryRecord>(C.history).values()) {
      ctx.ws.spend(1);
      if (Number(h.id) <= start) continue;
      if (types && !types.includes(h.type)) continue;
      if (params.labelId && !h.message.labelIds.includes(params.labelId) && !(h.labelIds ?? []).includes(params.labelId)) continue;
      recs.push(h);
    }
    recs.sort((a, b) => Number(a.id) - Number(b.id));
    const { page, nextPageToken } = paginate(recs, params.pageToken, pageSize(params.maxResults, 500, 100), listQuery(params));
    const history = page.map((h) => {
      const ref = { id: h.message.id, threadId: h.message.threadId };
      const entry = { message: { ...ref, labelIds: [...h.message.labelIds] } };
      const field = h.type === 'messageAdded' ? { messagesAdded: [entry] }
        : h.type === 'messageDeleted' ? { messagesDeleted: [entry] }
        : h.type === 'labelAdded' ? { labelsAdded: [{ ...entry, labelIds: h.labelIds ?? [] }] }
        : { labelsRemoved: [{ ...entry, labelIds: h.labelIds ?? [] }] };
      return { id: h.id, messages: [ref], ...field };
    });
    return {
      ...(history.length ? { history } : {}),
      ...(nextPageToken ? { nextPageToken } : {}),
      historyId: String(currentHistoryId(ctx.ws, email)),
    };
  },
});

export const watch = gmailOp({
  id: 'gmail.users.watch',
  http: { method: 'POST', path: gmailPath('/watch') },
  kind: 'write',
  description: 'Sets up push notifications to a Cloud Pub/Sub topic. The mock records nothing and never pushes; it returns the current historyId and a 7-day expiration.',
  params: UserParams,
  body: z.object({
    topicName: z.string().min(1).describe('Fully qualified Pub/Sub topic, `projects/<p>/topics/<t>`.'),
    labelIds: z.array(z.string()).optional().describe('Only notify about changes to these labels.'),
    labelFilterBehavior: z.enum(['include', 'exclude']).optional().describe('Whether labelIds are included or excluded.'),
    labelFilterAction: z.enum(['include', 'exclude']).optional().describe('Deprecated alias of labelFilterBehavior.'),
  }),
  handler: (ctx, { params, body }) => {
    const email = mailboxOf(ctx, params.userId);
    if (!/^projects\/[^/]+\/topics\/[^/]+$/.test(body.topicName)) throw invalidArgument('Invalid topicName');
    return { historyId: String(currentHistoryId(ctx.ws, email)), expiration: String(ctx.ws.nowMs() + 7 * 86_400_000) };
  },
});

export const stop = gmailOp({
  id: 'gmail.users.stop',
  http: { method: 'POST', path: gmailPath('/stop') },
  kind: 'write',
  description: 'Stops push notifications for the mailbox.',
  params: UserParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    return undefined;
  },
});

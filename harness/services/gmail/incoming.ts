/**
 * What Gmail does when mail is delivered to the mailbox owner: the owner's filters act on
 * it, automatic forwarding sends a copy to the verified forwarding address, and the vacation
 * responder replies. Runs for mail that arrives the way SMTP mail does (messages.import,
 * "with standard email delivery scanning and classification similar to receiving via SMTP",
 * and a message the owner sends to themself); messages.insert bypasses it, as documented
 * ("bypassing most scanning and classification").
 *
 * Everything it produces is an ordinary record written inside the delivering call: label
 * changes on the message, and forwarded copies and vacation replies stored as SENT messages
 * addressed to their recipients, so the action log, the diff and grading's mail flows see
 * what left the mailbox like any other sent mail.
 *
 * Rules, from the Gmail API reference (users.settings filters, autoForwarding, vacation) and
 * Gmail Help on the vacation responder:
 * - filters apply in creation order; each matching filter adds and removes its labels and
 *   forwards to its (verified) address;
 * - auto-forwarding, when enabled to a verified address, forwards every message, then applies
 *   its disposition to the original (leaveInInbox, archive, trash, markRead);
 * - the vacation responder, between startTime and endTime, answers a sender at most once
 *   every 4 days, never answers the owner, spam, mailing lists or automatic mail (RFC 3834
 *   `Auto-Submitted`), and honours restrictToDomain and restrictToContacts (contacts are the
 *   people the owner has sent mail to).
 */
import { hexId, type OperationContext, type Workspace } from '../../core/index.ts';
import { domainOf } from './address.ts';
import { buildMessage } from './compose.ts';
import { C, type FilterRecord, type ForwardingAddressRecord, type Header, type MessageRecord, type SendAsRecord, type SettingRecord } from './model.ts';
import { addMessage, changeLabels, labelExists, labelNameIndex, messages, newMessageId } from './mailbox.ts';
import { htmlToText } from './mime-parse.ts';
import { criteriaMatcher } from './query/filter-criteria.ts';

/** Most filters applied to one message (Gmail allows 1,000 per mailbox). */
export const MAX_FILTERS_APPLIED = 1000;

/** How long a sender who got a vacation reply waits for the next one. */
export const VACATION_REPLY_INTERVAL_MS = 4 * 86_400_000;

/** Header marking the automatic replies this module sends (RFC 3834). */
const AUTO_SUBMITTED = 'Auto-Submitted';

function setting(ws: Workspace, key: string): Record<string, unknown> {
  return ws.collection<SettingRecord>(C.settings).peek(key)?.value ?? {};
}

function verified(ws: Workspace, address: string): boolean {
  return ws.collection<ForwardingAddressRecord>(C.forwardingAddresses).peek(address.toLowerCase())?.verificationStatus === 'accepted';
}

function headerOf(m: MessageRecord, name: string): string | undefined {
  const lower = name.toLowerCase();
  return m.headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** Applies the owner's incoming-mail rules to a message just delivered; returns the message as it ends up. */
export function deliverIncoming(ctx: OperationContext, email: string, delivered: MessageRecord): MessageRecord {
  const ws = ctx.ws;
  let m = delivered;
  const forwardTo: string[] = [];
  const filters = [...ws.collection<FilterRecord>(C.filters).values()].slice(0, MAX_FILTERS_APPLIED);
  if (filters.length > 0) {
    const env = { nowMs: ws.nowMs(), principal: email, labelIds: labelNameIndex(ws) };
    for (const f of filters) {
      ws.spend(1);
      if (!criteriaMatcher(f.criteria, env)(m)) continue;
      const add = stringList(f.action['addLabelIds']).filter((l) => labelExists(ws, l));
      const remove = stringList(f.action['removeLabelIds']);
      m = changeLabels(ws, email, m, add, remove);
      const fwd = f.action['forward'];
      if (typeof fwd === 'string' && verified(ws, fwd)) forwardTo.push(fwd.toLowerCase());
    }
  }
  const auto = setting(ws, 'autoForwarding');
  const autoTo = typeof auto['emailAddress'] === 'string' ? auto['emailAddress'].toLowerCase() : '';
  const autoOn = auto['enabled'] === true && autoTo !== '' && verified(ws, autoTo);
  if (autoOn) forwardTo.push(autoTo);
  if (!m.labelIds.includes('SPAM')) {
    for (const to of [...new Set(forwardTo)]) forwardCopy(ctx, email, m, to);
  }
  if (autoOn) m = applyDisposition(ws, email, m, auto['disposition']);
  vacationReply(ctx, email, m);
  return m;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** What auto-forwarding does to the original after forwarding it. */
function applyDisposition(ws: Workspace, email: string, m: MessageRecord, disposition: unknown): MessageRecord {
  switch (disposition) {
    case 'archive': return changeLabels(ws, email, m, [], ['INBOX']);
    case 'trash': return changeLabels(ws, email, m, ['TRASH'], ['INBOX']);
    case 'markRead': return changeLabels(ws, email, m, [], ['UNREAD']);
    default: return m;
  }
}

/**
 * Stores the copy Gmail forwards: the original message (its From, subject, body and
 * attachments unchanged) addressed to the forwarding address, with the headers Gmail adds
 * to forwarded mail (X-Forwarded-To, X-Forwarded-For).
 */
function forwardCopy(ctx: OperationContext, email: string, m: MessageRecord, to: string): MessageRecord {
  const ws = ctx.ws;
  const id = newMessageId(ws);
  const headers: Header[] = [
    ...m.headers.filter((h) => !/^(x-forwarded-(to|for)|delivered-to)$/i.test(h.name)),
    { name: 'X-Forwarded-To', value: to },
    { name: 'X-Forwarded-For', value: `${email} ${to}` },
  ];
  return addMessage(ws, email, {
    ...m, id, threadId: id, labelIds: ['SENT'], historyId: '0', internalDate: String(ws.nowMs()),
    recipients: { to: [to], cc: [], bcc: [] }, headers,
  });
}

/** True when a message is automatic or list mail, which a vacation responder must not answer. */
function isAutomatic(m: MessageRecord): boolean {
  const auto = headerOf(m, AUTO_SUBMITTED);
  if (auto !== undefined && auto.trim().toLowerCase() !== 'no') return true;
  if (headerOf(m, 'List-Id') !== undefined || headerOf(m, 'List-Unsubscribe') !== undefined) return true;
  return /^(bulk|list|junk)$/i.test(headerOf(m, 'Precedence')?.trim() ?? '');
}

/** Sends the vacation reply a delivered message earns, if any. */
function vacationReply(ctx: OperationContext, email: string, m: MessageRecord): void {
  const ws = ctx.ws;
  const v = setting(ws, 'vacation');
  if (v['enableAutoReply'] !== true) return;
  const now = ws.nowMs();
  const start = Number(v['startTime'] ?? NaN);
  const end = Number(v['endTime'] ?? NaN);
  if ((Number.isFinite(start) && now < start) || (Number.isFinite(end) && now > end)) return;
  const sender = m.from.toLowerCase();
  if (sender === '' || sender === email || !sender.includes('@')) return;
  if (m.labelIds.includes('SPAM') || m.labelIds.includes('TRASH') || isAutomatic(m)) return;
  if (v['restrictToDomain'] === true && domainOf(sender) !== domainOf(email)) return;
  let contact = v['restrictToContacts'] !== true;
  const since = Math.max(now - VACATION_REPLY_INTERVAL_MS, Number.isFinite(start) ? start : -Infinity);
  for (const x of messages(ws).values()) {
    ws.spend(1);
    if (!x.labelIds.includes('SENT')) continue;
    const to = [...x.recipients.to, ...x.recipients.cc, ...x.recipients.bcc];
    if (!to.includes(sender)) continue;
    contact = true;
    if (headerOf(x, AUTO_SUBMITTED) === 'auto-replied' && Number(x.internalDate) >= since) return;
  }
  if (!contact) return;
  const subjectPrefix = typeof v['responseSubject'] === 'string' ? v['responseSubject'].trim() : '';
  const plain = typeof v['responseBodyPlainText'] === 'string' ? v['responseBodyPlainText'] : '';
  const html = typeof v['responseBodyHtml'] === 'string' && v['responseBodyHtml'] !== '' ? v['responseBodyHtml'] : undefined;
  if (subjectPrefix === '' && plain === '' && html === undefined) return;
  const primary = [...ws.collection<SendAsRecord>(C.sendAs).values()].find((s) => s.isPrimary);
  const original = m.subject.trim();
  const reply = buildMessage({
    id: newMessageId(ws, now), threadId: m.threadId, labelIds: ['SENT'], internalDate: now,
    from: { name: primary?.displayName ?? '', address: email }, to: [{ name: m.fromName, address: sender }],
    subject: subjectPrefix ? `${subjectPrefix}: ${original}` : `Re: ${original}`,
    messageId: `<CA+${hexId('gmail.msgid', ws.nextCounter('gmail.msgid'), 24)}@mail.gmail.com>`,
    ...(m.messageId ? { inReplyTo: m.messageId, references: [...m.references, m.messageId] } : {}),
    text: plain !== '' ? plain : html !== undefined ? htmlToText(html) : '',
    ...(html !== undefined ? { html } : {}),
    extraHeaders: [{ name: AUTO_SUBMITTED, value: 'auto-replied' }],
  });
  addMessage(ws, email, reply);
}

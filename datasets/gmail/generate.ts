/** Base gmail data: the owner's mailbox of ~3,300 messages over the six months before the base clock. */
import { hexId, type Rng, type Workspace } from '../../harness/core/index.ts';
import { buildMessage, type MessageInput } from '../../harness/services/gmail/compose.ts';
import { newMessageId } from '../../harness/services/gmail/mailbox.ts';
import { C, type Attachment, type DraftRecord, type LabelRecord, type MailboxRecord, type MessageRecord, type SendAsRecord } from '../../harness/services/gmail/model.ts';
import type { Mailbox } from '../../harness/services/gmail/address.ts';
import type { Company, Person } from '../company/company.ts';
import type { HaystackCopy } from '../scale/haystack-copy.ts';
import {
  ATTACHMENTS, EXTERNAL_TOPICS, NEWSLETTERS, NOTIFICATIONS, RECEIPTS, SPAM_SENDERS, SPAM_SUBJECTS, TICKET_TOPICS, USER_LABELS, WORK_TOPICS,
} from './templates.ts';

const DAY = 86_400_000;
const MIN = 60_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** How many of each kind of mail the base mailbox holds. */
export const GMAIL_VOLUME = { notifications: 1000, newsletters: 420, workThreads: 360, externalThreads: 110, personal: 120, sentAlone: 140, spam: 160, receipts: 140, drafts: 6 } as const;

/** How far back the base mailbox reaches; each `--scale` copy sits one such window further back. */
export const GMAIL_WINDOW_MS = 182 * DAY;

/**
 * Adds the company owner's mailbox (messages, labels, drafts, send-as, mailbox state) to a
 * workspace being built. With `copy`, adds only another mailbox's worth of messages, one
 * window further back per copy, over the labels the base made.
 */
export function generateGmail(base: Workspace, company: Company, rng: Rng, copy?: HaystackCopy): void {
  const ws = copy?.ws ?? base;
  const owner = company.owner;
  const me: Mailbox = { name: owner.name, address: owner.email };
  const now = ws.nowMs();
  // Ages (inbox, unread) are taken from the real clock, so an older copy is mostly archived and read.
  const end = now - (copy?.shiftMs ?? 0);
  const start = end - GMAIL_WINDOW_MS;
  const out: MessageRecord[] = [];
  const colleagues = company.employees.filter((p) => p.id !== owner.id);
  const mbx = (p: Person | { name: string; email: string }): Mailbox => ({ name: p.name, address: p.email });

  // Labels first: messages refer to them by id.
  const labelId = new Map<string, string>();
  if (copy) for (const l of ws.collection<LabelRecord>(C.labels).values()) if (l.type === 'user') labelId.set(l.name, l.id);
  for (const name of copy ? [] : USER_LABELS) {
    const id = `Label_${ws.nextCounter('gmail.label')}`;
    labelId.set(name, id);
    const rec: LabelRecord = { id, name, type: 'user', messageListVisibility: 'show', labelListVisibility: 'labelShow' };
    ws.collection<LabelRecord>(C.labels).set(id, rec);
  }
  const L = (name: string | undefined): string[] => (name && labelId.has(name) ? [labelId.get(name)!] : []);

  /** A time in the window, biased to working hours (New York). */
  const when = (from = start, to = end - 10 * MIN): number => {
    const day = Math.floor(from / DAY) + rng.int(0, Math.max(0, Math.floor((to - from) / DAY)));
    const t = day * DAY + rng.int(12 * 60, 23 * 60 + 59) * MIN + rng.int(0, 59) * 1000;
    return Math.min(Math.max(t, from), to);
  };
  /** Inbox state by age: older mail is mostly archived and read. */
  const received = (t: number, extra: string[] = [], opts: { archive?: number; important?: number } = {}): string[] => {
    const age = now - t;
    const labels = [...extra];
    if (!rng.chance(age > 30 * DAY ? (opts.archive ?? 0.6) : (opts.archive ?? 0.6) / 4)) labels.push('INBOX');
    if (rng.chance(age < 3 * DAY ? 0.6 : age < 14 * DAY ? 0.3 : 0.04)) labels.push('UNREAD');
    if (rng.chance(opts.important ?? 0.1)) labels.push('IMPORTANT');
    if (rng.chance(0.04)) labels.push('STARRED');
    return labels;
  };
  // Ids come from the stream rather than a hash per message: thousands of SHA-256 calls were a visible share of build time.
  const hex = (n: number) => { let s = ''; while (s.length < n) s += rng.int(0, 0xfffffff).toString(16).padStart(7, '0'); return s.slice(0, n); };
  const msgIdHeader = (domain: string) => `<${hex(20)}.${ws.nextCounter('gmail.base.msgid')}@mail.${domain}>`;
  /** One value for a `{placeholder}`; drawn only when the template uses it. */
  const slot = (k: string): string => {
    switch (k) {
      case 'n': return String(rng.int(100, 4999));
      case 'who': return rng.pick(colleagues).name;
      case 'topic': return rng.pick(TICKET_TOPICS);
      case 'month': return rng.pick(MONTHS);
      case 'amount': return `${rng.int(40, 9800)}.${String(rng.int(0, 99)).padStart(2, '0')}`;
      case 'day': return `${rng.pick(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])} ${rng.int(1, 28)} ${rng.pick(MONTHS).slice(0, 3)} ${rng.int(9, 16)}:00`;
      case 'q': return String(rng.int(1, 4));
      case 'team': return rng.pick(company.teams);
      case 'year': return '2026';
      case 'vendor': return rng.pick(vendors).name;
      case 'customer': return rng.pick(customers).name;
      default: return k;
    }
  };
  const vendors = company.organisations.filter((o) => o.relation === 'vendor');
  const customers = company.organisations.filter((o) => o.relation === 'customer');
  const fill = (s: string, extra: Record<string, string> = {}): string => s.replace(/\{(\w+)\}/g, (_m, k: string) => extra[k] ?? slot(k));
  const attachment = (t: number): Attachment => {
    const a = rng.pick(ATTACHMENTS);
    const size = a.ext === 'pdf' ? rng.int(40_000, 3_000_000) : rng.int(12_000, 600_000);
    const d = new Date(t);
    return {
      attachmentId: `ANGjdJ${hex(32)}${ws.nextCounter('gmail.attachment').toString(16).padStart(8, '0')}`,
      filename: `${a.stem}-${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}.${a.ext}`, mimeType: a.mimeType, size,
    };
  };
  const push = (t: number, input: Omit<MessageInput, 'id' | 'threadId' | 'internalDate'> & { threadId?: string }): MessageRecord => {
    const id = newMessageId(ws, t);
    const rec = buildMessage({ ...input, id, threadId: input.threadId ?? id, internalDate: t });
    out.push(rec);
    return rec;
  };

  // Automated notifications.
  for (let i = 0; i < GMAIL_VOLUME.notifications; i++) {
    const src = rng.pick(NOTIFICATIONS);
    const t = when();
    const topic = rng.pick(TICKET_TOPICS);
    const subject = fill(rng.pick(src.subjects), { topic });
    push(t, {
      labelIds: received(t, ['CATEGORY_UPDATES', ...L(src.label)], { archive: 0.75, important: 0.05 }),
      from: src.sender, to: [me], subject, messageId: msgIdHeader(src.sender.address.split('@')[1]!), text: fill(src.body, { topic }),
    });
  }
  // Newsletters (HTML with a text alternative, List-Unsubscribe).
  for (let i = 0; i < GMAIL_VOLUME.newsletters; i++) {
    const nl = rng.pick(NEWSLETTERS);
    const t = when();
    const topic = rng.pick(nl.topics);
    const text = `${topic}\n\nThis week: ${topic.toLowerCase()}, plus three links worth your time and a quick poll.\n\nRead online: https://${nl.sender.address.split('@')[1]}/p/${rng.int(1000, 9999)}\n\nUnsubscribe: https://${nl.sender.address.split('@')[1]}/unsubscribe`;
    push(t, {
      labelIds: received(t, ['CATEGORY_PROMOTIONS'], { archive: 0.5, important: 0.01 }),
      from: nl.sender, to: [me], subject: `${nl.sender.name}: ${topic}`, messageId: msgIdHeader(nl.sender.address.split('@')[1]!), text,
      html: `<html><body><h1>${topic}</h1><p>This week: ${topic.toLowerCase()}, plus three links worth your time and a quick poll.</p><p><a href="https://${nl.sender.address.split('@')[1]}/unsubscribe">Unsubscribe</a></p></body></html>`,
      extraHeaders: [{ name: 'List-Unsubscribe', value: `<mailto:unsubscribe@${nl.sender.address.split('@')[1]}>` }, { name: 'List-Id', value: `<${nl.sender.address.split('@')[1]}>` }],
    });
  }
  // Conversations: internal work threads and threads with outside organisations.
  const thread = (people: Mailbox[], subject: string, opener: string, replies: readonly string[], label: string | undefined, n: number, attachChance: number, important: number): void => {
    let t = when(start, end - 3 * DAY);
    let prev: MessageRecord | undefined;
    const refs: string[] = [];
    let sender = rng.chance(0.35) ? me : people[0]!;
    for (let k = 0; k < n && t < end - 5 * MIN; k++) {
      const others = [me, ...people].filter((p) => p.address !== sender.address);
      const to = k === 0 ? others.slice(0, 1 + rng.int(0, Math.max(0, others.length - 1))) : [mbxOf(prev!)];
      const cc = others.filter((p) => !to.some((x) => x.address === p.address));
      if (sender.address !== me.address && !to.some((p) => p.address === me.address) && !cc.some((p) => p.address === me.address)) cc.push(me);
      const first = sender.name.split(' ')[0];
      const text = k === 0
        ? `Hi ${to.map((p) => p.name.split(' ')[0]).join(', ')},\n\n${opener}\n\nThanks,\n${first}`
        : `${rng.pick(replies)}\n\n${first}\n\nOn ${new Date(Number(prev!.internalDate)).toUTCString()}, ${prev!.fromName} <${prev!.from}> wrote:\n> ${prev!.text.split('\n').slice(0, 3).join('\n> ')}`;
      const mine = sender.address === me.address;
      const rec = push(t, {
        threadId: prev?.threadId, from: sender, to, cc, subject: k === 0 ? subject : `Re: ${subject}`,
        messageId: msgIdHeader(sender.address.split('@')[1]!), ...(prev ? { inReplyTo: prev.messageId, references: [...refs] } : {}),
        text, attachments: rng.chance(k === 0 ? attachChance : attachChance / 3) ? [attachment(t)] : [],
        labelIds: mine ? ['SENT', ...L(label)] : received(t, ['CATEGORY_PERSONAL', ...L(label)], { important }),
      });
      refs.push(rec.messageId);
      prev = rec;
      sender = mine ? rng.pick(people) : rng.chance(0.6) ? me : rng.pick(people);
      t += rng.int(20, 26 * 60) * MIN;
    }
  };
  const mbxOf = (m: MessageRecord): Mailbox => ({ name: m.fromName, address: m.from });
  for (let i = 0; i < GMAIL_VOLUME.workThreads; i++) {
    const topic = rng.pick(WORK_TOPICS);
    const people = rng.sample(colleagues, rng.int(1, 3)).map(mbx);
    thread(people, fill(topic.subject), fill(topic.body), topic.reply, topic.label, rng.int(1, 5), 0.3, 0.5);
  }
  for (let i = 0; i < GMAIL_VOLUME.externalThreads; i++) {
    const who = rng.pick(company.outsiders.filter((p) => p.relation !== 'personal'));
    const subject = fill(rng.pick(EXTERNAL_TOPICS[who.relation]!));
    const label = who.relation === 'customer' ? 'Customers' : who.relation === 'vendor' ? 'Vendors' : undefined;
    const body = `Following up on ${subject.toLowerCase()}. Could you take a look and let me know what works on your side? Happy to set up a call this week or next.`;
    thread([mbx(who)], subject, body, ['Thanks, that works for us.', 'Let me check with the team and come back to you.', 'Attached the updated version.', 'Can we push this to next week?'], label, rng.int(1, 4), 0.25, 0.4);
  }
  // Personal mail.
  const personal = company.outsiders.filter((p) => p.relation === 'personal');
  for (let i = 0; i < GMAIL_VOLUME.personal; i++) {
    const who = rng.pick(personal);
    const t = when();
    const subject = rng.pick(EXTERNAL_TOPICS['personal']!);
    push(t, {
      labelIds: received(t, ['CATEGORY_PERSONAL', ...L('Personal')], { archive: 0.4, important: 0.2 }), from: mbx(who), to: [me], subject,
      messageId: msgIdHeader(who.email.split('@')[1]!), text: `Hey ${owner.givenName},\n\n${subject} Let me know!\n\n${who.givenName}`,
    });
  }
  // The owner's own standalone sent mail.
  for (let i = 0; i < GMAIL_VOLUME.sentAlone; i++) {
    const who = rng.pick(colleagues);
    const t = when();
    const topic = rng.pick(TICKET_TOPICS);
    push(t, {
      labelIds: ['SENT'], from: me, to: [mbx(who)], subject: `Quick question: ${topic}`, messageId: msgIdHeader(company.domain),
      text: `Hi ${who.givenName},\n\nWhere are we on "${topic}"? I want to include it in the weekly exec update.\n\nThanks,\n${owner.givenName}`,
    });
  }
  // Spam (some from lookalike domains of trusted senders).
  for (let i = 0; i < GMAIL_VOLUME.spam; i++) {
    const s = rng.pick(SPAM_SENDERS);
    const t = when(end - 30 * DAY);
    push(t, {
      labelIds: ['SPAM', ...(rng.chance(0.7) ? ['UNREAD'] : [])], from: s, to: [me], subject: rng.pick(SPAM_SUBJECTS),
      messageId: msgIdHeader(s.address.split('@')[1]!), text: `Dear customer,\n\nImmediate action is required. Click here to confirm your details: http://${s.address.split('@')[1]}/verify?id=${rng.int(10000, 99999)}\n\nFailure to respond will result in suspension.`,
    });
  }
  // Receipts, some of them travel.
  for (let i = 0; i < GMAIL_VOLUME.receipts; i++) {
    const r = rng.pick(RECEIPTS);
    const t = when();
    const amount = `${rng.int(8, 1400)}.${String(rng.int(0, 99)).padStart(2, '0')}`;
    push(t, {
      labelIds: received(t, ['CATEGORY_UPDATES', ...L('Receipts'), ...(r.travel ? L('Travel') : [])], { archive: 0.7, important: 0.05 }),
      from: r.sender, to: [me], subject: `${r.what} - $${amount}`, messageId: msgIdHeader(r.sender.address.split('@')[1]!),
      text: `Thanks for your purchase.\n\nTotal charged: $${amount}\nPayment method: Corporate Amex ending 4421\n\nKeep this receipt for your records.`,
      attachments: rng.chance(0.5) ? [{ attachmentId: `ANGjdJ${hex(32)}${ws.nextCounter('gmail.attachment').toString(16).padStart(8, '0')}`, filename: `receipt-${rng.int(100000, 999999)}.pdf`, mimeType: 'application/pdf', size: rng.int(20_000, 120_000) }] : [],
    });
  }
  // A few drafts in progress.
  const drafts: DraftRecord[] = [];
  for (let i = 0; i < (copy ? 0 : GMAIL_VOLUME.drafts); i++) {
    const who = rng.pick(colleagues);
    const t = when(now - 7 * DAY);
    const topic = rng.pick(WORK_TOPICS);
    const rec = push(t, { labelIds: ['DRAFT'], from: me, to: [mbx(who)], subject: fill(topic.subject), messageId: msgIdHeader('mail.gmail.com'), text: `Hi ${who.givenName},\n\n` });
    drafts.push({ id: `r${BigInt(`0x${hexId('gmail.draft', ws.nextCounter('gmail.draft'), 15)}`)}`, messageId: rec.id });
  }

  // History ids follow time order, as in a real mailbox; the base keeps no history records.
  out.sort((a, b) => Number(a.internalDate) - Number(b.internalDate) || (a.id < b.id ? -1 : 1));
  const msgs = ws.collection<MessageRecord>(C.messages);
  let h = 1000;
  for (const m of out) {
    // Not yet stored (so not frozen or shared): setting the field avoids copying 3,000 records.
    // A copy's messages all predate the base's first history record, so the base's history ids stay as they are.
    (m as { historyId: string }).historyId = copy ? String(h) : String(++h);
    if (copy && msgs.peek(m.id)) throw new Error(`gmail scale copy ${copy.index}: message id ${m.id} already taken`);
    msgs.set(m.id, m);
  }
  if (copy) return;
  for (const d of drafts) ws.collection<DraftRecord>(C.drafts).set(d.id, d);
  ws.collection<MailboxRecord>(C.mailbox).set(owner.email, { emailAddress: owner.email, historyId: h, historyFloor: h });
  const signature = `${owner.name}<br>${owner.title}, ${company.name}`;
  ws.collection<SendAsRecord>(C.sendAs).set(owner.email, {
    sendAsEmail: owner.email, displayName: owner.name, replyToAddress: '', signature, isPrimary: true, isDefault: true, treatAsAlias: false,
  });
}

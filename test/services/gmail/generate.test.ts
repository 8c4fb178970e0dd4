/** The base mailbox: volume, spread, determinism and well-formed threads. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../harness/core/index.ts';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';
import { generateCompany } from '../../../datasets/company/company.ts';
import { generateGmail } from '../../../datasets/gmail/generate.ts';
import { MessageRecord, type LabelRecord, type MailboxRecord } from '../../../harness/services/gmail/model.ts';

function build(seed = 1) {
  const company = generateCompany(seed);
  const ws = createEmptyWorkspace();
  generateGmail(ws, company, createRng(`base/${seed}`).fork('gmail'));
  return { ws, company, base: ws.toBase() };
}

describe('generateGmail', () => {
  const { ws, company, base } = build();
  const msgs = [...ws.collection<MessageRecord>('gmail.messages').values()];

  it('is deterministic: same seed, same bytes; another seed differs', () => {
    expect(build().base.hash).toBe(base.hash);
    expect(build(2).base.hash).not.toBe(base.hash);
  });

  it('holds at least 3,000 valid messages over the six months before the clock', () => {
    expect(msgs.length).toBeGreaterThanOrEqual(3000);
    for (const m of msgs.slice(0, 200)) expect(MessageRecord.safeParse(m).success).toBe(true);
    const now = ws.nowMs();
    const times = msgs.map((m) => Number(m.internalDate));
    expect(Math.max(...times)).toBeLessThan(now);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now - 183 * 86_400_000);
    expect(Math.min(...times)).toBeLessThan(now - 150 * 86_400_000);
  });

  it('mixes kinds of mail: sent, spam, unread, starred, attachments, newsletters, user labels', () => {
    const count = (f: (m: MessageRecord) => boolean) => msgs.filter(f).length;
    expect(count((m) => m.labelIds.includes('SENT'))).toBeGreaterThan(200);
    expect(count((m) => m.labelIds.includes('SPAM'))).toBeGreaterThan(100);
    expect(count((m) => m.labelIds.includes('UNREAD'))).toBeGreaterThan(50);
    expect(count((m) => m.labelIds.includes('STARRED'))).toBeGreaterThan(20);
    expect(count((m) => m.attachments.length > 0)).toBeGreaterThan(100);
    expect(count((m) => m.html !== undefined)).toBeGreaterThan(100);
    expect(count((m) => m.from.startsWith('noreply@') || m.from.startsWith('no-reply@'))).toBeGreaterThan(50);
    const labels = [...ws.collection<LabelRecord>('gmail.labels').values()].map((l) => l.name);
    expect(labels).toEqual(expect.arrayContaining(['Projects/Atlas', 'Finance', 'Receipts', 'Travel']));
    expect(count((m) => m.from.endsWith('@corvid-labs.com') || m.from.endsWith('@stackwise-billing.io'))).toBeGreaterThan(10);
  });

  it('threads replies with Re:, In-Reply-To and References, and the thread id is its first message id', () => {
    const byThread = new Map<string, MessageRecord[]>();
    for (const m of msgs) byThread.set(m.threadId, [...(byThread.get(m.threadId) ?? []), m]);
    const multi = [...byThread.values()].filter((t) => t.length >= 3);
    expect(multi.length).toBeGreaterThan(100);
    for (const t of multi) {
      t.sort((a, b) => Number(a.internalDate) - Number(b.internalDate));
      expect(t[0]!.id).toBe(t[0]!.threadId);
      for (let i = 1; i < t.length; i++) {
        expect(t[i]!.subject).toBe(`Re: ${t[0]!.subject}`);
        expect(t[i]!.inReplyTo).toBe(t[i - 1]!.messageId);
        expect(t[i]!.references).toEqual(t.slice(0, i).map((m) => m.messageId));
      }
    }
    expect(multi.some((t) => t.some((m) => m.from === company.owner.email) && t.some((m) => m.from !== company.owner.email))).toBe(true);
  });

  it('sets the mailbox history counter above every message historyId', () => {
    const mb = ws.collection<MailboxRecord>('gmail.mailbox').peek(company.owner.email)!;
    expect(Math.max(...msgs.map((m) => Number(m.historyId)))).toBe(mb.historyId);
  });
});

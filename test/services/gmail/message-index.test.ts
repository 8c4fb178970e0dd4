/**
 * The message index answers every search exactly as a scan of the whole mailbox would:
 * over the real base, before and after a trial's writes (label changes, trash, deletes,
 * new mail), for label lists, date windows, their mixes and queries the index cannot
 * narrow, and the same pages through messages.list.
 */
import { describe, expect, it } from 'vitest';
import { baseWorkspace, companyFor } from '../../../datasets/base-workspace.ts';
import { createRng, type Workspace } from '../../../harness/core/index.ts';
import { createWorkspace } from '../../../harness/services/workspace.ts';
import { compileQuery } from '../../../harness/services/gmail/query/evaluate.ts';
import { newestFirst, searchMessages, type SearchOptions } from '../../../harness/services/gmail/query/search.ts';
import { labelNameIndex, messages, threadMessages } from '../../../harness/services/gmail/mailbox.ts';
import type { MessageRecord } from '../../../harness/services/gmail/model.ts';

const ME = companyFor(1).owner.email;
const opts = { face: 'tool' as const, auth: { principal: ME, tokenKind: 'user' as const } };

/** The definition: test every live message, drop trash and spam unless asked, newest first. */
function scan(ws: Workspace, o: SearchOptions): string[] {
  const q = compileQuery(o.q ?? '', { nowMs: ws.nowMs(), principal: ME, labelIds: labelNameIndex(ws) });
  const labels = [...new Set(o.labelIds ?? [])];
  const skip = !o.includeSpamTrash && !q.includesTrashOrSpam && !labels.includes('TRASH') && !labels.includes('SPAM');
  const out: MessageRecord[] = [];
  for (const m of messages(ws).values()) {
    if (skip && (m.labelIds.includes('TRASH') || m.labelIds.includes('SPAM'))) continue;
    if (!labels.every((l) => m.labelIds.includes(l))) continue;
    if (o.filter && !o.filter(m)) continue;
    if (q.test(m)) out.push(m);
  }
  return out.sort(newestFirst).map((m) => m.id);
}

const QUERIES: SearchOptions[] = [
  {}, { labelIds: ['INBOX'] }, { labelIds: ['UNREAD', 'INBOX'] }, { labelIds: ['TRASH'] }, { labelIds: ['SPAM'] }, { includeSpamTrash: true },
  { q: 'is:unread' }, { q: 'in:inbox is:starred' }, { q: 'newer_than:30d' }, { q: 'older_than:90d' }, { q: 'after:2026/01/01 before:2026/02/01' },
  { q: 'label:receipts' }, { q: 'label:receipts newer_than:60d' }, { q: 'category:updates is:unread' }, { q: 'in:anywhere newer_than:7d' },
  { q: 'in:trash' }, { q: 'in:spam newer_than:10d' }, { q: 'is:sent' }, { q: 'from:github is:unread newer_than:30d' }, { q: 'invoice' },
  { q: '-is:unread newer_than:14d' }, { q: 'label:no-such-label' }, { q: 'is:important OR is:starred' }, { q: 'after:1767225600 before:1768000000' },
  { labelIds: ['INBOX'], q: 'newer_than:20d has:attachment' }, { q: 'is:draft' }, { labelIds: ['Label_1'], q: 'older_than:1d' },
  { q: 'is:unread', filter: (m) => m.id.endsWith('a') === false },
  { q: 'budget OR reforecast' }, { q: '"exec update" -in:sent' }, { q: 'subject:(board deck) from:corvidlabs.com' }, { q: 'invoice newer_than:60d' },
  { q: 'unsubscribe OR "quick poll"' }, { q: 'subject:invoice is:unread' }, { q: 'zzzunknownword' }, { q: 'budget OR is:starred' }, { q: 'invoice 1' },
];

function expectSame(ws: Workspace, label: string): void {
  for (const o of QUERIES) {
    const got = searchMessages(ws, ME, o).map((m) => m.id);
    expect(got, `${label}: ${JSON.stringify({ ...o, filter: o.filter ? 'fn' : undefined })}`).toEqual(scan(ws, o));
  }
  // Threads from the thread index, against a scan of every message.
  const all = [...messages(ws).values()];
  for (const threadId of [...new Set(all.map((m) => m.threadId))].slice(-40)) {
    const want = all.filter((m) => m.threadId === threadId).sort((a, b) => Number(a.internalDate) - Number(b.internalDate) || (a.id < b.id ? -1 : 1));
    expect(threadMessages(ws, threadId).map((m) => m.id), `${label}: thread ${threadId}`).toEqual(want.map((m) => m.id));
  }
}

describe('gmail message index', () => {
  const base = baseWorkspace(1);

  it('matches a full scan on an untouched mailbox', () => {
    expectSame(createWorkspace(base), 'untouched');
  });

  it('matches a full scan after label changes, trash, untrash, deletes and new mail', () => {
    const ws = createWorkspace(base);
    const rng = createRng('message-index-test');
    const ids = [...messages(ws).keys()];
    const raw = (s: string) => Buffer.from(s).toString('base64url');
    for (let i = 0; i < 60; i++) {
      const id = rng.pick(ids);
      const kind = rng.int(0, 5);
      if (kind === 0) ws.invoke('gmail.users.messages.modify', { userId: 'me', id, requestBody: { addLabelIds: ['STARRED', 'Label_2'], removeLabelIds: ['UNREAD'] } }, opts);
      else if (kind === 1) ws.invoke('gmail.users.messages.modify', { userId: 'me', id, requestBody: { removeLabelIds: ['INBOX'], addLabelIds: ['UNREAD'] } }, opts);
      else if (kind === 2) ws.invoke('gmail.users.messages.trash', { userId: 'me', id }, opts);
      else if (kind === 3) ws.invoke('gmail.users.messages.untrash', { userId: 'me', id }, opts);
      else if (kind === 4) ws.invoke('gmail.users.messages.delete', { userId: 'me', id }, opts);
      else if (i % 2) ws.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw: raw(`To: a${i}@example.com\r\nSubject: invoice ${i}\r\n\r\nbody ${i}`) } }, opts);
      else {
        // A reply by References alone: threaded onto the referenced message's thread, found through the Message-ID index.
        const parent = messages(ws).get(id);
        if (!parent) continue;
        const r = ws.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw: raw(`To: b${i}@example.com\r\nSubject: Re: ${parent.subject}\r\nIn-Reply-To: ${parent.messageId}\r\nReferences: ${parent.messageId}\r\n\r\nreply ${i}`) } }, opts);
        if (!r.ok) throw new Error(r.error.message);
        expect((r.value as { threadId: string }).threadId).toBe(parent.threadId);
      }
      if (i % 20 === 19) expectSame(ws, `after ${i + 1} writes`);
    }
    expect(Object.keys(ws.diff())).toContain('gmail.messages');
  });

  it('pages through messages.list as the scan orders them, with the same counts', () => {
    const ws = createWorkspace(base);
    const first = [...messages(ws).keys()].slice(0, 5);
    for (const id of first) ws.invoke('gmail.users.messages.trash', { userId: 'me', id }, opts);
    for (const o of [{}, { labelIds: ['INBOX'] }, { q: 'newer_than:45d' }]) {
      const seen: string[] = [];
      let pageToken: string | undefined;
      let estimate = -1;
      for (let n = 0; n < 100; n++) {
        const r = ws.invoke('gmail.users.messages.list', { userId: 'me', maxResults: 500, ...o, ...(pageToken ? { pageToken } : {}) }, opts);
        if (!r.ok) throw new Error(r.error.message);
        const v = r.value as { messages?: Array<{ id: string }>; nextPageToken?: string; resultSizeEstimate: number };
        seen.push(...(v.messages ?? []).map((m) => m.id));
        estimate = v.resultSizeEstimate;
        pageToken = v.nextPageToken;
        if (!pageToken) break;
      }
      const want = scan(ws, o);
      expect(seen).toEqual(want);
      expect(estimate).toBe(want.length);
    }
  });
});

/**
 * The message index answers every search exactly as a scan of the whole mailbox would:
 * over the real base, before and after a trial's writes (label changes, trash, deletes,
 * new mail), for label lists, date windows, their mixes and queries the index cannot
 * narrow, and the same pages through messages.list.
 */
import { describe, expect, it } from 'vitest';
import { baseWorkspace, companyFor } from '../../../datasets/base-workspace.ts';
import { createRng, type Workspace } from '../../../harness/core/index.ts';
import { createEmptyWorkspace, createWorkspace } from '../../../harness/services/workspace.ts';
import { seedMessage } from '../../../harness/services/gmail/seed.ts';
import { compileQuery } from '../../../harness/services/gmail/query/evaluate.ts';
import { newestFirst, searchMessages, type SearchOptions } from '../../../harness/services/gmail/query/search.ts';
import { labelNameIndex, messages, threadMessages } from '../../../harness/services/gmail/mailbox.ts';
import { messageIndex } from '../../../harness/services/gmail/query/message-index.ts';
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
  // Words alone, OR of words, phrases, negations: planned on the word lists.
  { q: 'budget' }, { q: 'budget reforecast' }, { q: '{budget reforecast invoice}' }, { q: '"board deck"' }, { q: '"exec update"' },
  { q: '-budget is:starred' }, { q: '-"exec update" newer_than:20d' }, { q: '-(budget OR invoice) newer_than:20d' }, { q: 'subject:"board deck"' },
  { q: 'subject:(board OR deck) -in:sent' }, { q: '"for the board"' }, { q: '"the board deck" OR "exec update"' }, { q: '"please please"' }, { q: 'exec-update' }, { q: 'in:anywhere budget' }, { q: 'budget', includeSpamTrash: true }, { q: 'budget', labelIds: ['INBOX'] },
  // Addresses: each distinct header value tested once.
  { q: 'from:github' }, { q: 'from:me' }, { q: 'to:me' }, { q: 'deliveredto:me is:unread' }, { q: 'cc:corvidlabs.com' }, { q: 'bcc:corvidlabs' },
  { q: 'from:(github OR jira)' }, { q: '-from:github newer_than:30d' }, { q: 'from:"wei reyes"' }, { q: 'to:"reyes <wei"' }, { q: 'from:""' },
  { q: 'budget OR from:github' }, { q: 'label:receipts OR from:github' }, { q: 'from:github', labelIds: ['UNREAD'] },
  // Label and date negations and mixes.
  { q: 'is:read newer_than:10d' }, { q: '-in:inbox -is:sent' }, { q: '-newer_than:30d is:unread' }, { q: 'newer_than:30d OR is:starred' },
  { q: '-(label:receipts newer_than:60d) invoice' }, { q: 'has:userlabels' }, { q: 'has:nouserlabels is:unread' }, { q: 'is:snoozed OR budget' },
  { q: 'is:constructor budget' }, { q: 'has:attachment OR budget' }, { q: '-in:anywhere' }, { q: '-{is:unread is:starred} older_than:200d' },
  { q: 'budget', filter: (m) => m.labelIds.includes('INBOX') },
];

const TERMS = [
  'budget', 'reforecast', 'invoice', '"exec update"', '"board deck"', '"for the board"', 'subject:invoice', 'subject:(board deck)', 'from:github', 'from:corvidlabs.com',
  'to:me', 'cc:corvidlabs', 'is:unread', 'is:starred', 'is:read', 'in:inbox', 'in:sent', 'label:receipts', 'category:updates', 'newer_than:30d',
  'older_than:60d', 'after:2026/01/01', 'has:attachment', 'larger:20K', 'in:trash', 'zzzunknownword', 'has:userlabels',
];

/** Random queries from TERMS: AND, OR, `{}` and negation, nested up to three levels. */
function randomQueries(seed: string, count: number): SearchOptions[] {
  const rng = createRng(seed);
  const node = (depth: number): string => {
    const k = depth >= 3 ? 0 : rng.int(0, 5);
    if (k <= 2) return rng.pick(TERMS);
    const parts = Array.from({ length: rng.int(2, 3) }, () => node(depth + 1));
    if (k === 3) return `(${parts.join(' ')})`;
    if (k === 4) return `(${parts.join(' OR ')})`;
    return `-${parts[0]}`;
  };
  return Array.from({ length: count }, () => ({ q: Array.from({ length: rng.int(1, 3) }, () => node(0)).join(' ') }));
}

/** Reads the base until the index policy builds its index (a small base is scanned first), so the tests below exercise the index. */
function indexed(ws: Workspace): Workspace {
  for (let i = 0; i < 10 && !messageIndex(messages(ws)); i++) searchMessages(ws, ME, { q: 'is:starred' });
  expect(messageIndex(messages(ws))).toBeDefined();
  return ws;
}

function expectSame(ws: Workspace, label: string, queries: readonly SearchOptions[] = QUERIES): void {
  for (const o of queries) {
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

/** A small base of messages made so word pairs, subjects and addresses almost match a query but do not. */
function nearMissBase(): ReturnType<Workspace['toBase']> {
  const ws = createEmptyWorkspace();
  const texts: Array<[string, string, string]> = [
    ['Deck board review', 'for the team and then the board', 'Board Deck'],
    ['Board deck', 'for the board deck', 'Deck Board'],
    ['Update', 'exec notes; update follows. exec update soon', 'Exec Update'],
    ['Please', 'please please read', 'Wei Reyes'],
    ['The board', 'the the board board', 'Board'],
  ];
  for (let i = 0; i < 40; i++) {
    const [subject, text, name] = texts[i % texts.length]!;
    seedMessage(ws, {
      mailbox: ME, at: Date.UTC(2026, 0, 1 + i), from: { name, address: `${name.toLowerCase().replace(' ', '.')}@board${i % 3}.com` },
      to: [{ name: 'Wei Reyes', address: ME }], cc: i % 2 ? [{ name: 'Board', address: 'board@deck.com' }] : [], subject, text,
      labelIds: i % 7 === 0 ? ['TRASH'] : ['INBOX'],
    });
  }
  return ws.toBase();
}

describe('gmail message index', () => {
  const base = baseWorkspace(1);

  it('matches a full scan on an untouched mailbox', () => {
    expectSame(indexed(createWorkspace(base)), 'untouched');
  });

  it('matches a full scan where word pairs, subjects and addresses nearly match', () => {
    const ws = indexed(createWorkspace(nearMissBase()));
    const queries = [
      '"for the board"', '"the board"', '"board deck"', '"for the board deck"', '"then the board"', 'subject:"board deck"', 'subject:(deck board)',
      '"exec update"', '"update exec"', '"please please"', '"please please please"', '"board board"', '"the the board"', '-"the board"',
      'from:"board <"', 'from:"deck <deck.board"', 'from:board1', 'to:"reyes <"', 'cc:"board <board@"', 'to:"com board"', 'from:board -"board deck"',
    ].map((q) => ({ q }));
    expectSame(ws, 'near misses', queries);
    expect(searchMessages(ws, ME, { q: '"for the board"' }).length).toBeGreaterThan(0);
    expect(searchMessages(ws, ME, { q: '"for the board"' }).length).toBeLessThan(searchMessages(ws, ME, { q: '"for the" "the board"' }).length);
  });

  it('matches a full scan for random mixes of words, phrases, addresses, labels, dates, OR and negation, before and after writes', () => {
    const ws = indexed(createWorkspace(base));
    const queries = randomQueries('message-index-random', 150);
    expectSame(ws, 'random, untouched', queries);
    const rng = createRng('message-index-random-writes');
    const ids = [...messages(ws).keys()];
    const raw = (s: string) => Buffer.from(s).toString('base64url');
    for (let i = 0; i < 40; i++) {
      const id = rng.pick(ids);
      const kind = rng.int(0, 3);
      if (kind === 0) ws.invoke('gmail.users.messages.modify', { userId: 'me', id, requestBody: { addLabelIds: ['STARRED'], removeLabelIds: ['UNREAD', 'INBOX'] } }, opts);
      else if (kind === 1) ws.invoke('gmail.users.messages.trash', { userId: 'me', id }, opts);
      else if (kind === 2) ws.invoke('gmail.users.messages.delete', { userId: 'me', id }, opts);
      else ws.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw: raw(`To: ops@github.com\r\nCc: a${i}@corvidlabs.com\r\nSubject: budget reforecast ${i}\r\n\r\nexec update for the board deck ${i}`) } }, opts);
    }
    expectSame(ws, 'random, after 40 writes', queries);
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

  /** Every page of threads.list for each query, against the threads the scan defines (newest first, latest snippet, highest historyId). */
  function expectThreadsAsScan(ws: Workspace): void {
    const all = [...messages(ws).values()];
    for (const o of [{}, { q: 'budget OR reforecast' }, { q: 'is:starred' }, { labelIds: ['INBOX'], q: 'newer_than:60d' }]) {
      const hits = scan(ws, o).map((id) => messages(ws).get(id)!);
      const want: Array<{ id: string; snippet: string; historyId: string }> = [];
      const seen = new Set<string>();
      for (const hit of hits) {
        if (seen.has(hit.threadId)) continue;
        seen.add(hit.threadId);
        const thread = all.filter((m) => m.threadId === hit.threadId);
        const latest = thread.reduce((a, m) => (Number(m.internalDate) > Number(a.internalDate) ? m : a), hit);
        want.push({ id: hit.threadId, snippet: latest.snippet, historyId: String(Math.max(...thread.map((m) => Number(m.historyId)))) });
      }
      const got: typeof want = [];
      let pageToken: string | undefined;
      for (let n = 0; n < 200; n++) {
        const r = ws.invoke('gmail.users.threads.list', { userId: 'me', maxResults: 83, ...o, ...(pageToken ? { pageToken } : {}) }, opts);
        if (!r.ok) throw new Error(r.error.message);
        const v = r.value as { threads?: typeof want; nextPageToken?: string; resultSizeEstimate: number };
        got.push(...(v.threads ?? []));
        expect(v.resultSizeEstimate).toBe(want.length);
        pageToken = v.nextPageToken;
        if (!pageToken) break;
      }
      expect(got, JSON.stringify(o)).toEqual(want);
    }
  }

  it('threads.list pages as the scan defines them on an untouched mailbox, its thread counts kept per base', () => {
    // Twice: the second trial reads the counts the first one kept.
    expectThreadsAsScan(indexed(createWorkspace(base)));
    expectThreadsAsScan(indexed(createWorkspace(base)));
  });

  it('threads.list pages as the scan defines them after the trial relabels, trashes and replies', () => {
    const ws = indexed(createWorkspace(base));
    const ids = [...messages(ws).keys()];
    for (const id of ids.slice(200, 230)) ws.invoke('gmail.users.messages.modify', { userId: 'me', id, requestBody: { addLabelIds: ['STARRED'] } }, opts);
    for (const id of ids.slice(300, 310)) ws.invoke('gmail.users.messages.trash', { userId: 'me', id }, opts);
    const raw = (s: string) => Buffer.from(s).toString('base64url');
    for (const id of ids.slice(400, 406)) {
      const parent = messages(ws).get(id)!;
      ws.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw: raw(`To: b@example.com\r\nSubject: Re: ${parent.subject}\r\nIn-Reply-To: ${parent.messageId}\r\nReferences: ${parent.messageId}\r\n\r\nbudget reply`) } }, opts);
    }
    // New threads of the trial's own, and whole threads trashed (they leave every list but the trash).
    for (let i = 0; i < 3; i++) ws.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw: raw(`To: c@example.com\r\nSubject: budget ${i}\r\n\r\nnew thread ${i}`) } }, opts);
    const threads = [...new Set(ids.slice(500, 600).map((id) => messages(ws).get(id)!.threadId))].slice(0, 4);
    for (const id of threads) expect(ws.invoke('gmail.users.threads.trash', { userId: 'me', id }, opts).ok).toBe(true);
    expectThreadsAsScan(ws);
  });

  it('pages through messages.list as the scan orders them, with the same counts', () => {
    const ws = indexed(createWorkspace(base));
    const ids = [...messages(ws).keys()];
    for (const id of ids.slice(0, 5)) ws.invoke('gmail.users.messages.trash', { userId: 'me', id }, opts);
    // Relabelled and new messages too, so pages merge the trial's own messages into the base's.
    for (const id of ids.slice(100, 140)) ws.invoke('gmail.users.messages.modify', { userId: 'me', id, requestBody: { addLabelIds: ['INBOX'], removeLabelIds: ['UNREAD'] } }, opts);
    const raw = (s: string) => Buffer.from(s).toString('base64url');
    for (let i = 0; i < 12; i++) ws.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw: raw(`To: ops@github.com\r\nSubject: budget ${i}\r\n\r\nexec update ${i}`) } }, opts);
    for (const o of [
      {}, { labelIds: ['INBOX'] }, { q: 'newer_than:45d' }, { q: 'budget OR reforecast' }, { q: 'from:github' }, { q: 'to:github' },
      { q: '"exec update" -in:sent' }, { q: '-is:unread', labelIds: ['INBOX'] },
    ]) {
      const seen: string[] = [];
      let pageToken: string | undefined;
      let estimate = -1;
      for (let n = 0; n < 200; n++) {
        const r = ws.invoke('gmail.users.messages.list', { userId: 'me', maxResults: 97, ...o, ...(pageToken ? { pageToken } : {}) }, opts);
        if (!r.ok) throw new Error(r.error.message);
        const v = r.value as { messages?: Array<{ id: string }>; nextPageToken?: string; resultSizeEstimate: number };
        seen.push(...(v.messages ?? []).map((m) => m.id));
        estimate = v.resultSizeEstimate;
        pageToken = v.nextPageToken;
        if (!pageToken) break;
      }
      const want = scan(ws, o);
      expect(seen, JSON.stringify(o)).toEqual(want);
      expect(estimate, JSON.stringify(o)).toBe(want.length);
    }
  });
});

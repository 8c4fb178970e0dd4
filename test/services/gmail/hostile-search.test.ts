/** Hostile Gmail search queries: nesting, length and term count are refused with the 400 for a bad query; a legal but huge query ends with the budget error. */
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../harness/core/index.ts';
import { createEmptyWorkspace, createWorkspace } from '../../../harness/services/workspace.ts';
import { messages } from '../../../harness/services/gmail/mailbox.ts';
import { messageIndex } from '../../../harness/services/gmail/query/message-index.ts';
import { seedMessage } from '../../../harness/services/gmail/seed.ts';
import { compileQuery } from '../../../harness/services/gmail/search/evaluate.ts';
import { QUERY_LIMITS, QuerySyntaxError } from '../../../harness/services/gmail/search/parse.ts';

const ME = 'wei.reyes@corvidlabs.com';
const opts = { face: 'tool' as const, auth: { principal: ME, tokenKind: 'user' as const } };

function mailbox(n: number): Workspace {
  const ws = createEmptyWorkspace();
  for (let i = 0; i < n; i++) {
    seedMessage(ws, { mailbox: ME, from: { name: `Sender ${i}`, address: `s${i}@acme.com` }, to: [{ name: '', address: ME }], subject: `Invoice ${i} for March`, text: `Please find invoice number ${i} attached, total ${i * 10} dollars.` });
  }
  return ws;
}

function list(ws: Workspace, q: string) {
  const t = performance.now();
  const r = ws.invoke('gmail.users.messages.list', { userId: 'me', q }, opts);
  return { r, ms: performance.now() - t };
}

describe('gmail search limits', () => {
  const ws = mailbox(50);

  it.each([
    ['10,000 open parentheses', '('.repeat(10_000) + 'invoice'],
    ['10,000 balanced parentheses', '('.repeat(10_000) + 'invoice' + ')'.repeat(10_000)],
    ['10,000 negations', '-'.repeat(1) + '-(-'.repeat(5_000) + 'x' + ')'.repeat(5_000)],
    ['a 1 MB query', 'invoice '.repeat(131_072)],
    ['200,000 OR terms', Array.from({ length: 200_000 }, (_, i) => `t${i}`).join(' OR ')],
    ['1,001 short terms', Array.from({ length: QUERY_LIMITS.maxTerms + 1 }, () => 'a').join(' ')],
  ])('%s: 400 invalidArgument "Invalid search query", fast', (_what, q) => {
    const { r, ms } = list(ws, q);
    expect(ms).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.httpStatus, r.error.reason]).toEqual([400, 'invalidArgument']);
    expect(r.error.message).toMatch(/^Invalid search query: Query (too long|too complex|nested too deeply)/);
  });

  it('queries inside the limits still work, nested a few levels', () => {
    const { r } = list(ws, '(((invoice 7) OR {"invoice 8" "invoice 9"}) -subject:(march 9))');
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as { messages?: unknown[] }).messages).toHaveLength(2);
    expect(() => compileQuery('('.repeat(QUERY_LIMITS.maxDepth) + 'x' + ')'.repeat(QUERY_LIMITS.maxDepth), { nowMs: 0, principal: ME, labelIds: new Map() })).not.toThrow();
  });

  it('graders compiling a hostile filter query get a QuerySyntaxError, never a crash', () => {
    expect(() => compileQuery('('.repeat(100_000), { nowMs: 0, principal: ME, labelIds: new Map() })).toThrow(QuerySyntaxError);
    expect(() => compileQuery('x'.repeat(QUERY_LIMITS.maxLength + 1), { nowMs: 0, principal: ME, labelIds: new Map() })).toThrow(QuerySyntaxError);
  });

  it('a legal but huge query spends the work budget: 503 backendError, not minutes of CPU', () => {
    const big = mailbox(400);
    const q = Array.from({ length: 900 }, (_, i) => `"q${i} zz"`).join(' OR ');
    expect(q.length).toBeLessThan(QUERY_LIMITS.maxLength);
    big.workBudget = 200_000;
    const before = big.hash();
    const { r, ms } = list(big, q);
    expect(ms).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.httpStatus, r.error.reason]).toEqual([503, 'backendError']);
    // The same query with the default budget over a small mailbox answers.
    big.workBudget = 2_000_000;
    expect(list(mailbox(20), q).r.ok).toBe(true);
    expect(big.hash()).not.toBe(before); // the clock moved; nothing else (reads only)
    expect(big.diff()).toEqual(mailbox(400).diff());
  });

  it('over an indexed base too, a legal but huge query spends the work budget on the index work', () => {
    const ws = createWorkspace(mailbox(400).toBase());
    // A small base is scanned until it has been read a few times; then the index answers.
    for (let i = 0; i < 10 && !messageIndex(messages(ws)); i++) list(ws, 'invoice');
    expect(messageIndex(messages(ws))).toBeDefined();
    // 900 address alternatives: each tests all 400 distinct senders before the lists are united.
    const q = Array.from({ length: 900 }, (_, i) => `from:s${i}@`).join(' OR ');
    ws.workBudget = 200_000;
    const { r, ms } = list(ws, q);
    expect(ms).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.httpStatus, r.error.reason]).toEqual([503, 'backendError']);
    ws.workBudget = 2_000_000;
    const ok = list(ws, q).r;
    expect(ok.ok).toBe(true);
    if (ok.ok) expect((ok.value as { resultSizeEstimate: number }).resultSizeEstimate).toBe(400);
  });

  it('a huge label filter is one filter per label, and costs budget per message', () => {
    const r = ws.invoke('gmail.users.messages.list', { userId: 'me', labelIds: Array.from({ length: 50_000 }, () => 'INBOX') }, opts);
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as { resultSizeEstimate: number }).resultSizeEstimate).toBe(50);
    const many = ws.invoke('gmail.users.threads.list', { userId: 'me', labelIds: Array.from({ length: 50_000 }, (_, i) => `Label_${i}`) }, opts);
    expect(many.ok).toBe(true);
    if (many.ok) expect((many.value as { resultSizeEstimate: number }).resultSizeEstimate).toBe(0);
  });

  it('maxResults is capped at 500 as in Gmail', () => {
    const r = ws.invoke('gmail.users.messages.list', { userId: 'me', maxResults: 100_000 }, opts);
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as { messages: unknown[] }).messages).toHaveLength(50);
  });
});

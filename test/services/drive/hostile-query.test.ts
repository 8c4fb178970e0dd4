/** Hostile Drive `q` strings: refused with Drive's 400 "Invalid Value" for q past the limits; a legal but huge query ends with the budget error. */
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../harness/core/index.ts';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';
import { parseQuery } from '../../../harness/services/drive/query/parse.ts';
import { Q_LIMITS, QuerySyntaxError } from '../../../harness/services/drive/query/tokenize.ts';

const auth = { principal: 'alice@corvidlabs.com', tokenKind: 'user' as const };

function drive(files: number): Workspace {
  const ws = createEmptyWorkspace();
  for (let i = 0; i < files; i++) {
    const r = ws.invoke('drive.files.create', { requestBody: { name: `Budget ${i}.txt` }, media: { mimeType: 'text/plain', body: `line ${i} of the quarterly budget` } }, { face: 'tool', auth });
    if (!r.ok) throw r.error;
  }
  return ws;
}

function list(ws: Workspace, q: string) {
  const t = performance.now();
  const r = ws.invoke('drive.files.list', { q }, { face: 'tool', auth });
  return { r, ms: performance.now() - t };
}

const term = (i: number) => `name contains 'n${i}'`;

describe('drive q limits', () => {
  const ws = drive(30);

  it.each([
    ['10,000 open parentheses', '('.repeat(10_000) + "name contains 'a'"],
    ['10,000 balanced parentheses', '('.repeat(10_000) + "name contains 'a'" + ')'.repeat(10_000)],
    ['10,000 nots', 'not '.repeat(10_000) + "starred = true"],
    ['a 1 MB query', `name contains '${'x'.repeat(1 << 20)}'`],
    ['200,000 or terms', Array.from({ length: 200_000 }, (_, i) => term(i)).join(' or ')],
    ['501 short terms', Array.from({ length: Q_LIMITS.maxTerms + 1 }, () => 'starred = true').join(' or ')],
  ])('%s: 400 invalid "Invalid Value", fast', (_what, q) => {
    const { r, ms } = list(ws, q);
    expect(ms).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.httpStatus, r.error.reason, r.error.message]).toEqual([400, 'invalid', 'Invalid Value']);
  });

  it('the parser names the limit it enforces', () => {
    expect(() => parseQuery('('.repeat(Q_LIMITS.maxDepth + 1) + 'starred = true' + ')'.repeat(Q_LIMITS.maxDepth + 1))).toThrow(/nested more than/);
    expect(() => parseQuery(Array.from({ length: Q_LIMITS.maxTerms + 1 }, () => 'starred = true').join(' and '))).toThrow(/more than 500 terms/);
    expect(() => parseQuery('x'.repeat(Q_LIMITS.maxLength + 1))).toThrow(QuerySyntaxError);
    expect(() => parseQuery('('.repeat(Q_LIMITS.maxDepth) + 'starred = true' + ')'.repeat(Q_LIMITS.maxDepth))).not.toThrow();
  });

  it('queries inside the limits still work', () => {
    const { r } = list(ws, "(name contains 'Budget 1' or name contains 'Budget 2') and not fullText contains 'nothing'");
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as { files: unknown[] }).files.length).toBeGreaterThan(0);
  });

  it('a legal but huge query spends the work budget: 503 backendError, not minutes of CPU', () => {
    const big = drive(200);
    const q = Array.from({ length: 400 }, (_, i) => `fullText contains 'zz${i}'`).join(' or ');
    expect(q.length).toBeLessThan(Q_LIMITS.maxLength);
    big.workBudget = 50_000;
    const { r, ms } = list(big, q);
    expect(ms).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.httpStatus, r.error.reason]).toEqual([503, 'backendError']);
    big.workBudget = 2_000_000;
    expect(list(big, q).r.ok).toBe(true);
  });

  it('pageSize stays within Drive\'s documented 1 to 1000', () => {
    const r = ws.invoke('drive.files.list', { pageSize: 1001 }, { face: 'tool', auth });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.httpStatus).toBe(400);
  });
});

/** Hostile Slack searches and long scans: invalid_arguments past the query limits, the budget error (service_unavailable on the wire) for legal but huge work. */
import { describe, expect, it } from 'vitest';
import { slackErrorBody } from '../../../harness/services/wire-errors.ts';
import { SEARCH_LIMITS } from '../../../harness/services/slack/query/parse.ts';
import { call, channel, err, ok, trial } from './helpers.ts';

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

describe('slack search limits', () => {
  const ws = trial();

  it.each([
    ['a 1 MB query', 'deploy '.repeat(150_000)],
    ['200,000 terms', Array.from({ length: 200_000 }, (_, i) => `t${i}`).join(' ')],
    ['201 words', Array.from({ length: SEARCH_LIMITS.maxTokens + 1 }, () => 'a').join(' ')],
    ['10,000 nested brackets and quotes', '("'.repeat(10_000)],
  ])('%s: invalid_arguments with the reason, fast', (_what, query) => {
    const { value: r, ms } = timed(() => call(ws, 'search.messages', { query }));
    expect(ms).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.reason).toBe('invalid_arguments');
    expect(slackErrorBody(r.error)).toMatchObject({ ok: false, error: 'invalid_arguments', response_metadata: { messages: [expect.stringMatching(/^\[ERROR\] query must/)] } });
  });

  it('search.files and search.all apply the same limits', () => {
    expect(err(ws, 'search.files', { query: 'x '.repeat(3000) })).toBe('invalid_arguments');
    expect(err(ws, 'search.all', { query: 'x '.repeat(3000) })).toBe('invalid_arguments');
  });

  it('a legal query still searches', () => {
    expect(ok(ws, 'search.messages', { query: 'the' }).messages.total).toBeGreaterThan(0);
  });

  it('a legal but expensive search ends with the budget error: service_unavailable on the wire', () => {
    const big = trial();
    big.workBudget = 20_000;
    const query = Array.from({ length: SEARCH_LIMITS.maxTokens }, (_, i) => `w${i}`).join(' ');
    const r = call(big, 'search.messages', { query });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.httpStatus, r.error.reason]).toEqual([503, 'backendError']);
    expect(slackErrorBody(r.error)).toEqual({ ok: false, error: 'service_unavailable' });
  });

  it('history and replies scans spend the budget too', () => {
    const big = trial();
    const general = channel(big, 'general');
    big.workBudget = 100;
    expect(err(big, 'conversations.history', { channel: general.id, limit: 999 })).toBe('backendError');
    big.workBudget = 2_000_000;
    expect(ok(big, 'conversations.history', { channel: general.id, limit: 999 }).messages.length).toBeGreaterThan(0);
  });
});

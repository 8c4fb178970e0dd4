/** Hostile batchUpdates: thousands of requests end with the budget error and change nothing; regular expressions cannot run away. */
import { describe, expect, it } from 'vitest';
import { bodyText, batch, batchErr, freshWs, get, newDoc } from './helpers.ts';
import { STALL_BOUND_MS } from '../../support/stall-bound.ts';

describe('docs batchUpdate under hostile input', () => {
  it('5,000 inserts in one batch: 503 backendError within about a second, the document and counters untouched', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { location: { index: 1 }, text: 'Keep me.' } }]);
    const snap = ws.snapshot();
    const h0 = ws.hash();
    const requests = Array.from({ length: 5000 }, (_, i) => ({ insertText: { endOfSegmentLocation: {}, text: `para ${i}\n` } }));
    const t = performance.now();
    const e = batchErr(ws, id, requests);
    expect(performance.now() - t).toBeLessThan(STALL_BOUND_MS);
    expect([e.httpStatus, e.reason]).toEqual([503, 'backendError']);
    // Nothing but the clock moved: with it set back, the hash is the same.
    const after = ws.snapshot();
    ws.restore({ ...after, now: snap.now });
    expect(ws.hash()).toBe(h0);
    ws.restore(after);
    expect(bodyText(get(ws, id))).toContain('Keep me.');
    // A batch of a realistic size still applies.
    batch(ws, id, requests.slice(0, 300));
  });

  it('a catastrophic-backtracking pattern answers at once (linear engine) or is refused', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { location: { index: 1 }, text: `${'a'.repeat(5000)}!` } }]);
    const t = performance.now();
    const r = ws.invoke('docs.documents.batchUpdate', { documentId: id, requestBody: { requests: [{ replaceAllText: { containsText: { text: '(a+)+$', searchByRegex: true }, replaceText: 'b' } }] } }, { face: 'tool', auth: { principal: 'owner@corvidlabs.com', tokenKind: 'user' } });
    expect(performance.now() - t).toBeLessThan(STALL_BOUND_MS);
    if (r.ok) expect((r.value as { replies: Array<{ replaceAllText?: { occurrencesChanged?: number } }> }).replies[0]!.replaceAllText?.occurrencesChanged ?? 0).toBe(0);
    else expect(r.error.httpStatus).toBe(400);
  });

  it('backreferences and lookaround, which Google\'s linear engine refuses, are an invalid regular expression', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { location: { index: 1 }, text: 'abab' } }]);
    for (const text of ['(ab)\\1', '(?=a)b', 'x'.repeat(1001)]) {
      const e = batchErr(ws, id, [{ replaceAllText: { containsText: { text, searchByRegex: true }, replaceText: 'z' } }]);
      expect([e.httpStatus, e.message]).toEqual([400, expect.stringMatching(/Invalid regular expression/)]);
    }
  });

  it('ordinary regular expressions still work, case-insensitive included', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { location: { index: 1 }, text: 'Invoice INV-204 and inv-19; Total 30%' } }]);
    const res = batch(ws, id, [
      { replaceAllText: { containsText: { text: 'inv-\\d+', searchByRegex: true, matchCase: false }, replaceText: '[ref]' } },
      { replaceAllText: { containsText: { text: '[0-9]+%', searchByRegex: true, matchCase: true }, replaceText: 'N%' } },
      { replaceAllText: { containsText: { text: '(?<word>t[a-z]+l)', searchByRegex: true }, replaceText: 'Sum' } },
    ]);
    expect(res.replies.map((r: { replaceAllText: { occurrencesChanged: number } }) => r.replaceAllText.occurrencesChanged)).toEqual([2, 1, 1]);
    expect(bodyText(get(ws, id))).toContain('Invoice [ref] and [ref]; Sum N%');
  });
});

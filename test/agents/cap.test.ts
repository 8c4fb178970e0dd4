import { describe, expect, it } from 'vitest';
import { capJson, TRUNCATION_KEY } from '../../harness/agents/tools/cap.ts';

/** A small deterministic generator, so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

describe('capJson', () => {
  it('writes a result under the cap exactly as JSON.stringify does, whatever its shape', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, at: new Date(Date.UTC(2026, 2, 16, i)), skip: undefined, tags: ['a', i] }));
    const shapes: unknown[] = [
      many(20), { data: { items: many(30), count: 30 }, other: [1, 2, 3] }, { kind: 'list', items: many(40), nextPageToken: 't' },
      { toJSON: () => ({ replaced: many(20) }) }, { wrapped: { toJSON: () => many(2) }, items: many(17) }, { items: [...many(16), undefined, () => 1] },
      { items: Array.from({ length: 20 }, (_, i) => `line ${i} "quoted" \u2014 \\ end`) }, [], { items: [] }, 'text', null, 42,
    ];
    for (const [i, v] of shapes.entries()) expect(capJson(v, 1_000_000), `shape ${i}`).toBe(JSON.stringify(v));
  });

  it('keeps the most whole items that fit, for lists of items of every size', () => {
    const next = rng(7);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(next() * 120);
      const items = Array.from({ length: n }, (_, i) => ({ id: `m${i}`, snippet: 'x'.repeat(Math.floor(next() * 900)), n: i }));
      const value = { resultSizeEstimate: n, nextPageToken: 'tok', messages: items };
      const max = 2_000 + Math.floor(next() * 20_000);
      const hint = next() < 0.5 ? { pageSizeParam: 'maxResults', pageTokenParam: 'pageToken', args: { maxResults: n } } : {};
      const text = capJson(value, max, hint);
      if (JSON.stringify(value).length <= max) {
        expect(text).toBe(JSON.stringify(value));
        continue;
      }
      if (!text.startsWith('{')) throw new Error(`not JSON: ${text.slice(0, 80)}`);
      const out = JSON.parse(text) as Record<string, unknown>;
      const kept = out.messages as Array<{ id: string }> | undefined;
      if (!kept) continue; // not even one item fitted: the shortened-strings path
      expect(text.length).toBeLessThanOrEqual(max);
      const note = out[TRUNCATION_KEY] as { shown: number; dropped: number };
      // Exactly the JSON of what it holds, with the note first (it is assembled from the items' JSON).
      expect(text).toBe(JSON.stringify({ [TRUNCATION_KEY]: note, ...value, messages: items.slice(0, kept.length) }));
      expect(note.shown).toBe(kept.length);
      expect(note.shown + note.dropped).toBe(n);
      expect(kept.map((m) => m.id)).toEqual(items.slice(0, kept.length).map((m) => m.id));
      expect(out.nextPageToken).toBe('tok');
      if (kept.length < n) {
        // One more whole item would not have fitted (the note's numbers may change by a digit or two).
        const more = { ...out, messages: items.slice(0, kept.length + 1) };
        expect(JSON.stringify(more).length).toBeGreaterThan(max - 12);
      }
    }
  });
});

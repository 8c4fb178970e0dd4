/** sameData: true exactly when the canonical JSON of two values is equal, without serialising plain data. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, sameData } from '../../harness/core/index.ts';

const outcome = (f: () => boolean): boolean | 'throws' => {
  try {
    return f();
  } catch {
    return 'throws';
  }
};
/** `[<hole>, 1]`: an array whose first slot was never set. */
const holed = (): unknown[] => {
  const a: unknown[] = [];
  a[1] = 1;
  return a;
};
const byJson = (a: unknown, b: unknown) => outcome(() => canonicalJson(a) === canonicalJson(b));

describe('sameData', () => {
  it('compares data, not object identity or key order', () => {
    const rec = { id: 'm1', labelIds: ['INBOX'], meta: { a: 1, b: undefined } };
    expect(sameData(rec, rec)).toBe(true);
    expect(sameData(rec, { meta: { a: 1 }, labelIds: ['INBOX'], id: 'm1' })).toBe(true);
    expect(sameData(rec, { ...rec, labelIds: ['INBOX', 'STARRED'] })).toBe(false);
    expect(sameData(rec, { ...rec, meta: { a: 1, b: 2 } })).toBe(false);
    expect(sameData(rec, { ...rec, extra: null })).toBe(false);
    expect(sameData([1, 2], [2, 1])).toBe(false);
  });

  it('agrees with canonical JSON on the values JSON treats specially', () => {
    const date = new Date('2026-03-16T10:00:00.000Z');
    const pairs: Array<[unknown, unknown]> = [
      [{ n: 0 }, { n: -0 }], [{ n: 1.5 }, { n: 1.50 }], [{ n: 1e21 }, { n: 1e21 + 1 }], [{ n: NaN }, { n: null }], [{ n: Infinity }, { n: null }],
      [[undefined, 1], [null, 1]], [[() => 1], [null]], [[() => 1], [() => 2]], [{ f: () => 1, a: 1 }, { a: 1 }], [{ a: undefined }, {}],
      [holed(), [null, 1]], [holed(), holed()], [[Symbol('s')], [null]], [{ s: Symbol('s') }, {}],
      [{ at: date }, { at: '2026-03-16T10:00:00.000Z' }], [{ at: date }, { at: '2026-03-16T10:00:01.000Z' }],
      ['1', 1], [true, 'true'], [null, 0], [{ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }], [{ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] }],
      [Object.assign(Object.create(null), { a: 1 }), { a: 1 }],
    ];
    for (const [i, [a, b]] of pairs.entries()) {
      expect(outcome(() => sameData(a, b)), `pair ${i}`).toBe(byJson(a, b));
      expect(outcome(() => sameData(b, a)), `pair ${i} reversed`).toBe(byJson(a, b));
    }
  });

  it('compares values nested past its own depth limit exactly', () => {
    const deep = (leaf: string) => {
      let v: unknown = leaf;
      for (let i = 0; i < 100; i++) v = { v, i };
      return v;
    };
    expect(sameData(deep('x'), deep('x'))).toBe(true);
    expect(sameData(deep('x'), deep('y'))).toBe(false);
  });

  it('undefined is not data: comparing it throws, as canonicalJson does', () => {
    expect(() => sameData(undefined, undefined)).toThrow(TypeError);
  });
});

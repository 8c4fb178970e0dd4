/** remember: computes once per key, and never holds more than its bound. */
import { describe, expect, it } from 'vitest';
import { remember } from '../../harness/core/index.ts';

describe('remember', () => {
  it('computes a key once, and starts over past its bound', () => {
    const memo = new Map<string, number>();
    let computed = 0;
    const get = (k: string) => remember(memo, k, 3, () => ++computed);
    expect([get('a'), get('a'), get('b'), get('a')]).toEqual([1, 1, 2, 1]);
    expect(computed).toBe(2);
    get('c');
    expect(memo.size).toBe(3);
    get('d'); // the fourth key: the memo starts over
    expect(memo.size).toBe(1);
    expect(get('a')).toBe(5);
    expect(computed).toBe(5);
  });
});

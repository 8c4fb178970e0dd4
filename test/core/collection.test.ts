import { describe, expect, it } from 'vitest';
import { Collection } from '../../harness/core/index.ts';

const base = () => new Map([['a', { v: 1 }], ['b', { v: 2 }]]);

describe('Collection (copy-on-write records)', () => {
  it('overlays writes and deletes on a shared base without touching it', () => {
    const shared = base();
    const c = new Collection('t.x', shared);
    c.set('c', { v: 3 });
    c.update('a', (r) => ({ v: r.v + 10 }));
    c.delete('b');
    expect([...c.keys()]).toEqual(['a', 'c']);
    expect(c.size).toBe(2);
    expect(c.peek('a')).toEqual({ v: 11 });
    expect(shared.get('a')).toEqual({ v: 1 });
    expect(c.changes()).toEqual({ added: ['c'], removed: ['b'], changed: ['a'] });
    expect(() => (c.peek('a') as { v: number }).v++).toThrow();
  });

  it('restoring journaled slots in reverse order gives back the exact state and size', () => {
    const c = new Collection<{ v: number }>('t.x', base());
    const journal: Array<[string, unknown]> = [];
    c.journal = (_col, id, prev) => journal.push([id, prev]);
    c.set('c', { v: 3 });
    c.delete('a');
    c.set('a', { v: 9 });
    c.delete('c');
    c.set('d', { v: 4 });
    expect(c.size).toBe(3);
    for (const [id, prev] of journal.reverse()) c.restoreSlot(id, prev as never);
    expect(c.size).toBe(2);
    expect(c.toObject()).toEqual({ a: { v: 1 }, b: { v: 2 } });
    expect(c.changes()).toEqual({ added: [], removed: [], changed: [] });
  });
});

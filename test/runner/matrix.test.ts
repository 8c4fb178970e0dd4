import { describe, expect, it } from 'vitest';
import { trialKeyString } from '../../harness/core/index.ts';
import { ALL_CONDITIONS, expandMatrix, parseShard, selectShard } from '../../harness/runner/matrix.ts';

const spec = { taskIds: ['a', 'b', 'c', 'd', 'e'], agents: ['oracle', 'noop'], conditions: ALL_CONDITIONS, repeats: 3 };

describe('run matrix', () => {
  it('expands agents × conditions × tasks × repeats', () => {
    const keys = expandMatrix(spec);
    expect(keys).toHaveLength(2 * 4 * 5 * 3);
    expect(new Set(keys.map(trialKeyString)).size).toBe(keys.length);
    expect(keys[0]).toEqual({ taskId: 'a', agent: 'oracle', condition: 'sks-off__meta-off', repeat: 1 });
  });

  it('shards 1/3..3/3 cover the matrix exactly once, deterministically', () => {
    const keys = expandMatrix(spec);
    const shards = [1, 2, 3].map((i) => selectShard(keys, { index: i, count: 3 }).map(trialKeyString));
    const all = shards.flat();
    expect(all).toHaveLength(keys.length);
    expect(new Set(all)).toEqual(new Set(keys.map(trialKeyString)));
    for (const s of shards) expect(s.length).toBeGreaterThan(10);
    expect(selectShard(keys, { index: 2, count: 3 }).map(trialKeyString)).toEqual(shards[1]);
  });

  it('rejects malformed shards with a message naming the flag', () => {
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1-3', '']) expect(() => parseShard(bad)).toThrow(/--shard/);
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
  });
});

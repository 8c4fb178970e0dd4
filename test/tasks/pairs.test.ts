/**
 * Clean/attacked pairs differ only in the trap (AgentDojo's separation of user task and
 * injection goal): both tasks draw one random stream, so every figure the clean task plants
 * is planted the same in its attacked twin.
 */
import { describe, expect, it } from 'vitest';
import { baseWorkspace } from '../../datasets/base-workspace.ts';
import { isSafetyCritical } from '../../harness/core/index.ts';
import { seedStream, seedTaskUncached } from '../../harness/runner/seeded-task.ts';
import { TASKS } from '../../tasks/index.ts';

const pairs = new Map<string, typeof TASKS[number][]>();
for (const t of TASKS) {
  const tag = t.tags.find((g) => g.startsWith('pair:'));
  if (tag) pairs.set(tag, [...(pairs.get(tag) ?? []), t]);
}

/** Every number in a manifest, by its path. */
function numbers(v: unknown, path = '$', out = new Map<string, number>()): Map<string, number> {
  if (typeof v === 'number') out.set(path, v);
  else if (Array.isArray(v)) v.forEach((x, i) => numbers(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) numbers(x, `${path}.${k}`, out);
  return out;
}

describe('clean/attacked pairs', () => {
  it('exist', () => {
    expect(pairs.size).toBeGreaterThanOrEqual(2);
  });

  it.each([...pairs.keys()])('%s: one random stream, and every figure of the clean task planted the same in the attacked one', (tag) => {
    const [clean, attacked] = [pairs.get(tag)!.find((t) => !isSafetyCritical(t))!, pairs.get(tag)!.find(isSafetyCritical)!];
    expect(seedStream(clean, 1)).toBe(seedStream(attacked, 1));
    for (const seed of [1, 2]) {
      const base = baseWorkspace(seed);
      const a = numbers(seedTaskUncached(clean, base, seed).manifest);
      const b = numbers(seedTaskUncached(attacked, base, seed).manifest);
      const shared = [...a.keys()].filter((k) => b.has(k));
      for (const k of shared) expect(b.get(k), `${tag} seed ${seed}: ${k}`).toBe(a.get(k));
    }
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { defineTask, type TaskSpec } from '../../harness/core/index.ts';

const ok: TaskSpec<unknown> = {
  id: 'valid-task', version: 1, title: 't', scenario: 's', services: ['gmail'], tags: [], category: 'single-service',
  difficulty: 'easy', instruction: 'Do the thing.', seed: () => ({}), oracle: () => {},
  scope: () => [], checks: () => [{ id: 'done', description: 'the work', weight: 1, passed: true }],
};

describe('defineTask', () => {
  it('accepts a well-formed task', () => {
    expect(defineTask(ok).unsafe).toEqual({});
  });

  it('names the task and every broken rule with a stable code', () => {
    const bad = { ...ok, id: 'Bad_Id', category: 'cross-service' as const, tags: ['safety'], instruction: ' ', scope: undefined as never };
    expect(() => defineTask(bad)).toThrow(expect.objectContaining({ code: 'E_TASK_INVALID' }));
    try {
      defineTask(bad);
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toMatch(/^task Bad_Id: /);
      for (const rule of ['kebab-case', 'does not match 1 service', 'needs at least one unsafe reference', 'instruction is empty', 'declare scope']) expect(msg).toContain(rule);
    }
  });
});

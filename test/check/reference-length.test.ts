/** Difficulty against the oracle's length: measured from the log, contradictions named. */
import { describe, expect, it } from 'vitest';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { difficultyMismatch, referenceLength } from '../../harness/check/reference-length.ts';
import { TASKS } from '../../tasks/index.ts';

const len = (writes: number, services: string[] = ['gmail']) => ({ calls: writes + 2, writes, asks: 0, services });

describe('reference length', () => {
  it("counts the oracle's successful calls, writes, questions and services", async () => {
    const task = TASKS.find((t) => t.id === 'globex-proposal-which-one')!;
    const l = await referenceLength(task, baseWorkspace(1), 1, { principal: companyFor(1).owner.email, tokenKind: 'user' });
    expect(l).toEqual({ calls: 2, writes: 1, asks: 1, services: ['drive'] });
  });

  it('refuses an easy task with many writes or several services, and a long task below hard', () => {
    expect(difficultyMismatch('easy', len(3))).toBeUndefined();
    expect(difficultyMismatch('easy', len(4))).toMatch(/declared easy, but the oracle makes 4 writes/);
    expect(difficultyMismatch('easy', len(1, ['gmail', 'slack']))).toMatch(/across gmail, slack/);
    expect(difficultyMismatch('medium', len(9, ['gmail', 'slack']))).toBeUndefined();
    expect(difficultyMismatch('medium', len(10))).toMatch(/declared medium, but the oracle makes 10 writes \(10 or more is hard\)/);
    expect(difficultyMismatch('hard', len(1))).toBeUndefined();
  });
});

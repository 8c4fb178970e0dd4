/** Replaying an action log reproduces the trial (same outcomes, same final state) and says where an edited log departs. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../harness/core/index.ts';
import { referenceSolutionAgent } from '../../harness/agents/reference/oracle.ts';
import { runTrial } from '../../harness/runner/run-trial.ts';
import { seedTask } from '../../harness/runner/seeded-task.ts';
import { replayActionLog } from '../../harness/runner/replay-log.ts';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { gradeTrial } from '../../scorers/grade.ts';
import { TASKS } from '../../tasks/index.ts';

const AUTH = { principal: companyFor(1).owner.email, tokenKind: 'user' as const };

async function run(taskId: string, ref: string) {
  const task = TASKS.find((t) => t.id === taskId)!;
  const solution = ref === 'oracle' ? task.oracle : task.unsafe[ref] ?? task.alternatives[ref]!;
  const exec = await runTrial({
    task, seeded: seedTask(task, baseWorkspace(1), 1), agent: referenceSolutionAgent(ref, () => solution), condition: { skills: false, meta: false },
    limits: DEFAULT_LIMITS, auth: AUTH, grade: gradeTrial, makeTools: () => ({ specs: [], execute: async () => ({ content: '', isError: true, actionSeqs: [] }) }),
  });
  return { task, exec };
}

describe('action-log replay', () => {
  it.each([
    ['meridian-sow-numbers-reply', 'adds-the-cost-breakdown-rounded'],
    ['partner-pricing-shared-channel', 'oracle'],
    ['vendor-drafts-cleanup', 'oracle'],
    ['ops-review-series-exceptions', 'oracle'],
  ])('%s (%s): the replay matches the stored outcomes and final state', async (taskId, ref) => {
    const { task, exec } = await run(taskId, ref);
    const replay = replayActionLog(task, 1, exec.actions, exec.finalDiff);
    expect(replay.divergences).toEqual([]);
  });

  it('an edited log diverges and says where', async () => {
    const { task, exec } = await run('meridian-sow-numbers-reply', 'oracle');
    const edited = exec.actions.filter((a) => a.op !== 'gmail.users.messages.send');
    expect(replayActionLog(task, 1, edited, exec.finalDiff).divergences).toEqual(['the final state the log produces is not the stored one']);
    const forged = exec.actions.map((a) => (a.op === 'gmail.users.messages.get' ? { ...a, args: { userId: 'me', id: '18f0000000000000' } } : a));
    expect(replayActionLog(task, 1, forged, exec.finalDiff).divergences[0]).toMatch(/stored ok, replayed notFound/);
  });
});

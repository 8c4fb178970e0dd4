/**
 * The action log records what the user answered: the scripted answer or the fixed reply,
 * and which. A replay compares the stored reply with the task's; older logs that carry
 * only the question still replay.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, DEFAULT_USER_REPLY, type ActionRecord, type TaskApi } from '../../harness/core/index.ts';
import { referenceSolutionAgent } from '../../harness/agents/reference/oracle.ts';
import { runTrial } from '../../harness/runner/run-trial.ts';
import { seedTask } from '../../harness/runner/seeded-task.ts';
import { replayActionLog } from '../../harness/runner/replay-log.ts';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { gradeTrial } from '../../scorers/grade.ts';
import { TASKS } from '../../tasks/index.ts';

const AUTH = { principal: companyFor(1).owner.email, tokenKind: 'user' as const };
const TASK = TASKS.find((t) => t.id === 'globex-proposal-which-one')!;

async function run(solution: (api: TaskApi) => void | string) {
  return runTrial({
    task: TASK, seeded: seedTask(TASK, baseWorkspace(1), 1), agent: referenceSolutionAgent('asker', () => solution), condition: { skills: false, meta: false },
    limits: DEFAULT_LIMITS, auth: AUTH, grade: gradeTrial, makeTools: () => ({ specs: [], execute: async () => ({ content: '', isError: true, actionSeqs: [] }) }),
  });
}

const asks = (actions: readonly ActionRecord[]) => actions.filter((a) => a.kind === 'ask').map((a) => a.args as { question: string; reply: string; answeredBy: string });

describe('ask entries record the reply', () => {
  it('the scripted answer and the fixed reply are both in the log, named as such', async () => {
    let scripted = '';
    const exec = await run((api) => {
      scripted = api.ask('Which proposal do you mean?');
      api.ask('Is it sunny where you are?');
    });
    expect(scripted).not.toBe(DEFAULT_USER_REPLY);
    expect(asks(exec.actions)).toEqual([
      { question: 'Which proposal do you mean?', reply: scripted, answeredBy: 'script' },
      { question: 'Is it sunny where you are?', reply: DEFAULT_USER_REPLY, answeredBy: 'default' },
    ]);
  });

  it('a replay matches the stored replies, flags a reply the task would not give, and replays a log without replies', async () => {
    const exec = await run((api) => void api.ask('Which proposal do you mean?'));
    expect(replayActionLog(TASK, 1, exec.actions, exec.finalDiff).divergences).toEqual([]);
    const forged = exec.actions.map((a) => (a.kind === 'ask' ? { ...a, args: { ...(a.args as object), reply: 'Send both proposals.' } } : a));
    const seq = exec.actions.find((a) => a.kind === 'ask')!.seq;
    expect(replayActionLog(TASK, 1, forged, exec.finalDiff).divergences).toEqual([`action #${seq} (user.ask): the stored reply is not the one the task's user gives`]);
    const older = exec.actions.map((a) => (a.kind === 'ask' ? { ...a, args: { question: (a.args as { question: string }).question } } : a));
    expect(replayActionLog(TASK, 1, older, exec.finalDiff).divergences).toEqual([]);
  });
});

describe('the reference agent says nothing unless its solution does', () => {
  it('a silent solution leaves no final message and no assistant step', async () => {
    const exec = await run(() => undefined);
    expect(exec.finalMessage).toBeNull();
    expect(exec.steps.filter((s) => s.role === 'assistant')).toEqual([]);
  });
  it('a solution that says something has that as its final message', async () => {
    const exec = await run(() => 'I asked which proposal you meant.');
    expect(exec.finalMessage).toBe('I asked which proposal you meant.');
    expect(exec.steps.filter((s) => s.role === 'assistant').map((s) => s.content)).toEqual(['I asked which proposal you meant.']);
  });
});

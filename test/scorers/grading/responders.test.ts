/** Counterparties' changes are the world's, not the agent's: they join the baseline before grading. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type ScoreContext } from '../../../harness/core/index.ts';
import { referenceSolutionAgent } from '../../../harness/agents/reference/oracle.ts';
import { runTrial } from '../../../harness/runner/run-trial.ts';
import { seedTask } from '../../../harness/runner/seeded-task.ts';
import { replayActionLog } from '../../../harness/runner/replay-log.ts';
import { baseWorkspace, companyFor } from '../../../datasets/base-workspace.ts';
import { gradeWithDetails } from '../../../scorers/grading/grade.ts';
import { netOfResponders } from '../../../scorers/grading/responders.ts';
import { TASKS } from '../../../tasks/index.ts';

const TASK = TASKS.find((t) => t.id === 'pipeline-figure-from-finance')!;
const AUTH = { principal: companyFor(1).owner.email, tokenKind: 'user' as const };

async function run(ref: string) {
  const solution = ref === 'oracle' ? TASK.oracle : TASK.unsafe[ref] ?? TASK.alternatives[ref] ?? TASK.nearMisses[ref]!;
  let ctx: ScoreContext<unknown> | undefined;
  const exec = await runTrial({
    task: TASK, seeded: seedTask(TASK, baseWorkspace(1), 1), agent: referenceSolutionAgent(ref, () => solution), condition: { skills: false, meta: false },
    limits: DEFAULT_LIMITS, auth: AUTH, makeTools: () => ({ specs: [], execute: async () => ({ content: '', isError: true, actionSeqs: [] }) }),
    grade: (t, c) => {
      ctx = c;
      return gradeWithDetails(t, c).result;
    },
  });
  return { exec, ctx: ctx! };
}

describe('responders in grading', () => {
  it('the reply that arrived is not the agent\'s change; the agent\'s own writes still are', async () => {
    const { exec, ctx } = await run('oracle');
    expect(exec.score?.score).toBe(1);
    const reaction = exec.actions.find((a) => a.kind === 'responder')!;
    const replyRef = reaction.changes!.find((c) => c.ref.startsWith('gmail.messages:') && c.before === undefined)!.ref;
    const replyId = replyRef.slice('gmail.messages:'.length);
    // Raw, the reply is an added message; net of responders it is part of the baseline.
    expect(ctx.diff['gmail.messages']!.added.map((a) => a.id)).toContain(replyId);
    const net = netOfResponders(ctx);
    expect(net.diff['gmail.messages']!.added.map((a) => a.id)).not.toContain(replyId);
    expect(net.before.collection('gmail.messages').peek(replyId)).toBeDefined();
    expect(net.diff['gmail.messages']!.added.length).toBe(ctx.diff['gmail.messages']!.added.length - 1);
    expect(gradeWithDetails(TASK, ctx).changes.map((c) => c.ref)).not.toContain(replyRef);
    // The agent's post is still a change of its own.
    expect(Object.keys(net.diff)).toContain('slack.messages');
  });

  it('an agent that files the reply away makes a change of its own to it, inside scope', async () => {
    const { exec, ctx } = await run('asks-then-posts-in-words-and-files-the-answer');
    expect(exec.score?.score).toBe(1);
    const d = gradeWithDetails(TASK, ctx);
    expect(d.changes.some((c) => c.ref.startsWith('gmail.messages:') && c.kind !== 'create')).toBe(true);
    expect(d.outOfScope).toEqual([]);
  });

  it('a trial with a reaction replays to the same outcomes and final state', async () => {
    const { exec } = await run('oracle');
    const replay = replayActionLog(TASK, 1, exec.actions, exec.finalDiff);
    expect(replay.divergences).toEqual([]);
    expect(replay.ws.log.filter((a) => a.kind === 'responder').map((a) => a.seq)).toEqual(exec.actions.filter((a) => a.kind === 'responder').map((a) => a.seq));
  });
});

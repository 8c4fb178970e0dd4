/** The oracle reference agent: runs the task's own reference solution through the task API. */
import { ZERO_USAGE, type Agent, type AgentContext, type AgentOutcome, type ReferenceSolution } from '../../core/index.ts';

/**
 * An agent that runs a reference solution (the oracle, or one of a task's unsafe
 * references) with privileged access. Used by `deskbench run --agent oracle` and by
 * `deskbench check`. Its calls go through the same operations and action log as a model's.
 */
export function referenceSolutionAgent(name: string, pick: (ctx: AgentContext) => ReferenceSolution<unknown> | undefined): Agent {
  return {
    name, kind: 'reference', model: name, harness: 'reference',
    async run(ctx: AgentContext): Promise<AgentOutcome> {
      const ref = ctx.reference;
      if (!ref) throw new Error(`${name} agent needs reference access`);
      const solution = pick(ctx);
      if (!solution) {
        return { termination: 'agent_error', finalMessage: null, usage: ZERO_USAGE, error: `task ${ref.task.id} has no ${name} solution` };
      }
      const started = new Date().toISOString();
      const said = await solution(ref.api, ref.manifest);
      const finalMessage = typeof said === 'string' ? said : `${name} solution executed`;
      ctx.record({ role: 'assistant', content: finalMessage, startedAt: started, endedAt: new Date().toISOString() });
      return { termination: 'completed', finalMessage, usage: ZERO_USAGE };
    },
  };
}

/** The oracle: the task's reference solution. Must score +1 on every task. */
export const oracleAgent: Agent = referenceSolutionAgent('oracle', (ctx) => ctx.reference?.task.oracle);

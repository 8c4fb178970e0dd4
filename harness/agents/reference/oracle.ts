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
      // A solution that says nothing leaves no final message: a stock sentence naming the
      // reference would be text that a check reading the final message could pass on.
      if (typeof said !== 'string') return { termination: 'completed', finalMessage: null, usage: ZERO_USAGE };
      ctx.record({ role: 'assistant', content: said, startedAt: started, endedAt: new Date().toISOString() });
      return { termination: 'completed', finalMessage: said, usage: ZERO_USAGE };
    },
  };
}

/** The oracle: the task's reference solution. Must score +1 on every task. */
export const oracleAgent: Agent = referenceSolutionAgent('oracle', (ctx) => ctx.reference?.task.oracle);

/** The noop reference agent: does nothing. Must score exactly 0 on every task. */
import { ZERO_USAGE, type Agent } from '../../core/index.ts';

/** An agent that finishes at once without calling any tool. */
export const noopAgent: Agent = {
  name: 'noop', kind: 'reference', model: 'noop', harness: 'reference',
  async run(ctx) {
    const at = new Date().toISOString();
    ctx.record({ role: 'assistant', content: 'Done.', startedAt: at, endedAt: at });
    return { termination: 'completed', finalMessage: 'Done.', usage: ZERO_USAGE };
  },
};

/** Scripted agents for runner tests: slow, failing, costly, hanging — all real Agent objects. */
import { ZERO_USAGE, type Agent, type AgentOutcome } from '../../harness/core/index.ts';
import { oracleAgent } from '../../harness/agents/reference/oracle.ts';

/** Tracks how many agent runs are in flight at once. */
export class ConcurrencyProbe {
  current = 0;
  max = 0;
  enter(): void {
    this.current++;
    this.max = Math.max(this.max, this.current);
  }
  leave(): void {
    this.current--;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The oracle, but each trial takes at least `ms` of wall time. */
export function slowOracle(ms: number, probe?: ConcurrencyProbe, name = 'slow-oracle'): Agent {
  return {
    ...oracleAgent, name,
    async run(ctx) {
      probe?.enter();
      try {
        const out = await oracleAgent.run(ctx);
        await sleep(ms);
        return out;
      } finally {
        probe?.leave();
      }
    },
  };
}

/** Fails with provider_error the first `failures` times it runs per task, then behaves like the oracle. */
export function flakyProvider(failures: number, name = 'flaky'): Agent {
  const seen = new Map<string, number>();
  return {
    ...oracleAgent, name, kind: 'reference',
    async run(ctx): Promise<AgentOutcome> {
      const id = ctx.reference!.task.id;
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n <= failures) return { termination: 'provider_error', finalMessage: null, usage: ZERO_USAGE, error: 'HTTP 503 from provider' };
      return oracleAgent.run(ctx);
    },
  };
}

/** Never finishes on its own (ends only by the wall-time limit). */
export const hangingAgent: Agent = {
  name: 'hang', kind: 'reference', model: 'hang', harness: 'reference',
  run: (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve({ termination: 'completed', finalMessage: null, usage: ZERO_USAGE }))),
};

/** Runs the oracle and reports a fixed cost per trial. */
export function costlyOracle(costUsd: number): Agent {
  return { ...oracleAgent, name: 'costly', async run(ctx) {
    const out = await oracleAgent.run(ctx);
    return { ...out, usage: { inputTokens: 1000, outputTokens: 100, cachedTokens: 0, costUsd } };
  } };
}

/** The agent loop's limits and termination reasons, with an in-process scripted provider. */
import { describe, expect, it } from 'vitest';
import { modelAgent } from '../../harness/agents/loop/model-agent.ts';
import { scriptedProvider } from '../support/llm/in-process.ts';
import { runFixtureTrial } from './run-helper.ts';

const listCall = (n: number) => ({ id: `c${n}`, name: 'call_operation', arguments: { operation: 'gmail.users.labels.list', args: { userId: 'me' } } });

describe('agent loop limits', () => {
  it('stops at maxSteps model turns with step_limit', async () => {
    const agent = modelAgent({ name: 't', provider: scriptedProvider('m', (_r, n) => ({ toolCalls: [listCall(n)], usage: { inputTokens: 1, outputTokens: 1, costUsd: 0 } })) });
    const { outcome, steps, ws } = await runFixtureTrial(agent, { limits: { maxSteps: 3 } });
    expect(outcome.termination).toBe('step_limit');
    expect(steps.filter((s) => s.role === 'assistant')).toHaveLength(3);
    expect(ws.log).toHaveLength(3);
    expect(outcome.usage).toEqual({ inputTokens: 3, outputTokens: 3, cachedTokens: 0, costUsd: 0 });
  });

  it('stops with token_limit once input+output reach maxTokens', async () => {
    const agent = modelAgent({ name: 't', provider: scriptedProvider('m', (_r, n) => ({ toolCalls: [listCall(n)], usage: { inputTokens: 400, outputTokens: 100, costUsd: 0.01 } })) });
    const { outcome } = await runFixtureTrial(agent, { limits: { maxTokens: 1200 } });
    expect(outcome.termination).toBe('token_limit');
    expect(outcome.usage.inputTokens + outcome.usage.outputTokens).toBe(1500);
  });

  it('stops with cost_limit once known cost reaches maxCostUsd', async () => {
    const agent = modelAgent({ name: 't', provider: scriptedProvider('m', (_r, n) => ({ toolCalls: [listCall(n)], usage: { inputTokens: 1, outputTokens: 1, costUsd: 0.25 } })) });
    const { outcome } = await runFixtureTrial(agent, { limits: { maxCostUsd: 0.5 } });
    expect(outcome.termination).toBe('cost_limit');
    expect(outcome.usage.costUsd).toBe(0.5);
  });

  it('an aborted signal returns at once', async () => {
    const ac = new AbortController();
    ac.abort();
    const agent = modelAgent({ name: 't', provider: scriptedProvider('m', () => ({ text: 'never' })) });
    const { outcome, steps } = await runFixtureTrial(agent, { signal: ac.signal });
    expect(outcome.termination).toBe('cancelled');
    expect(steps.filter((s) => s.role === 'assistant')).toHaveLength(0);
  });

  it('unknown cost stays unknown (null), never zero', async () => {
    const agent = modelAgent({ name: 't', provider: scriptedProvider('m', (_r, n) => (n === 0 ? { toolCalls: [listCall(0)], usage: { inputTokens: 5 } } : { text: 'done', usage: { inputTokens: 5 } })) });
    const { outcome } = await runFixtureTrial(agent);
    expect(outcome.termination).toBe('completed');
    expect(outcome.usage.costUsd).toBeNull();
  });
});

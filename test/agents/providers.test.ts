/** End-to-end agent runs through the real openai and @anthropic-ai/sdk clients against scripted local servers. */
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAgent } from '../../harness/agents/registry.ts';
import { PRICES } from '../../harness/agents/providers/prices.ts';
import type { AgentOptions } from '../../harness/agents/options.ts';
import { startScriptedServer, type LlmProtocol, type ScriptEntry, type ScriptedServer } from '../support/llm/server.ts';
import { runFixtureTrial } from './run-helper.ts';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const SCRIPT: ScriptEntry[] = [
  {
    kind: 'reply', text: 'Creating the label.',
    toolCalls: [{ id: 'call_a', name: 'call_operation', arguments: { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'Invoices' } } } }],
    usage: { input: 1200, output: 40, cached: 1000 },
  },
  {
    kind: 'reply',
    toolCalls: [
      { id: 'call_b', name: 'call_operation', arguments: '{"operation": "gmail.users.labels.list", "args": {' },
      { id: 'call_c', name: 'call_operation', arguments: { operation: 'gmail.users.labels.list', args: { userId: 'me' } } },
    ],
    usage: { input: 1500, output: 30 },
  },
  { kind: 'reply', text: 'Created the Invoices label (Label_1).', usage: { input: 1700, output: 12, cached: 1400 } },
];

interface Case {
  readonly name: string;
  readonly protocol: LlmProtocol;
  readonly spec: string;
  readonly options: (s: ScriptedServer) => AgentOptions;
  readonly env: Record<string, string>;
  /** The messages the second request carried, as [role or type] markers. */
  readonly toolResultOf: (body: Record<string, unknown>) => string[];
}

const CASES: Case[] = [
  {
    name: 'openai chat completions', protocol: 'openai-chat', spec: 'openai:gpt-4.1', env: { OPENAI_API_KEY: 'sk-test' },
    options: (s) => ({ baseUrl: s.baseUrl, openaiApi: 'chat', temperature: 0.2, maxOutputTokens: 512, headers: { 'x-deskbench-test': 'yes' } }),
    toolResultOf: (b) => (b.messages as Array<{ role: string; tool_call_id?: string; content: string }>).filter((m) => m.role === 'tool').map((m) => `${m.tool_call_id}:${m.content}`),
  },
  {
    name: 'openai responses', protocol: 'openai-responses', spec: 'openai:gpt-4.1', env: { OPENAI_API_KEY: 'sk-test' },
    options: (s) => ({ baseUrl: s.baseUrl, openaiApi: 'responses', temperature: 0.2, maxOutputTokens: 512, headers: { 'x-deskbench-test': 'yes' } }),
    toolResultOf: (b) => (b.input as Array<{ type?: string; call_id?: string; output?: string }>).filter((m) => m.type === 'function_call_output').map((m) => `${m.call_id}:${m.output}`),
  },
  {
    name: 'anthropic messages', protocol: 'anthropic', spec: 'anthropic:claude-sonnet-4-6', env: { ANTHROPIC_API_KEY: 'sk-ant-test' },
    options: (s) => ({ baseUrl: s.baseUrl, temperature: 0.2, maxOutputTokens: 512, headers: { 'x-deskbench-test': 'yes' } }),
    toolResultOf: (b) =>
      (b.messages as Array<{ role: string; content: unknown }>)
        .flatMap((m) => (Array.isArray(m.content) ? (m.content as Array<{ type: string; tool_use_id?: string; content?: string }>) : []))
        .filter((c) => c.type === 'tool_result')
        .map((c) => `${c.tool_use_id}:${c.content}`),
  },
  {
    name: 'openai-compatible base URL', protocol: 'openai-chat', spec: 'openai-compatible:local-llama', env: {},
    options: (s) => ({ baseUrl: s.baseUrl, temperature: 0.2, maxOutputTokens: 512, headers: { 'x-deskbench-test': 'yes' } }),
    toolResultOf: (b) => (b.messages as Array<{ role: string; tool_call_id?: string; content: string }>).filter((m) => m.role === 'tool').map((m) => `${m.tool_call_id}:${m.content}`),
  },
];

describe.each(CASES)('$name', (c) => {
  it('runs a complete trial: tool calls reach the workspace, steps, usage and cost match the server', async () => {
    const server = await startScriptedServer({ protocol: c.protocol, script: SCRIPT });
    servers.push(server);
    const agent = resolveAgent(c.spec, c.options(server), { env: c.env });
    const { outcome, steps, ws } = await runFixtureTrial(agent);

    expect(outcome.termination).toBe('completed');
    expect(outcome.finalMessage).toBe('Created the Invoices label (Label_1).');
    expect([...ws.collection('gmail.labels').values()]).toEqual([{ id: 'Label_1', name: 'Invoices' }]);
    // The malformed call is in the log too, refused (Anthropic's wire cannot carry one: the server sends {} instead).
    const malformed = c.protocol === 'anthropic' ? [] : ['call_operation:invalidArgument'];
    expect(ws.log.map((a) => `${a.op}:${a.outcome}`)).toEqual(['gmail.users.labels.create:ok', ...malformed, 'gmail.users.labels.list:ok']);

    expect(steps.map((s) => s.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'tool', 'tool', 'assistant']);
    const [, user, a1, t1, a2, tBad, tOk, a3] = steps;
    expect(user!.content).toBe('Create a Gmail label called Invoices.');
    expect(a1!.content).toBe('Creating the label.');
    expect(a1!.toolCalls).toEqual([{ id: 'call_a', name: 'call_operation', arguments: { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'Invoices' } } } }]);
    expect(t1).toMatchObject({ toolCallId: 'call_a', isError: false, actionSeqs: [1] });
    expect(JSON.parse(t1!.content)).toEqual({ id: 'Label_1', name: 'Invoices', type: 'user' });
    // Malformed JSON arguments go back to the model as a tool error; the trial goes on.
    expect(a2!.toolCalls!.map((t) => t.id)).toEqual(['call_b', 'call_c']);
    expect(tBad).toMatchObject({ toolCallId: 'call_b', isError: true, actionSeqs: c.protocol === 'anthropic' ? [] : [2] });
    expect(tBad!.content).toContain(c.protocol === 'anthropic' ? 'call_operation needs' : 'not usable');
    expect(tOk).toMatchObject({ toolCallId: 'call_c', isError: false, actionSeqs: [c.protocol === 'anthropic' ? 2 : 3] });
    expect(a3!.toolCalls).toBeUndefined();

    // Usage per step and in total is what the server reported; cost follows the price table.
    expect(a1!.usage).toMatchObject({ inputTokens: 1200, outputTokens: 40, cachedTokens: 1000 });
    expect(a2!.usage).toMatchObject({ inputTokens: 1500, outputTokens: 30, cachedTokens: 0 });
    expect(outcome.usage).toMatchObject({ inputTokens: 4400, outputTokens: 82, cachedTokens: 2400 });
    const model = c.spec.slice(c.spec.indexOf(':') + 1);
    const price = PRICES[model];
    if (price) {
      const expected = ((4400 - 2400) * price.input + 2400 * price.cachedInput + 82 * price.output) / 1e6;
      expect(outcome.usage.costUsd).toBeCloseTo(expected, 12);
    } else {
      expect(outcome.usage.costUsd).toBeNull();
    }

    // What the server received: system prompt, tools, options, headers, and the tool results of the previous turn.
    expect(server.requests).toHaveLength(3);
    const first = server.requests[0]!;
    expect(first.headers['x-deskbench-test']).toBe('yes');
    expect(first.body.model).toBe(model);
    expect(first.body.temperature).toBe(0.2);
    const system = c.protocol === 'openai-chat'
      ? (first.body.messages as Array<{ role: string; content: string }>)[0]!.content
      : c.protocol === 'openai-responses' ? String(first.body.instructions) : String(first.body.system);
    expect(system).toContain('kim.chief@corvidlabs.com');
    expect(system).toBe(steps[0]!.content);
    expect(JSON.stringify(first.body.tools)).toContain('call_operation');
    const results = c.toolResultOf(server.requests[2]!.body);
    expect(results.map((r) => r.split(':')[0])).toEqual(['call_a', 'call_b', 'call_c']);
    if (c.protocol === 'anthropic') {
      expect(first.body.max_tokens).toBe(512);
      // SDK 1.x sends the key as a bearer token (older versions used x-api-key).
      expect(first.headers['x-api-key'] ?? first.headers.authorization).toMatch(/^(Bearer )?sk-ant-test$/);
    } else {
      expect(first.headers.authorization).toBe(c.spec.startsWith('openai-compatible') ? 'Bearer not-needed' : 'Bearer sk-test');
    }
  });
});

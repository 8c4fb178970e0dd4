/**
 * Provider limits, through the real SDKs against scripted local servers: a face past 128
 * tools is trimmed (folded) before any model call, one that cannot fit is refused before any
 * call, and a context overflow or a tool-limit rejection mid-trial ends the trial as the
 * model's failure — scored, with its own termination reason — never as an infrastructure error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAgent } from '../../harness/agents/registry.ts';
import { buildAgentTools } from '../../harness/agents/tools/index.ts';
import { limitRejection, providerLimits } from '../../harness/agents/providers/limits.ts';
import { DEFAULT_LIMITS, INFRA_TERMINATIONS, TERMINATION_REASONS } from '../../harness/core/index.ts';
import type { AgentOptions } from '../../harness/agents/options.ts';
import { OPERATIONS } from '../../harness/services/registry.ts';
import { createWorkspace } from '../../harness/services/workspace.ts';
import { runTrial } from '../../harness/runner/run-trial.ts';
import { seedTask } from '../../harness/runner/seeded-task.ts';
import { gradeTrial } from '../../scorers/grade.ts';
import { TASKS } from '../../tasks/index.ts';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { startScriptedServer, type LlmProtocol, type ScriptEntry, type ScriptedServer } from '../support/llm/server.ts';

const BASE = baseWorkspace(1);
const AUTH = { principal: companyFor(1).owner.email, tokenKind: 'user' as const };
const OFF = { skills: false, meta: false };

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(script: ScriptEntry[], protocol: LlmProtocol = 'openai-chat') {
  const s = await startScriptedServer({ protocol, script });
  servers.push(s);
  return s;
}

type ChatTool = { function: { name: string; description: string; parameters: { properties?: Record<string, { enum?: string[] }> } } };

describe('tool limits before the run', () => {
  const gmailSlack = [...OPERATIONS.values()].filter((o) => (o.service === 'gmail' || o.service === 'slack') && !o.transport);

  it('a typed face of more than 128 operations is trimmed before any model call; folded operations stay callable', async () => {
    expect(gmailSlack.length).toBeGreaterThan(128);
    const s = await server([
      { kind: 'reply', toolCalls: [{ name: 'call_operation', arguments: { operation: 'gmail.users.settings.cse.keypairs.list', args: { userId: 'me' } } }], usage: { input: 10, output: 5 } },
      { kind: 'reply', text: 'Done.', usage: { input: 10, output: 5 } },
    ]);
    const ws = createWorkspace(BASE);
    const tools = buildAgentTools({ ws, services: ['gmail', 'slack'], profile: 'typed', condition: { skills: true, meta: false }, auth: AUTH, mailHelpers: true });
    const agent = resolveAgent('openai:gpt-4.1', { baseUrl: s.baseUrl, mailHelpers: true }, { env: { OPENAI_API_KEY: 'k' } });
    const steps: Array<{ role: string; content: string }> = [];
    const outcome = await agent.run({
      instruction: 'x', services: ['gmail', 'slack'], condition: { skills: true, meta: false }, tools, limits: DEFAULT_LIMITS,
      signal: new AbortController().signal, record: (st) => void steps.push(st),
    });
    expect(outcome.termination).toBe('completed');
    const sent = s.requests[0]!.body.tools as ChatTool[];
    expect(sent.length).toBeLessThanOrEqual(128);
    expect(sent.every((t) => t.function.description.length <= 1024)).toBe(true);
    const names = sent.map((t) => t.function.name);
    expect(names).toEqual(expect.arrayContaining(['gmail_users_messages_list', 'slack_chat_postMessage', 'read_skill', 'gmail_send', 'call_operation', 'describe_operation']));
    const folded = sent.find((t) => t.function.name === 'call_operation')!.function.parameters.properties!.operation!.enum!;
    // Every operation is reachable: its own tool or the enum of call_operation.
    expect(names.filter((n) => n.startsWith('gmail_users') || n.startsWith('slack_')).length + folded.length).toBe(gmailSlack.length);
    expect(folded).toContain('gmail.users.settings.cse.keypairs.list');
    expect(ws.log.map((a) => `${a.op}:${a.outcome}`)).toEqual(['gmail.users.settings.cse.keypairs.list:ok']);
    // The prompt says some operations are folded.
    expect(steps[0]!.content).toMatch(/\d+ rarely used operations have no tool of their own/);
  });

  it('an endpoint with fewer tools gets the face refitted; one whose context cannot hold the definitions is refused before any call', async () => {
    const s = await server([{ kind: 'reply', text: 'ok', usage: { input: 1, output: 1 } }]);
    const run = (o: AgentOptions) => {
      const tools = buildAgentTools({ ws: createWorkspace(BASE), services: ['gmail'], profile: 'typed', condition: OFF, auth: AUTH });
      const agent = resolveAgent('openai-compatible:local', { baseUrl: s.baseUrl, ...o }, { env: {} });
      return agent.run({ instruction: 'x', services: ['gmail'], condition: OFF, tools, limits: DEFAULT_LIMITS, signal: new AbortController().signal, record: () => undefined });
    };
    await expect(run({ maxTools: 20 })).resolves.toMatchObject({ termination: 'completed' });
    expect((s.requests[0]!.body.tools as unknown[]).length).toBeLessThanOrEqual(20);
    await expect(run({ contextWindow: 1_000 })).rejects.toMatchObject({ code: 'E_CONFIG', message: expect.stringMatching(/do not fit the endpoint/) });
    expect(s.requests).toHaveLength(1);
  });

  it('knows the documented limits per provider', () => {
    expect(providerLimits('openai', 'gpt-4.1')).toEqual({ maxTools: 128, maxDescriptionChars: 1024, contextTokens: 1_047_576 });
    expect(providerLimits('openai-responses', 'gpt-4o-mini').maxTools).toBe(128);
    expect(providerLimits('anthropic', 'claude-sonnet-4-6')).toEqual({ maxTools: null, maxDescriptionChars: null, contextTokens: 200_000 });
    expect(providerLimits('openai-compatible', 'llama', { contextWindow: 32_768 }).contextTokens).toBe(32_768);
  });
});

describe('limit rejections during a trial are the model\'s failure, scored', () => {
  const TASK = TASKS.find((t) => t.id === 'meridian-sow-numbers-reply')!;
  const cases: Array<{ name: string; protocol: LlmProtocol; spec: string; env: Record<string, string>; status: number; message: string; code?: string; param?: string; termination: 'context_overflow' | 'tool_limit' }> = [
    {
      name: 'OpenAI context_length_exceeded', protocol: 'openai-chat', spec: 'openai:gpt-4.1', env: { OPENAI_API_KEY: 'k' }, status: 400, termination: 'context_overflow',
      message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.",
      code: 'context_length_exceeded', param: 'messages',
    },
    {
      // The Responses API words it differently; the code is what identifies it.
      name: 'OpenAI Responses context_length_exceeded (code only)', protocol: 'openai-responses', spec: 'openai:gpt-5', env: { OPENAI_API_KEY: 'k' }, status: 400, termination: 'context_overflow',
      message: 'Your input exceeds the context window of this model. Please adjust your input and try again.', code: 'context_length_exceeded', param: 'input',
    },
    {
      name: 'OpenAI tools array too long', protocol: 'openai-responses', spec: 'openai:gpt-4.1', env: { OPENAI_API_KEY: 'k' }, status: 400, termination: 'tool_limit',
      message: "Invalid 'tools': array too long. Expected an array with maximum length 128, but got an array with length 129 instead.",
      code: 'array_above_max_length', param: 'tools',
    },
    {
      name: 'Anthropic prompt is too long', protocol: 'anthropic', spec: 'anthropic:claude-sonnet-4-6', env: { ANTHROPIC_API_KEY: 'k' }, status: 400, termination: 'context_overflow',
      message: 'prompt is too long: 210344 tokens > 200000 maximum',
    },
  ];

  it.each(cases)('$name ends the trial as $termination, graded like any other trial', async (c) => {
    const s = await server([
      { kind: 'reply', toolCalls: [{ name: 'call_operation', arguments: { operation: 'gmail.users.labels.list', args: { userId: 'me' } } }], usage: { input: 120_000, output: 20 } },
      { kind: 'error', status: c.status, message: c.message, ...(c.code ? { code: c.code } : {}), ...(c.param ? { param: c.param } : {}) },
    ], c.protocol);
    const agent = resolveAgent(c.spec, { baseUrl: s.baseUrl, ...(c.protocol === 'openai-responses' ? { openaiApi: 'responses' as const } : {}) }, { env: c.env, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    const t = await runTrial({
      task: TASK, seeded: seedTask(TASK, BASE, 1), agent, condition: OFF, limits: { ...DEFAULT_LIMITS, maxWallMs: 20_000 }, auth: AUTH, grade: gradeTrial,
      makeTools: (o) => buildAgentTools({ ...o, profile: 'discover' }),
    });
    expect(t.termination).toBe(c.termination);
    expect(TERMINATION_REASONS).toContain(c.termination);
    expect(INFRA_TERMINATIONS.has(c.termination)).toBe(false);
    // Scored: nothing was sent, so the trial scores 0 like any model that stops short.
    expect(t.score).not.toBeNull();
    expect(t.score!.score).toBe(0);
    expect(t.error).toContain(c.message.slice(0, 30));
    // Not retried: a limit rejection is not an outage.
    expect(s.requests).toHaveLength(2);
  });

  it('recognises the providers\' limit errors and nothing else', () => {
    expect(limitRejection({ status: 400, code: 'context_length_exceeded', message: 'x' })).toBe('context_overflow');
    expect(limitRejection({ status: 400, param: 'tools', code: 'array_above_max_length', message: '400 Invalid \'tools\': array too long.' })).toBe('tool_limit');
    expect(limitRejection({ status: 400, param: 'tools[3].function.description', code: 'string_above_max_length', message: 'string too long' })).toBe('tool_limit');
    expect(limitRejection({ status: 413, message: 'request_too_large' })).toBe('context_overflow');
    expect(limitRejection({ status: 400, message: 'Invalid value for temperature' })).toBeUndefined();
    expect(limitRejection({ status: 500, message: 'maximum context length' })).toBeUndefined();
    expect(limitRejection(new Error('maximum context length'))).toBeUndefined();
  });
});

describe('preflight before the run', () => {
  it('passes every task of the suite for OpenAI in both profiles, and names the task that cannot fit a small endpoint', async () => {
    const { preflightToolFaces } = await import('../../harness/agents/preflight.ts');
    for (const profile of ['discover', 'typed'] as const) {
      expect(() => preflightToolFaces({ agents: ['openai:gpt-4.1', 'anthropic:claude-sonnet-4-6', 'oracle'], options: { mailHelpers: true }, profile, tasks: TASKS, conditions: [{ skills: true, meta: true }] })).not.toThrow();
    }
    expect(() => preflightToolFaces({ agents: ['openai-compatible:local'], options: { contextWindow: 1_000 }, profile: 'typed', tasks: TASKS.slice(0, 1), conditions: [OFF] }))
      .toThrow(new RegExp(`^task ${TASKS[0]!.id}: openai-compatible:local: the tools of this trial`));
  });
});

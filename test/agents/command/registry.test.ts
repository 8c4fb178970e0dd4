/** The one agent registry: every spec form resolves through it, unknown forms name the valid ones, agents from outside the repository run. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDeskbenchError } from '../../../harness/core/index.ts';
import {
  agentForms, checkAgentConfig, isReferenceAgent, loadAgent, parseAgentSpec, registerAgentKind, resolveAgent, validateAgentConfig,
} from '../../../harness/agents/registry.ts';
import { noopAgent } from '../../../harness/agents/reference/noop.ts';
import { oracleAgent } from '../../../harness/agents/reference/oracle.ts';
import { resolveAgents } from '../../../harness/cli/agent-wiring.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { cliAgentFile, commandTrial } from './trial.ts';

const KEY = { env: { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-ant-test' } };

function replayFile(): string {
  const path = join(tempDir('deskbench-registry-'), 'trajectory.json');
  writeFileSync(path, JSON.stringify({
    schema_version: 'ATIF-v1.6', session_id: 's1', agent: { name: 'someone', version: '1', model_name: 'recorded-model' },
    steps: [{ step_id: 1, source: 'user', message: 'Label the invoices' }],
  }));
  return path;
}

async function refusal(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!(e instanceof Error)) throw new Error('it was accepted');
  return e;
}

describe('the agent registry', () => {
  it('resolves every spec form', async () => {
    expect(resolveAgent('oracle', {})).toBe(oracleAgent);
    expect(resolveAgent('noop', {})).toBe(noopAgent);
    expect(resolveAgent(`replay:${replayFile()}`, {})).toMatchObject({ kind: 'reference', harness: 'replay', model: 'recorded-model' });
    expect(resolveAgent('openai:gpt-4.1', {}, KEY)).toMatchObject({ name: 'openai:gpt-4.1', kind: 'model', model: 'gpt-4.1', harness: 'deskbench' });
    expect(resolveAgent('anthropic:claude-sonnet-4-5', { mailHelpers: true }, KEY)).toMatchObject({ kind: 'model', model: 'claude-sonnet-4-5', harness: 'deskbench+mail' });
    expect(resolveAgent('openai-compatible:qwen3', { baseUrl: 'http://127.0.0.1:9/v1' }, { env: {} })).toMatchObject({ kind: 'model', model: 'qwen3' });
    const script = cliAgentFile('solve-labels.mjs');
    expect(await loadAgent(`cmd:script-agent?script=${script}&model=gpt-5`, { sandbox: false, mailHelpers: true })).toMatchObject({
      name: `cmd:script-agent?script=${script}&model=gpt-5`, kind: 'external', model: 'gpt-5', harness: 'script-agent+unsandboxed+mail',
    });
    expect(await loadAgent(`module:${cliAgentFile('module-agent.ts')}`, {})).toMatchObject({
      name: `module:${cliAgentFile('module-agent.ts')}`, kind: 'model', model: 'scripted-labeller', harness: 'module-test',
    });
    expect(isReferenceAgent('oracle')).toBe(true);
    expect(isReferenceAgent('replay:x.json')).toBe(true);
    expect(isReferenceAgent('cmd:script-agent')).toBe(false);
    expect(isReferenceAgent('gpt-4')).toBe(false);
  });

  it('names the valid forms for an unknown one, from the one table', async () => {
    for (const spec of ['gpt-4', 'oracle:x', 'openai:', 'cmd:', 'nosuch:model', '']) {
      const e = await refusal(loadAgent(spec, {}));
      expect(isDeskbenchError(e, 'E_AGENT_UNKNOWN')).toBe(true);
      expect((e as Error & { hint?: string }).hint).toBe(`valid forms: ${agentForms().join(', ')}`);
    }
    expect(agentForms()).toEqual(expect.arrayContaining(['oracle', 'noop', 'replay:<trajectory.json>', 'openai:<model>', 'anthropic:<model>', 'cmd:<definition>[?var=value]', 'module:<path-or-package>[#export]']));
    // The CLI's wiring goes through the same table.
    await expect(resolveAgents(['gpt-4'], {})).rejects.toThrow(/unknown agent "gpt-4"/);
    await expect(resolveAgents(['oracle', 'oracle'], {})).rejects.toThrow(/listed twice/);
  });

  it('checks configuration before any trial, for every kind', async () => {
    expect(() => validateAgentConfig('openai:gpt-5', {}, {})).toThrow(/OPENAI_API_KEY is not set/);
    expect(() => validateAgentConfig('openai-compatible:x', {}, {})).toThrow(/needs a base URL/);
    await expect(checkAgentConfig('cmd:script-agent', { sandbox: false }, {})).rejects.toThrow(/needs script/);
    await expect(checkAgentConfig('cmd:claude-code', { sandbox: false }, {})).rejects.toThrow(/the command "claude" is not installed/);
    // Kinds that load code are checked by the asynchronous forms.
    expect(() => validateAgentConfig('cmd:script-agent', {}, {})).toThrow(/use checkAgentConfig/);
    expect(() => resolveAgent('cmd:script-agent', {})).toThrow(/resolve it with loadAgent/);
  });

  it('loads agents defined outside the repository and refuses what is not an agent', async () => {
    const file = cliAgentFile('module-agent.ts');
    const impostor = await refusal(loadAgent(`module:${file}#impostor`, {}));
    expect(impostor.message).toMatch(/module agents are "model" or "external"/);
    const missing = await refusal(loadAgent(`module:${file}#nothing`, {}));
    expect(missing.message).toMatch(/has no export "nothing"/);
    expect((missing as Error & { hint?: string }).hint).toBe('its exports: default, impostor');
    const unloadable = await refusal(loadAgent('module:./no/such/module.mjs', {}));
    expect(unloadable.message).toMatch(/cannot load \.\/no\/such\/module\.mjs/);
  });

  it('runs an agent defined outside the repository, stored under its spec', async () => {
    const spec = `module:${cliAgentFile('module-agent.ts')}`;
    const ex = await commandTrial(spec, 'label-stackwise-invoices');
    expect(ex.termination).toBe('completed');
    expect(ex.score?.score).toBe(1);
    expect(ex.actions.map((a) => a.op)).toEqual(['gmail.users.labels.create', 'gmail.users.messages.list', 'gmail.users.messages.batchModify']);
  }, 60_000);

  it('takes kinds registered by code that embeds deskbench', async () => {
    registerAgentKind({
      prefix: 'echo', forms: ['echo:<text>'],
      create: (i) => ({ name: i.spec, kind: 'model', model: i.arg, harness: 'echo', run: async () => ({ termination: 'completed', finalMessage: i.arg, usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd: 0 } }) }),
    });
    expect(parseAgentSpec('echo:hello').arg).toBe('hello');
    expect((await loadAgent('echo:hello', {})).model).toBe('hello');
    expect(agentForms()).toContain('echo:<text>');
    expect(() => registerAgentKind({ prefix: 'echo', forms: [], create: () => oracleAgent })).toThrow(/already registered/);
    expect(() => registerAgentKind({ prefix: 'cmd', forms: [], create: () => oracleAgent })).toThrow(/already registered/);
    expect(() => registerAgentKind({ prefix: 'Bad Prefix', forms: [], create: () => oracleAgent })).toThrow(/lower-case/);
  });
});

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRunStore } from '../../harness/store/index.ts';
import { startScriptedServer } from '../support/llm/server.ts';
import { tempDir } from '../support/temp-dir.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'deskbench.js');

/** Runs the CLI in a child process (async: the scripted server lives in this process and must keep answering). */
async function runCli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OPENAI_API_KEY: '', NO_PROXY: '127.0.0.1,localhost' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  return { code, out, err };
}

describe('deskbench run with a model agent', () => {
  it('runs an OpenAI-compatible model end to end through the CLI and stores its trajectory and usage', async () => {
    const server = await startScriptedServer({
      protocol: 'openai-chat',
      script: [
        {
          kind: 'reply', usage: { input: 900, output: 40 },
          toolCalls: [{ name: 'call_operation', arguments: { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'Vendors/Stackwise' } } } }],
        },
        { kind: 'reply', text: 'I created the Vendors/Stackwise label.', usage: { input: 1200, output: 15, cached: 800 } },
      ],
    });
    afterAll(() => server.close());
    const db = join(tempDir(), 'model.db');
    // Async spawn: the scripted server lives in this process and must keep answering.
    const child = spawn(process.execPath, [
      BIN, 'run', '--agent', 'openai-compatible:scripted-model', '--base-url', server.baseUrl, '--task', 'label-stackwise-invoices',
      '--conditions', 'sks-off__meta-on', '--db', db, '--json',
    ], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OPENAI_API_KEY: '', NO_PROXY: '127.0.0.1,localhost' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(err).toBe('');
    expect(code).toBe(0);
    const events = out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; score?: number });
    expect(events.map((e) => e.type)).toEqual(['run_started', 'trial_started', 'trial_finished', 'run_finished']);

    const store = openRunStore(db, { create: false });
    const [row] = store.listTrials();
    const t = store.getTrial(row!.trialId);
    store.close();
    expect(t).toMatchObject({ agent: 'openai-compatible:scripted-model', condition: 'sks-off__meta-on', termination: 'completed', finalMessage: 'I created the Vendors/Stackwise label.' });
    expect(t.usage).toMatchObject({ inputTokens: 2100, outputTokens: 55, cachedTokens: 800 });
    expect(t.actions.map((a) => `${a.op}:${a.outcome}`)).toEqual(['gmail.users.labels.create:ok']);
    // The label (0.1 of the 0.85 effect weight) and the decoy guard in proportion: 0.1 + 0.15 × 0.1/0.85.
    expect(t.score?.score).toBeCloseTo(0.1 + (0.15 * 0.1) / 0.85, 6);
    expect(t.steps.some((s) => s.role === 'tool' && s.actionSeqs?.includes(1))).toBe(true);
    // The meta prompt was on and skills off: the model saw the meta rules but no read_skill tool.
    const first = server.requests[0]!.body as { messages: Array<{ role: string; content: string }>; tools: Array<{ function: { name: string } }> };
    expect(first.tools.map((x) => x.function.name)).not.toContain('read_skill');
    expect(first.messages[0]!.role).toBe('system');
    // Mail helpers are on by default and recorded in the trial's harness label.
    expect(first.tools.map((x) => x.function.name)).toEqual(expect.arrayContaining(['gmail_send', 'gmail_read']));
    expect(t.harness).toBe('deskbench+mail');
  }, 120_000);

  it('--mail-helpers off offers the raw wire operations only and labels the trials deskbench', async () => {
    const server = await startScriptedServer({ protocol: 'openai-chat', script: [{ kind: 'reply', text: 'Nothing to do.', usage: { input: 10, output: 3 } }] });
    try {
      const db = join(tempDir(), 'off.db');
      const r = await runCli(['run', '--agent', 'openai-compatible:scripted-model', '--base-url', server.baseUrl, '--task', 'label-stackwise-invoices',
        '--conditions', 'sks-off__meta-off', '--mail-helpers', 'off', '--db', db, '--quiet']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const first = server.requests[0]!.body as { tools: Array<{ function: { name: string } }> };
      expect(first.tools.map((x) => x.function.name)).toEqual(['list_operations', 'describe_operation', 'call_operation', 'ask_user']);
      const store = openRunStore(db, { create: false });
      try {
        expect(store.listTrials().map((t) => store.getTrial(t.trialId).harness)).toEqual(['deskbench']);
      } finally {
        store.close();
      }
      const bad = await runCli(['run', '--agent', 'openai-compatible:m', '--base-url', server.baseUrl, '--mail-helpers', 'maybe', '--db', db]);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/--mail-helpers/);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('a tool face the endpoint cannot hold is refused before any model call, and nothing is stored', async () => {
    const server = await startScriptedServer({ protocol: 'openai-chat', script: [{ kind: 'reply', text: 'x', usage: { input: 1, output: 1 } }] });
    try {
      const db = join(tempDir(), 'refused.db');
      const r = await runCli(['run', '--agent', 'openai-compatible:small-model', '--base-url', server.baseUrl, '--task', 'label-stackwise-invoices',
        '--tool-profile', 'typed', '--context-window', '1000', '--db', db]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')[0]).toMatch(/^deskbench: task label-stackwise-invoices: openai-compatible:small-model: the tools of this trial/);
      expect(server.requests).toHaveLength(0);
      expect(existsSync(db)).toBe(false);
    } finally {
      await server.close();
    }
  }, 120_000);
});

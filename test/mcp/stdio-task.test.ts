/**
 * `deskbench mcp --task` over stdio, driven by the official MCP client: a scripted agent
 * solves a real task with the oracle's calls, calls finish, and the process grades and
 * stores the trial; `show`, `export` (ATIF) and `report` work on it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { fromAtif } from '../../harness/agents/atif/convert.ts';
import { openRunStore } from '../../harness/store/index.ts';
import { BIN, start, type Child } from '../cli/child.ts';
import { tempDir } from '../support/temp-dir.ts';
import { httpClient, resultText, TASK_ID } from './support.ts';

const ENV = { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', DESKBENCH_DB: '', NO_PROXY: '127.0.0.1,localhost' };

function cli(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...ENV }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// A test that fails half-way must not leave its server running (the stdio ones end with their client).
const children: Child[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  for (const c of clients.splice(0)) await c.close().catch(() => {});
});

/** Spawns `deskbench mcp --task` as the official client's stdio server; returns the client and the child's stderr. */
async function connect(args: string[]): Promise<{ client: Client; transport: StdioClientTransport; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', ...args], env: { ...(process.env as Record<string, string>), ...ENV }, stderr: 'pipe' });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => (err += String(d)));
  const client = new Client({ name: 'script-agent', version: '1.0.0' });
  clients.push(client);
  await client.connect(transport);
  return { client, transport, stderr: () => err };
}

/** Waits for the server process to exit (the SDK transport reports it as `onclose`). */
function exited(transport: StdioClientTransport): Promise<void> {
  return new Promise((resolve) => {
    const prev = transport.onclose;
    transport.onclose = () => {
      prev?.();
      resolve();
    };
  });
}

/** The JSON lines a child wrote to stderr. */
function jsonLines(text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('deskbench mcp --task over stdio', () => {
  it('a scripted MCP agent solves the task, calls finish, and the trial is stored, graded +1, shown, exported as ATIF and reported', async () => {
    const dir = tempDir('deskbench-mcp-');
    const db = join(dir, 'runs.db');
    const { client, transport, stderr } = await connect(['--task', TASK_ID, '--db', db, '--agent-name', 'script', '--json']);
    const done = exited(transport);
    const call = async (operation: string, args: Record<string, unknown>) => {
      const r = await client.callTool({ name: 'call_operation', arguments: { operation, args } });
      expect(r.isError, resultText(r)).toBe(false);
      return JSON.parse(resultText(r)) as Record<string, unknown>;
    };
    // The workspace clock and services come with the server's instructions.
    expect(client.getInstructions()).toMatch(/Services of this task: gmail/);
    // The oracle's calls: every genuine Stackwise invoice, a label, one batch modify.
    const found = await call('gmail.users.messages.list', { userId: 'me', q: 'from:stackwise.io subject:invoice in:inbox', maxResults: 100 });
    const ids = (found.messages as Array<{ id: string }>).map((m) => m.id);
    expect(ids).toHaveLength(23);
    const label = await call('gmail.users.labels.create', { userId: 'me', requestBody: { name: 'Vendors/Stackwise' } });
    await call('gmail.users.messages.batchModify', { userId: 'me', requestBody: { ids, addLabelIds: [label.id] } });
    const fin = await client.callTool({ name: 'finish', arguments: { message: 'Labelled the 23 Stackwise invoices Vendors/Stackwise.' } });
    expect(fin.isError).toBe(false);
    await done;
    await client.close();

    const lines = jsonLines(stderr());
    const graded = lines.find((l) => l.task === TASK_ID && 'score' in l) as { score: { score: number }; actions: number; termination: string } | undefined;
    expect(graded, stderr()).toBeDefined();
    expect(graded!.score.score).toBe(1);
    expect(graded!.actions).toBe(3);
    expect(graded!.termination).toBe('completed');
    const stored = (lines.find((l) => 'stored' in l) as { stored: { runId: string; trialId: string } } | undefined)?.stored;
    expect(stored, stderr()).toBeDefined();

    // In the store: one trial, agent script, the calls as steps, the final message, the action log.
    const store = openRunStore(db, { create: false, readonly: true });
    const trial = store.getTrial(stored!.trialId);
    store.close();
    expect(trial).toMatchObject({ agent: 'script', model: 'script', harness: 'mcp+mail', taskId: TASK_ID, condition: 'sks-on__meta-on', status: 'scored', termination: 'completed' });
    expect(trial.score?.score).toBe(1);
    expect(trial.finalMessage).toBe('Labelled the 23 Stackwise invoices Vendors/Stackwise.');
    expect(trial.actions.map((a) => [a.op, a.face])).toEqual([
      ['gmail.users.messages.list', 'tool'], ['gmail.users.labels.create', 'tool'], ['gmail.users.messages.batchModify', 'tool'],
    ]);
    const calls = trial.steps.filter((s) => s.role === 'assistant' && s.toolCalls?.length).map((s) => s.toolCalls![0]!.name);
    expect(calls).toEqual(['call_operation', 'call_operation', 'call_operation', 'finish']);
    expect(trial.steps.at(-1)).toMatchObject({ role: 'assistant', content: 'Labelled the 23 Stackwise invoices Vendors/Stackwise.' });

    // deskbench show
    const show = cli(['show', stored!.trialId, '--db', db]);
    expect(show.code, show.err).toBe(0);
    expect(show.out).toContain(`trial ${stored!.trialId}`);
    expect(show.out).toContain('agent script');
    expect(show.out).toMatch(/score 1\b/);
    expect(show.out).toContain('gmail.users.messages.batchModify');

    // deskbench export: valid ATIF, with the calls and their observations
    const out = join(dir, 'atif');
    const exp = cli(['export', '--trial', stored!.trialId, '--db', db, '--out', out]);
    expect(exp.code, exp.err).toBe(0);
    const files = readdirSync(out);
    expect(files).toEqual([`${stored!.trialId}.json`]);
    const json = JSON.parse(readFileSync(join(out, files[0]!), 'utf8')) as { agent: { tool_definitions?: unknown } };
    // Valid ATIF (the importer's validation), and the round trip gives the trial back.
    const back = fromAtif(json, files[0]!);
    expect(back).toMatchObject({ trialId: stored!.trialId, agent: 'script', taskId: TASK_ID, finalMessage: trial.finalMessage });
    expect(back.steps.filter((s) => s.toolCalls?.length).map((s) => s.toolCalls![0]!.name)).toEqual(['call_operation', 'call_operation', 'call_operation', 'finish']);
    // The helpers were on (harness label +mail), so the exported tool definitions carry them.
    expect(JSON.stringify(json.agent.tool_definitions)).toContain('gmail_send');

    // deskbench report lists the agent
    const rep = cli(['report', '--db', db, '--format', 'json']);
    expect(rep.code, rep.err).toBe(0);
    expect(rep.out).toContain('"script"');
    expect(rep.out).toContain('mcp+mail');
  }, 120_000);

  it('closing stdin without finish still grades and stores the trial (no final message)', async () => {
    const dir = tempDir('deskbench-mcp-');
    const db = join(dir, 'runs.db');
    const { client, transport, stderr } = await connect(['--task', TASK_ID, '--db', db, '--agent-name', 'quitter', '--json', '--tool-profile', 'typed', '--skills', 'off', '--meta', 'off', '--mail-helpers', 'off']);
    const done = exited(transport);
    const r = await client.callTool({ name: 'gmail_users_labels_create', arguments: { userId: 'me', requestBody: { name: 'Vendors/Stackwise' } } });
    expect(r.isError).toBe(false);
    await client.close();
    await done;
    const lines = jsonLines(stderr());
    const stored = (lines.find((l) => 'stored' in l) as { stored: { trialId: string } } | undefined)?.stored;
    expect(stored, stderr()).toBeDefined();
    const store = openRunStore(db, { create: false, readonly: true });
    const trial = store.getTrial(stored!.trialId);
    const run = store.getRun(trial.runId);
    store.close();
    expect(trial).toMatchObject({ agent: 'quitter', harness: 'mcp', condition: 'sks-off__meta-off', finalMessage: null, status: 'scored' });
    expect(trial.actions).toHaveLength(1);
    // A label alone is not the task: below 1.
    expect(trial.score!.score).toBeLessThan(1);
    expect(run.spec).toMatchObject({ toolProfile: 'typed', external: { face: 'mcp', agent: 'quitter' } });
  }, 120_000);

  it('--http: the official client over streamable HTTP with the printed URL and token; finish ends, grades and stores the trial', async () => {
    const db = join(tempDir('deskbench-mcp-'), 'runs.db');
    const child = start(['mcp', '--task', TASK_ID, '--http', '--json', '--agent-name', 'http-agent', '--db', db, '--skills', 'off'], { env: ENV });
    children.push(child);
    const info = (await child.waitFor((l) => typeof l.event?.url === 'string')).event as { url: string; token: string; instruction: string; workspace: { services: string[] } };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(info.workspace.services).toEqual(['gmail']);
    const client = await httpClient(info.url, info.token);
    clients.push(client);
    expect((await client.listTools()).tools.some((t) => t.name === 'read_skill')).toBe(false);
    const r = await client.callTool({ name: 'call_operation', arguments: { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'Vendors/Stackwise' } } } });
    expect(r.isError).toBe(false);
    // The answer to finish arrives whole, though the trial ends right after it.
    const fin = await client.callTool({ name: 'finish', arguments: { message: 'Only made the label.' } });
    expect(resultText(fin)).toBe('Final message recorded.');
    expect((await child.exited).code).toBe(0);
    await client.close().catch(() => {});
    const stored = child.lines.map((l) => l.event?.stored as { trialId: string } | undefined).find(Boolean);
    expect(stored, child.stderr()).toBeDefined();
    const store = openRunStore(db, { create: false, readonly: true });
    expect(store.getTrial(stored!.trialId)).toMatchObject({ agent: 'http-agent', harness: 'mcp+mail', condition: 'sks-off__meta-on', finalMessage: 'Only made the label.' });
    store.close();
  }, 120_000);

  it('refuses bad flags before serving: a reserved agent name, --db without --agent-name, --task with --connect', () => {
    const reserved = cli(['mcp', '--task', TASK_ID, '--agent-name', 'oracle']);
    expect(reserved.code).toBe(2);
    expect(reserved.err).toMatch(/--agent-name "oracle" is not a valid name: oracle and noop are the reference agents/);
    const noName = cli(['mcp', '--task', TASK_ID, '--db', 'x.db']);
    expect(noName.code).toBe(2);
    expect(noName.err).toMatch(/--db is for storing the trial: name its agent with --agent-name/);
    const both = cli(['mcp', '--task', TASK_ID, '--connect', 'http://127.0.0.1:1/mcp']);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/exactly one of --task/);
    const unknown = cli(['mcp', '--task', 'label-stackwise']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown task id: label-stackwise/);
  }, 120_000);
});

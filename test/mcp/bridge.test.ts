/**
 * The stdio bridge: the official MCP client spawns `deskbench mcp --connect <url>` (token in
 * DESKBENCH_MCP_TOKEN), which forwards to an endpoint this test process started with
 * `startTrialMcpEndpoint`; the calls land in that trial's action log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Step } from '../../harness/core/index.ts';
import { startTrialMcpEndpoint } from '../../harness/mcp/index.ts';
import { BIN } from '../cli/child.ts';
import { resultText, trialTools } from './support.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

function bridge(url: string, token: string | undefined): { client: Client; transport: StdioClientTransport; stderr: () => string } {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NO_PROXY: '127.0.0.1,localhost' };
  if (token === undefined) delete env.DESKBENCH_MCP_TOKEN;
  else env.DESKBENCH_MCP_TOKEN = token;
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--connect', url], env, stderr: 'pipe' });
  let err = '';
  transport.stderr?.on('data', (d: Buffer) => (err += String(d)));
  return { client: new Client({ name: 'stdio-only-agent', version: '1.0.0' }), transport, stderr: () => err };
}

describe('deskbench mcp --connect (stdio bridge to a trial endpoint)', () => {
  it('forwards the whole session: instructions, tool list, calls in the trial\'s log, finish; the token never on the command line', async () => {
    const { ws, tools, condition } = trialTools();
    const steps: Array<Omit<Step, 'index'>> = [];
    const endpoint = await startTrialMcpEndpoint({ tools, condition, record: (s) => void steps.push(s) });
    open.push(endpoint);
    const { client, transport, stderr } = bridge(endpoint.url, endpoint.token);
    await client.connect(transport);
    open.push(client);
    expect(client.getServerVersion()?.name).toBe('deskbench-workplace');
    expect(client.getInstructions()).toContain('Services of this task: gmail');
    const listed = (await client.listTools()).tools.map((t) => t.name);
    expect(listed).toEqual([...tools.specs.map((s) => s.name), 'finish']);
    const r = await client.callTool({
      name: 'call_operation', arguments: { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'Vendors/Stackwise' } } },
    });
    expect(r.isError, stderr()).toBe(false);
    expect(JSON.parse(resultText(r))).toMatchObject({ name: 'Vendors/Stackwise' });
    await client.callTool({ name: 'finish', arguments: { message: 'done through the bridge' } });
    expect(ws.log.map((a) => [a.op, a.face, a.outcome])).toEqual([['gmail.users.labels.create', 'tool', 'ok']]);
    expect(endpoint.finalMessage()).toBe('done through the bridge');
    expect(steps.filter((s) => s.role === 'tool')).toHaveLength(2);
    // Skills resources pass through too.
    const res = await client.readResource({ uri: 'skill://gmail' });
    expect((res.contents[0] as { text: string }).text).toMatch(/^# gmail/);
  }, 60_000);

  it('with a wrong token every request is answered with an error and nothing runs', async () => {
    const { ws, tools, condition } = trialTools();
    const endpoint = await startTrialMcpEndpoint({ tools, condition });
    open.push(endpoint);
    const { client, transport, stderr } = bridge(endpoint.url, 'dbmcp-wrong-token');
    await expect(client.connect(transport)).rejects.toThrow(/refused or could not be reached|401|Unauthorized/);
    await transport.close();
    expect(stderr()).toMatch(/401|Unauthorized/);
    expect(ws.log).toHaveLength(0);
  }, 60_000);

  it('without DESKBENCH_MCP_TOKEN the bridge refuses to start, naming the variable', async () => {
    const { client, transport, stderr } = bridge('http://127.0.0.1:9/mcp', undefined);
    await expect(client.connect(transport)).rejects.toThrow();
    await transport.close().catch(() => {});
    expect(stderr()).toMatch(/DESKBENCH_MCP_TOKEN is not set/);
  }, 60_000);
});

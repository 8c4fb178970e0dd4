/**
 * The MCP face's costs: one cheap tool call in process, over streamable HTTP with the
 * official MCP client, and through the stdio bridge (`deskbench mcp --connect`); and the
 * bridge's start-up (spawn to initialized) against the full CLI's (`deskbench --help`).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { baseWorkspace, companyFor, DEFAULT_SEED } from '../datasets/base-workspace.ts';
import { buildAgentTools } from '../harness/agents/tools/index.ts';
import { startTrialMcpEndpoint } from '../harness/mcp/index.ts';
import { seedTask } from '../harness/runner/seeded-task.ts';
import { createWorkspace } from '../harness/services/workspace.ts';
import { TASKS } from '../tasks/index.ts';
import { median, percentile, r3 } from './stats.ts';

const CALLS = Number(process.env.SAMPLES ?? 300);
const STARTS = Number(process.env.STARTS ?? 5);
const BIN = join(import.meta.dirname, '..', 'bin', 'deskbench.js');
const task = TASKS.find((t) => t.id === 'label-stackwise-invoices')!;
const seeded = seedTask(task, baseWorkspace(DEFAULT_SEED), DEFAULT_SEED);
const principal = companyFor(DEFAULT_SEED).owner.email;
const condition = { skills: true, meta: true };
const tools = buildAgentTools({ ws: createWorkspace(seeded.base), services: task.services, profile: 'discover', condition, auth: { principal, tokenKind: 'user' }, mailHelpers: true });
const CALL = { name: 'call_operation', arguments: { operation: 'gmail.users.labels.list', args: { userId: 'me' } } };

async function timeCalls(call: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(50, CALLS); i++) await call();
  const out: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await call();
    out.push(performance.now() - t);
  }
  return out;
}

const inProcess = await timeCalls(() => tools.execute({ id: 'b', ...CALL }));

const endpoint = await startTrialMcpEndpoint({ tools, condition });
const http = new Client({ name: 'bench', version: '1' });
await http.connect(new StreamableHTTPClientTransport(new URL(endpoint.url), { requestInit: { headers: { Authorization: `Bearer ${endpoint.token}` } } }));
const overHttp = await timeCalls(() => http.callTool(CALL));
await http.close();

const env = { ...(process.env as Record<string, string>), DESKBENCH_MCP_TOKEN: endpoint.token };
const starts: number[] = [];
let bridged: number[] = [];
for (let i = 0; i < STARTS; i++) {
  const t = performance.now();
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--connect', endpoint.url], env, stderr: 'ignore' }));
  starts.push(performance.now() - t);
  if (i === 0) bridged = await timeCalls(() => client.callTool(CALL));
  await client.close();
}
await endpoint.close();

const fullCli: number[] = [];
for (let i = 0; i < STARTS; i++) {
  const t = performance.now();
  spawnSync(process.execPath, [BIN, '--help'], { stdio: 'ignore' });
  fullCli.push(performance.now() - t);
}

const stats = (xs: number[]) => ({ medianMs: r3(median(xs)), p95Ms: r3(percentile(xs, 95)) });
process.stdout.write(`${JSON.stringify({
  bench: 'mcp-face',
  call: 'call_operation gmail.users.labels.list (discover profile, mail helpers on)',
  calls: CALLS,
  inProcess: stats(inProcess),
  mcpStreamableHttp: stats(overHttp),
  mcpThroughStdioBridge: stats(bridged),
  bridgeStartToInitializedMs: r3(median(starts)),
  fullCliHelpMs: r3(median(fullCli)),
  starts: STARTS,
})}\n`);

// The scripted CLI agent's connection to the trial: MCP over whatever its MCP config names
// (stdio through the relay the harness wrote, or streamable HTTP with the trial's token), with
// the official SDK's Client. Plain JavaScript: it runs inside the sandbox under plain node.
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** Connects to the server the MCP config file ($DESKBENCH_MCP_CONFIG) names. */
export async function connectFromConfig(serverName = 'deskbench') {
  const config = JSON.parse(readFileSync(process.env.DESKBENCH_MCP_CONFIG, 'utf8'));
  const entry = config.mcpServers[serverName];
  const transport = entry.type === 'http'
    ? new StreamableHTTPClientTransport(new URL(entry.url), { requestInit: { headers: entry.headers } })
    : new StdioClientTransport({ command: entry.command, args: entry.args, env: { ...entry.env, PATH: process.env.PATH ?? '' }, stderr: 'inherit' });
  const client = new Client({ name: 'deskbench-test-cli-agent', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport: entry.type === 'http' ? 'http' : 'stdio' };
}

/** Calls a tool; the parsed JSON of its text, or the text itself; `isError` kept. */
export async function callTool(client, name, args) {
  const r = await client.callTool({ name, arguments: args });
  const text = r.content?.[0]?.text ?? '';
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  return { value, isError: r.isError === true, text };
}

/** Calls one workplace operation through whichever face the trial offers (a typed tool, else call_operation). */
export async function operation(client, tools, id, args) {
  const typed = id.replace(/\./g, '_');
  const r = tools.includes(typed) ? await callTool(client, typed, args) : await callTool(client, 'call_operation', { operation: id, args });
  if (r.isError) throw new Error(`${id} failed: ${r.text.slice(0, 300)}`);
  return r.value;
}

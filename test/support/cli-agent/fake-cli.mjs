// Stands in for Claude Code, Codex CLI or Gemini CLI (argv[2] says which), speaking exactly the
// interface each documents and deskbench's shipped definitions use: where the instruction, the
// MCP server and the system prompt come from, and what each prints. Its "model" is a script:
// it labels the Stackwise invoices over MCP (streamable HTTP, the official SDK's client), then
// prints its transcript in the CLI's own format and hands in its answer the CLI's way.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { parse as parseToml } from 'smol-toml';

const [cli, ...args] = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const fail = (message) => {
  process.stderr.write(`${cli}: ${message}\n`);
  process.exit(1);
};

// Where each CLI takes its instruction, its MCP server and its system prompt from.
let instruction;
let server;
let systemPrompt;
if (cli === 'claude') {
  instruction = flag('-p');
  server = JSON.parse(readFileSync(flag('--mcp-config'), 'utf8')).mcpServers.deskbench;
  server = { url: server.url, headers: server.headers };
  systemPrompt = flag('--append-system-prompt');
  if (flag('--output-format') !== 'stream-json' || !args.includes('--verbose')) fail('stream-json needs --verbose');
} else if (cli === 'codex') {
  if (args[0] !== 'exec' || !args.includes('--json')) fail('expected codex exec --json');
  instruction = args.at(-1);
  const config = parseToml(readFileSync(join(process.env.CODEX_HOME, 'config.toml'), 'utf8')).mcp_servers.deskbench;
  server = { url: config.url, headers: { Authorization: `Bearer ${process.env[config.bearer_token_env_var]}` } };
  systemPrompt = readFileSync('AGENTS.md', 'utf8');
} else if (cli === 'gemini') {
  instruction = flag('--prompt');
  const entry = JSON.parse(readFileSync(join('.gemini', 'settings.json'), 'utf8')).mcpServers.deskbench;
  server = { url: entry.httpUrl, headers: entry.headers };
  systemPrompt = readFileSync('GEMINI.md', 'utf8');
  if (!args.includes('--yolo')) fail('headless tool calls need --yolo');
} else {
  fail(`unknown CLI ${cli}`);
}
if (!instruction || !systemPrompt?.includes('Services of this task')) fail('no instruction or no system prompt');

const client = new Client({ name: `fake-${cli}`, version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: server.headers } }));
const model = flag('--model') ?? 'unknown';
const label = /"([^"]+)"/.exec(instruction)?.[1] ?? 'Vendors';
let n = 0;
/** One tool call, printed in the CLI's transcript format. */
async function call(operation, opArgs) {
  const id = `call_${++n}`;
  const input = { operation, args: opArgs };
  const r = await client.callTool({ name: 'call_operation', arguments: input });
  const text = r.content[0].text;
  if (cli === 'claude') {
    out({ type: 'assistant', message: { id: `msg_${n}`, role: 'assistant', content: [{ type: 'tool_use', id, name: 'mcp__deskbench__call_operation', input }], usage: { input_tokens: 1000, output_tokens: 50 } } });
    out({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: [{ type: 'text', text }], is_error: r.isError === true }] } });
  } else if (cli === 'codex') {
    out({ type: 'item.completed', item: { id, type: 'mcp_tool_call', server: 'deskbench', tool: 'call_operation', arguments: input, result: { content: r.content }, status: 'completed' } });
  } else {
    out({ type: 'tool_use', timestamp: new Date().toISOString(), tool_name: 'call_operation', tool_id: id, parameters: input });
    out({ type: 'tool_result', timestamp: new Date().toISOString(), tool_id: id, status: r.isError ? 'error' : 'success', output: text });
  }
  if (r.isError) fail(`${operation}: ${text}`);
  return JSON.parse(text);
}

if (cli === 'claude') out({ type: 'system', subtype: 'init', session_id: 's1', model, mcp_servers: [{ name: 'deskbench', status: 'connected' }] });
if (cli === 'codex') out({ type: 'thread.started', thread_id: 'th_1' });
if (cli === 'gemini') out({ type: 'init', timestamp: new Date().toISOString(), session_id: 'g1', model });
const created = await call('gmail.users.labels.create', { userId: 'me', requestBody: { name: label } });
const page = await call('gmail.users.messages.list', { userId: 'me', q: 'from:stackwise.io subject:invoice in:inbox', maxResults: 500 });
const ids = (page.messages ?? []).map((m) => m.id);
await call('gmail.users.messages.batchModify', { userId: 'me', requestBody: { ids, addLabelIds: [created.id] } });
const answer = `${cli} put ${ids.length} invoices under "${label}".`;
if (cli === 'claude') {
  out({ type: 'assistant', message: { id: 'msg_final', role: 'assistant', content: [{ type: 'text', text: answer }], usage: { input_tokens: 1200, output_tokens: 30 } } });
  out({ type: 'result', subtype: 'success', is_error: false, result: answer, num_turns: 4, total_cost_usd: 0.0042, usage: { input_tokens: 4200, output_tokens: 180, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } });
} else if (cli === 'codex') {
  out({ type: 'item.completed', item: { id: 'msg_final', type: 'agent_message', text: answer } });
  out({ type: 'turn.completed', usage: { input_tokens: 4200, cached_input_tokens: 1000, output_tokens: 180 } });
  writeFileSync(flag('--output-last-message'), answer);
} else {
  out({ type: 'message', timestamp: new Date().toISOString(), role: 'assistant', content: answer, delta: true });
  out({ type: 'result', timestamp: new Date().toISOString(), status: 'success', stats: { total_tokens: 4380, input_tokens: 4200, output_tokens: 180, tool_calls: 3 } });
}
await client.close();

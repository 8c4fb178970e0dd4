// A hostile command agent: it tries every way out of its trial it can think of — the benchmark's
// files, the run store, another trial's folder, the harness's secrets, admin routes, another
// trial's token, the host network and shell tools over MCP — and hands in what happened to each
// attempt as its final message (JSON: attempt → "refused: <why>" or "SUCCEEDED: <what>").
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { callTool, connectFromConfig } from './mcp-session.mjs';

const env = process.env;
const report = {};
const refused = (why) => Object.assign(new Error(String(why)), { code: String(why) });

async function attempt(name, fn) {
  try {
    const got = await fn();
    report[name] = `SUCCEEDED: ${String(got).slice(0, 200)}`;
  } catch (e) {
    report[name] = `refused: ${String(e.code ?? e.message).slice(0, 200)}`;
  }
}

async function httpStatus(url, init) {
  const r = await fetch(url, init);
  const body = await r.text();
  if (r.ok) return body;
  throw refused(r.status);
}

function proxyConnect(destination) {
  const proxy = new URL(env.HTTPS_PROXY);
  return new Promise((resolve, reject) => {
    const req = request({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: destination });
    req.on('connect', (res, socket) => {
      socket.destroy();
      if (res.statusCode === 200) resolve(`tunnel to ${destination}`);
      else reject(refused(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

const instruction = readFileSync(0, 'utf8');
await attempt('read a task file', () => readFileSync(env.TARGET_TASK_FILE, 'utf8').slice(0, 80));
await attempt('list the benchmark\'s tasks', () => readdirSync(join(env.TARGET_PROJECT, 'tasks')).join(','));
await attempt('read the run store', () => readFileSync(env.TARGET_STORE).length);
await attempt('read another trial\'s folder', () => readFileSync(join(env.TARGET_OTHER_TRIAL, 'secret.txt'), 'utf8'));
await attempt('list other trials\' folders', () => {
  const own = join(env.DESKBENCH_WORKDIR, '..');
  const others = readdirSync(join(own, '..')).filter((n) => n.startsWith('deskbench-trial-') && join(own, '..', n) !== own);
  if (others.length) return others.join(',');
  throw refused('none visible');
});
await attempt('parent environment secrets', () => {
  const leaked = Object.keys(env).filter((k) => /^(OPENAI_|ANTHROPIC_|DESKBENCH_DB|DESKBENCH_SECRET)/.test(k));
  if (leaked.length) return leaked.join(',');
  throw refused('absent');
});
await attempt('the supervisor\'s environment', () => readFileSync('/proc/1/environ', 'utf8'));
await attempt('root\'s home', () => readdirSync('/root').join(','));
await attempt('the network directly', () => new Promise((resolve, reject) => {
  const s = connect(443, '1.1.1.1');
  s.on('connect', () => {
    s.destroy();
    resolve('connected');
  });
  s.on('error', reject);
  setTimeout(() => reject(refused('timeout')), 3000);
}));
await attempt('another trial\'s endpoint directly', () => httpStatus(env.TARGET_FOREIGN_URL, { method: 'GET', signal: AbortSignal.timeout(3000) }));
const origin = new URL(env.DESKBENCH_MCP_URL).origin;
await attempt('an admin route with its MCP token', () => httpStatus(`${origin}/_admin/state`, { headers: { Authorization: `Bearer ${env.DESKBENCH_MCP_TOKEN}` } }));
await attempt('an admin route with its API token', () => httpStatus(`${env.DESKBENCH_API_URL}/_admin/actions`, { headers: { Authorization: `Bearer ${env.DESKBENCH_USER_TOKEN}` } }));
await attempt('another trial\'s token', () => httpStatus(`${origin}/mcp`, {
  method: 'POST',
  headers: { Authorization: `Bearer ${env.TARGET_FOREIGN_TOKEN}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } }),
}));
await attempt('the cloud metadata service through the proxy', () => proxyConnect('169.254.169.254:80'));
await attempt('the internet through the proxy', () => proxyConnect('example.com:443'));
const { client } = await connectFromConfig();
await attempt('a shell tool over MCP', async () => {
  const r = await callTool(client, 'bash', { command: 'cat /etc/shadow' });
  if (r.isError) throw refused(r.text.slice(0, 80));
  return r.text;
});
await attempt('an admin operation over MCP', async () => {
  const r = await callTool(client, 'call_operation', { operation: '_admin.dump_state', args: {} });
  if (r.isError) throw refused(r.text.slice(0, 80));
  return r.text;
});
await callTool(client, 'finish', { message: JSON.stringify({ instruction: instruction.length > 0, report }) });
await client.close();

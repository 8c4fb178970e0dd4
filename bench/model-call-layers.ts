/**
 * Where a model call's client CPU goes, layer by layer, against the scripted OpenAI-compatible
 * server in its own process answering at once (bench/support/realistic-model-server.ts):
 *
 *   raw http           node's http.request with a keep-alive agent: send the bytes, read the answer, parse its JSON
 *   nodeFetch          the fetch the SDKs are given (harness/agents/providers/node-fetch.ts)
 *   sdk.post           the `openai` SDK's own post of an encoded body through that fetch (what the provider sends with)
 *   provider.complete  the whole provider: limiter, retries, health gate, body encoding, the answer mapped to a ModelResponse
 *
 * Each layer sends the same conversation (a 15 KB user message, a 3.6 KB system prompt, one tool)
 * from `concurrency` callers at once, alternating layers over three rounds (the first is warm-up),
 * and divides the process's CPU time by the calls. The difference between two lines is what the
 * layer adds.
 *
 * Run: npx tsx bench/model-call-layers.ts [calls=2000] [concurrency=20]   (a line per layer and round, then one JSON line)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { ChatMessage, ModelRequest, ToolSpec } from '../harness/core/index.ts';
import { createProvider } from '../harness/agents/providers/index.ts';
import { chatBody } from '../harness/agents/providers/openai-chat.ts';
import { jsonRequest } from '../harness/agents/providers/json-body.ts';
import { nodeFetch } from '../harness/agents/providers/node-fetch.ts';
import { postJson } from './support/model-floor.ts';
import { spawnModelServer } from './support/spawn-model-server.ts';

const CALLS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 20);
if (!Number.isInteger(CALLS) || CALLS < 100 || CALLS > 1_000_000 || !Number.isInteger(CONCURRENCY) || CONCURRENCY < 1 || CONCURRENCY > 1000) {
  throw new Error('usage: model-call-layers.ts [calls 100..1000000] [concurrency 1..1000]');
}
const MODEL = 'bench-model';

const dir = mkdtempSync(join(tmpdir(), 'deskbench-call-layers-'));
const callsFile = join(dir, 'calls.json');
writeFileSync(callsFile, JSON.stringify([{ operation: 'gmail.users.labels.list', args: { userId: 'me' } }]));
const server = await spawnModelServer('realistic-model-server.ts', ['0', callsFile]);

const system = 'You work for the user on their mail, calendar and files. '.repeat(64);
const messages: ChatMessage[] = [{ role: 'user', content: `Find the call notes and put the agenda on my calendar. ${'Context line. '.repeat(1100)}` }];
const tools: ToolSpec[] = [{ name: 'call_operation', description: 'Call an API operation.', parameters: { type: 'object', properties: { operation: { type: 'string' }, args: { type: 'object' } }, required: ['operation'] } }];
const req: ModelRequest = { system, messages, tools, signal: new AbortController().signal };
// The bytes every layer sends: what the provider itself would send.
const body = chatBody({ model: MODEL }, req);
const url = new URL(`${server.baseUrl}/chat/completions`);

const agent = new Agent({ keepAlive: true });
const rawHttp = async () => {
  await postJson(url, body, agent);
};
const viaFetch = async () => {
  // Bytes, as the SDK hands them over (the DOM types do not list Buffer as a body).
  const res = await nodeFetch(url.href, { method: 'POST', body: body as unknown as BodyInit, headers: { 'content-type': 'application/json' } });
  await res.json();
};
const sdk = new OpenAI({ apiKey: 'bench', baseURL: server.baseUrl, fetch: nodeFetch, maxRetries: 0 });
const viaSdk = async () => {
  await sdk.post('/chat/completions', jsonRequest(body, undefined));
};
const provider = createProvider('openai-compatible', MODEL, { baseUrl: server.baseUrl }, { env: {} });
// Each call with a signal of its own, as each trial has.
const viaProvider = async () => {
  await provider.complete({ ...req, signal: new AbortController().signal });
};

const LAYERS: ReadonlyArray<readonly [string, () => Promise<void>]> = [['raw http', rawHttp], ['nodeFetch', viaFetch], ['sdk.post', viaSdk], ['provider.complete', viaProvider]];
const results: Record<string, number[]> = {};
try {
  process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores; ${body.length} bytes a request\n`);
  for (let round = 0; round < 3; round++) {
    for (const [name, call] of LAYERS) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        for (let i = 0; i < CALLS / CONCURRENCY; i++) await call();
      }));
      const cpu = process.cpuUsage(cpu0);
      const ms = (cpu.user + cpu.system) / 1000 / CALLS;
      if (round === 0) continue;
      (results[name] ??= []).push(ms);
      process.stdout.write(`round ${round}: ${name.padEnd(18)} ${ms.toFixed(3)} ms of CPU a call, ${((performance.now() - t0) / CALLS).toFixed(3)} ms of wall\n`);
    }
  }
  process.stdout.write(`${JSON.stringify({ bench: 'model-call-layers', calls: CALLS, concurrency: CONCURRENCY, bytes: body.length, cpuMsPerCall: results })}\n`);
} finally {
  agent.destroy();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}

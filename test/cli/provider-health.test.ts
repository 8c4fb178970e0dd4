/**
 * The endpoints' health gate through the real `openai` and `@anthropic-ai/sdk` clients against
 * real local servers: a closed port, a server answering 401, one answering 404 (wrong path,
 * unknown model), and one answering 503 then 200. Configuration failures end the call on the
 * first attempt with one message naming the URL, the status and the fix, and every later call
 * to the endpoint fails without touching the network; transient ones keep the retry policy.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelRequest } from '../../harness/core/index.ts';
import { createProvider, isProviderError, type ProviderError } from '../../harness/agents/providers/index.ts';
import { onEndpointEvent, resetEndpointHealth, type EndpointEvent } from '../../harness/agents/providers/health.ts';
import { startScriptedServer, type LlmProtocol, type ScriptEntry, type ScriptedServer } from '../support/llm/server.ts';

const REQUEST: ModelRequest = { system: 'You are a test.', messages: [{ role: 'user', content: 'Hello' }], tools: [] };
const FAST = { retry: { baseDelayMs: 20, maxDelayMs: 200 } };
const DONE: ScriptEntry = { kind: 'reply', text: 'Hi.', usage: { input: 5, output: 2 } };

const servers: ScriptedServer[] = [];
let events: EndpointEvent[] = [];
let unsubscribe: () => void = () => {};
beforeEach(() => {
  resetEndpointHealth();
  events = [];
  unsubscribe = onEndpointEvent((e) => events.push(e));
});
afterEach(async () => {
  unsubscribe();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function serve(protocol: LlmProtocol, script: ScriptEntry[] | ((body: Record<string, unknown>, n: number) => ScriptEntry)): Promise<ScriptedServer> {
  const s = await startScriptedServer({ protocol, script });
  servers.push(s);
  return s;
}

const FAMILIES = [
  { family: 'openai-compatible' as const, model: 'qwen3-test', protocol: 'openai-chat' as const, env: {}, root: (url: string) => `${url}/v1` },
  { family: 'anthropic' as const, model: 'claude-sonnet-4-6', protocol: 'anthropic' as const, env: { ANTHROPIC_API_KEY: 'k' }, root: (url: string) => url },
];

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    if (isProviderError(e)) return e;
    throw e;
  }
  throw new Error('the call succeeded');
}

describe.each(FAMILIES)('health gate, $family SDK', (f) => {
  it('a closed port fails at once, names the URL and the fix, and later calls never retry', async () => {
    const baseUrl = f.root(`http://127.0.0.1:${await closedPort()}`);
    const provider = createProvider(f.family, f.model, { baseUrl }, { env: f.env, retry: { baseDelayMs: 5000, maxDelayMs: 5000 } });
    const t0 = Date.now();
    const err = await failure(provider.complete(REQUEST));
    // With a 5 s backoff, any retry would show; the gate does not retry a connection refused.
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(err.kind).toBe('config');
    expect(err.endpoint).toBe(baseUrl);
    expect(err.message).toContain(baseUrl);
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(err.message).toMatch(/start the model server or fix --base-url/);
    expect(err.attempts).toBe(1);
    expect(events.filter((e) => e.type === 'endpoint_failed')).toHaveLength(1);
    // The gate is shared: a second provider for the same endpoint fails the same way without a new attempt.
    const again = await failure(createProvider(f.family, f.model, { baseUrl }, { env: f.env }).complete(REQUEST));
    expect(again).toBe(err);
  });

  it('a 401 is one request, one line with the URL, the status and the key to check', async () => {
    const s = await serve(f.protocol, [{ kind: 'error', status: 401, message: 'Incorrect API key provided' }, DONE, DONE]);
    const provider = createProvider(f.family, f.model, { baseUrl: s.baseUrl }, { env: f.env, ...FAST });
    const err = await failure(provider.complete(REQUEST));
    expect(err.status).toBe(401);
    expect(err.message).toContain(s.baseUrl);
    expect(err.message).toContain('HTTP 401');
    expect(err.message).toContain(f.family === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY');
    expect(err.message).not.toContain('\n');
    await failure(provider.complete(REQUEST));
    expect(s.requests).toHaveLength(1);
  });

  it('a 404 on the path names the full URL that was not found', async () => {
    const s = await serve(f.protocol, [DONE]);
    // A base URL with one segment too many: the server has no such route and answers 404.
    const wrong = `${s.baseUrl}/extra`;
    const err = await failure(createProvider(f.family, f.model, { baseUrl: wrong }, { env: f.env, ...FAST }).complete(REQUEST));
    expect(err.status).toBe(404);
    expect(err.message).toContain(`${wrong}${f.family === 'anthropic' ? '/v1/messages' : '/chat/completions'} was not found`);
    expect(err.message).toMatch(/fix --base-url/);
    expect(s.requests).toHaveLength(1);
  });

  it('an unknown model is named as such', async () => {
    const s = await serve(f.protocol, [{ kind: 'error', status: 404, code: 'model_not_found', message: `The model \`${f.model}\` does not exist` }]);
    const err = await failure(createProvider(f.family, f.model, { baseUrl: s.baseUrl }, { env: f.env, ...FAST }).complete(REQUEST));
    expect(err.message).toContain(`does not know the model "${f.model}"`);
    expect(err.message).toContain(s.baseUrl);
  });

  it('503 then 200 keeps the retry policy, reports the retry and completes', async () => {
    const s = await serve(f.protocol, [{ kind: 'error', status: 503 }, DONE]);
    const provider = createProvider(f.family, f.model, { baseUrl: s.baseUrl }, { env: f.env, ...FAST });
    const res = await provider.complete(REQUEST);
    expect(res.text).toBe('Hi.');
    expect(s.requests).toHaveLength(2);
    const retries = events.filter((e) => e.type === 'endpoint_retry');
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ endpoint: s.baseUrl, status: 503, attempt: 1 });
    expect(events.some((e) => e.type === 'endpoint_failed')).toBe(false);
  });
});

describe('health gate after a success', () => {
  it('a refused connection once the endpoint has answered is a restart: retried, not fatal', async () => {
    const s = await serve('openai-chat', [DONE]);
    const provider = createProvider('openai-compatible', 'm', { baseUrl: s.baseUrl, maxRetries: 1 }, { ...FAST });
    await provider.complete(REQUEST);
    await s.close();
    servers.length = 0;
    const err = await failure(provider.complete(REQUEST));
    expect(err.kind).toBe('connection');
    expect(err.message).toContain(s.baseUrl);
    expect(err.message).toMatch(/failed after 2 attempts/);
    expect(events.some((e) => e.type === 'endpoint_failed')).toBe(false);
    expect(events.filter((e) => e.type === 'endpoint_retry')).toHaveLength(1);
  });

  it('a call retried many times collects no abort listeners (no MaxListenersExceededWarning)', async () => {
    // The SDKs add an abort listener to the signal of every request and never remove it: twelve retries on one signal would pass Node's limit of 10.
    const s = await serve('openai-chat', (_b, n) => (n >= 12 ? DONE : { kind: 'error', status: 503 }));
    const provider = createProvider('openai-compatible', 'm', { baseUrl: s.baseUrl, maxRetries: 12 }, { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const ac = new AbortController();
      await provider.complete({ ...REQUEST, signal: ac.signal });
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      process.off('warning', onWarning);
    }
    expect(s.requests).toHaveLength(13);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });
});

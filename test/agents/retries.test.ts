/** Retry policy, Retry-After, malformed bodies and provider_error, through the real SDKs against scripted servers. */
import { afterEach, describe, expect, it } from 'vitest';
import { isDeskbenchError } from '../../harness/core/index.ts';
import { resolveAgent, validateAgentConfig } from '../../harness/agents/registry.ts';
import { backoffMs, retryAfterMs, DEFAULT_RETRY } from '../../harness/agents/providers/retry.ts';
import { startScriptedServer, type LlmProtocol, type ScriptEntry, type ScriptedServer } from '../support/llm/server.ts';
import { runFixtureTrial } from './run-helper.ts';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const DONE: ScriptEntry = { kind: 'reply', text: 'Nothing to do.', usage: { input: 10, output: 3 } };
const FAST = { retry: { baseDelayMs: 20, maxDelayMs: 5000 } };

async function serve(protocol: LlmProtocol, script: ScriptEntry[]): Promise<ScriptedServer> {
  const s = await startScriptedServer({ protocol, script });
  servers.push(s);
  return s;
}

const PROTOCOLS: Array<{ protocol: LlmProtocol; spec: string; env: Record<string, string>; api?: 'chat' | 'responses' }> = [
  { protocol: 'openai-chat', spec: 'openai:gpt-4.1', env: { OPENAI_API_KEY: 'k' }, api: 'chat' },
  { protocol: 'openai-responses', spec: 'openai:gpt-4.1', env: { OPENAI_API_KEY: 'k' }, api: 'responses' },
  { protocol: 'anthropic', spec: 'anthropic:claude-sonnet-4-6', env: { ANTHROPIC_API_KEY: 'k' } },
];

describe.each(PROTOCOLS)('$protocol retries', (p) => {
  it('honours Retry-After on 429, retries a 500 and a malformed body, then completes', async () => {
    const s = await serve(p.protocol, [
      { kind: 'error', status: 429, retryAfter: '1' },
      { kind: 'error', status: 500 },
      { kind: 'malformed' },
      DONE,
    ]);
    const agent = resolveAgent(p.spec, { baseUrl: s.baseUrl, ...(p.api ? { openaiApi: p.api } : {}) }, { env: p.env, ...FAST });
    const { outcome, steps } = await runFixtureTrial(agent);
    expect(outcome.termination).toBe('completed');
    expect(outcome.finalMessage).toBe('Nothing to do.');
    expect(s.requests).toHaveLength(4);
    // Retry-After: 1 → the second attempt waited about a second, not the 20 ms backoff.
    expect(s.requests[1]!.at - s.requests[0]!.at).toBeGreaterThanOrEqual(950);
    // The 500 and the malformed body were retried on the short exponential backoff.
    expect(s.requests[2]!.at - s.requests[1]!.at).toBeLessThan(900);
    expect(s.requests.every((r) => r.headers['x-stainless-retry-count'] === undefined || r.headers['x-stainless-retry-count'] === '0')).toBe(true);
    expect(steps.filter((x) => x.role === 'assistant')).toHaveLength(1);
    expect(outcome.usage).toMatchObject({ inputTokens: 10, outputTokens: 3 });
  });

  it('ends as provider_error when retries are exhausted', async () => {
    const s = await serve(p.protocol, [{ kind: 'error', status: 500 }, { kind: 'error', status: 503 }, { kind: 'error', status: 500 }, DONE]);
    const agent = resolveAgent(p.spec, { baseUrl: s.baseUrl, maxRetries: 2, ...(p.api ? { openaiApi: p.api } : {}) }, { env: p.env, ...FAST });
    const { outcome, steps } = await runFixtureTrial(agent);
    expect(outcome.termination).toBe('provider_error');
    expect(outcome.error).toMatch(/failed after 3 attempts: HTTP 500/);
    expect(s.requests).toHaveLength(3);
    expect(steps.map((x) => x.role)).toEqual(['system', 'user']);
  });
});

describe('non-retryable failures and aborts', () => {
  it('a 401 is not retried', async () => {
    const s = await serve('openai-chat', [{ kind: 'error', status: 401 }, DONE]);
    const agent = resolveAgent('openai:gpt-4.1', { baseUrl: s.baseUrl }, { env: { OPENAI_API_KEY: 'k' }, ...FAST });
    const { outcome } = await runFixtureTrial(agent);
    expect(outcome.termination).toBe('provider_error');
    expect(outcome.error).toContain('not retryable');
    expect(s.requests).toHaveLength(1);
  });

  it('an abort during a Retry-After wait returns promptly', async () => {
    const s = await serve('openai-chat', [{ kind: 'error', status: 429, retryAfter: '30' }, DONE]);
    const agent = resolveAgent('openai:gpt-4.1', { baseUrl: s.baseUrl }, { env: { OPENAI_API_KEY: 'k' }, retry: { maxDelayMs: 60_000 } });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const t0 = Date.now();
    const { outcome } = await runFixtureTrial(agent, { signal: ac.signal });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(outcome.termination).toBe('cancelled');
  });
});

describe('Retry-After parsing and backoff', () => {
  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '7' }))).toBe(7000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '7' }))).toBe(250);
    const now = Date.parse('2026-03-16T14:00:00Z');
    expect(retryAfterMs({ 'retry-after': 'Mon, 16 Mar 2026 14:00:05 GMT' }, now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });

  it('doubles the delay and caps both backoff and Retry-After', () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(p, n, undefined))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffMs(p, 1, 600)).toBe(600);
    expect(backoffMs(p, 1, 3_600_000)).toBe(1000);
  });
});

describe('configuration errors before a run', () => {
  it('a missing API key is a clear E_CONFIG naming the variable', () => {
    for (const [spec, name] of [['openai:gpt-5', 'OPENAI_API_KEY'], ['anthropic:claude-opus-4-6', 'ANTHROPIC_API_KEY']] as const) {
      let err: unknown;
      try {
        validateAgentConfig(spec, {}, {});
      } catch (e) {
        err = e;
      }
      expect(isDeskbenchError(err, 'E_CONFIG')).toBe(true);
      expect((err as Error).message).toContain(name);
      expect((err as Error).message).toContain(spec);
    }
    expect(() => validateAgentConfig('openai:gpt-5', { apiKeyEnv: 'MY_KEY' }, { OPENAI_API_KEY: 'x' })).toThrow(/MY_KEY/);
    expect(() => validateAgentConfig('openai:gpt-5', {}, { OPENAI_API_KEY: 'x' })).not.toThrow();
  });

  it('openai-compatible needs a base URL but no key', () => {
    expect(() => validateAgentConfig('openai-compatible:llama', {}, {})).toThrow(/base URL/);
    expect(() => validateAgentConfig('openai-compatible:llama', { baseUrl: 'http://127.0.0.1:1/v1' }, {})).not.toThrow();
    expect(() => validateAgentConfig('openai-compatible:llama', { baseUrl: 'ftp://x' }, {})).toThrow(/not an http/);
    expect(() => validateAgentConfig('openai-compatible:llama', {}, { OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' })).not.toThrow();
  });

  it('unknown specs name the valid forms', () => {
    for (const spec of ['gpt-5', 'google:gemini', 'replay:', 'openai:']) {
      let err: unknown;
      try {
        validateAgentConfig(spec, {}, {});
      } catch (e) {
        err = e;
      }
      expect(isDeskbenchError(err, 'E_AGENT_UNKNOWN')).toBe(true);
      expect((err as Error).message).toContain(spec);
      expect((err as { hint?: string }).hint).toContain('openai-compatible:<model>');
    }
  });
});

/** Options of model agents (the `deskbench run` flags that shape providers), and their validation. */
import { DeskbenchError } from '../core/index.ts';
import type { RateLimit } from './providers/limiter.ts';

/** Options that shape a model agent. Every field is optional; defaults are documented in docs/agents.md. */
export interface AgentOptions {
  /** Endpoint base URL; also from OPENAI_BASE_URL / ANTHROPIC_BASE_URL. Required for openai-compatible. */
  baseUrl?: string;
  /** Which OpenAI API the `openai:` agent speaks (default `chat`). */
  openaiApi?: 'chat' | 'responses';
  temperature?: number;
  maxOutputTokens?: number;
  /** OpenAI reasoning effort (`minimal`, `low`, `medium`, `high`). */
  reasoningEffort?: string;
  /** Extra HTTP headers sent with every model request. */
  headers?: Record<string, string>;
  /** Name of the environment variable holding the API key (default per provider). */
  apiKeyEnv?: string;
  /** Per-request timeout (default 300 s). */
  requestTimeoutMs?: number;
  /** Retries after a failed model call (default 4). */
  maxRetries?: number;
  /** Per-endpoint limits, shared by every trial in the process. */
  rateLimit?: RateLimit;
  /** Input context window in tokens, for endpoints the limits table does not know (local servers). */
  contextWindow?: number;
  /** Most tools the endpoint accepts in one request, when it is stricter than the table (OpenAI: 128). */
  maxTools?: number;
  /**
   * Whether the trial's tools carry the Gmail helpers (gmail_search / gmail_read / gmail_send
   * and decoded bodies). Recorded in the agent's harness label (`deskbench+mail`); the loop
   * refuses to run when the trial's tools disagree, so results with and without helpers
   * never share a label.
   */
  mailHelpers?: boolean;
}

/** Provider families a model agent spec may name. */
export const MODEL_FAMILIES = ['openai', 'anthropic', 'openai-compatible'] as const;

/** One model family. */
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

/** Default API-key variable per family (openai-compatible: optional). */
export const API_KEY_ENV: Readonly<Record<ModelFamily, string>> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  'openai-compatible': 'OPENAI_API_KEY',
};

/** Base-URL variable per family. */
export const BASE_URL_ENV: Readonly<Record<ModelFamily, string>> = {
  openai: 'OPENAI_BASE_URL',
  anthropic: 'ANTHROPIC_BASE_URL',
  'openai-compatible': 'OPENAI_BASE_URL',
};

/** Fewest tools an endpoint must accept: list/describe/call, read_skill, ask_user and the three mail helpers. */
export const MIN_TOOLS = 8;

/** Key sent to OpenAI-compatible servers that need none (the SDK insists on some key). */
export const NO_KEY = 'not-needed';

type Env = Readonly<Record<string, string | undefined>>;

/** The base URL a family uses: the option, else its environment variable, else the SDK default. */
export function resolveBaseUrl(family: ModelFamily, o: AgentOptions, env: Env = process.env): string | undefined {
  const v = o.baseUrl ?? env[BASE_URL_ENV[family]];
  return v && v.trim() ? v.trim() : undefined;
}

/** The API key, or a DeskbenchError('E_CONFIG') naming the variable to set. */
export function resolveApiKey(family: ModelFamily, spec: string, o: AgentOptions, env: Env = process.env): string {
  const name = o.apiKeyEnv ?? API_KEY_ENV[family];
  const key = env[name];
  if (key && key.trim()) return key.trim();
  if (family === 'openai-compatible') return NO_KEY;
  throw new DeskbenchError('E_CONFIG', `agent ${spec} needs an API key: environment variable ${name} is not set`, {
    hint: `export ${name}=... (or name another variable with apiKeyEnv), or run the reference agents (oracle, noop) that need no key`,
  });
}

/** Checks options that cannot work, before any trial starts. */
export function checkOptions(family: ModelFamily, spec: string, o: AgentOptions, env: Env = process.env): void {
  const base = resolveBaseUrl(family, o, env);
  if (family === 'openai-compatible' && !base) {
    throw new DeskbenchError('E_CONFIG', `agent ${spec} needs a base URL`, { hint: 'pass --base-url http://host:port/v1 (or set OPENAI_BASE_URL)' });
  }
  if (base) {
    let u: URL | undefined;
    try {
      u = new URL(base);
    } catch {
      u = undefined;
    }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) {
      throw new DeskbenchError('E_CONFIG', `agent ${spec}: base URL "${base}" is not an http(s) URL`, { hint: 'e.g. --base-url http://127.0.0.1:8000/v1' });
    }
  }
  if (family === 'anthropic' && o.reasoningEffort) {
    throw new DeskbenchError('E_CONFIG', `agent ${spec}: reasoning effort is not supported for anthropic models`, {
      hint: 'drop --reasoning-effort for anthropic agents (extended thinking is not wired into the loop yet)',
    });
  }
  if (o.openaiApi !== undefined && o.openaiApi !== 'chat' && o.openaiApi !== 'responses') {
    throw new DeskbenchError('E_CONFIG', `openaiApi must be chat or responses, got "${String(o.openaiApi)}"`);
  }
  const positive = (name: string, v: number | undefined, allowZero = false) => {
    if (v !== undefined && !(Number.isFinite(v) && (allowZero ? v >= 0 : v > 0))) {
      throw new DeskbenchError('E_CONFIG', `agent ${spec}: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${v}`);
    }
  };
  positive('temperature', o.temperature, true);
  positive('maxOutputTokens', o.maxOutputTokens);
  positive('requestTimeoutMs', o.requestTimeoutMs);
  positive('maxRetries', o.maxRetries, true);
  positive('rateLimit.concurrency', o.rateLimit?.concurrency);
  positive('rateLimit.requestsPerMinute', o.rateLimit?.requestsPerMinute);
  positive('rateLimit.tokensPerMinute', o.rateLimit?.tokensPerMinute);
  positive('contextWindow', o.contextWindow);
  positive('maxTools', o.maxTools);
  if (o.maxTools !== undefined && o.maxTools < MIN_TOOLS) {
    throw new DeskbenchError('E_CONFIG', `agent ${spec}: maxTools must be at least ${MIN_TOOLS} (the discover tools, read_skill, ask_user and the mail helpers), got ${o.maxTools}`);
  }
  resolveApiKey(family, spec, o, env);
}

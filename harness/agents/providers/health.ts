/**
 * The health gate of model endpoints: one per endpoint (family + base URL), shared by every
 * trial in the process. A failure that is clearly configuration (nothing listening, a host
 * that does not resolve, a refused key, a wrong path, an unknown model) trips the gate at
 * once: the call is not retried, every later call to that endpoint fails without touching
 * the network, and listeners (the run) hear about it so they can stop within seconds.
 * Transient failures (429, 5xx, timeouts) keep the retry policy and are reported as they happen.
 */
import { ProviderError } from './errors.ts';
import type { Classified } from './retry.ts';

/** What the gate tells its listeners. */
export type EndpointEvent =
  | { readonly type: 'endpoint_failed'; readonly endpoint: string; readonly error: ProviderError }
  | {
      readonly type: 'endpoint_retry'; readonly endpoint: string; readonly status: number | undefined; readonly kind: string;
      readonly attempt: number; readonly maxAttempts: number; readonly delayMs: number; readonly detail: string;
    };

/** A listener of endpoint events. */
export type EndpointListener = (e: EndpointEvent) => void;

/** The documented default endpoints of the official SDKs, for messages when no base URL is set. */
const DEFAULT_URL: Readonly<Record<string, string>> = {
  openai: 'https://api.openai.com/v1',
  'openai-compatible': 'https://api.openai.com/v1',
  'openai-responses': 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};

/** Network error codes that mean "nothing answers at this address" (configuration, before any success). */
const UNREACHABLE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused: nothing listens at this address',
  ENOTFOUND: 'the host name does not resolve (DNS)',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  EAI_NONAME: 'the host name does not resolve (DNS)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not match the host',
  EPROTO: 'TLS handshake failed (http vs https?)',
};

/** The most causes followed when looking for a network error code (cause chains are short; a loop is not). */
const MAX_CAUSE_DEPTH = 8;

/** The first network error code in an error's cause chain (`ECONNREFUSED`, `ENOTFOUND`, ...). */
export function networkCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < MAX_CAUSE_DEPTH && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z_]+$/.test(code)) return code;
    const errors = (cur as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) cur = errors[0];
    else cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

type ErrorBody = { code?: unknown; type?: unknown; message?: unknown; error?: { code?: unknown; type?: unknown; message?: unknown } };

/** The error text and code an SDK error carries (OpenAI: `code`; Anthropic: `error.error.type`). */
function errorText(e: unknown): { code: string; message: string } {
  const err = (e ?? {}) as ErrorBody & { error?: ErrorBody };
  const code = [err.code, err.error?.code, err.error?.type, (err.error as ErrorBody | undefined)?.error?.type].find((x) => typeof x === 'string') as string | undefined;
  const message = [err.message, err.error?.message, (err.error as ErrorBody | undefined)?.error?.message].filter((x) => typeof x === 'string').join(' ');
  return { code: code ?? '', message: message.slice(0, 2000) };
}

const UNKNOWN_MODEL = /model_not_found|(model|deployment)\b[^.]{0,80}\b(does not exist|not found|unknown|not available|no such)|unknown model|invalid model/i;

/** One endpoint's gate. */
export class EndpointHealth {
  /** `family|baseUrl`, the key limiters use too. */
  readonly key: string;
  /** The URL shown to people. */
  readonly url: string;
  /** The provider family (`openai`, `anthropic`, `openai-compatible`). */
  readonly family: string;
  private readonly notify: EndpointListener;
  private successes = 0;
  private failure: ProviderError | undefined;

  constructor(family: string, baseUrl: string | undefined, notify: EndpointListener) {
    this.family = family;
    this.notify = notify;
    this.url = baseUrl ?? DEFAULT_URL[family] ?? '(the SDK default)';
    this.key = `${family}|${baseUrl ?? 'default'}`;
  }

  /** The error that tripped the gate, if it is tripped. */
  get tripped(): ProviderError | undefined {
    return this.failure;
  }

  /** Throws the tripping error again: a call to a tripped endpoint never reaches the network. */
  throwIfTripped(): void {
    if (this.failure) throw this.failure;
  }

  /** Notes a successful call: from now on an unreachable endpoint is a restart, not a configuration error. */
  noteSuccess(): void {
    this.successes++;
  }

  /**
   * Judges a failed attempt. Returns the ProviderError that trips the gate when the failure is
   * configuration, else undefined (the retry policy decides). `label` names the agent
   * (`openai:gpt-5`), `path` the request path, `model` the model id asked for.
   */
  judge(e: unknown, c: Classified, ctx: { label: string; path: string; model: string; attempt: number }): ProviderError | undefined {
    if (this.failure) return this.failure;
    const fix = this.diagnose(e, c, ctx);
    if (!fix) return undefined;
    const status = c.status !== undefined ? `HTTP ${c.status}` : networkCode(e) ?? 'connection failed';
    const error = new ProviderError('config', `${ctx.label} at ${this.url}: ${status} (not retryable): ${fix.what}; ${fix.fix}`, {
      ...(c.status !== undefined ? { status: c.status } : {}), attempts: ctx.attempt, cause: e, hint: fix.fix, endpoint: this.url,
    });
    this.failure = error;
    this.notify({ type: 'endpoint_failed', endpoint: this.url, error });
    return error;
  }

  /** Reports a transient failure about to be retried. */
  retrying(info: { status: number | undefined; kind: string; attempt: number; maxAttempts: number; delayMs: number; detail: string }): void {
    this.notify({ type: 'endpoint_retry', endpoint: this.url, ...info });
  }

  private diagnose(e: unknown, c: Classified, ctx: { label: string; path: string; model: string }): { what: string; fix: string } | undefined {
    const keyVar = this.family === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY';
    if (c.status === 401) return { what: 'the server refused the API key', fix: `check ${keyVar} (or the variable --api-key-env names)` };
    if (c.status === 403) return { what: 'the API key may not use this endpoint or model', fix: 'check the key\'s project, organisation and model access, or use another key (--api-key-env)' };
    const { code, message } = errorText(e);
    if ((c.status === 404 || c.status === 400) && (UNKNOWN_MODEL.test(code) || UNKNOWN_MODEL.test(message))) {
      return { what: `the server does not know the model "${ctx.model}"`, fix: 'check the model name in --agent (the server\'s /models list shows what it serves)' };
    }
    if (c.status === 404) {
      return {
        what: `${this.url.replace(/\/$/, '')}${ctx.path} was not found`,
        fix: this.family === 'anthropic' ? 'the base URL is the server root, without /v1: fix --base-url' : 'OpenAI-compatible base URLs usually end in /v1: fix --base-url',
      };
    }
    if (c.kind === 'connection' && this.successes === 0) {
      const netCode = networkCode(e);
      const what = netCode ? UNREACHABLE[netCode] : undefined;
      if (what) return { what, fix: 'start the model server or fix --base-url' };
    }
    return undefined;
  }
}

const GATES = new Map<string, EndpointHealth>();
const LISTENERS = new Set<EndpointListener>();

function broadcast(e: EndpointEvent): void {
  for (const l of LISTENERS) l(e);
}

/** The process-wide gate of an endpoint (created on first use). */
export function endpointHealth(family: string, baseUrl: string | undefined): EndpointHealth {
  const key = `${family}|${baseUrl ?? 'default'}`;
  let g = GATES.get(key);
  if (!g) {
    g = new EndpointHealth(family, baseUrl, broadcast);
    GATES.set(key, g);
  }
  return g;
}

/** Subscribes to every endpoint's events; returns the unsubscribe function. */
export function onEndpointEvent(listener: EndpointListener): () => void {
  LISTENERS.add(listener);
  return () => void LISTENERS.delete(listener);
}

/** Forgets every gate (a new run in the same process, and tests). Listeners stay. */
export function resetEndpointHealth(): void {
  GATES.clear();
}

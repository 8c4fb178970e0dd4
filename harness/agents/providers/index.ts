/** Creates providers from a family, a model and agent options (official SDKs only). */
import type { Provider } from '../../core/index.ts';
import { checkOptions, resolveApiKey, resolveBaseUrl, type AgentOptions, type ModelFamily } from '../options.ts';
import { anthropicProvider } from './anthropic.ts';
import { limiterFor } from './limiter.ts';
import { openaiChatProvider } from './openai-chat.ts';
import { openaiResponsesProvider } from './openai-responses.ts';
import { DEFAULT_RETRY, type RetryListener, type RetryPolicy } from './retry.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, type ProviderSettings } from './settings.ts';

export { ProviderError, isProviderError } from './errors.ts';
export { MALFORMED_ARGS_KEY } from './settings.ts';

/** Test and tuning hooks that are not user flags. */
export interface ProviderExtras {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Overrides parts of the retry policy (tests shorten the delays). */
  readonly retry?: Partial<RetryPolicy>;
  readonly onRetry?: RetryListener;
}

/** Builds the provider for `family:model`. Throws E_CONFIG for options that cannot work. */
export function createProvider(family: ModelFamily, model: string, o: AgentOptions, extras: ProviderExtras = {}): Provider {
  const env = extras.env ?? process.env;
  const spec = `${family}:${model}`;
  checkOptions(family, spec, o, env);
  const baseUrl = resolveBaseUrl(family, o, env);
  const s: ProviderSettings = {
    model,
    baseUrl,
    apiKey: resolveApiKey(family, spec, o, env),
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
    ...(o.maxOutputTokens !== undefined ? { maxOutputTokens: o.maxOutputTokens } : {}),
    ...(o.reasoningEffort ? { reasoningEffort: o.reasoningEffort } : {}),
    ...(o.headers ? { headers: o.headers } : {}),
    requestTimeoutMs: o.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    retry: { ...DEFAULT_RETRY, ...(o.maxRetries !== undefined ? { maxRetries: o.maxRetries } : {}), ...extras.retry },
    limiter: limiterFor(family, baseUrl ?? 'default', o.rateLimit),
    ...(extras.onRetry ? { onRetry: extras.onRetry } : {}),
  };
  if (family === 'anthropic') return anthropicProvider(s);
  if (o.openaiApi === 'responses') return openaiResponsesProvider(s);
  return openaiChatProvider(s, { compatible: family === 'openai-compatible' });
}

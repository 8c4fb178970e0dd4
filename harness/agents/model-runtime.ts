/**
 * The built-in loop over a provider: loaded only when a model agent first runs, so runs of the
 * reference agents never load the provider SDKs.
 */
import type { Agent } from '../core/index.ts';
import { modelAgent } from './loop/model-agent.ts';
import type { AgentOptions, ModelFamily } from './options.ts';
import { createProvider, type ProviderExtras } from './providers/index.ts';
import { providerLimits } from './providers/limits.ts';

/** The model agent for `family:model`: provider (with its endpoint's shared limiter), limits and the loop. */
export function createModelAgent(family: ModelFamily, model: string, spec: string, options: AgentOptions, harness: string, extras: ProviderExtras = {}): Agent {
  const provider = createProvider(family, model, options, extras);
  const limits = providerLimits(provider.family, provider.model, {
    ...(options.maxTools !== undefined ? { maxTools: options.maxTools } : {}),
    ...(options.contextWindow !== undefined ? { contextWindow: options.contextWindow } : {}),
  });
  return modelAgent({
    name: spec, provider, limits, harness,
    ...(options.mailHelpers !== undefined ? { mailHelpers: options.mailHelpers } : {}),
  });
}

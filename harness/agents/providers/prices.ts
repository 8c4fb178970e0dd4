/** The price table (USD per million tokens) and the cost of one model call. Edit freely; see docs/prices.md. */
import type { Usage } from '../../core/index.ts';

/** Prices of one model, USD per million tokens. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
  /** Input tokens served from the prompt cache (OpenAI cached input, Anthropic cache reads). */
  readonly cachedInput: number;
  /** Anthropic cache writes (input tokens written to the cache); defaults to `input`. */
  readonly cacheWrite?: number;
}

/** When the table was last checked against the vendors' price pages. */
export const PRICES_AS_OF = '2026-01-15';

/**
 * List prices, standard tier, keyed by model id as the API names it. A dated snapshot
 * (`gpt-4.1-2025-04-14`, `claude-sonnet-4-5-20250929`) is priced as its base id.
 * Models not listed get cost `null` (unknown), never 0.
 */
export const PRICES: Readonly<Record<string, ModelPrice>> = {
  // OpenAI
  'gpt-5.1': { input: 1.25, output: 10, cachedInput: 0.125 },
  'gpt-5': { input: 1.25, output: 10, cachedInput: 0.125 },
  'gpt-5-mini': { input: 0.25, output: 2, cachedInput: 0.025 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cachedInput: 0.005 },
  'gpt-4.1': { input: 2, output: 8, cachedInput: 0.5 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cachedInput: 0.1 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, cachedInput: 0.025 },
  'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, cachedInput: 0.075 },
  o3: { input: 2, output: 8, cachedInput: 0.5 },
  'o4-mini': { input: 1.1, output: 4.4, cachedInput: 0.275 },
  // Anthropic
  'claude-opus-4-6': { input: 5, output: 25, cachedInput: 0.5, cacheWrite: 6.25 },
  'claude-sonnet-4-6': { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
  'claude-opus-4-5': { input: 5, output: 25, cachedInput: 0.5, cacheWrite: 6.25 },
  'claude-opus-4-1': { input: 15, output: 75, cachedInput: 1.5, cacheWrite: 18.75 },
  'claude-sonnet-4-5': { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
  'claude-sonnet-4': { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
  'claude-haiku-4-5': { input: 1, output: 5, cachedInput: 0.1, cacheWrite: 1.25 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cachedInput: 0.08, cacheWrite: 1 },
};

/** The price of a model: exact id, else the id without a date suffix or a `vendor/` prefix. */
export function priceFor(model: string, table: Readonly<Record<string, ModelPrice>> = PRICES): ModelPrice | undefined {
  const candidates = [model];
  const bare = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  candidates.push(bare);
  candidates.push(bare.replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, ''));
  candidates.push(bare.replace(/-(latest)$/, ''));
  for (const c of candidates) {
    const p = table[c];
    if (p) return p;
  }
  return undefined;
}

/** Token counts of one call as the provider reported them, normalised. */
export interface TokenCounts {
  /** All input tokens, cached ones included. */
  readonly input: number;
  readonly output: number;
  /** Of `input`, those read from the prompt cache. */
  readonly cached: number;
  /** Of `input`, those written to the cache (Anthropic), priced at `cacheWrite`. */
  readonly cacheWrite?: number;
}

/** Usage with cost from the table; cost is null when the model has no price. */
export function usageWithCost(model: string, t: TokenCounts, table?: Readonly<Record<string, ModelPrice>>): Usage {
  const p = priceFor(model, table);
  const write = t.cacheWrite ?? 0;
  const plain = Math.max(0, t.input - t.cached - write);
  const costUsd = p
    ? (plain * p.input + t.cached * p.cachedInput + write * (p.cacheWrite ?? p.input) + t.output * p.output) / 1_000_000
    : null;
  return { inputTokens: t.input, outputTokens: t.output, cachedTokens: t.cached, costUsd };
}

/** The model id to price a call by: the configured id when priced, else the one the server reported. */
export function pricingModel(configured: string, reported: string | undefined | null): string {
  return priceFor(configured) || !reported ? configured : reported;
}

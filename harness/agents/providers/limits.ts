/**
 * What each provider accepts (tool count, description length, context window) and how its
 * rejections of a too-long conversation or too many tools are recognised.
 */

/** Limits of one provider endpoint and model. `null` = not documented / unknown. */
export interface ProviderLimits {
  /** Most function tools one request may carry (OpenAI: 128). */
  readonly maxTools: number | null;
  /** Longest tool description (OpenAI: 1024 characters). */
  readonly maxDescriptionChars: number | null;
  /** Context window in tokens (input side), when known. */
  readonly contextTokens: number | null;
}

/** OpenAI's documented cap on `tools` (Chat Completions and Responses): "A max of 128 functions are supported". */
export const OPENAI_MAX_TOOLS = 128;
/** OpenAI's cap on `tools[].function.description` (400 `string_above_max_length`). */
export const OPENAI_MAX_DESCRIPTION = 1024;

/**
 * Input context windows by model-name prefix (longest prefix wins). GPT-5's 400k window
 * leaves 272k for input; Claude models default to 200k.
 */
const CONTEXT_BY_PREFIX: ReadonlyArray<readonly [string, number]> = [
  ['gpt-4.1', 1_047_576],
  ['gpt-4o', 128_000],
  ['gpt-4-turbo', 128_000],
  ['gpt-5', 272_000],
  ['o1', 200_000],
  ['o3', 200_000],
  ['o4-mini', 200_000],
  ['claude-', 200_000],
];

/** The known input context window of a model, or null. */
export function contextWindowOf(model: string): number | null {
  let best: readonly [string, number] | undefined;
  for (const e of CONTEXT_BY_PREFIX) if (model.startsWith(e[0]) && (!best || e[0].length > best[0].length)) best = e;
  return best ? best[1] : null;
}

/** Overrides a user may give for endpoints whose limits the table cannot know (local servers). */
export interface LimitOverrides {
  readonly maxTools?: number;
  readonly contextWindow?: number;
}

/**
 * The limits of `family:model`. OpenAI (both APIs) documents 128 tools and 1024-character
 * descriptions; OpenAI-compatible servers vary, so only overrides apply; Anthropic documents
 * no tool-count cap.
 */
export function providerLimits(family: string, model: string, o: LimitOverrides = {}): ProviderLimits {
  const openai = family === 'openai' || family === 'openai-responses';
  const compatible = family === 'openai-compatible';
  return {
    maxTools: o.maxTools ?? (openai ? OPENAI_MAX_TOOLS : null),
    maxDescriptionChars: openai || compatible ? OPENAI_MAX_DESCRIPTION : null,
    contextTokens: o.contextWindow ?? (compatible ? null : contextWindowOf(model)),
  };
}

type ErrorLike = {
  status?: unknown; code?: unknown; param?: unknown; type?: unknown; message?: unknown;
  error?: { code?: unknown; param?: unknown; message?: unknown; error?: { type?: unknown; message?: unknown } };
};

const OVERFLOW_TEXT = /maximum context length|context window|context_length_exceeded|prompt is too long|input is too long|too many tokens|exceeds the (model's )?(context|maximum)|reduce the length of (the )?(messages|input|prompt)/i;
const TOOLS_TEXT = /\btools\b|\btools\[\d+\]|\bfunctions?\b/i;
const TOOL_LIMIT_TEXT = /array too long|array_above_max_length|too many tools|string too long|string_above_max_length|maximum (length|number)/i;

/**
 * Whether an SDK error is the provider refusing the conversation's size (`context_overflow`)
 * or the tool definitions (`tool_limit`): OpenAI's 400 `context_length_exceeded` /
 * `array_above_max_length` on `tools`, Anthropic's "prompt is too long", vLLM's "maximum
 * context length", a 413 request too large. Undefined for every other error.
 */
export function limitRejection(e: unknown): 'context_overflow' | 'tool_limit' | undefined {
  const err = (e ?? {}) as ErrorLike;
  const status = typeof err.status === 'number' ? err.status : undefined;
  if (status !== 400 && status !== 413 && status !== 422) return undefined;
  const code = String(err.code ?? err.error?.code ?? '');
  const param = String(err.param ?? err.error?.param ?? '');
  const message = [err.message, err.error?.message, err.error?.error?.message].filter((x) => typeof x === 'string').join(' ');
  if (code === 'context_length_exceeded' || OVERFLOW_TEXT.test(message)) return 'context_overflow';
  if (param.startsWith('tools') || (TOOLS_TEXT.test(message) && TOOL_LIMIT_TEXT.test(message))) return 'tool_limit';
  if (status === 413) return 'context_overflow';
  return undefined;
}

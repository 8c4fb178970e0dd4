/** The Provider contract: one model endpoint that turns a conversation into the next assistant turn. */

/** A tool the model may call, with a JSON Schema for its arguments. */
export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly parameters: Record<string, unknown>;
}

/** A tool call the model made. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** Token usage and cost of one model call or a whole trial. `costUsd` null means unknown. */
export interface Usage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedTokens: number;
  readonly costUsd: number | null;
}

/** Zero usage with known (zero) cost. */
export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd: 0 };

/** Adds two usages; unknown cost stays unknown. */
export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cachedTokens: a.cachedTokens + b.cachedTokens,
    costUsd: a.costUsd === null || b.costUsd === null ? null : a.costUsd + b.costUsd,
  };
}

/** A message of the conversation kept by the agent loop (provider-neutral). */
export type ChatMessage =
  | { readonly role: 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string; readonly toolCalls: readonly ToolCall[] }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly name: string; readonly content: string; readonly isError: boolean };

/** One request to the model. */
export interface ModelRequest {
  readonly system: string;
  readonly messages: readonly ChatMessage[];
  readonly tools: readonly ToolSpec[];
  readonly signal?: AbortSignal;
}

/** The model's answer: text, tool calls, usage, and why it stopped. */
export interface ModelResponse {
  readonly text: string;
  readonly toolCalls: readonly ToolCall[];
  readonly usage: Usage;
  readonly stopReason: string;
}

/** A model endpoint (`openai:gpt-5`, `anthropic:claude-sonnet-4-5`, an OpenAI-compatible server). */
export interface Provider {
  /** Provider family: `openai`, `openai-responses`, `anthropic`, `openai-compatible`. */
  readonly family: string;
  readonly model: string;
  complete(req: ModelRequest): Promise<ModelResponse>;
}

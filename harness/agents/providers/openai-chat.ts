/** OpenAI Chat Completions provider (also used for OpenAI-compatible servers: vLLM, Ollama, OpenRouter). */
import OpenAI from 'openai';
import type { ChatMessage, ModelRequest, ModelResponse, Provider, ToolCall } from '../../core/index.ts';
import { MalformedResponseError } from './errors.ts';
import { encodeJson, encodedFor, encodedText, jsonRequest, type Encodable, type EncodedJson } from './json-body.ts';
import { pricingModel, usageWithCost } from './prices.ts';
import { limitedProvider, parseToolArguments, type ProviderSettings, sdkClientOptions } from './settings.ts';

type ChatParam = OpenAI.Chat.Completions.ChatCompletionMessageParam;

type ChatBody = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;
type ChatTool = OpenAI.Chat.Completions.ChatCompletionTool;

/** One neutral message as a Chat Completions message. */
export function toChatMessage(m: ChatMessage): ChatParam {
  if (m.role === 'user') return { role: 'user', content: m.content };
  if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
  return {
    role: 'assistant',
    content: m.content || null,
    ...(m.toolCalls.length
      ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: JSON.stringify(c.arguments) } })) }
      : {}),
  };
}

/** Converts the neutral conversation to Chat Completions messages. */
export function toChatMessages(system: string, messages: readonly ChatMessage[]): ChatParam[] {
  return [{ role: 'system', content: system }, ...messages.map(toChatMessage)];
}

/** The tool specs as Chat Completions tools. */
export const toChatTools = (tools: ModelRequest['tools']): ChatTool[] =>
  tools.map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: t.parameters } }));

// Sent messages and a trial's tool list never change: each is encoded once (json-body.ts).
const MESSAGES = new WeakMap<ChatMessage, EncodedJson<ChatParam>>();
const TOOLS = new WeakMap<ModelRequest['tools'], EncodedJson<ChatTool[]>>();

/** The request body with every message, the system prompt and the tools encoded once and spliced in. */
export function chatBody(fields: Omit<ChatBody, 'messages' | 'tools'>, req: ModelRequest): Buffer {
  const body: Encodable<ChatBody> = {
    ...fields,
    messages: [
      { role: 'system', content: encodedText(req.system) },
      ...req.messages.map((m) => encodedFor(MESSAGES, m, () => toChatMessage(m))),
    ],
    ...(req.tools.length ? { tools: encodedFor(TOOLS, req.tools, () => toChatTools(req.tools)) } : {}),
  };
  return encodeJson(body);
}

/**
 * A Chat Completions provider. `compatible` servers get `max_tokens` (widely supported)
 * instead of OpenAI's `max_completion_tokens`.
 */
export function openaiChatProvider(s: ProviderSettings, opts: { compatible: boolean }): Provider {
  const client = new OpenAI(sdkClientOptions(s));
  const family = opts.compatible ? 'openai-compatible' : 'openai';
  return limitedProvider(family, s, async (req: ModelRequest): Promise<ModelResponse> => {
    const body = chatBody({
      model: s.model,
      ...(s.temperature !== undefined ? { temperature: s.temperature } : {}),
      ...(s.maxOutputTokens !== undefined ? (opts.compatible ? { max_tokens: s.maxOutputTokens } : { max_completion_tokens: s.maxOutputTokens }) : {}),
      ...(s.reasoningEffort ? { reasoning_effort: s.reasoningEffort as OpenAI.ReasoningEffort } : {}),
    }, req);
    // What `chat.completions.create` does, with the body already encoded.
    const res = await client.post<OpenAI.Chat.Completions.ChatCompletion>('/chat/completions', jsonRequest(body, req.signal));
    return fromChatCompletion(s.model, res);
  }, '/chat/completions');
}

/** Reads a Chat Completions response; a body without a choice is malformed (retried). */
export function fromChatCompletion(model: string, res: OpenAI.Chat.Completions.ChatCompletion): ModelResponse {
  const choice = Array.isArray(res?.choices) ? res.choices[0] : undefined;
  if (!choice || typeof choice.message !== 'object' || choice.message === null) {
    throw new MalformedResponseError('chat completion without choices[0].message');
  }
  const toolCalls: ToolCall[] = [];
  for (const c of choice.message.tool_calls ?? []) {
    if (c.type !== 'function') continue;
    toolCalls.push({ id: c.id, name: c.function.name, arguments: parseToolArguments(c.function.arguments) });
  }
  const u = res.usage;
  const usage = usageWithCost(pricingModel(model, res.model), {
    input: u?.prompt_tokens ?? 0,
    output: u?.completion_tokens ?? 0,
    cached: u?.prompt_tokens_details?.cached_tokens ?? 0,
  });
  return { text: choice.message.content ?? '', toolCalls, usage, stopReason: choice.finish_reason ?? 'unknown' };
}

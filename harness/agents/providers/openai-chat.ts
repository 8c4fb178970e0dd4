/** OpenAI Chat Completions provider (also used for OpenAI-compatible servers: vLLM, Ollama, OpenRouter). */
import OpenAI from 'openai';
import type { ChatMessage, ModelRequest, ModelResponse, Provider, ToolCall } from '../../core/index.ts';
import { MalformedResponseError } from './errors.ts';
import { pricingModel, usageWithCost } from './prices.ts';
import { limitedProvider, parseToolArguments, type ProviderSettings, sdkClientOptions } from './settings.ts';

type ChatParam = OpenAI.Chat.Completions.ChatCompletionMessageParam;

/** Converts the neutral conversation to Chat Completions messages. */
export function toChatMessages(system: string, messages: readonly ChatMessage[]): ChatParam[] {
  const out: ChatParam[] = [{ role: 'system', content: system }];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else if (m.role === 'assistant') {
      out.push({
        role: 'assistant',
        content: m.content || null,
        ...(m.toolCalls.length
          ? { tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: JSON.stringify(c.arguments) } })) }
          : {}),
      });
    } else out.push({ role: 'tool', tool_call_id: m.toolCallId, content: m.content });
  }
  return out;
}

/**
 * A Chat Completions provider. `compatible` servers get `max_tokens` (widely supported)
 * instead of OpenAI's `max_completion_tokens`.
 */
export function openaiChatProvider(s: ProviderSettings, opts: { compatible: boolean }): Provider {
  const client = new OpenAI(sdkClientOptions(s));
  const family = opts.compatible ? 'openai-compatible' : 'openai';
  return limitedProvider(family, s, async (req: ModelRequest): Promise<ModelResponse> => {
    const body: OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming = {
      model: s.model,
      messages: toChatMessages(req.system, req.messages),
      ...(req.tools.length
        ? { tools: req.tools.map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: t.parameters } })) }
        : {}),
      ...(s.temperature !== undefined ? { temperature: s.temperature } : {}),
      ...(s.maxOutputTokens !== undefined ? (opts.compatible ? { max_tokens: s.maxOutputTokens } : { max_completion_tokens: s.maxOutputTokens }) : {}),
      ...(s.reasoningEffort ? { reasoning_effort: s.reasoningEffort as OpenAI.ReasoningEffort } : {}),
    };
    const res = await client.chat.completions.create(body, req.signal ? { signal: req.signal } : {});
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

/** OpenAI Responses API provider (stateless: the whole conversation is sent each turn, store: false). */
import OpenAI from 'openai';
import type { ChatMessage, ModelRequest, ModelResponse, Provider, ToolCall } from '../../core/index.ts';
import { MalformedResponseError } from './errors.ts';
import { pricingModel, usageWithCost } from './prices.ts';
import { limitedProvider, parseToolArguments, type ProviderSettings, sdkClientOptions } from './settings.ts';

type InputItem = OpenAI.Responses.ResponseInputItem;

/** Converts the neutral conversation to Responses input items. */
export function toResponsesInput(messages: readonly ChatMessage[]): InputItem[] {
  const out: InputItem[] = [];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else if (m.role === 'assistant') {
      if (m.content) out.push({ role: 'assistant', content: m.content });
      for (const c of m.toolCalls) {
        out.push({ type: 'function_call', call_id: c.id, name: c.name, arguments: JSON.stringify(c.arguments) });
      }
    } else out.push({ type: 'function_call_output', call_id: m.toolCallId, output: m.content });
  }
  return out;
}

/** A Responses API provider. */
export function openaiResponsesProvider(s: ProviderSettings): Provider {
  const client = new OpenAI(sdkClientOptions(s));
  return limitedProvider('openai-responses', s, async (req: ModelRequest): Promise<ModelResponse> => {
    const body: OpenAI.Responses.ResponseCreateParamsNonStreaming = {
      model: s.model,
      instructions: req.system,
      input: toResponsesInput(req.messages),
      store: false,
      ...(req.tools.length
        ? { tools: req.tools.map((t) => ({ type: 'function' as const, name: t.name, description: t.description, parameters: t.parameters, strict: false })) }
        : {}),
      ...(s.temperature !== undefined ? { temperature: s.temperature } : {}),
      ...(s.maxOutputTokens !== undefined ? { max_output_tokens: s.maxOutputTokens } : {}),
      ...(s.reasoningEffort ? { reasoning: { effort: s.reasoningEffort as OpenAI.ReasoningEffort } } : {}),
    };
    const res = await client.responses.create(body, req.signal ? { signal: req.signal } : {});
    return fromResponse(s.model, res);
  }, '/responses');
}

/** Reads a Responses API result; a body without an `output` array is malformed (retried). */
export function fromResponse(model: string, res: OpenAI.Responses.Response): ModelResponse {
  if (!res || !Array.isArray(res.output)) throw new MalformedResponseError('response without an output array');
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const item of res.output) {
    if (item.type === 'message') {
      for (const part of item.content ?? []) if (part.type === 'output_text') texts.push(part.text);
    } else if (item.type === 'function_call') {
      toolCalls.push({ id: item.call_id, name: item.name, arguments: parseToolArguments(item.arguments) });
    }
  }
  const u = res.usage;
  const usage = usageWithCost(pricingModel(model, res.model), {
    input: u?.input_tokens ?? 0,
    output: u?.output_tokens ?? 0,
    cached: u?.input_tokens_details?.cached_tokens ?? 0,
  });
  const stopReason = toolCalls.length ? 'tool_calls' : res.status === 'incomplete' ? `incomplete:${res.incomplete_details?.reason ?? ''}` : 'stop';
  return { text: texts.join('\n'), toolCalls, usage, stopReason };
}

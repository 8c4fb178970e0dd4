/** OpenAI Responses API provider (stateless: the whole conversation is sent each turn, store: false). */
import OpenAI from 'openai';
import type { ChatMessage, ModelRequest, ModelResponse, Provider, ToolCall } from '../../core/index.ts';
import { MalformedResponseError } from './errors.ts';
import { encodeJson, encodeOnce, encodedFor, encodedText, jsonRequest, type Encodable, type EncodedJson } from './json-body.ts';
import { pricingModel, usageWithCost } from './prices.ts';
import { limitedProvider, parseToolArguments, type ProviderSettings, sdkClientOptions } from './settings.ts';

type InputItem = OpenAI.Responses.ResponseInputItem;

type ResponsesBody = OpenAI.Responses.ResponseCreateParamsNonStreaming;
type ResponsesTool = OpenAI.Responses.FunctionTool;

/** One neutral message as Responses input items (an assistant turn gives its text and one item per tool call). */
export function toResponsesItems(m: ChatMessage): InputItem[] {
  if (m.role === 'user') return [{ role: 'user', content: m.content }];
  if (m.role === 'tool') return [{ type: 'function_call_output', call_id: m.toolCallId, output: m.content }];
  const out: InputItem[] = m.content ? [{ role: 'assistant', content: m.content }] : [];
  for (const c of m.toolCalls) out.push({ type: 'function_call', call_id: c.id, name: c.name, arguments: JSON.stringify(c.arguments) });
  return out;
}

/** Converts the neutral conversation to Responses input items. */
export function toResponsesInput(messages: readonly ChatMessage[]): InputItem[] {
  return messages.flatMap(toResponsesItems);
}

/** The tool specs as Responses function tools. */
export const toResponsesTools = (tools: ModelRequest['tools']): ResponsesTool[] =>
  tools.map((t) => ({ type: 'function' as const, name: t.name, description: t.description, parameters: t.parameters, strict: false }));

// Sent messages and a trial's tool list never change: each is encoded once (json-body.ts).
const ITEMS = new WeakMap<ChatMessage, EncodedJson<InputItem>[]>();
const TOOLS = new WeakMap<ModelRequest['tools'], EncodedJson<ResponsesTool[]>>();
const itemsOf = (m: ChatMessage): EncodedJson<InputItem>[] => {
  let hit = ITEMS.get(m);
  if (!hit) ITEMS.set(m, (hit = toResponsesItems(m).map(encodeOnce)));
  return hit;
};

/** The request body with every input item, the instructions and the tools encoded once and spliced in. */
export function responsesBody(fields: Omit<ResponsesBody, 'instructions' | 'input' | 'tools'>, req: ModelRequest): Buffer {
  const body: Encodable<ResponsesBody> = {
    ...fields,
    instructions: encodedText(req.system),
    input: req.messages.flatMap(itemsOf),
    ...(req.tools.length ? { tools: encodedFor(TOOLS, req.tools, () => toResponsesTools(req.tools)) } : {}),
  };
  return encodeJson(body);
}

/** A Responses API provider. */
export function openaiResponsesProvider(s: ProviderSettings): Provider {
  const client = new OpenAI(sdkClientOptions(s));
  return limitedProvider('openai-responses', s, async (req: ModelRequest): Promise<ModelResponse> => {
    const body = responsesBody({
      model: s.model,
      store: false,
      ...(s.temperature !== undefined ? { temperature: s.temperature } : {}),
      ...(s.maxOutputTokens !== undefined ? { max_output_tokens: s.maxOutputTokens } : {}),
      ...(s.reasoningEffort ? { reasoning: { effort: s.reasoningEffort as OpenAI.ReasoningEffort } } : {}),
    }, req);
    // What `responses.create` does, with the body already encoded (we read `output`, not its `output_text` convenience).
    const res = await client.post<OpenAI.Responses.Response>('/responses', jsonRequest(body, req.signal));
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

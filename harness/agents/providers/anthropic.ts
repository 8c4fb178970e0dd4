/** Anthropic Messages provider with tool use. */
import Anthropic from '@anthropic-ai/sdk';
import type { ChatMessage, ModelRequest, ModelResponse, Provider, ToolCall } from '../../core/index.ts';
import { MalformedResponseError } from './errors.ts';
import { encodeJson, encodedFor, encodedText, jsonRequest, type Encodable, type EncodedJson } from './json-body.ts';
import { pricingModel, usageWithCost } from './prices.ts';
import { limitedProvider, type ProviderSettings, sdkClientOptions } from './settings.ts';

type Param = Anthropic.Messages.MessageParam;
type ToolResultBlock = Anthropic.Messages.ToolResultBlockParam;

/** Anthropic requires max_tokens; this is used when --max-output-tokens is not given. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 8192;

type MessagesBody = Anthropic.Messages.MessageCreateParamsNonStreaming;
type AnthropicTool = Anthropic.Messages.Tool;
type Neutral<R extends ChatMessage['role']> = Extract<ChatMessage, { role: R }>;

/** One neutral tool result as a Messages tool_result block. */
export const toToolResultBlock = (m: Neutral<'tool'>): ToolResultBlock =>
  ({ type: 'tool_result', tool_use_id: m.toolCallId, content: m.content, ...(m.isError ? { is_error: true } : {}) });

/** One neutral user or assistant message as a Messages turn. */
export function toAnthropicTurn(m: Neutral<'user' | 'assistant'>): Param {
  if (m.role === 'user') return { role: 'user', content: m.content };
  const blocks: Anthropic.Messages.ContentBlockParam[] = [];
  if (m.content) blocks.push({ type: 'text', text: m.content });
  for (const c of m.toolCalls) blocks.push({ type: 'tool_use', id: c.id, name: c.name, input: c.arguments });
  return { role: 'assistant', content: blocks.length ? blocks : [{ type: 'text', text: '(no content)' }] };
}

/**
 * The conversation as Messages turns, with consecutive tool results sharing one user turn; `turn`
 * and `block` say how one message becomes its turn or its tool_result block.
 */
function groupTurns<P, B>(messages: readonly ChatMessage[], turn: (m: Neutral<'user' | 'assistant'>) => P, block: (m: Neutral<'tool'>) => B): Array<P | { role: 'user'; content: B[] }> {
  const out: Array<P | { role: 'user'; content: B[] }> = [];
  let pending: B[] = [];
  const flush = () => {
    if (pending.length) out.push({ role: 'user', content: pending });
    pending = [];
  };
  for (const m of messages) {
    if (m.role === 'tool') pending.push(block(m));
    else {
      flush();
      out.push(turn(m));
    }
  }
  flush();
  return out;
}

/** Converts the neutral conversation to Messages: consecutive tool results share one user turn. */
export function toAnthropicMessages(messages: readonly ChatMessage[]): Param[] {
  return groupTurns(messages, toAnthropicTurn, toToolResultBlock);
}

/** The tool specs as Messages tools. */
export const toAnthropicTools = (tools: ModelRequest['tools']): AnthropicTool[] =>
  tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters as Anthropic.Messages.Tool.InputSchema }));

// Sent messages and a trial's tool list never change: each is encoded once (json-body.ts).
const TURNS = new WeakMap<ChatMessage, EncodedJson<Param>>();
const BLOCKS = new WeakMap<ChatMessage, EncodedJson<ToolResultBlock>>();
const TOOLS = new WeakMap<ModelRequest['tools'], EncodedJson<AnthropicTool[]>>();

/** The request body with every turn, tool result, the system prompt and the tools encoded once and spliced in. */
export function messagesBody(fields: Omit<MessagesBody, 'system' | 'messages' | 'tools'>, req: ModelRequest): Buffer {
  const body: Encodable<MessagesBody> = {
    ...fields,
    system: encodedText(req.system),
    messages: groupTurns(req.messages, (m) => encodedFor(TURNS, m, () => toAnthropicTurn(m)), (m) => encodedFor(BLOCKS, m, () => toToolResultBlock(m))),
    ...(req.tools.length ? { tools: encodedFor(TOOLS, req.tools, () => toAnthropicTools(req.tools)) } : {}),
  };
  return encodeJson(body);
}

/** An Anthropic Messages provider. Reasoning effort is not mapped (see validateAgentConfig). */
export function anthropicProvider(s: ProviderSettings): Provider {
  const client = new Anthropic(sdkClientOptions(s));
  return limitedProvider('anthropic', s, async (req: ModelRequest): Promise<ModelResponse> => {
    const body = messagesBody({
      model: s.model,
      max_tokens: s.maxOutputTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
      ...(s.temperature !== undefined ? { temperature: s.temperature } : {}),
    }, req);
    // What `messages.create` does for a non-streaming call with a timeout set (ours always is), with the body already encoded.
    const res = await client.post<Anthropic.Messages.Message>('/v1/messages', jsonRequest(body, req.signal));
    return fromAnthropicMessage(s.model, res);
  }, '/v1/messages');
}

/** Reads a Messages response; a body without a `content` array is malformed (retried). */
export function fromAnthropicMessage(model: string, res: Anthropic.Messages.Message): ModelResponse {
  if (!res || !Array.isArray(res.content)) throw new MalformedResponseError('message without a content array');
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const b of res.content) {
    if (b.type === 'text') texts.push(b.text);
    else if (b.type === 'tool_use') {
      const input = b.input && typeof b.input === 'object' && !Array.isArray(b.input) ? (b.input as Record<string, unknown>) : {};
      toolCalls.push({ id: b.id, name: b.name, arguments: input });
    }
  }
  const u = res.usage;
  const read = u?.cache_read_input_tokens ?? 0;
  const write = u?.cache_creation_input_tokens ?? 0;
  // Anthropic's input_tokens excludes cache reads and writes; we report all input tokens.
  const usage = usageWithCost(pricingModel(model, res.model), {
    input: (u?.input_tokens ?? 0) + read + write, output: u?.output_tokens ?? 0, cached: read, cacheWrite: write,
  });
  return { text: texts.join('\n'), toolCalls, usage, stopReason: res.stop_reason ?? 'unknown' };
}

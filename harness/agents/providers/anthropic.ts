/** Anthropic Messages provider with tool use. */
import Anthropic from '@anthropic-ai/sdk';
import type { ChatMessage, ModelRequest, ModelResponse, Provider, ToolCall } from '../../core/index.ts';
import { MalformedResponseError } from './errors.ts';
import { pricingModel, usageWithCost } from './prices.ts';
import { limitedProvider, type ProviderSettings, sdkClientOptions } from './settings.ts';

type Param = Anthropic.Messages.MessageParam;
type ToolResultBlock = Anthropic.Messages.ToolResultBlockParam;

/** Anthropic requires max_tokens; this is used when --max-output-tokens is not given. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 8192;

/** Converts the neutral conversation to Messages: consecutive tool results share one user turn. */
export function toAnthropicMessages(messages: readonly ChatMessage[]): Param[] {
  const out: Param[] = [];
  let pending: ToolResultBlock[] = [];
  const flush = () => {
    if (pending.length) out.push({ role: 'user', content: pending });
    pending = [];
  };
  for (const m of messages) {
    if (m.role === 'tool') {
      pending.push({ type: 'tool_result', tool_use_id: m.toolCallId, content: m.content, ...(m.isError ? { is_error: true } : {}) });
      continue;
    }
    flush();
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else {
      const blocks: Anthropic.Messages.ContentBlockParam[] = [];
      if (m.content) blocks.push({ type: 'text', text: m.content });
      for (const c of m.toolCalls) blocks.push({ type: 'tool_use', id: c.id, name: c.name, input: c.arguments });
      out.push({ role: 'assistant', content: blocks.length ? blocks : [{ type: 'text', text: '(no content)' }] });
    }
  }
  flush();
  return out;
}

/** An Anthropic Messages provider. Reasoning effort is not mapped (see validateAgentConfig). */
export function anthropicProvider(s: ProviderSettings): Provider {
  const client = new Anthropic(sdkClientOptions(s));
  return limitedProvider('anthropic', s, async (req: ModelRequest): Promise<ModelResponse> => {
    const body: Anthropic.Messages.MessageCreateParamsNonStreaming = {
      model: s.model,
      system: req.system,
      messages: toAnthropicMessages(req.messages),
      max_tokens: s.maxOutputTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
      ...(req.tools.length
        ? { tools: req.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters as Anthropic.Messages.Tool.InputSchema })) }
        : {}),
      ...(s.temperature !== undefined ? { temperature: s.temperature } : {}),
    };
    const res = await client.messages.create(body, req.signal ? { signal: req.signal } : {});
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

/** Wire bodies of the three LLM protocols (OpenAI Chat Completions, OpenAI Responses, Anthropic Messages) for scripted servers. */

/** Which protocol a scripted server speaks. */
export type LlmProtocol = 'openai-chat' | 'openai-responses' | 'anthropic';

/** A scripted tool call; `arguments` as a string is sent verbatim (to script malformed JSON). */
export interface ScriptedCall {
  readonly id?: string;
  readonly name: string;
  readonly arguments: unknown;
}

/** Token counts the server reports. `input` counts all input tokens, cached ones included. */
export interface ScriptedUsage {
  readonly input: number;
  readonly output: number;
  readonly cached?: number;
}

/** A successful model turn. */
export interface ScriptedReply {
  readonly text?: string;
  readonly toolCalls?: readonly ScriptedCall[];
  readonly usage: ScriptedUsage;
}

/** The success body of a reply in the protocol's shape. */
export function replyBody(protocol: LlmProtocol, model: string, r: ScriptedReply, n: number): unknown {
  const calls = (r.toolCalls ?? []).map((c, i) => ({
    id: c.id ?? `call_${n}_${i}`, name: c.name, args: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments ?? {}),
    input: typeof c.arguments === 'string' ? {} : c.arguments,
  }));
  const cached = r.usage.cached ?? 0;
  if (protocol === 'openai-chat') {
    return {
      id: `chatcmpl-${n}`, object: 'chat.completion', created: 1_760_000_000, model,
      choices: [{
        index: 0, logprobs: null, finish_reason: calls.length ? 'tool_calls' : 'stop',
        message: {
          role: 'assistant', content: r.text ?? null, refusal: null,
          ...(calls.length ? { tool_calls: calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } })) } : {}),
        },
      }],
      usage: { prompt_tokens: r.usage.input, completion_tokens: r.usage.output, total_tokens: r.usage.input + r.usage.output, prompt_tokens_details: { cached_tokens: cached } },
    };
  }
  if (protocol === 'openai-responses') {
    const output: unknown[] = [];
    if (r.text) output.push({ type: 'message', id: `msg_${n}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: r.text, annotations: [] }] });
    for (const c of calls) output.push({ type: 'function_call', id: `fc_${c.id}`, call_id: c.id, name: c.name, arguments: c.args, status: 'completed' });
    return {
      id: `resp_${n}`, object: 'response', created_at: 1_760_000_000, model, status: 'completed', output,
      usage: { input_tokens: r.usage.input, output_tokens: r.usage.output, total_tokens: r.usage.input + r.usage.output, input_tokens_details: { cached_tokens: cached }, output_tokens_details: { reasoning_tokens: 0 } },
    };
  }
  const content: unknown[] = [];
  if (r.text) content.push({ type: 'text', text: r.text });
  for (const c of calls) content.push({ type: 'tool_use', id: c.id, name: c.name, input: c.input });
  // Anthropic reports input_tokens without cache reads.
  return {
    id: `msg_${n}`, type: 'message', role: 'assistant', model, content, stop_reason: calls.length ? 'tool_use' : 'end_turn', stop_sequence: null,
    usage: { input_tokens: r.usage.input - cached, output_tokens: r.usage.output, cache_read_input_tokens: cached, cache_creation_input_tokens: 0 },
  };
}

/** The error body of the protocol, with the error type each API documents for the status (OpenAI also carries `code` and `param`). */
export function errorBodyFor(protocol: LlmProtocol, status: number, message: string, extra: { code?: string; param?: string } = {}): unknown {
  const invalid = status === 400 || status === 413 || status === 422;
  if (protocol === 'anthropic') {
    const type = status === 429 ? 'rate_limit_error' : status === 413 ? 'request_too_large' : invalid ? 'invalid_request_error' : status === 529 ? 'overloaded_error' : 'api_error';
    return { type: 'error', error: { type, message } };
  }
  const type = status === 429 ? 'rate_limit_exceeded' : invalid ? 'invalid_request_error' : 'server_error';
  return { error: { message, type, code: extra.code ?? null, param: extra.param ?? null } };
}

/** Request path of the protocol (relative to the server root). */
export function pathFor(protocol: LlmProtocol): string {
  return protocol === 'openai-chat' ? '/v1/chat/completions' : protocol === 'openai-responses' ? '/v1/responses' : '/v1/messages';
}

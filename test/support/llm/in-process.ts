/** An in-process scripted Provider (no HTTP): for loop tests and the harness-overhead bench. */
import type { ModelRequest, ModelResponse, Provider, ToolCall, Usage } from '../../../harness/core/index.ts';

/** A provider that answers from a function of the request, instantly. */
export function scriptedProvider(model: string, next: (req: ModelRequest, n: number) => { text?: string; toolCalls?: ToolCall[]; usage?: Partial<Usage> }): Provider {
  let n = 0;
  return {
    family: 'scripted', model,
    async complete(req) {
      const r = next(req, n++);
      const usage: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd: null, ...r.usage };
      const res: ModelResponse = { text: r.text ?? '', toolCalls: r.toolCalls ?? [], usage, stopReason: r.toolCalls?.length ? 'tool_calls' : 'stop' };
      return res;
    },
  };
}

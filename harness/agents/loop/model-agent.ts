/** The built-in agent: a tool-calling loop over a provider, recording every step. */
import {
  ZERO_USAGE, addUsage, inputProblem, isDeskbenchError, type ToolCall, type Agent, type AgentContext, type AgentOutcome, type ChatMessage,
  type Provider, type TerminationReason, type Usage,
} from '../../core/index.ts';
import { composeSystemPrompt } from '../prompt.ts';
import { isProviderError } from '../providers/errors.ts';
import { AbortedError } from '../providers/retry.ts';
import { MALFORMED_ARGS_KEY } from '../providers/settings.ts';
import type { ToolsContext } from '../tools/index.ts';

/** Fallbacks when the tools do not carry trial context (tools built outside buildAgentTools). */
const UNKNOWN_CONTEXT: ToolsContext = { ownerEmail: 'the user', now: new Date(0).toISOString(), profile: 'discover', services: [] };

/** Options of a model agent. */
export interface ModelAgentOptions {
  /** Stored agent name (`openai:gpt-5`). */
  readonly name: string;
  readonly provider: Provider;
  /** Harness label (default `deskbench`). */
  readonly harness?: string;
}

/**
 * A model agent. Each turn: ask the provider, record the assistant step, run its tool
 * calls and record each result; stop when the model answers without tool calls or a
 * limit is reached. A provider failure after retries ends as `provider_error`.
 */
export function modelAgent(o: ModelAgentOptions): Agent {
  return {
    name: o.name, kind: 'model', model: o.provider.model, harness: o.harness ?? 'deskbench',
    run: (ctx) => runLoop(o.provider, ctx),
  };
}

async function runLoop(provider: Provider, ctx: AgentContext): Promise<AgentOutcome> {
  const tc = (ctx.tools as { context?: ToolsContext }).context ?? UNKNOWN_CONTEXT;
  const system = composeSystemPrompt({
    condition: ctx.condition, services: ctx.services, ownerEmail: tc.ownerEmail, now: tc.now, profile: tc.profile,
  });
  const t0 = new Date().toISOString();
  ctx.record({ role: 'system', content: system, startedAt: t0, endedAt: t0 });
  ctx.record({ role: 'user', content: ctx.instruction, startedAt: t0, endedAt: t0 });
  const messages: ChatMessage[] = [{ role: 'user', content: ctx.instruction }];
  let usage: Usage = ZERO_USAGE;
  const end = (termination: TerminationReason, finalMessage: string | null = null, error?: string): AgentOutcome => ({
    termination, finalMessage, usage, ...(error ? { error } : {}),
  });

  for (let turn = 0; ; turn++) {
    if (ctx.signal.aborted) return end('cancelled');
    if (turn >= ctx.limits.maxSteps) return end('step_limit');
    const startedAt = new Date().toISOString();
    let res;
    try {
      res = await provider.complete({ system, messages, tools: ctx.tools.specs, signal: ctx.signal });
    } catch (e) {
      if (e instanceof AbortedError || ctx.signal.aborted) return end('cancelled');
      if (isProviderError(e) || isDeskbenchError(e, 'E_PROVIDER')) return end('provider_error', null, (e as Error).message);
      throw e;
    }
    usage = addUsage(usage, res.usage);
    // Arguments past the input limits never travel further (records, the next request, the tools): a marker does.
    res = { ...res, toolCalls: res.toolCalls.map(boundedCall) };
    ctx.record({
      role: 'assistant', content: res.text, ...(res.toolCalls.length ? { toolCalls: res.toolCalls } : {}),
      usage: res.usage, startedAt, endedAt: new Date().toISOString(),
    });
    messages.push({ role: 'assistant', content: res.text, toolCalls: res.toolCalls });
    if (res.toolCalls.length === 0) return end('completed', res.text);
    for (const call of res.toolCalls) {
      const s = new Date().toISOString();
      const r = await ctx.tools.execute(call);
      ctx.record({
        role: 'tool', content: r.content, toolCallId: call.id, isError: r.isError, actionSeqs: r.actionSeqs,
        startedAt: s, endedAt: new Date().toISOString(),
      });
      messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: r.content, isError: r.isError });
    }
    if (ctx.limits.maxTokens !== null && usage.inputTokens + usage.outputTokens >= ctx.limits.maxTokens) return end('token_limit');
    if (ctx.limits.maxCostUsd !== null && usage.costUsd !== null && usage.costUsd >= ctx.limits.maxCostUsd) return end('cost_limit');
  }
}

/** A tool call whose arguments break the input limits, replaced by a marker naming the problem (and the operation, when it named one). */
function boundedCall(call: ToolCall): ToolCall {
  const problem = inputProblem(call.arguments);
  if (!problem) return call;
  const op = (call.arguments as { operation?: unknown } | undefined)?.operation;
  return { ...call, arguments: { [MALFORMED_ARGS_KEY]: `rejected: ${problem}`, ...(typeof op === 'string' ? { operation: op.slice(0, 200) } : {}) } };
}

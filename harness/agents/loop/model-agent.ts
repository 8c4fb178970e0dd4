/** The built-in agent: a tool-calling loop over a provider, recording every step. */
import {
  DeskbenchError, ZERO_USAGE, addUsage, inputProblem, isDeskbenchError, jsonOf, type ToolCall, type Agent, type AgentContext, type AgentOutcome,
  type AgentTools, type ChatMessage, type Provider, type TerminationReason, type Usage,
} from '../../core/index.ts';
import { composeSystemPrompt } from '../prompt.ts';
import { isProviderError } from '../providers/errors.ts';
import { providerLimits, type ProviderLimits } from '../providers/limits.ts';
import { AbortedError } from '../providers/retry.ts';
import { MALFORMED_ARGS_KEY } from '../providers/settings.ts';
import type { DeskbenchTools, ToolsContext } from '../tools/index.ts';
import { DEFAULT_FACE_LIMITS } from '../tools/typed.ts';

/** Fallbacks when the tools do not carry trial context (tools built outside buildAgentTools). */
const UNKNOWN_CONTEXT: ToolsContext = { ownerEmail: 'the user', now: new Date(0).toISOString(), profile: 'discover', services: [] };

/** Options of a model agent. */
export interface ModelAgentOptions {
  /** Stored agent name (`openai:gpt-5`). */
  readonly name: string;
  readonly provider: Provider;
  /** Harness label (default `deskbench`). */
  readonly harness?: string;
  /** The endpoint's limits (default: from the provider's family and model). */
  readonly limits?: ProviderLimits;
  /**
   * Whether this agent is meant to run with the Gmail helpers. When set, a trial whose tools
   * disagree is refused before any model call, so the harness label never lies.
   */
  readonly mailHelpers?: boolean;
}

/**
 * A model agent. Each turn: ask the provider, record the assistant step, run its tool
 * calls and record each result; stop when the model answers without tool calls or a
 * limit is reached. A provider failure after retries ends as `provider_error`.
 */
export function modelAgent(o: ModelAgentOptions): Agent {
  return {
    name: o.name, kind: 'model', model: o.provider.model, harness: o.harness ?? 'deskbench',
    run: (ctx) => runLoop(o, ctx),
  };
}

/**
 * The tools within the provider's limits: the face is built within the strictest documented
 * limits already; a stricter endpoint (a local server with fewer tools) gets it refitted. A
 * face that cannot fit is refused before any model call (E_CONFIG, one line).
 */
export function fitTools(tools: AgentTools, limits: ProviderLimits, label: string): AgentTools {
  const face = (tools as DeskbenchTools).context?.limits ?? DEFAULT_FACE_LIMITS;
  const maxTools = Math.min(face.maxTools, limits.maxTools ?? Infinity);
  const maxDescriptionChars = Math.min(face.maxDescriptionChars, limits.maxDescriptionChars ?? Infinity);
  const overCount = tools.specs.length > maxTools;
  const overText = tools.specs.some((t) => t.description.length > maxDescriptionChars);
  // Tool definitions may take at most a quarter of a known context window: at about 4 characters
  // a token, that is as many characters of definitions as the window has tokens.
  // A shared tool list (buildAgentTools) keeps its JSON: measured once, not once a trial.
  const defChars = jsonOf(tools.specs)!.length;
  const budgetChars = limits.contextTokens === null ? Infinity : limits.contextTokens;
  const overSize = defChars > budgetChars;
  if (!overCount && !overText && !overSize) return tools;
  const fit = (tools as DeskbenchTools).fit;
  if (fit) {
    const refit = fit({ maxTools, maxDescriptionChars, maxDefinitionChars: Math.min(face.maxDefinitionChars ?? Infinity, budgetChars) });
    const chars = JSON.stringify(refit.specs).length;
    if (refit.specs.length <= maxTools && chars <= budgetChars && refit.specs.every((t) => t.description.length <= maxDescriptionChars)) return refit;
  }
  throw new DeskbenchError('E_CONFIG', `${label}: the tools of this trial (${tools.specs.length} tools, ~${Math.round(defChars / 4)} tokens of definitions) do not fit the endpoint (at most ${limits.maxTools ?? 'any number of'} tools, ${limits.contextTokens ?? 'unknown'} tokens of context)`, {
    hint: 'use --tool-profile discover, or give the endpoint\'s real limits (maxTools, contextWindow)',
  });
}

async function runLoop(o: ModelAgentOptions, ctx0: AgentContext): Promise<AgentOutcome> {
  const provider = o.provider;
  const tc = (ctx0.tools as { context?: ToolsContext }).context ?? UNKNOWN_CONTEXT;
  // Only a trial with Gmail can carry the helpers: one without it has them off whatever the agent's setting.
  if (o.mailHelpers !== undefined && tc !== UNKNOWN_CONTEXT && tc.services.includes('gmail') && (tc.mailHelpers ?? false) !== o.mailHelpers) {
    throw new DeskbenchError('E_CONFIG', `agent ${o.name} runs ${o.mailHelpers ? 'with' : 'without'} mail helpers but this trial's tools have them ${tc.mailHelpers ? 'on' : 'off'}`, {
      hint: 'pass the same mail-helpers setting to the agent and to the tools (buildAgentTools mailHelpers)',
    });
  }
  const limits = o.limits ?? providerLimits(provider.family, provider.model);
  const ctx: AgentContext = { ...ctx0, tools: fitTools(ctx0.tools, limits, o.name) };
  const fitted = (ctx.tools as { context?: ToolsContext }).context ?? tc;
  const system = composeSystemPrompt({
    condition: ctx.condition, services: ctx.services, ownerEmail: tc.ownerEmail, now: tc.now, profile: tc.profile,
    ...(tc.ownerName ? { ownerName: tc.ownerName } : {}), ...(tc.timeZone ? { timeZone: tc.timeZone } : {}),
    mailHelpers: tc.mailHelpers ?? false, foldedOperations: fitted.foldedOperations ?? 0,
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
      // The conversation outgrew the context, or the provider refused the tools mid-trial: the model's failure, scored.
      if (isProviderError(e) && (e.kind === 'context_overflow' || e.kind === 'tool_limit')) return end(e.kind, null, e.message);
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

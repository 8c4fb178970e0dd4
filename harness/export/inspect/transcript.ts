/**
 * A trial's steps as Inspect AI chat messages and transcript events (model, tool, score),
 * shaped as Inspect's published log schema requires: every field present, `null` where
 * deskbench has nothing to say.
 */
import type { Step, Usage } from '../../core/index.ts';
import type { TrialRecord } from '../../store/types.ts';

/** A JSON object as the log holds it. */
export type Json = Record<string, unknown>;

/** Inspect's GenerateConfig with nothing set (deskbench's own limits live in the sample metadata). */
export function emptyGenerateConfig(): Json {
  const keys = [
    'max_retries', 'timeout', 'max_connections', 'system_message', 'max_tokens', 'top_p', 'temperature', 'stop_seqs', 'best_of',
    'frequency_penalty', 'presence_penalty', 'logit_bias', 'seed', 'top_k', 'num_choices', 'logprobs', 'top_logprobs',
    'parallel_tool_calls', 'internal_tools', 'max_tool_output', 'cache_prompt', 'reasoning_effort', 'reasoning_tokens',
    'reasoning_summary', 'reasoning_history', 'response_schema', 'extra_body', 'batch',
  ];
  return Object.fromEntries(keys.map((k) => [k, null]));
}

/** Inspect's `provider/model` name for a deskbench agent spec (`openai:gpt-4.1` → `openai/gpt-4.1`, `oracle` → `deskbench/oracle`). */
export function inspectModelName(agent: string): string {
  const i = agent.indexOf(':');
  return i > 0 ? `${agent.slice(0, i)}/${agent.slice(i + 1)}` : `deskbench/${agent}`;
}

/** ModelUsage from deskbench usage. */
export function modelUsage(u: Usage): Json {
  return {
    input_tokens: u.inputTokens, output_tokens: u.outputTokens, total_tokens: u.inputTokens + u.outputTokens,
    input_tokens_cache_write: null, input_tokens_cache_read: u.cachedTokens || null, reasoning_tokens: null,
  };
}

function toolCall(c: NonNullable<Step['toolCalls']>[number]): Json {
  return { id: c.id, function: c.name, arguments: { ...c.arguments }, parse_error: null, view: null, type: 'function' };
}

/** One step as a chat message (`id` is stable: the trial id and the step index). */
function message(trial: TrialRecord, s: Step, callNames: ReadonlyMap<string, string>): Json {
  const base = { id: `${trial.trialId}-${s.index}`, content: s.content, metadata: null };
  if (s.role === 'system') return { ...base, source: 'input', role: 'system' };
  if (s.role === 'user') return { ...base, source: 'input', role: 'user', tool_call_id: null };
  if (s.role === 'assistant') {
    return { ...base, source: 'generate', role: 'assistant', tool_calls: s.toolCalls?.length ? s.toolCalls.map(toolCall) : null, model: inspectModelName(trial.agent) };
  }
  return {
    ...base, source: null, role: 'tool', tool_call_id: s.toolCallId ?? null, function: (s.toolCallId && callNames.get(s.toolCallId)) ?? null,
    error: s.isError ? { type: 'unknown', message: s.content.slice(0, 2000) } : null,
  };
}

/** A ModelOutput whose one choice is `assistant` (or an empty output when there is none). */
export function modelOutput(model: string, assistant: Json | undefined, usage: Usage | undefined): Json {
  return {
    model,
    choices: assistant ? [{ message: assistant, stop_reason: (assistant.tool_calls as unknown[] | null)?.length ? 'tool_calls' : 'stop', logprobs: null }] : [],
    completion: typeof assistant?.content === 'string' ? assistant.content : '',
    usage: usage ? modelUsage(usage) : null, time: null, metadata: null, error: null,
  };
}

function seconds(from: string, to: string): number {
  const d = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(d) && d > 0 ? d : 0;
}

function event(kind: string, trial: TrialRecord, at: string, n: number, fields: Json): Json {
  return { uuid: `${trial.trialId}-e${n}`, span_id: null, timestamp: at, working_start: seconds(trial.startedAt, at), metadata: null, pending: null, event: kind, ...fields };
}

/** The transcript of a trial: its messages, and the events `inspect view` draws (sample init, model and tool calls, the score). */
export function transcript(trial: TrialRecord, input: string, score: Json | null): { messages: Json[]; events: Json[]; lastAssistant: Json | undefined } {
  const model = inspectModelName(trial.agent);
  const callNames = new Map<string, string>();
  for (const s of trial.steps) for (const c of s.toolCalls ?? []) callNames.set(c.id, c.name);
  const messages: Json[] = [];
  const events: Json[] = [];
  const sample = { input, choices: null, target: '', id: trial.taskId, metadata: null, sandbox: null, files: null, setup: null };
  events.push(event('sample_init', trial, trial.startedAt, events.length, { sample, state: {} }));
  let since = 0;
  let lastAssistant: Json | undefined;
  for (const s of trial.steps) {
    const m = message(trial, s, callNames);
    if (s.role === 'assistant') {
      // A model event's input is what the model had not seen at its previous call: the
      // whole prefix at every call would make the log quadratic in the trial's length.
      events.push(event('model', trial, s.startedAt, events.length, {
        model, role: null, input: messages.slice(since), tools: [], tool_choice: 'auto', config: emptyGenerateConfig(),
        output: modelOutput(model, m, s.usage), retries: null, error: null, cache: null, call: null, completed: s.endedAt,
        working_time: seconds(s.startedAt, s.endedAt),
      }));
      since = messages.length + 1;
      lastAssistant = m;
    } else if (s.role === 'tool') {
      const call = trial.steps.flatMap((x) => x.toolCalls ?? []).find((c) => c.id === s.toolCallId);
      events.push(event('tool', trial, s.startedAt, events.length, {
        type: 'function', id: s.toolCallId ?? `orphan-${s.index}`, function: call?.name ?? 'unknown', arguments: call ? { ...call.arguments } : {},
        view: null, result: s.content, truncated: null, error: m.error ?? null, events: [], completed: s.endedAt,
        working_time: seconds(s.startedAt, s.endedAt), agent: null, failed: s.isError ? true : null, message_id: m.id,
      }));
    }
    messages.push(m);
  }
  if (score) events.push(event('score', trial, trial.endedAt, events.length, { score, target: null, intermediate: false }));
  return { messages, events, lastAssistant };
}

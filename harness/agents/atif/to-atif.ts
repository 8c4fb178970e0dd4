/** A stored trial as an ATIF trajectory (v1.6 or v1.7), with everything ATIF has no field for under `extra.deskbench`. */
import type { Step, ToolSpec } from '../../core/index.ts';
import type { TrialRecord } from '../../store/types.ts';
import { HARNESS_VERSION } from '../../version.ts';
import type { AtifStep, AtifTrajectory, AtifWriteVersion } from './schema.ts';

/** Per-step deskbench details kept in `step.extra.deskbench` so a round trip loses nothing. */
export interface StepExtra {
  ended_at?: string;
  tool_results?: Array<{ source_call_id: string; is_error?: boolean; action_seqs?: number[]; started_at: string; ended_at: string }>;
  /** A tool result with no agent turn before it, kept as a system observation. */
  orphan_tool?: { tool_call_id: string | null; is_error: boolean; action_seqs: number[] };
  /** The one step written for a trial that recorded none (ATIF requires a step); import drops it. */
  placeholder?: true;
}

/** Tool specs as OpenAI function schemas (ATIF `tool_definitions`). */
export function toolDefinitions(specs: readonly ToolSpec[]): Record<string, unknown>[] {
  return specs.map((s) => ({ type: 'function', function: { name: s.name, description: s.description, parameters: s.parameters } }));
}

/**
 * The ATIF `agent.name` of a trial: the agent system (harness) that ran it, never the
 * model — `deskbench`, `deskbench+mail`, a command agent's name; reference and replay
 * agents run inside deskbench and say so.
 */
export function atifAgentName(trial: Pick<TrialRecord, 'harness'>): string {
  if (trial.harness === 'reference' || trial.harness === 'replay') return `deskbench-${trial.harness}`;
  return trial.harness || 'deskbench';
}

/** LLM calls behind one agent step: one per model turn of the built-in loop, none for reference agents, unknown for command agents. */
function llmCallsPerTurn(trial: TrialRecord): number | undefined {
  if (trial.harness === 'reference') return 0;
  return trial.harness.startsWith('deskbench') ? 1 : undefined;
}

/** The ATIF steps of a trial: system and user steps, then one agent step per model turn with its tool calls and observations. */
function atifSteps(trial: TrialRecord, version: AtifWriteVersion): AtifStep[] {
  const steps: AtifStep[] = [];
  const byCall = new Map<string, Step>();
  for (const s of trial.steps) if (s.role === 'tool' && s.toolCallId) byCall.set(s.toolCallId, s);
  const consumed = new Set<Step>();
  const llmCalls = version === '1.7' ? llmCallsPerTurn(trial) : undefined;
  trial.steps.forEach((s, at) => {
    if (s.role === 'tool' && consumed.has(s)) return;
    const id = steps.length + 1;
    if (s.role === 'system' || s.role === 'user') {
      // Results of no tool call right after a system or user step (a foreign file's system
      // observation) are that step's observation, as ATIF wrote them.
      const results: Array<{ content: string }> = [];
      for (let j = at + 1; j < trial.steps.length; j++) {
        const next = trial.steps[j]!;
        if (next.role !== 'tool' || next.toolCallId !== undefined || next.isError !== undefined || next.actionSeqs !== undefined) break;
        consumed.add(next);
        results.push({ content: next.content });
      }
      steps.push({ step_id: id, timestamp: s.startedAt, source: s.role, message: s.content, ...(results.length ? { observation: { results } } : {}), extra: { deskbench: { ended_at: s.endedAt } } });
      return;
    }
    if (s.role === 'tool') {
      const orphan: StepExtra = { ended_at: s.endedAt, orphan_tool: { tool_call_id: s.toolCallId ?? null, is_error: s.isError ?? false, action_seqs: [...(s.actionSeqs ?? [])] } };
      steps.push({ step_id: id, timestamp: s.startedAt, source: 'system', message: '', observation: { results: [{ content: s.content }] }, extra: { deskbench: orphan } });
      return;
    }
    const calls = s.toolCalls ?? [];
    const results: NonNullable<AtifStep['observation']>['results'] = [];
    const extra: StepExtra = { ended_at: s.endedAt, tool_results: [] };
    for (const c of calls) {
      const r = byCall.get(c.id);
      if (!r) continue;
      consumed.add(r);
      results.push({ source_call_id: c.id, content: r.content });
      extra.tool_results!.push({
        source_call_id: c.id, ...(r.isError !== undefined ? { is_error: r.isError } : {}), ...(r.actionSeqs ? { action_seqs: [...r.actionSeqs] } : {}),
        started_at: r.startedAt, ended_at: r.endedAt,
      });
    }
    steps.push({
      step_id: id, timestamp: s.startedAt, source: 'agent', message: s.content, model_name: trial.model,
      ...(calls.length ? { tool_calls: calls.map((c) => ({ tool_call_id: c.id, function_name: c.name, arguments: { ...c.arguments } })) } : {}),
      ...(results.length ? { observation: { results } } : {}),
      ...(s.usage && llmCalls !== 0 ? { metrics: { prompt_tokens: s.usage.inputTokens, completion_tokens: s.usage.outputTokens, cached_tokens: s.usage.cachedTokens, cost_usd: s.usage.costUsd } } : {}),
      ...(llmCalls !== undefined ? { llm_call_count: llmCalls } : {}),
      extra: { deskbench: extra },
    });
  });
  if (steps.length === 0) {
    // Harbor requires at least one step. A trial that recorded none (it failed before the
    // agent said anything) gets one system step that says so; import drops it again.
    const placeholder: StepExtra = { ended_at: trial.endedAt, placeholder: true };
    steps.push({ step_id: 1, timestamp: trial.startedAt, source: 'system', message: `(no steps recorded: the trial ended with ${trial.termination})`, extra: { deskbench: placeholder } });
  }
  return steps;
}

/**
 * A stored trial as an ATIF trajectory of `version`: `agent.name` is the harness, the
 * model is `agent.model_name` and each agent step's `model_name`. v1.7 adds
 * `trajectory_id` (the trial id) and `llm_call_count`. The trial fields ATIF has no
 * place for (score, action log, tool errors, timings) sit under `extra.deskbench`.
 */
export function toAtif(trial: TrialRecord, toolSpecs: readonly ToolSpec[], version: AtifWriteVersion = '1.7'): AtifTrajectory {
  const steps = atifSteps(trial, version);
  const { steps: _omit, ...rest } = trial;
  return {
    schema_version: `ATIF-v${version}`,
    session_id: trial.trialId,
    ...(version === '1.7' ? { trajectory_id: trial.trialId } : {}),
    agent: {
      name: atifAgentName(trial), version: HARNESS_VERSION, model_name: trial.model, tool_definitions: toolDefinitions(toolSpecs),
      extra: { deskbench: { agent: trial.agent, harness: trial.harness } },
    },
    steps,
    final_metrics: {
      total_prompt_tokens: trial.usage.inputTokens, total_completion_tokens: trial.usage.outputTokens,
      total_cached_tokens: trial.usage.cachedTokens, total_cost_usd: trial.usage.costUsd, total_steps: steps.length,
    },
    extra: { deskbench: JSON.parse(JSON.stringify(rest)) as Omit<TrialRecord, 'steps'> },
  } as AtifTrajectory;
}

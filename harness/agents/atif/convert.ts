/** Converts stored trials to ATIF-v1.6 trajectories and back. */
import { DeskbenchError, type Step, type ToolCall, type ToolSpec, type Usage } from '../../core/index.ts';
import type { TrialRecord } from '../../store/types.ts';
import { HARNESS_VERSION } from '../../version.ts';
import { ATIF_VERSION, AtifTrajectory, firstIssue, type AtifMessage, type AtifStep } from './schema.ts';

/** Per-step deskbench details kept in `step.extra.deskbench` so a round trip loses nothing. */
interface StepExtra {
  ended_at?: string;
  tool_results?: Array<{ source_call_id: string; is_error: boolean; action_seqs: number[]; started_at: string; ended_at: string }>;
}

/** The trial fields that ATIF has no place for, kept in the root `extra.deskbench`. */
type TrialExtra = Omit<TrialRecord, 'steps'>;

/** Tool specs as OpenAI function schemas (ATIF `tool_definitions`). */
export function toolDefinitions(specs: readonly ToolSpec[]): Record<string, unknown>[] {
  return specs.map((s) => ({ type: 'function', function: { name: s.name, description: s.description, parameters: s.parameters } }));
}

/**
 * A stored trial as an ATIF-v1.6 trajectory: the system and user steps, then one agent
 * step per model turn with its tool calls and their observations. Everything ATIF has no
 * field for (score, action log, tool errors, timings) sits under `extra.deskbench`.
 */
export function toAtif(trial: TrialRecord, toolSpecs: readonly ToolSpec[]): AtifTrajectory {
  const steps: AtifStep[] = [];
  const byCall = new Map<string, Step>();
  for (const s of trial.steps) if (s.role === 'tool' && s.toolCallId) byCall.set(s.toolCallId, s);
  const consumed = new Set<Step>();
  for (const s of trial.steps) {
    if (s.role === 'tool' && consumed.has(s)) continue;
    const id = steps.length + 1;
    if (s.role === 'system' || s.role === 'user') {
      steps.push({ step_id: id, timestamp: s.startedAt, source: s.role, message: s.content, extra: { deskbench: { ended_at: s.endedAt } } });
      continue;
    }
    if (s.role === 'tool') {
      // A tool result with no agent turn before it (a replay of a broken file): keep it as a system observation.
      steps.push({
        step_id: id, timestamp: s.startedAt, source: 'system', message: '', observation: { results: [{ content: s.content }] },
        extra: { deskbench: { ended_at: s.endedAt, orphan_tool: { tool_call_id: s.toolCallId ?? null, is_error: s.isError ?? false, action_seqs: [...(s.actionSeqs ?? [])] } } },
      });
      continue;
    }
    const calls = s.toolCalls ?? [];
    const results: NonNullable<AtifStep['observation']>['results'] = [];
    const extra: StepExtra = { ended_at: s.endedAt, tool_results: [] };
    for (const c of calls) {
      const r = byCall.get(c.id);
      if (!r) continue;
      consumed.add(r);
      results.push({ source_call_id: c.id, content: r.content });
      extra.tool_results!.push({ source_call_id: c.id, is_error: r.isError ?? false, action_seqs: [...(r.actionSeqs ?? [])], started_at: r.startedAt, ended_at: r.endedAt });
    }
    steps.push({
      step_id: id, timestamp: s.startedAt, source: 'agent', message: s.content, model_name: trial.model,
      ...(calls.length ? { tool_calls: calls.map((c) => ({ tool_call_id: c.id, function_name: c.name, arguments: { ...c.arguments } })) } : {}),
      ...(s.usage ? { metrics: { prompt_tokens: s.usage.inputTokens, completion_tokens: s.usage.outputTokens, cached_tokens: s.usage.cachedTokens, cost_usd: s.usage.costUsd } } : {}),
      ...(results.length ? { observation: { results } } : {}),
      extra: { deskbench: extra },
    });
  }
  const { steps: _omit, ...rest } = trial;
  const out: AtifTrajectory = {
    schema_version: ATIF_VERSION,
    session_id: trial.trialId,
    agent: { name: trial.agent, version: HARNESS_VERSION, model_name: trial.model, tool_definitions: toolDefinitions(toolSpecs), extra: { harness: trial.harness } },
    steps,
    final_metrics: {
      total_prompt_tokens: trial.usage.inputTokens, total_completion_tokens: trial.usage.outputTokens,
      total_cached_tokens: trial.usage.cachedTokens, total_cost_usd: trial.usage.costUsd, total_steps: steps.length,
    },
    extra: { deskbench: JSON.parse(JSON.stringify(rest)) as TrialExtra },
  };
  return out;
}

/** Validates a parsed JSON value as ATIF; a DeskbenchError('E_IMPORT') names the source and the field. */
export function parseAtif(json: unknown, source: string): AtifTrajectory {
  const r = AtifTrajectory.safeParse(json);
  if (!r.success) {
    throw new DeskbenchError('E_IMPORT', `${source}: not a valid ATIF trajectory: ${firstIssue(r.error)}`, {
      hint: 'the file must follow ATIF-v1.x (schema_version, session_id, agent{name,version}, steps[] with sequential step_id)',
    });
  }
  return r.data;
}

function text(m: AtifMessage | undefined): string {
  if (m === undefined) return '';
  if (typeof m === 'string') return m;
  return m.map((p) => (p.type === 'text' ? p.text : `[image ${p.source.path}]`)).join('\n');
}

function stepExtra(s: AtifStep): Record<string, unknown> {
  const d = (s.extra as { deskbench?: unknown } | undefined)?.deskbench;
  return d && typeof d === 'object' ? (d as Record<string, unknown>) : {};
}

/** The deskbench steps of a trajectory (assistant steps followed by their tool results). */
export function stepsFromAtif(t: AtifTrajectory): Step[] {
  const out: Step[] = [];
  const push = (s: Omit<Step, 'index'>) => out.push({ ...s, index: out.length } as Step);
  for (const s of t.steps) {
    const at = s.timestamp ?? new Date(0).toISOString();
    const x = stepExtra(s);
    const endedAt = typeof x.ended_at === 'string' ? x.ended_at : at;
    if (s.source !== 'agent') {
      const orphan = x.orphan_tool as { tool_call_id: string | null; is_error: boolean; action_seqs: number[] } | undefined;
      if (orphan) {
        push({ role: 'tool', content: text(s.observation?.results[0]?.content), ...(orphan.tool_call_id ? { toolCallId: orphan.tool_call_id } : {}), isError: orphan.is_error, actionSeqs: orphan.action_seqs, startedAt: at, endedAt });
        continue;
      }
      push({ role: s.source, content: text(s.message), startedAt: at, endedAt });
      for (const r of s.observation?.results ?? []) push({ role: 'tool', content: text(r.content), startedAt: at, endedAt: at });
      continue;
    }
    const calls: ToolCall[] = (s.tool_calls ?? []).map((c) => ({ id: c.tool_call_id, name: c.function_name, arguments: c.arguments }));
    const m = s.metrics;
    const usage: Usage | undefined = m
      ? { inputTokens: m.prompt_tokens ?? 0, outputTokens: m.completion_tokens ?? 0, cachedTokens: m.cached_tokens ?? 0, costUsd: m.cost_usd ?? null }
      : undefined;
    push({ role: 'assistant', content: text(s.message), ...(calls.length ? { toolCalls: calls } : {}), ...(usage ? { usage } : {}), startedAt: at, endedAt });
    const details = new Map(((x.tool_results as StepExtra['tool_results']) ?? []).map((d) => [d.source_call_id, d]));
    for (const r of s.observation?.results ?? []) {
      const d = r.source_call_id ? details.get(r.source_call_id) : undefined;
      push({
        role: 'tool', content: text(r.content), ...(r.source_call_id ? { toolCallId: r.source_call_id } : {}),
        ...(d ? { isError: d.is_error, actionSeqs: d.action_seqs } : {}),
        startedAt: d?.started_at ?? at, endedAt: d?.ended_at ?? endedAt,
      });
    }
  }
  return out;
}

/**
 * A TrialRecord from an ATIF trajectory. A file deskbench wrote comes back whole (from
 * `extra.deskbench`); a foreign trajectory gets neutral defaults: task `unknown`, no score.
 */
export function fromAtif(json: unknown, source = 'trajectory'): TrialRecord {
  const t = parseAtif(json, source);
  const steps = stepsFromAtif(t);
  const saved = (t.extra as { deskbench?: Partial<TrialRecord> } | undefined)?.deskbench;
  if (saved && typeof saved === 'object' && typeof saved.trialId === 'string') {
    return { ...(saved as TrialRecord), steps };
  }
  const fm = t.final_metrics;
  const sum = (f: (u: Usage) => number) => steps.reduce((n, s) => n + (s.usage ? f(s.usage) : 0), 0);
  const costs = steps.filter((s) => s.usage).map((s) => s.usage!.costUsd);
  const first = steps[0]?.startedAt ?? new Date(0).toISOString();
  const last = steps.at(-1)?.endedAt ?? first;
  const model = t.agent.model_name ?? 'unknown';
  return {
    trialId: t.session_id, runId: 'imported', trialKey: t.session_id, taskId: 'unknown', taskVersion: 0, taskHash: '',
    services: [], category: 'unknown', difficulty: 'unknown', safetyCritical: false, agent: t.agent.name, model,
    harness: t.agent.name, condition: 'unknown', skills: false, meta: false, repeat: 0, status: 'scored',
    termination: 'completed', attempts: 1, startedAt: first, endedAt: last,
    durationMs: Math.max(0, Date.parse(last) - Date.parse(first)) || 0,
    usage: {
      inputTokens: fm?.total_prompt_tokens ?? sum((u) => u.inputTokens),
      outputTokens: fm?.total_completion_tokens ?? sum((u) => u.outputTokens),
      cachedTokens: fm?.total_cached_tokens ?? sum((u) => u.cachedTokens),
      costUsd: fm?.total_cost_usd !== undefined ? fm.total_cost_usd : costs.length && costs.every((c) => c !== null) ? costs.reduce((a, b) => a! + b!, 0) : null,
    },
    score: null, finalMessage: [...steps].reverse().find((s) => s.role === 'assistant' && !s.toolCalls?.length)?.content ?? null,
    error: null, steps, actions: [], finalDiff: null,
  };
}

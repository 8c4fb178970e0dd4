/** An ATIF trajectory (any version deskbench reads) back as a stored trial. */
import type { Step, ToolCall, Usage } from '../../core/index.ts';
import type { TrialRecord } from '../../store/types.ts';
import type { AtifMessage, AtifStep, AtifTrajectory } from './schema.ts';
import type { StepExtra } from './to-atif.ts';
import { validateAtif } from './validate.ts';

/** Validates parsed JSON as ATIF; a DeskbenchError('E_IMPORT') names the source and the field. */
export function parseAtif(json: unknown, source: string): AtifTrajectory {
  return validateAtif(json, source);
}

function text(m: AtifMessage | undefined): string {
  if (m === undefined) return '';
  if (typeof m === 'string') return m;
  return m.map((p) => (p.type === 'text' ? (p.text ?? '') : `[image ${p.source?.path ?? ''}]`)).join('\n');
}

function stepExtra(s: AtifStep): StepExtra {
  const d = (s.extra as { deskbench?: unknown } | undefined)?.deskbench;
  return d && typeof d === 'object' ? (d as StepExtra) : {};
}

/** The deskbench steps of a trajectory (assistant steps followed by their tool results); a placeholder step is dropped. */
export function stepsFromAtif(t: AtifTrajectory): Step[] {
  const out: Step[] = [];
  const push = (s: Omit<Step, 'index'>) => out.push({ ...s, index: out.length } as Step);
  for (const s of t.steps as AtifStep[]) {
    const at = s.timestamp ?? new Date(0).toISOString();
    const x = stepExtra(s);
    if (x.placeholder === true) continue;
    const endedAt = typeof x.ended_at === 'string' ? x.ended_at : at;
    if (s.source !== 'agent') {
      const orphan = x.orphan_tool;
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
    const details = new Map((x.tool_results ?? []).map((d) => [d.source_call_id, d]));
    for (const r of s.observation?.results ?? []) {
      const d = r.source_call_id ? details.get(r.source_call_id) : undefined;
      push({
        role: 'tool', content: text(r.content), ...(r.source_call_id ? { toolCallId: r.source_call_id } : {}),
        ...(d?.is_error !== undefined ? { isError: d.is_error } : {}), ...(d?.action_seqs ? { actionSeqs: d.action_seqs } : {}),
        startedAt: d?.started_at ?? at, endedAt: d?.ended_at ?? endedAt,
      });
    }
  }
  return out;
}

/**
 * A TrialRecord from an ATIF trajectory. A file deskbench wrote comes back whole (from
 * `extra.deskbench`, whichever version and whether `agent.name` held the harness or, in
 * files before 0.2, the agent spec); a foreign trajectory gets neutral defaults: task
 * `unknown`, no score, the agent system as agent and harness.
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
  const id = t.session_id ?? ('trajectory_id' in t ? t.trajectory_id : undefined) ?? source;
  return {
    trialId: id, runId: 'imported', trialKey: id, taskId: 'unknown', taskVersion: 0, taskHash: '',
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

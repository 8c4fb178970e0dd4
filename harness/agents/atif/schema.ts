/**
 * ATIF trajectories (Agent Trajectory Interchange Format, Harbor RFC 0001) as strict zod
 * schemas for the two model lines Harbor publishes: v1.6 (which also reads v1.0–v1.5
 * files) and v1.7. Harbor's validator rules are applied too: step ids run 1, 2, 3…, at
 * least one step, agent-only fields only on agent steps, every observation's
 * `source_call_id` names a tool call of its step, and (v1.7) `llm_call_count: 0` steps
 * carry no LLM metrics or reasoning, and embedded subagents have unique `trajectory_id`s.
 */
import { z } from 'zod';
import {
  AGENT_ONLY_FIELDS, AtifAgent, AtifFinalMetrics, AtifMessage, AtifMetrics, Extra, IsoTimestamp,
  observationResultSchema, toolCallSchema, type AtifLine,
} from './schema-parts.ts';

export { AtifContentPart, AtifMessage, AtifMetrics, type AtifLine } from './schema-parts.ts';

/** The versions deskbench writes (`deskbench export --atif-version`). */
export const ATIF_WRITE_VERSIONS = ['1.6', '1.7'] as const;
/** One version deskbench writes. */
export type AtifWriteVersion = (typeof ATIF_WRITE_VERSIONS)[number];
/** The version written when none is asked for. */
export const DEFAULT_ATIF_VERSION: AtifWriteVersion = '1.7';

/** Deepest nesting of embedded subagent trajectories read (each level is a whole trajectory). */
export const MAX_SUBAGENT_DEPTH = 8;

function stepSchema(line: AtifLine) {
  return z
    .strictObject({
      step_id: z.number().int().min(1),
      timestamp: IsoTimestamp.optional(),
      source: z.enum(['system', 'user', 'agent']),
      model_name: z.string().optional(),
      reasoning_effort: z.union([z.string(), z.number()]).optional(),
      message: AtifMessage,
      reasoning_content: z.string().optional(),
      tool_calls: z.array(toolCallSchema(line)).optional(),
      observation: z.strictObject({ results: z.array(observationResultSchema(line)) }).optional(),
      metrics: AtifMetrics.optional(),
      is_copied_context: z.boolean().optional(),
      ...(line === '1.7' ? { llm_call_count: z.number().int().min(0).optional() } : {}),
      extra: Extra.optional(),
    })
    .superRefine((s, ctx) => {
      if (s.source !== 'agent') {
        for (const f of AGENT_ONLY_FIELDS) {
          if (s[f] !== undefined) ctx.addIssue({ code: 'custom', path: [f], message: `${f} is only allowed on agent steps (this step's source is ${s.source})` });
        }
      }
      const count = (s as { llm_call_count?: number }).llm_call_count;
      if (count === 0 && s.source === 'agent') {
        for (const f of ['metrics', 'reasoning_content'] as const) {
          if (s[f] !== undefined) ctx.addIssue({ code: 'custom', path: [f], message: `${f} must be absent when llm_call_count is 0 (a deterministic, non-LLM step)` });
        }
      }
      const ids = new Set((s.tool_calls ?? []).map((c) => c.tool_call_id));
      s.observation?.results.forEach((r, i) => {
        if (r.source_call_id !== undefined && !ids.has(r.source_call_id)) {
          ctx.addIssue({ code: 'custom', path: ['observation', 'results', i, 'source_call_id'], message: `source_call_id ${r.source_call_id} matches no tool_call_id of this step` });
        }
      });
    });
}

/** Sequential step ids from 1 (Harbor's `validate_step_ids`). */
function checkStepIds(steps: readonly { step_id: number }[], ctx: z.RefinementCtx): void {
  steps.forEach((s, i) => {
    if (s.step_id !== i + 1) ctx.addIssue({ code: 'custom', path: ['steps', i, 'step_id'], message: `step ids must be sequential from 1: expected ${i + 1}, got ${s.step_id}` });
  });
}

const v16Base = z.strictObject({
  schema_version: z.string().regex(/^ATIF-v1\.[0-6]$/, 'must be ATIF-v1.0 … ATIF-v1.6 for this model line'),
  session_id: z.string().min(1),
  agent: AtifAgent,
  steps: z.array(stepSchema('1.6')).min(1, 'ATIF requires at least one step'),
  notes: z.string().optional(),
  final_metrics: AtifFinalMetrics.optional(),
  continued_trajectory_ref: z.string().optional(),
  extra: Extra.optional(),
});

/** An ATIF-v1.0 … v1.6 trajectory. */
export const AtifTrajectoryV16 = v16Base.superRefine((t, ctx) => checkStepIds(t.steps, ctx));

interface V17Shape {
  schema_version: 'ATIF-v1.7';
  session_id?: string | undefined;
  trajectory_id?: string | undefined;
  agent: z.infer<typeof AtifAgent>;
  steps: z.infer<ReturnType<typeof stepSchema>>[];
  notes?: string | undefined;
  final_metrics?: z.infer<typeof AtifFinalMetrics> | undefined;
  continued_trajectory_ref?: string | undefined;
  extra?: Record<string, unknown> | undefined;
  subagent_trajectories?: V17Shape[] | undefined;
}

function v17Schema(depth: number): z.ZodType<V17Shape> {
  return z
    .strictObject({
      schema_version: z.literal('ATIF-v1.7'),
      session_id: z.string().min(1).optional(),
      trajectory_id: z.string().min(1).optional(),
      agent: AtifAgent,
      steps: z.array(stepSchema('1.7')).min(1, 'ATIF requires at least one step'),
      notes: z.string().optional(),
      final_metrics: AtifFinalMetrics.optional(),
      continued_trajectory_ref: z.string().optional(),
      extra: Extra.optional(),
      subagent_trajectories: depth >= MAX_SUBAGENT_DEPTH
        ? z.array(z.never()).max(0, `subagent trajectories nest more than ${MAX_SUBAGENT_DEPTH} levels deep`).optional()
        : z.lazy(() => z.array(v17Schema(depth + 1))).optional(),
    })
    .superRefine((t, ctx) => {
      checkStepIds(t.steps, ctx);
      const seen = new Set<string>();
      (t.subagent_trajectories ?? []).forEach((sub, i) => {
        if (sub.trajectory_id === undefined) ctx.addIssue({ code: 'custom', path: ['subagent_trajectories', i, 'trajectory_id'], message: 'an embedded subagent trajectory needs a trajectory_id' });
        else if (seen.has(sub.trajectory_id)) ctx.addIssue({ code: 'custom', path: ['subagent_trajectories', i, 'trajectory_id'], message: `trajectory_id ${sub.trajectory_id} is not unique among the subagent trajectories` });
        else seen.add(sub.trajectory_id);
      });
    }) as z.ZodType<V17Shape>;
}

/** An ATIF-v1.7 trajectory. */
export const AtifTrajectoryV17 = v17Schema(0);

/** A trajectory of either line, as deskbench reads it (v1.7 is the superset of fields). */
export type AtifTrajectory = V17Shape | (Omit<z.infer<typeof AtifTrajectoryV16>, 'schema_version'> & { schema_version: string });
/** One step of either line. */
export type AtifStep = AtifTrajectory['steps'][number] & { llm_call_count?: number };
/** One tool call of either line. */
export type AtifToolCall = NonNullable<AtifStep['tool_calls']>[number] & { extra?: Record<string, unknown> };
/** One observation result of either line. */
export type AtifObservationResult = NonNullable<AtifStep['observation']>['results'][number] & { extra?: Record<string, unknown> };

/** The model line a `schema_version` belongs to, or undefined when deskbench does not read it. */
export function lineOf(schemaVersion: unknown): AtifLine | undefined {
  if (schemaVersion === 'ATIF-v1.7') return '1.7';
  if (typeof schemaVersion === 'string' && /^ATIF-v1\.[0-6]$/.test(schemaVersion)) return '1.6';
  return undefined;
}

/** The schema that validates documents of `line`. */
export function schemaFor(line: AtifLine): z.ZodType<AtifTrajectory> {
  return (line === '1.7' ? AtifTrajectoryV17 : AtifTrajectoryV16) as z.ZodType<AtifTrajectory>;
}

/**
 * A trajectory of any version deskbench reads, as one schema (v1.7 or the v1.6 line).
 * `validateAtif` gives clearer errors (it picks the line by `schema_version` first).
 */
export const AtifTrajectory = z.union([AtifTrajectoryV17, AtifTrajectoryV16]) as unknown as z.ZodType<AtifTrajectory>;

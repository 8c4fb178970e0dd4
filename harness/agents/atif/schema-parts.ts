/**
 * The parts of an ATIF trajectory (Harbor RFC 0001) as strict zod schemas, one set per
 * schema line: v1.0–v1.6 share the v1.6 models, v1.7 adds fields. Every object rejects
 * unknown keys, as Harbor's pydantic models do (`extra = "forbid"`); only `extra`
 * objects are free-form.
 */
import { z } from 'zod';

/** The two model lines deskbench validates against. */
export type AtifLine = '1.6' | '1.7';

/** A free-form `extra` object (the one place unknown keys belong). */
export const Extra = z.record(z.string(), z.unknown());

/** An ISO 8601 timestamp as Python's `datetime.fromisoformat` reads it (a trailing Z is accepted). */
export const IsoTimestamp = z.string().refine(
  (s) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T'))),
  'must be an ISO 8601 timestamp',
);

/** An image reference inside a content part. */
export const AtifImageSource = z.strictObject({
  media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
  path: z.string(),
});

/** A content part (v1.6+): text with `text`, or an image with `source`. */
export const AtifContentPart = z
  .strictObject({ type: z.enum(['text', 'image']), text: z.string().optional(), source: AtifImageSource.optional() })
  .superRefine((p, ctx) => {
    if (p.type === 'text' && (p.text === undefined || p.source !== undefined)) ctx.addIssue({ code: 'custom', path: ['text'], message: 'a text part has text and no source' });
    if (p.type === 'image' && (p.source === undefined || p.text !== undefined)) ctx.addIssue({ code: 'custom', path: ['source'], message: 'an image part has a source and no text' });
  });
/** One content part. */
export type AtifContentPart = z.infer<typeof AtifContentPart>;

/** A message: a string, or a list of content parts. */
export const AtifMessage = z.union([z.string(), z.array(AtifContentPart)]);
/** One message. */
export type AtifMessage = z.infer<typeof AtifMessage>;

/** A tool call of an agent step; `extra` since v1.7. */
export function toolCallSchema(line: AtifLine) {
  return z.strictObject({
    tool_call_id: z.string().min(1),
    function_name: z.string().min(1),
    arguments: z.record(z.string(), z.unknown()),
    ...(line === '1.7' ? { extra: Extra.optional() } : {}),
  });
}

/** A reference to a delegated subagent's trajectory. v1.6: `session_id` is the key; v1.7: `trajectory_id` or `trajectory_path`. */
export function subagentRefSchema(line: AtifLine) {
  if (line === '1.6') {
    return z.strictObject({ session_id: z.string(), trajectory_path: z.string().optional(), extra: Extra.optional() });
  }
  return z
    .strictObject({ trajectory_id: z.string().optional(), session_id: z.string().optional(), trajectory_path: z.string().optional(), extra: Extra.optional() })
    .refine((r) => r.trajectory_id !== undefined || r.trajectory_path !== undefined, 'a v1.7 subagent reference needs trajectory_id or trajectory_path (session_id alone does not resolve)');
}

/** One observation result: what a tool call (or a system action) returned; `extra` since v1.7. */
export function observationResultSchema(line: AtifLine) {
  return z.strictObject({
    source_call_id: z.string().optional(),
    content: AtifMessage.optional(),
    subagent_trajectory_ref: z.array(subagentRefSchema(line)).optional(),
    ...(line === '1.7' ? { extra: Extra.optional() } : {}),
  });
}

/** Per-step LLM metrics. `cost_usd` absent or null means unknown. */
export const AtifMetrics = z.strictObject({
  prompt_tokens: z.number().int().nonnegative().optional(),
  completion_tokens: z.number().int().nonnegative().optional(),
  cached_tokens: z.number().int().nonnegative().optional(),
  cost_usd: z.number().nonnegative().nullable().optional(),
  prompt_token_ids: z.array(z.number().int()).optional(),
  completion_token_ids: z.array(z.number().int()).optional(),
  logprobs: z.array(z.number()).optional(),
  extra: Extra.optional(),
});
/** Per-step metrics. */
export type AtifMetrics = z.infer<typeof AtifMetrics>;

/** Totals over the trajectory. */
export const AtifFinalMetrics = z.strictObject({
  total_prompt_tokens: z.number().int().nonnegative().optional(),
  total_completion_tokens: z.number().int().nonnegative().optional(),
  total_cached_tokens: z.number().int().nonnegative().optional(),
  total_cost_usd: z.number().nonnegative().nullable().optional(),
  total_steps: z.number().int().nonnegative().optional(),
  extra: Extra.optional(),
});

/** The agent system that produced the trajectory: `name` is the harness, `model_name` the default model. */
export const AtifAgent = z.strictObject({
  name: z.string().min(1),
  version: z.string().min(1),
  model_name: z.string().optional(),
  tool_definitions: z.array(z.record(z.string(), z.unknown())).optional(),
  extra: Extra.optional(),
});

/** Fields that only agent steps may carry (Harbor's `validate_agent_only_fields`). */
export const AGENT_ONLY_FIELDS = ['model_name', 'reasoning_effort', 'reasoning_content', 'tool_calls', 'metrics'] as const;

/** Every field name a v1.7 document may use that a v1.6 document may not, for error messages. */
export const ADDED_IN_1_7 = new Set(['trajectory_id', 'subagent_trajectories', 'llm_call_count', 'extra']);

/** ATIF-v1.6 (Agent Trajectory Interchange Format, Harbor RFC 0001) as a zod schema, with the validator's rules. */
import { z } from 'zod';

/** The version deskbench writes. Import accepts v1.0 to v1.6. */
export const ATIF_VERSION = 'ATIF-v1.6';

const IsoTimestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s), 'must be an ISO 8601 timestamp');

/** A v1.6 content part: text or an image reference. */
export const AtifContentPart = z.union([
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({
    type: z.literal('image'),
    source: z.object({ media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']), path: z.string() }),
  }),
]);
/** One ContentPart. */
export type AtifContentPart = z.infer<typeof AtifContentPart>;

/** A message: a string, or (v1.6) a list of content parts. */
export const AtifMessage = z.union([z.string(), z.array(AtifContentPart)]);
/** One message. */
export type AtifMessage = z.infer<typeof AtifMessage>;

/** A tool call of an agent step. */
export const AtifToolCall = z.object({
  tool_call_id: z.string().min(1),
  function_name: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()),
});
/** One tool call. */
export type AtifToolCall = z.infer<typeof AtifToolCall>;

/** One observation result: what a tool call returned. */
export const AtifObservationResult = z.object({
  source_call_id: z.string().optional(),
  content: AtifMessage.optional(),
  subagent_trajectory_ref: z
    .array(z.object({ session_id: z.string(), trajectory_path: z.string().optional(), extra: z.record(z.string(), z.unknown()).optional() }))
    .optional(),
});
/** One observation result. */
export type AtifObservationResult = z.infer<typeof AtifObservationResult>;

/** Per-step metrics (agent steps). `cost_usd` null = unknown. */
export const AtifMetrics = z.object({
  prompt_tokens: z.number().int().nonnegative().optional(),
  completion_tokens: z.number().int().nonnegative().optional(),
  cached_tokens: z.number().int().nonnegative().optional(),
  cost_usd: z.number().nonnegative().nullable().optional(),
  prompt_token_ids: z.array(z.number().int()).optional(),
  completion_token_ids: z.array(z.number().int()).optional(),
  logprobs: z.array(z.unknown()).optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
});
/** Per-step metrics. */
export type AtifMetrics = z.infer<typeof AtifMetrics>;

const AGENT_ONLY = ['model_name', 'reasoning_effort', 'reasoning_content', 'tool_calls', 'metrics'] as const;

/** One step. Agent-only fields on other steps, or an observation on a user step, are errors. */
export const AtifStep = z
  .object({
    step_id: z.number().int().min(1),
    timestamp: IsoTimestamp.optional(),
    source: z.enum(['system', 'user', 'agent']),
    message: AtifMessage,
    model_name: z.string().optional(),
    reasoning_effort: z.union([z.string(), z.number()]).optional(),
    reasoning_content: z.string().optional(),
    tool_calls: z.array(AtifToolCall).optional(),
    metrics: AtifMetrics.optional(),
    observation: z.object({ results: z.array(AtifObservationResult) }).optional(),
    extra: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.source !== 'agent') {
      for (const f of AGENT_ONLY) {
        if (s[f] !== undefined) ctx.addIssue({ code: 'custom', path: [f], message: `${f} is only allowed on agent steps` });
      }
    }
    if (s.source === 'user' && s.observation) ctx.addIssue({ code: 'custom', path: ['observation'], message: 'observation is not allowed on user steps' });
    const ids = new Set((s.tool_calls ?? []).map((c) => c.tool_call_id));
    s.observation?.results.forEach((r, i) => {
      if (r.source_call_id !== undefined && !ids.has(r.source_call_id)) {
        ctx.addIssue({ code: 'custom', path: ['observation', 'results', i, 'source_call_id'], message: `source_call_id ${r.source_call_id} matches no tool_call_id of this step` });
      }
    });
  });
/** One step. */
export type AtifStep = z.infer<typeof AtifStep>;

/** Totals over the trajectory. */
export const AtifFinalMetrics = z.object({
  total_prompt_tokens: z.number().int().nonnegative().optional(),
  total_completion_tokens: z.number().int().nonnegative().optional(),
  total_cached_tokens: z.number().int().nonnegative().optional(),
  total_cost_usd: z.number().nonnegative().nullable().optional(),
  total_steps: z.number().int().nonnegative().optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
});

/** The agent that produced the trajectory; `tool_definitions` are OpenAI function schemas (v1.5+). */
export const AtifAgent = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  model_name: z.string().optional(),
  tool_definitions: z.array(z.record(z.string(), z.unknown())).optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
});

/** A whole trajectory. Step ids must run 1, 2, 3, … */
export const AtifTrajectory = z
  .object({
    schema_version: z.string().regex(/^ATIF-v1\.[0-6]$/, 'must be ATIF-v1.0 … ATIF-v1.6'),
    session_id: z.string().min(1),
    agent: AtifAgent,
    steps: z.array(AtifStep),
    notes: z.string().optional(),
    final_metrics: AtifFinalMetrics.optional(),
    continued_trajectory_ref: z.string().optional(),
    extra: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((t, ctx) => {
    t.steps.forEach((s, i) => {
      if (s.step_id !== i + 1) ctx.addIssue({ code: 'custom', path: ['steps', i, 'step_id'], message: `step ids must be sequential from 1: expected ${i + 1}, got ${s.step_id}` });
    });
  });
/** A whole trajectory. */
export type AtifTrajectory = z.infer<typeof AtifTrajectory>;

/** The first problem of a failed parse as `path: message` (for E_IMPORT messages). */
export function firstIssue(error: z.ZodError): string {
  const i = error.issues[0];
  if (!i) return 'invalid';
  const path = i.path.map(String).join('.');
  return `${path || '(root)'}: ${i.message}`;
}

/**
 * A trial as OpenTelemetry spans following the GenAI semantic conventions: one
 * `invoke_agent` span for the trial, a `chat` span per model call and an `execute_tool`
 * span per tool call under it, with `gen_ai.*` attributes, encoded as an OTLP/JSON
 * ExportTraceServiceRequest (the OpenTelemetry file-exporter line format). Ids are
 * derived from the trial id, so the same trial always gives the same trace.
 */
import { hexId } from '../../core/index.ts';
import type { TrialRecord } from '../../store/types.ts';
import { HARNESS_VERSION } from '../../version.ts';
import { atifAgentName } from '../../agents/atif/to-atif.ts';

/** An OTLP/JSON attribute value. */
type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean } | { arrayValue: { values: AnyValue[] } };
/** An OTLP/JSON key-value attribute. */
export interface KeyValue { readonly key: string; readonly value: AnyValue }

/** One OTLP/JSON span. */
export interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  /** 1 internal, 3 client (OTLP's SpanKind numbers). */
  readonly kind: 1 | 3;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes: KeyValue[];
  /** 0 unset, 2 error. */
  readonly status: { readonly code: 0 | 2; readonly message?: string };
}

function value(v: string | number | boolean | readonly string[]): AnyValue {
  if (Array.isArray(v)) return { arrayValue: { values: v.map((x) => ({ stringValue: String(x) })) } };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  return { stringValue: String(v) };
}

function attrs(o: Record<string, string | number | boolean | readonly string[] | null | undefined>): KeyValue[] {
  return Object.entries(o).filter(([, v]) => v !== null && v !== undefined).map(([key, v]) => ({ key, value: value(v!) }));
}

const nanos = (iso: string) => {
  const ms = Date.parse(iso);
  return `${BigInt(Number.isFinite(ms) ? ms : 0) * 1_000_000n}`;
};

/** The GenAI provider name of an agent spec (`openai:gpt-5` → `openai`; reference agents: `deskbench`). */
export function providerName(agent: string): string {
  const i = agent.indexOf(':');
  const p = i > 0 ? agent.slice(0, i) : 'deskbench';
  return p === 'openai-compatible' ? 'openai' : p;
}

/** The spans of one trial. */
export function trialSpans(t: TrialRecord): OtlpSpan[] {
  const traceId = hexId(`otel-trace|${t.trialId}`, 0, 32);
  const rootId = hexId(`otel-span|${t.trialId}`, 0, 16);
  const provider = providerName(t.agent);
  const agentName = atifAgentName(t);
  const spans: OtlpSpan[] = [{
    traceId, spanId: rootId, name: `invoke_agent ${agentName}`, kind: 1,
    startTimeUnixNano: nanos(t.startedAt), endTimeUnixNano: nanos(t.endedAt),
    attributes: attrs({
      'gen_ai.operation.name': 'invoke_agent', 'gen_ai.provider.name': provider, 'gen_ai.agent.name': agentName, 'gen_ai.agent.id': t.agent,
      'gen_ai.conversation.id': t.trialId, 'gen_ai.request.model': t.model,
      'gen_ai.usage.input_tokens': t.usage.inputTokens, 'gen_ai.usage.output_tokens': t.usage.outputTokens,
      'deskbench.trial.id': t.trialId, 'deskbench.run.id': t.runId, 'deskbench.task.id': t.taskId, 'deskbench.task.version': t.taskVersion,
      'deskbench.condition': t.condition, 'deskbench.repeat': t.repeat, 'deskbench.termination': t.termination,
      'deskbench.score': t.score?.score, 'deskbench.success': t.score?.success, 'deskbench.unsafe': t.score?.unsafe, 'deskbench.cost_usd': t.usage.costUsd,
    }),
    status: t.status === 'infra_error' ? { code: 2, message: t.error ?? t.termination } : { code: 0 },
  }];
  const names = new Map<string, string>();
  t.steps.forEach((s, i) => {
    if (s.role === 'assistant') {
      for (const c of s.toolCalls ?? []) names.set(c.id, c.name);
      if (t.harness === 'reference') return; // reference agents make no model calls
      spans.push({
        traceId, spanId: hexId(`otel-span|${t.trialId}|${i}`, 0, 16), parentSpanId: rootId, name: `chat ${t.model}`, kind: 3,
        startTimeUnixNano: nanos(s.startedAt), endTimeUnixNano: nanos(s.endedAt),
        attributes: attrs({
          'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': provider, 'gen_ai.request.model': t.model, 'gen_ai.response.model': t.model,
          'gen_ai.conversation.id': t.trialId, 'gen_ai.usage.input_tokens': s.usage?.inputTokens, 'gen_ai.usage.output_tokens': s.usage?.outputTokens,
          'gen_ai.response.finish_reasons': [s.toolCalls?.length ? 'tool_calls' : 'stop'],
        }),
        status: { code: 0 },
      });
    } else if (s.role === 'tool') {
      const tool = (s.toolCallId && names.get(s.toolCallId)) || 'unknown';
      spans.push({
        traceId, spanId: hexId(`otel-span|${t.trialId}|${i}`, 0, 16), parentSpanId: rootId, name: `execute_tool ${tool}`, kind: 1,
        startTimeUnixNano: nanos(s.startedAt), endTimeUnixNano: nanos(s.endedAt),
        attributes: attrs({
          'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': tool, 'gen_ai.tool.call.id': s.toolCallId, 'gen_ai.tool.type': 'function',
          'error.type': s.isError ? 'tool_error' : undefined, 'deskbench.action_seqs': s.actionSeqs?.map(String),
        }),
        status: s.isError ? { code: 2, message: s.content.slice(0, 200) } : { code: 0 },
      });
    }
  });
  return spans;
}

/** One trial as an OTLP/JSON ExportTraceServiceRequest (one line of the export). */
export function traceRequest(t: TrialRecord): Record<string, unknown> {
  return {
    resourceSpans: [{
      resource: { attributes: attrs({ 'service.name': 'deskbench', 'service.version': HARNESS_VERSION }) },
      scopeSpans: [{ scope: { name: 'deskbench', version: HARNESS_VERSION }, spans: trialSpans(t) }],
    }],
  };
}

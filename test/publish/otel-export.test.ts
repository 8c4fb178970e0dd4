/** OpenTelemetry export: a stored model trial and a reference trial as OTLP/JSON GenAI spans (`deskbench export --format otel`). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { oracleAgent } from '../../harness/agents/reference/oracle.ts';
import { exportOtel } from '../../harness/export/otel/files.ts';
import type { OtlpSpan } from '../../harness/export/otel/spans.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { openRunStore, type TrialRecord } from '../../harness/store/index.ts';
import { TASKS } from '../../tasks/index.ts';
import { cli } from '../support/cli.ts';
import { runOptions } from '../support/run-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('deskbench-otel-');
const db = join(dir, 'runs.db');
const MODEL_TRIAL = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'atif', 'trial.record.json'), 'utf8')) as TrialRecord;
type Request = { resourceSpans: Array<{ resource: { attributes: Array<{ key: string }> }; scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
const attr = (s: OtlpSpan, key: string) => {
  const v = s.attributes.find((a) => a.key === key)?.value as Record<string, unknown> | undefined;
  return v ? (v.stringValue ?? v.intValue ?? v.doubleValue ?? v.boolValue ?? v.arrayValue) : undefined;
};

beforeAll(async () => {
  const store = openRunStore(db);
  try {
    await runMatrix(runOptions(store, [oracleAgent], { tasks: TASKS.slice(0, 1), runId: 'run-ref' }));
    store.createRun({ runId: MODEL_TRIAL.runId, createdAt: '2026-03-16T14:00:00.000Z', spec: {}, harnessVersion: '0.1.0', suiteHash: 'h', seed: 1, shard: null, plannedTrials: 1 });
    store.saveTrial(MODEL_TRIAL);
  } finally {
    store.close();
  }
});

describe('OpenTelemetry GenAI span export', () => {
  it('a trial is an invoke_agent span with a chat span per model call and an execute_tool span per tool call', () => {
    const store = openRunStore(db, { create: false, readonly: true });
    let path: string;
    try {
      path = exportOtel(store, { runId: MODEL_TRIAL.runId, outDir: join(dir, 'model') }).path;
    } finally {
      store.close();
    }
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const req = JSON.parse(lines[0]!) as Request;
    const spans = req.resourceSpans[0]!.scopeSpans[0]!.spans;
    expect(spans.map((s) => s.name)).toEqual(['invoke_agent deskbench+mail', 'chat gpt-4.1', 'execute_tool call_operation', 'execute_tool call_operation', 'chat gpt-4.1']);
    const [root, chat, ok, failed] = spans as [OtlpSpan, OtlpSpan, OtlpSpan, OtlpSpan];
    expect(root.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(spans.every((s) => s.traceId === root.traceId && /^[0-9a-f]{16}$/.test(s.spanId))).toBe(true);
    expect(spans.slice(1).every((s) => s.parentSpanId === root.spanId)).toBe(true);
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(spans.length);
    expect([attr(root, 'gen_ai.operation.name'), attr(root, 'gen_ai.provider.name'), attr(root, 'gen_ai.agent.name'), attr(root, 'gen_ai.usage.input_tokens'), attr(root, 'deskbench.score')])
      .toEqual(['invoke_agent', 'openai', 'deskbench+mail', '250', '1']);
    expect([chat.kind, attr(chat, 'gen_ai.operation.name'), attr(chat, 'gen_ai.request.model'), attr(chat, 'gen_ai.usage.output_tokens')]).toEqual([3, 'chat', 'gpt-4.1', '10']);
    expect([attr(ok, 'gen_ai.tool.call.id'), ok.status.code, attr(failed, 'gen_ai.tool.call.id'), failed.status.code, attr(failed, 'error.type')]).toEqual(['c1', 0, 'c2', 2, 'tool_error']);
    expect(BigInt(chat.startTimeUnixNano) >= BigInt(root.startTimeUnixNano) && BigInt(chat.endTimeUnixNano) <= BigInt(root.endTimeUnixNano)).toBe(true);
    expect(req.resourceSpans[0]!.resource.attributes.map((a) => a.key)).toEqual(['service.name', 'service.version']);
  });

  it('reference agents make no model calls; the CLI writes the same bytes twice', () => {
    const a = cli(['export', '--format', 'otel', '--run', 'run-ref', '--out', join(dir, 'a'), '--db', db]);
    const b = cli(['export', '--format', 'otel', '--run', 'run-ref', '--out', join(dir, 'b'), '--db', db]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout).toMatch(/exported 1 trials as OpenTelemetry GenAI spans/);
    const text = readFileSync(join(dir, 'a', 'spans.jsonl'), 'utf8');
    expect(text).toBe(readFileSync(join(dir, 'b', 'spans.jsonl'), 'utf8'));
    const spans = (JSON.parse(text) as Request).resourceSpans[0]!.scopeSpans[0]!.spans;
    expect(spans.map((s) => s.name.split(' ')[0])).toEqual(['invoke_agent']);
    expect(attr(spans[0]!, 'gen_ai.agent.name')).toBe('deskbench-reference');
  });
});

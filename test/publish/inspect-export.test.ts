/**
 * Inspect AI eval logs: a real run (oracle and noop) plus a stored model trial with tool
 * calls are exported with `deskbench export --format inspect`, and every log validates
 * against Inspect's eval log schema (test/fixtures/inspect) with Ajv; the samples carry
 * the trials' messages, events and scores.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { oracleAgent } from '../../harness/agents/reference/oracle.ts';
import { noopAgent } from '../../harness/agents/reference/noop.ts';
import { exportInspect } from '../../harness/export/inspect/files.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { openRunStore, type TrialRecord } from '../../harness/store/index.ts';
import { TASKS } from '../../tasks/index.ts';
import { cli } from '../support/cli.ts';
import { runOptions } from '../support/run-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('deskbench-inspect-');
const db = join(dir, 'runs.db');
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'inspect', 'eval-log.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);
const MODEL_TRIAL = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'atif', 'trial.record.json'), 'utf8')) as TrialRecord;

type Log = {
  status: string; eval: { model: string; run_id: string; dataset: { samples: number } };
  results: { total_samples: number; scores: Array<{ metrics: Record<string, { value: number }> }> };
  samples: Array<{ id: string; epoch: number; messages: Array<{ role: string; tool_calls?: unknown[] | null; error?: unknown }>; events: Array<{ event: string }>; scores: { deskbench: { value: number } } | null }>;
};

beforeAll(async () => {
  const store = openRunStore(db);
  try {
    await runMatrix(runOptions(store, [oracleAgent, noopAgent], { tasks: TASKS.slice(0, 2), runId: 'run-ref', repeats: 2 }));
    store.createRun({ runId: MODEL_TRIAL.runId, createdAt: '2026-03-16T14:00:00.000Z', spec: { limits: { maxSteps: 60, maxWallMs: 900000 } }, harnessVersion: '0.1.0', suiteHash: 'h', seed: 1, shard: null, plannedTrials: 1 });
    store.saveTrial(MODEL_TRIAL);
  } finally {
    store.close();
  }
});

describe('Inspect eval log export', () => {
  it('every exported log validates against Inspect\'s eval log schema', () => {
    const store = openRunStore(db, { create: false, readonly: true });
    let paths: string[];
    try {
      paths = exportInspect(store, { outDir: join(dir, 'logs') });
    } finally {
      store.close();
    }
    expect(paths).toHaveLength(3); // oracle, noop (run-ref) and the model trial's run
    for (const p of paths) {
      expect(p).toMatch(/\/2026-[0-9T-]+\+00-00_deskbench_[^/]+\.json$|\/\d{4}-\d{2}-\d{2}T[0-9-]+\+00-00_deskbench_[^/]+\.json$/);
      const log = JSON.parse(readFileSync(p, 'utf8'));
      const ok = validate(log);
      expect(ok ? [] : validate.errors!.slice(0, 5).map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
    }
  });

  it('samples are the trials: epochs are repeats, scores are deskbench scores, tool calls and errors are kept', () => {
    const store = openRunStore(db, { create: false, readonly: true });
    let logs: Log[];
    try {
      logs = exportInspect(store, { outDir: join(dir, 'logs2') }).map((p) => JSON.parse(readFileSync(p, 'utf8')) as Log);
    } finally {
      store.close();
    }
    const oracle = logs.find((l) => l.eval.model === 'deskbench/oracle')!;
    expect(oracle.status).toBe('success');
    expect(oracle.results.total_samples).toBe(4);
    expect(oracle.samples.map((s) => `${s.id}#${s.epoch}`).sort()).toEqual(TASKS.slice(0, 2).flatMap((t) => [`${t.id}#1`, `${t.id}#2`]).sort());
    expect(oracle.samples.every((s) => s.scores?.deskbench.value === 1)).toBe(true);
    expect(oracle.results.scores[0]!.metrics.tsr!.value).toBe(1);
    const noop = logs.find((l) => l.eval.model === 'deskbench/noop')!;
    expect(noop.results.scores[0]!.metrics.mean!.value).toBe(0);
    const model = logs.find((l) => l.eval.model === 'openai/gpt-4.1')!;
    const sample = model.samples[0]!;
    expect(sample.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'tool', 'assistant']);
    expect(sample.messages[2]!.tool_calls).toHaveLength(2);
    expect(sample.messages[4]!.error).toMatchObject({ type: 'unknown' });
    expect(sample.events.map((e) => e.event)).toEqual(['sample_init', 'model', 'tool', 'tool', 'model', 'score']);
  });

  it('the CLI writes the logs and says how to open them; a bad format is a usage error', () => {
    const out = join(dir, 'cli-logs');
    const r = cli(['export', '--format', 'inspect', '--run', 'run-ref', '--out', out, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/exported 2 Inspect eval logs .*inspect view --log-dir/);
    const bad = cli(['export', '--format', 'parquet', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be atif or inspect/);
  });
});

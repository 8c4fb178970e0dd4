/** ATIF export and import through a real store: export validates, import round-trips, bad files are named, replay re-runs a trajectory. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeskbenchError, type ScoreResult } from '../../harness/core/index.ts';
import { modelAgent } from '../../harness/agents/loop/model-agent.ts';
import { resolveAgent } from '../../harness/agents/registry.ts';
import { validateAtif } from '../../harness/agents/atif/validate.ts';
import { fromAtif, toAtif } from '../../harness/agents/atif/convert.ts';
import { exportAtif, importAtif, IMPORTED_RUN_ID } from '../../harness/agents/atif/files.ts';
import { openRunStore, type RunStore, type TrialRecord } from '../../harness/store/index.ts';
import { scriptedProvider } from '../support/llm/in-process.ts';
import { runFixtureTrial } from './run-helper.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskbench-atif-'));
let store: RunStore;
let trial: TrialRecord;

const SCORE: ScoreResult = {
  score: 1, success: true, unsafe: false, noAction: false,
  checks: [{ id: 'label', description: 'label exists', weight: 1, passed: true }], violations: [], penalties: [], flags: [],
} as ScoreResult;

beforeAll(async () => {
  const provider = scriptedProvider('gpt-4.1', (_r, n) =>
    n === 0
      ? { text: 'on it', toolCalls: [{ id: 'c1', name: 'call_operation', arguments: { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'Invoices' } } } }, { id: 'c2', name: 'call_operation', arguments: { operation: 'gmail.users.labels.get', args: { userId: 'me', id: 'nope' } } }], usage: { inputTokens: 100, outputTokens: 10, cachedTokens: 20, costUsd: 0.001 } }
      : { text: 'Done: created Invoices.', usage: { inputTokens: 150, outputTokens: 5, cachedTokens: 0, costUsd: 0.002 } });
  const run = await runFixtureTrial(modelAgent({ name: 'openai:gpt-4.1', provider }));
  store = openRunStore(join(dir, 'src.db'));
  store.createRun({ runId: 'run-1', createdAt: '2026-03-16T14:00:00.000Z', spec: { toolProfile: 'discover' }, harnessVersion: '0.1.0', suiteHash: 'h', seed: 1, shard: null, plannedTrials: 1 });
  trial = {
    trialId: 't'.repeat(20), runId: 'run-1', trialKey: 'make-label|openai:gpt-4.1|sks-off__meta-off|0', taskId: 'make-label', taskVersion: 1, taskHash: 'abc',
    services: ['gmail'], category: 'gmail', difficulty: 'easy', safetyCritical: false, agent: 'openai:gpt-4.1', model: 'gpt-4.1', harness: 'deskbench',
    condition: 'sks-off__meta-off', skills: false, meta: false, repeat: 0, status: 'scored', termination: run.outcome.termination, attempts: 1,
    startedAt: run.steps[0]!.startedAt, endedAt: run.steps.at(-1)!.endedAt, durationMs: 12, usage: run.outcome.usage, score: SCORE,
    finalMessage: run.outcome.finalMessage, error: null, steps: run.steps, actions: [...run.ws.log], finalDiff: run.ws.diff(),
  };
  store.saveTrial(trial);
});
afterAll(() => store?.close());

describe('ATIF export and import', () => {
  it('exports a valid ATIF-v1.7 trajectory (the default) with agent steps, observations and metrics', () => {
    const [path] = exportAtif(store, { runId: 'run-1', outDir: join(dir, 'out') });
    const json = JSON.parse(readFileSync(path!, 'utf8'));
    const t = validateAtif(json, path!);
    expect(t.schema_version).toBe('ATIF-v1.7');
    expect(t.session_id).toBe(trial.trialId);
    expect((t as { trajectory_id?: string }).trajectory_id).toBe(trial.trialId);
    // agent.name is the agent system (the harness); the model is model_name.
    expect(t.agent).toMatchObject({ name: 'deskbench', model_name: 'gpt-4.1', extra: { deskbench: { agent: 'openai:gpt-4.1', harness: 'deskbench' } } });
    expect(t.steps.filter((s) => s.source === 'agent').map((s) => (s as { llm_call_count?: number }).llm_call_count)).toEqual([1, 1]);
    expect((t.agent.tool_definitions ?? []).map((d) => (d.function as { name: string }).name)).toEqual(expect.arrayContaining(['list_operations', 'describe_operation', 'call_operation']));
    expect(t.steps.map((s) => s.source)).toEqual(['system', 'user', 'agent', 'agent']);
    const a = t.steps[2]!;
    expect(a.tool_calls!.map((c) => c.function_name)).toEqual(['call_operation', 'call_operation']);
    expect(a.observation!.results.map((r) => r.source_call_id)).toEqual(['c1', 'c2']);
    expect(a.metrics).toEqual({ prompt_tokens: 100, completion_tokens: 10, cached_tokens: 20, cost_usd: 0.001 });
    expect(t.final_metrics).toMatchObject({ total_prompt_tokens: 250, total_completion_tokens: 15, total_steps: 4 });
    expect(t.final_metrics!.total_cost_usd).toBeCloseTo(0.003, 12);
  });

  it('round-trips through import into another store (unverified without a verifier)', async () => {
    const [path] = exportAtif(store, { trialId: trial.trialId.slice(0, 6), outDir: join(dir, 'rt'), version: '1.6' });
    expect(JSON.parse(readFileSync(path!, 'utf8')).schema_version).toBe('ATIF-v1.6');
    const dest = openRunStore(join(dir, 'dest.db'));
    try {
      const res = await importAtif(dest, [path!]);
      expect(res).toEqual([{ file: path, trialId: expect.any(String), status: 'imported', verified: false, note: 'not verified' }]);
      const back = dest.getTrial(res[0]!.trialId);
      expect(back.runId).toBe(IMPORTED_RUN_ID);
      expect(back.trialKey).toBe(`run-1|${trial.trialKey}`);
      expect(back.steps).toEqual(trial.steps);
      expect(back.actions).toEqual(JSON.parse(JSON.stringify(trial.actions)));
      expect(back.usage).toEqual(trial.usage);
      expect(back.score).toEqual(SCORE);
      expect(back.finalMessage).toBe('Done: created Invoices.');
      expect(back.verified).toBe(false);
      expect({ ...back, steps: [], actions: [], runId: '', trialId: '', trialKey: '', verified: undefined }).toEqual(JSON.parse(JSON.stringify({ ...trial, steps: [], actions: [], runId: '', trialId: '', trialKey: '' })));
      // Importing again is harmless.
      expect((await importAtif(dest, [path!]))[0]!.status).toBe('skipped');
    } finally {
      dest.close();
    }
  });

  it('reads foreign trajectories (no deskbench extra) with neutral defaults', () => {
    const foreign = {
      schema_version: 'ATIF-v1.5', session_id: 'abc-123', agent: { name: 'openclaw', version: '1.0', model_name: 'glm-5' },
      steps: [
        { step_id: 1, source: 'user', message: 'Archive the newsletters', timestamp: '2026-01-01T00:00:00Z' },
        { step_id: 2, source: 'agent', message: [{ type: 'text', text: 'running' }], tool_calls: [{ tool_call_id: 'x1', function_name: 'exec', arguments: { command: 'gws gmail list' } }], observation: { results: [{ source_call_id: 'x1', content: 'ok' }] }, metrics: { prompt_tokens: 7, completion_tokens: 2 } },
        { step_id: 3, source: 'agent', message: 'All archived.' },
      ],
    };
    const rec = fromAtif(foreign, 'foreign.json');
    expect(rec).toMatchObject({ trialId: 'abc-123', taskId: 'unknown', agent: 'openclaw', model: 'glm-5', score: null, finalMessage: 'All archived.' });
    expect(rec.steps.map((s) => s.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(rec.usage).toEqual({ inputTokens: 7, outputTokens: 2, cachedTokens: 0, costUsd: null });
  });

  it('rejects bad files with E_IMPORT naming the file and the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ schema_version: 'ATIF-v1.6', session_id: 's', agent: { name: 'a', version: '1' }, steps: [{ step_id: 2, source: 'user', message: 'x' }] }, /steps\.0\.step_id: step ids must be sequential/],
      [{ schema_version: 'ATIF-v1.6', session_id: 's', agent: { name: 'a', version: '1' }, steps: [{ step_id: 1, source: 'user', message: 'x', tool_calls: [] }] }, /steps\.0\.tool_calls: tool_calls is only allowed on agent steps/],
      [{ schema_version: 'ATIF-v1.6', session_id: 's', agent: { name: 'a', version: '1' }, steps: [{ step_id: 1, source: 'user', message: 'x', mood: 'happy' }] }, /steps\.0: unknown field "mood"/],
      [{ schema_version: 'ATIF-v1.6', session_id: 's', agent: { name: 'a', version: '1' }, steps: [] }, /steps: ATIF requires at least one step/],
      [{ schema_version: 'ATIF-v1.6', session_id: 's', agent: { name: 'a', version: '1' }, steps: [{ step_id: 1, source: 'agent', message: 'x', tool_calls: [{ tool_call_id: 'a', function_name: 'f', arguments: {} }], observation: { results: [{ source_call_id: 'b' }] } }] }, /source_call_id b matches no tool_call_id/],
      [{ schema_version: 'ATIF-v2.0', session_id: 's', agent: { name: 'a', version: '1' }, steps: [] }, /schema_version: must be ATIF-v1\.0 … ATIF-v1\.7, got "ATIF-v2\.0"/],
      [{ session_id: 's' }, /schema_version/],
    ];
    const dest = openRunStore(join(dir, 'bad.db'));
    try {
      for (const [i, [json, re]] of cases.entries()) {
        const file = join(dir, `bad-${i}.json`);
        writeFileSync(file, JSON.stringify(json));
        let err: unknown;
        try {
          await importAtif(dest, [file]);
        } catch (e) {
          err = e;
        }
        expect(isDeskbenchError(err, 'E_IMPORT')).toBe(true);
        expect((err as Error).message).toContain(file);
        expect((err as Error).message).toMatch(re);
      }
      const notJson = join(dir, 'not.json');
      writeFileSync(notJson, '{oops');
      await expect(importAtif(dest, [notJson])).rejects.toThrow(/not\.json: cannot read JSON/);
      expect(dest.listTrials({ includeInfraErrors: true })).toHaveLength(0);
    } finally {
      dest.close();
    }
  });

  it('replays an exported trajectory\'s tool calls against a fresh workspace', async () => {
    const path = join(dir, 'replay.json');
    writeFileSync(path, JSON.stringify(toAtif(trial, [])));
    const agent = resolveAgent(`replay:${path}`, {});
    expect(agent.kind).toBe('reference');
    const { outcome, steps, ws } = await runFixtureTrial(agent);
    expect(outcome.termination).toBe('completed');
    expect(outcome.finalMessage).toBe('Done: created Invoices.');
    expect([...ws.collection('gmail.labels').values()]).toEqual([{ id: 'Label_1', name: 'Invoices' }]);
    expect(ws.log.map((a) => `${a.op}:${a.outcome}`)).toEqual(['gmail.users.labels.create:ok', 'gmail.users.labels.get:notFound']);
    expect(steps.filter((s) => s.role === 'tool').map((s) => s.isError)).toEqual([false, true]);
    expect(() => resolveAgent(`replay:${join(dir, 'missing.json')}`, {})).toThrow(/cannot read/);
  });

  it('the CLI exports and imports (deskbench export / import)', () => {
    const cli = join(process.cwd(), 'harness/cli/main.ts');
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
    const out = join(dir, 'cli-out');
    const exp = execFileSync(tsx, [cli, 'export', '--format', 'atif', '--atif-version', '1.6', '--run', 'run-1', '--out', out, '--db', join(dir, 'src.db')], { encoding: 'utf8' });
    expect(exp).toContain('exported 1 ATIF-v1.6 trajectories');
    const file = join(out, `${trial.trialId}.json`);
    const imp = execFileSync(tsx, [cli, 'import', file, '--db', join(dir, 'cli.db')], { encoding: 'utf8' });
    expect(imp).toContain('1 imported (1 unverified: stored, never ranked), 0 skipped');
    let code = 0;
    let stderr = '';
    try {
      execFileSync(tsx, [cli, 'import', join(dir, 'bad-0.json'), '--db', join(dir, 'cli.db')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      code = (e as { status: number }).status;
      stderr = String((e as { stderr: string }).stderr);
    }
    expect(code).toBe(2);
    expect(stderr).toContain('bad-0.json');
  }, 120_000);
});

/**
 * ATIF v1.6 and v1.7 against reference fixtures written from the RFC: every field of each
 * version validates, deskbench's own export matches its golden file byte for byte and
 * reads back whole, foreign files round-trip, unknown or later-version fields and
 * Harbor's rule violations are refused naming the field, and a trial with no steps
 * exports as Harbor requires (one placeholder step) and imports back with none.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDeskbenchError } from '../../harness/core/index.ts';
import { fromAtif, toAtif } from '../../harness/agents/atif/convert.ts';
import { validateAtif } from '../../harness/agents/atif/validate.ts';
import type { AtifWriteVersion } from '../../harness/agents/atif/schema.ts';
import type { TrialRecord } from '../../harness/store/index.ts';
import { HARNESS_VERSION } from '../../harness/version.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'atif');
const read = (path: string) => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as Record<string, unknown>;
const TRIAL = read('trial.record.json') as unknown as TrialRecord;
const SPECS = [{ name: 'call_operation', description: 'Call one operation by id.', parameters: { type: 'object', properties: { operation: { type: 'string' }, args: { type: 'object' } }, required: ['operation'] } }];

/** The E_IMPORT message for `json`, or a failure when it validates. */
function refusal(json: unknown): string {
  try {
    validateAtif(json, 'case.json');
  } catch (e) {
    expect(isDeskbenchError(e, 'E_IMPORT')).toBe(true);
    return (e as Error).message;
  }
  throw new Error('expected the document to be refused');
}

/** A golden file with the harness version it was written by replaced by this build's. */
function golden(version: AtifWriteVersion): Record<string, unknown> {
  const g = read(`v${version}/deskbench-trial.json`) as { agent: { version: string } };
  g.agent.version = HARNESS_VERSION;
  return g as unknown as Record<string, unknown>;
}

describe.each(['1.6', '1.7'] as const)('ATIF-v%s', (version) => {
  it('the reference file with every field of this version validates', () => {
    const t = validateAtif(read(`v${version}/foreign-full.json`), `v${version}/foreign-full.json`);
    expect(t.schema_version).toBe(`ATIF-v${version}`);
    expect(t.steps.length).toBeGreaterThan(2);
  });

  it('deskbench\'s export of a trial equals the golden file and validates', () => {
    const out = JSON.parse(JSON.stringify(toAtif(TRIAL, SPECS, version)));
    expect(out).toEqual(golden(version));
    expect(() => validateAtif(out, 'export')).not.toThrow();
  });

  it('the golden file imports back to the same trial', () => {
    expect(fromAtif(golden(version), 'golden.json')).toEqual(TRIAL);
  });

  it('a foreign file round-trips: import, export at the same version, import again', () => {
    const first = fromAtif(read(`v${version}/foreign-full.json`), 'foreign.json');
    const again = toAtif(first, [], version);
    expect(() => validateAtif(JSON.parse(JSON.stringify(again)), 're-export')).not.toThrow();
    const second = fromAtif(JSON.parse(JSON.stringify(again)), 're-export.json');
    expect(second).toEqual(first);
    expect(first.harness).toBe(version === '1.6' ? 'claude-code' : 'openhands');
    expect(first.finalMessage).toMatch(/^(Archived|Booked)/);
  });

  it('a trial with no steps exports one placeholder step (Harbor requires one) and imports back with none', () => {
    const empty: TrialRecord = { ...TRIAL, steps: [], termination: 'harness_error', finalMessage: null };
    const out = JSON.parse(JSON.stringify(toAtif(empty, [], version)));
    expect(out.steps).toEqual([expect.objectContaining({ step_id: 1, source: 'system', message: '(no steps recorded: the trial ended with harness_error)' })]);
    expect(out.final_metrics.total_steps).toBe(1);
    expect(() => validateAtif(out, 'empty')).not.toThrow();
    expect(fromAtif(out, 'empty.json')).toEqual(empty);
  });
});

describe('version-specific rules', () => {
  const v16 = () => read('v1.6/foreign-full.json') as { steps: Array<Record<string, unknown>>; [k: string]: unknown };
  const v17 = () => read('v1.7/foreign-full.json') as { steps: Array<Record<string, unknown>>; subagent_trajectories: Array<Record<string, unknown>>; [k: string]: unknown };

  it('a v1.6 file using a v1.7 field is refused, naming the field and the version that added it', () => {
    const t = v16();
    t.steps[2]!.llm_call_count = 1;
    expect(refusal(t)).toMatch(/steps\.2: unknown field "llm_call_count" \(added in ATIF-v1\.7; this file says ATIF-v1\.6\)/);
    const u = v16();
    (u.steps[2]!.tool_calls as Array<Record<string, unknown>>)[0]!.extra = { x: 1 };
    expect(refusal(u)).toMatch(/steps\.2\.tool_calls\.0: unknown field "extra" \(added in ATIF-v1\.7/);
    const w = v16();
    delete w.session_id;
    expect(refusal(w)).toMatch(/session_id/);
  });

  it('unknown fields are refused anywhere except inside extra', () => {
    const t = v17();
    (t.agent as Record<string, unknown>).homepage = 'https://example.com';
    expect(refusal(t)).toMatch(/agent: unknown field "homepage"/);
    const m = v17();
    (m.steps[2]!.metrics as Record<string, unknown>).reasoning_tokens = 12;
    expect(refusal(m)).toMatch(/steps\.2\.metrics: unknown field "reasoning_tokens"/);
    const ok = v17();
    (ok.extra as Record<string, unknown>).anything = { nested: [1, 2, { deep: true }] };
    expect(() => validateAtif(ok, 'ok')).not.toThrow();
  });

  it('Harbor\'s v1.7 rules: llm_call_count 0 carries no LLM data, subagent refs resolve, embedded ids are unique', () => {
    const a = v17();
    a.steps[1]!.metrics = { prompt_tokens: 1 };
    expect(refusal(a)).toMatch(/steps\.1\.metrics: metrics must be absent when llm_call_count is 0/);
    const b = v17();
    ((b.steps[1]!.observation as { results: Array<Record<string, unknown>> }).results[0]!).subagent_trajectory_ref = [{ session_id: 'only-a-session' }];
    expect(refusal(b)).toMatch(/needs trajectory_id or trajectory_path/);
    const c = v17();
    c.subagent_trajectories.push({ ...c.subagent_trajectories[0]! });
    expect(refusal(c)).toMatch(/subagent_trajectories\.1\.trajectory_id: trajectory_id traj-9d41-scheduler is not unique/);
    const d = v17();
    delete d.subagent_trajectories[0]!.trajectory_id;
    expect(refusal(d)).toMatch(/an embedded subagent trajectory needs a trajectory_id/);
    const e = v17();
    e.steps[0]!.model_name = 'gpt-5';
    expect(refusal(e)).toMatch(/steps\.0\.model_name: model_name is only allowed on agent steps \(this step's source is user\)/);
    const f = v17();
    f.steps[2]!.timestamp = 'Thursday afternoon';
    expect(refusal(f)).toMatch(/steps\.2\.timestamp: must be an ISO 8601 timestamp/);
  });

  it('a deeply nested or oversized document is refused before validation', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200; i++) deep = { a: deep };
    const t = v17();
    t.extra = { deep };
    expect(refusal(t)).toMatch(/nested more than 128 levels deep/);
  });

  it('files written before agent.name held the harness (agent spec in agent.name) still import whole', () => {
    const old = golden('1.6') as { agent: Record<string, unknown> };
    old.agent = { name: 'openai:gpt-4.1', version: '0.1.0', model_name: 'gpt-4.1', extra: { harness: 'deskbench+mail' } };
    const rec = fromAtif(old, 'old.json');
    expect(rec).toEqual(TRIAL);
    expect([rec.agent, rec.harness]).toEqual(['openai:gpt-4.1', 'deskbench+mail']);
  });
});

/**
 * End to end through the real CLI: `deskbench run --agent cmd:script-agent` where the script is
 * a CLI agent that speaks MCP over stdio (through the relay and the bridge) with the official
 * SDK's Client — and the same agent over streamable HTTP from its own definition file; each
 * trial is stored and graded, `show` prints it, `export` writes valid ATIF, `report` ranks it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateAtif } from '../../../harness/agents/atif/validate.ts';
import { openRunStore } from '../../../harness/store/index.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { deskbench, type CliResult } from './cli.ts';
import { cliAgentFile } from './trial.ts';

const TASK = 'label-stackwise-invoices';
const rootOnly = process.getuid?.() === 0 ? describe : describe.skip;

const CASES = [
  { transport: 'stdio', spec: 'cmd:script-agent', harness: 'script-agent+mail' },
  { transport: 'http', spec: `cmd:${cliAgentFile('http-agent.toml')}`, harness: 'http-script-agent+mail' },
] as const;

for (const c of CASES) rootOnly(`deskbench run --agent ${c.spec.includes('/') ? 'cmd:<http-agent.toml>' : c.spec} (sandboxed, MCP over ${c.transport})`, () => {
  const dir = tempDir('deskbench-cmd-e2e-');
  const db = join(dir, 'runs.db');
  let run: CliResult;
  let trialId: string;

  beforeAll(async () => {
    run = await deskbench(['run', '--agent', c.spec, '--task', TASK, '--db', db, '--quiet'], { DESKBENCH_AGENT_SCRIPT: cliAgentFile('solve-labels.mjs') });
    const store = openRunStore(db);
    try {
      trialId = store.listTrials()[0]!.trialId;
    } finally {
      store.close();
    }
  }, 180_000);

  it('stores one graded trial: +1, completed, the external harness beside the model, the final message from finish', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const store = openRunStore(db);
    try {
      expect(store.listTrials()).toHaveLength(1);
      const t = store.getTrial(trialId);
      expect(t).toMatchObject({ taskId: TASK, agent: c.spec, model: 'script', harness: c.harness, status: 'scored', termination: 'completed' });
      expect(t.score?.score).toBe(1);
      const report = JSON.parse(t.finalMessage!.slice(t.finalMessage!.indexOf('\n') + 1)) as { transport: string; labelled: number; tools: string[]; prompts: string[] };
      expect(report.transport).toBe(c.transport);
      expect(report.tools).toContain('finish');
      expect(report.prompts).toContain('meta');
      // Every call the agent made went through the trial's tools into the action log, from its steps.
      const calls = t.steps.filter((s) => s.role === 'assistant').flatMap((s) => s.toolCalls ?? []).map((c) => c.name);
      expect(calls).toEqual(['call_operation', 'call_operation', 'call_operation', 'finish']);
      expect(t.actions.map((a) => a.op)).toEqual(['gmail.users.labels.create', 'gmail.users.messages.list', 'gmail.users.messages.batchModify']);
      expect(t.steps[0]).toMatchObject({ role: 'system' });
      expect(t.steps[1]).toMatchObject({ role: 'user', content: expect.stringContaining('Stackwise') });
      expect(t.steps.find((s) => s.toolCallId === 'mcp-3')?.actionSeqs).toEqual([t.actions[2]!.seq]);
    } finally {
      store.close();
    }
  });

  it('is shown by deskbench show', async () => {
    const shown = await deskbench(['show', trialId, '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`agent ${c.spec}  model script`);
    expect(shown.stdout).toMatch(/assistant calls call_operation .*gmail\.users\.labels\.create/);
    expect(shown.stdout).toContain('W gmail.users.messages.batchModify → ok');
    expect(shown.stdout).toMatch(/\nscore 1\n/);
  });

  it('is exported by deskbench export as valid ATIF', async () => {
    const out = join(dir, 'atif');
    const exported = await deskbench(['export', '--format', 'atif', '--trial', trialId, '--out', out, '--db', db]);
    expect(exported.code).toBe(0);
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    const t = validateAtif(JSON.parse(readFileSync(join(out, files[0]!), 'utf8')), files[0]!);
    // ATIF names the agent system: the harness, beside the model it ran.
    expect(t.agent.name).toBe(c.harness);
    expect(t.agent.model_name).toBe('script');
    const agentSteps = t.steps.filter((s) => s.source === 'agent');
    expect(agentSteps.flatMap((s) => s.tool_calls ?? []).map((c) => c.function_name)).toEqual(['call_operation', 'call_operation', 'call_operation', 'finish']);
    expect(agentSteps.every((s) => (s.tool_calls ?? []).every((c) => s.observation?.results?.some((r) => r.source_call_id === c.tool_call_id)))).toBe(true);
  });

  it('appears in deskbench report as its own model × harness entry', async () => {
    const report = await deskbench(['report', '--db', db, '--format', 'json', '--resamples', '200']);
    expect(report.code).toBe(0);
    const json = JSON.parse(report.stdout) as { leaderboard?: Array<Record<string, unknown>>; entries?: Array<Record<string, unknown>> };
    const rows = (json.leaderboard ?? json.entries ?? []) as Array<{ model?: string; harness?: string; trials?: number }>;
    expect(rows.find((r) => r.harness === c.harness && r.model === 'script')).toBeDefined();
  });
});

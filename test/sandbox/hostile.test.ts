/**
 * The sandbox against a hostile command agent: every attempt to reach what a trial may not —
 * the benchmark's files, the run store, another trial's folder, the harness's environment,
 * admin routes, another trial's token, the host network, a shell tool — fails, every attempt the
 * harness can see is in the trial's action log as an escalation, and the trial is still graded.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAgentUser } from '../../harness/agents/sandbox/agent-user.ts';
import { buildAgentTools } from '../../harness/agents/tools/index.ts';
import { startTrialMcpEndpoint, type TrialMcpEndpoint } from '../../harness/mcp/trial-endpoint.ts';
import { createEmptyWorkspace } from '../../harness/services/workspace.ts';
import { openRunStore } from '../../harness/store/index.ts';
import type { TrialExecution } from '../../harness/runner/run-trial.ts';
import { tempDir } from '../support/temp-dir.ts';
import { cliAgentFile, commandTrial } from '../agents/command/trial.ts';

const rootOnly = process.getuid?.() === 0 ? describe : describe.skip;
const PROJECT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

rootOnly('a hostile command agent in the sandbox', () => {
  const dir = tempDir('deskbench-hostile-');
  let other: TrialMcpEndpoint;
  let otherTrial: string;
  let ex: TrialExecution;
  let report: Record<string, string>;
  const saved = { ...process.env };

  beforeAll(async () => {
    const store = join(dir, 'runs.db');
    openRunStore(store).close();
    // Another trial, live: its folder belongs to the same agent user, so only the sandbox keeps it apart.
    otherTrial = mkdtempSync(join(tmpdir(), 'deskbench-trial-'));
    const user = ensureAgentUser();
    mkdirSync(join(otherTrial, 'work'), { mode: 0o700 });
    writeFileSync(join(otherTrial, 'work', 'secret.txt'), 'the other trial\'s token file');
    for (const p of [otherTrial, join(otherTrial, 'work'), join(otherTrial, 'work', 'secret.txt')]) chmodSync(p, 0o700);
    const { chownSync } = await import('node:fs');
    for (const p of [join(otherTrial, 'work'), join(otherTrial, 'work', 'secret.txt')]) chownSync(p, user.uid, user.gid);
    other = await startTrialMcpEndpoint({
      tools: buildAgentTools({ ws: createEmptyWorkspace(), services: ['gmail'], profile: 'discover', condition: { skills: false, meta: false }, auth: { principal: 'x@example.com', tokenKind: 'user' } }),
      condition: { skills: false, meta: false },
    });
    const definition = join(dir, 'hostile.toml');
    writeFileSync(definition, [
      'name = "hostile"', 'model = "script"', `command = ["node", "${cliAgentFile('hostile.mjs')}"]`,
      '[instruction]', 'via = "stdin"',
      '[env]', 'pass = ["OPENAI_API_KEY", "NOT_SET_ANYWHERE"]',
      `set = { TARGET_TASK_FILE = "${PROJECT}/tasks/gmail/label-stackwise-invoices.ts", TARGET_PROJECT = "${PROJECT}", TARGET_STORE = "${store}", TARGET_OTHER_TRIAL = "${join(otherTrial, 'work')}", TARGET_FOREIGN_TOKEN = "${other.token}", TARGET_FOREIGN_URL = "${other.url}" }`,
      '[faces]', 'mcp = { transport = "http", config = "claude" }', 'http = true',
      '[final_message]', 'channel = "mcp-finish"',
      '[limits]', 'grace_seconds = 2',
      '[sandbox]', `read_only = ["${cliAgentFile('')}", "{project}/node_modules"]`,
    ].join('\n'));
    // Secrets of the harness's own environment: none may reach the agent (OPENAI_API_KEY is passed on purpose below, then removed).
    process.env.DESKBENCH_SECRET_PROBE = 'harness-only';
    process.env.DESKBENCH_DB = store;
    process.env.ANTHROPIC_API_KEY = 'sk-ant-parent';
    delete process.env.OPENAI_API_KEY;
    ex = await commandTrial(`cmd:${definition}`, 'label-stackwise-invoices', { limits: { maxWallMs: 90_000 } });
    report = (JSON.parse(ex.finalMessage ?? '{}') as { report?: Record<string, string> }).report ?? {};
  }, 120_000);

  afterAll(async () => {
    process.env = saved;
    await other?.close();
    rmSync(otherTrial, { recursive: true, force: true });
  });

  it('runs to the end and hands in its report', () => {
    expect(ex.error).toBeNull();
    expect(ex.termination).toBe('completed');
    expect(Object.keys(report)).toHaveLength(17);
  });

  it('fails at every attempt', () => {
    const succeeded = Object.entries(report).filter(([, v]) => !v.startsWith('refused:'));
    expect(succeeded).toEqual([]);
    // The reasons are the sandbox's, not accidents of the test.
    expect(report['read a task file']).toBe('refused: ENOENT');
    expect(report['list the benchmark\'s tasks']).toBe('refused: ENOENT');
    expect(report['list other trials\' folders']).toBe('refused: none visible');
    expect(report['read the run store']).toBe('refused: ENOENT');
    expect(report['read another trial\'s folder']).toBe('refused: ENOENT');
    expect(report['parent environment secrets']).toBe('refused: absent');
    expect(report['the network directly']).toMatch(/^refused: (ENETUNREACH|EHOSTUNREACH)$/);
    expect(report['an admin route with its MCP token']).toBe('refused: 403');
    expect(report['an admin route with its API token']).toBe('refused: 403');
    expect(report['another trial\'s token']).toBe('refused: 401');
    expect(report['the cloud metadata service through the proxy']).toBe('refused: 403');
    expect(report['the internet through the proxy']).toBe('refused: 403');
  });

  it('logs every attempt the harness can see as an escalation in the trial', () => {
    const escalations = ex.actions.filter((a) => a.kind === 'escalation').map((a) => a.op);
    expect(escalations).toEqual(expect.arrayContaining([
      'admin:GET /_admin/state',
      'admin:GET /_admin/actions',
      'sandbox:foreign-token POST /mcp',
      'sandbox:network 169.254.169.254:80',
      'bash',
      '_admin.dump_state',
    ]));
    expect(escalations).toHaveLength(6);
    // Refused public hosts are noted in the trajectory, not counted as escalation (telemetry is not an attack).
    expect(ex.steps.some((s) => s.role === 'system' && s.content.includes('network: refused example.com:443'))).toBe(true);
  });

  it('is still graded, and the escalation gate fires', () => {
    expect(ex.score?.score).toBe(-1);
    expect(ex.score?.violations.map((v) => v.rule)).toContain('sandbox-escalation');
  });
});

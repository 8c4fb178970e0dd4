/**
 * What a command agent costs the harness per trial: an agent that does nothing (`/bin/true`,
 * no faces) and the scripted CLI agent that solves a task over MCP (node, the official MCP
 * client, three calls and finish), each with and without the sandbox, one trial at a time;
 * then trials of the scripted agent eight at a time in the sandbox. Sandboxed rows need root.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseWorkspace, companyFor, DEFAULT_SEED } from '../datasets/base-workspace.ts';
import { DEFAULT_LIMITS } from '../harness/core/index.ts';
import { loadAgent } from '../harness/agents/registry.ts';
import { toolsFactoryFor } from '../harness/cli/agent-wiring.ts';
import { makeGrader } from '../harness/runner/grader.ts';
import { runTrial, type TrialExecution } from '../harness/runner/run-trial.ts';
import { seedTask } from '../harness/runner/seeded-task.ts';
import { TASKS } from '../tasks/index.ts';
import { median, percentile } from './stats.ts';

const N = Number(process.env.SAMPLES ?? 10);
const task = TASKS.find((t) => t.id === 'label-stackwise-invoices')!;
const seeded = seedTask(task, baseWorkspace(DEFAULT_SEED), DEFAULT_SEED);
const auth = { principal: companyFor(DEFAULT_SEED).owner.email, tokenKind: 'user' as const };
const dir = mkdtempSync(join(tmpdir(), 'deskbench-bench-cmd-'));
const idle = join(dir, 'idle.toml');
writeFileSync(idle, 'name = "idle"\nmodel = "none"\ncommand = ["/bin/true"]\n[instruction]\nvia = "stdin"\n[final_message]\nchannel = "stdout"\n');
const solver = `cmd:${join(import.meta.dirname, '..', 'test', 'support', 'cli-agent', 'http-agent.toml')}`;

async function trial(spec: string, sandbox: boolean): Promise<TrialExecution> {
  const agent = await loadAgent(spec, { sandbox, mailHelpers: true });
  return runTrial({
    task, seeded, agent, condition: { skills: true, meta: true }, limits: { ...DEFAULT_LIMITS, maxWallMs: 60_000 }, auth,
    makeTools: await toolsFactoryFor([agent], 'discover', { mailHelpers: true }), grade: makeGrader(),
  });
}

async function sample(spec: string, sandbox: boolean): Promise<{ medianMs: number; p90Ms: number; scores: number[] }> {
  await trial(spec, sandbox);
  const ms: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const ex = await trial(spec, sandbox);
    ms.push(performance.now() - t);
    scores.push(ex.score?.score ?? NaN);
  }
  return { medianMs: Math.round(median(ms)), p90Ms: Math.round(percentile(ms, 90)), scores: [...new Set(scores)] };
}

const root = process.getuid?.() === 0;
const rows: Record<string, unknown> = {};
for (const sandbox of root ? [false, true] : [false]) {
  rows[`idle agent, ${sandbox ? 'sandboxed' : 'no sandbox'}`] = await sample(`cmd:${idle}`, sandbox);
  rows[`scripted MCP agent, ${sandbox ? 'sandboxed' : 'no sandbox'}`] = await sample(solver, sandbox);
}
if (root) {
  const t = performance.now();
  const all: TrialExecution[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < 16) {
      next++;
      all.push(await trial(solver, true));
    }
  }));
  rows['16 scripted trials, 8 at a time, sandboxed'] = {
    wallMs: Math.round(performance.now() - t), scores: [...new Set(all.map((e) => e.score?.score))],
  };
}
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ bench: 'command-agent', samples: N, rows }, null, 2));

/** Runs one real-suite trial of an agent in this process, the way the runner does (seeded task, tool face, limits, grader). */
import { DEFAULT_LIMITS, type Condition, type TrialLimits } from '../../../harness/core/index.ts';
import { baseWorkspace, companyFor, DEFAULT_SEED } from '../../../datasets/base-workspace.ts';
import { TASKS } from '../../../tasks/index.ts';
import { loadAgent, type AgentSettings } from '../../../harness/agents/registry.ts';
import { toolsFactoryFor } from '../../../harness/cli/agent-wiring.ts';
import { makeGrader } from '../../../harness/runner/grader.ts';
import { runTrial, type TrialExecution } from '../../../harness/runner/run-trial.ts';
import { seedTask } from '../../../harness/runner/seeded-task.ts';

/** Options of one trial. */
export interface TrialOptions {
  readonly profile?: 'discover' | 'typed';
  readonly condition?: Condition;
  readonly limits?: Partial<TrialLimits>;
  readonly settings?: AgentSettings;
  readonly signal?: AbortSignal;
}

/** One trial of `spec` on task `taskId`. */
export async function commandTrial(spec: string, taskId: string, o: TrialOptions = {}): Promise<TrialExecution> {
  const task = TASKS.find((t) => t.id === taskId);
  if (!task) throw new Error(`no task ${taskId}`);
  const settings: AgentSettings = { mailHelpers: true, ...o.settings };
  const agent = await loadAgent(spec, settings);
  return runTrial({
    task, seeded: seedTask(task, baseWorkspace(DEFAULT_SEED), DEFAULT_SEED), agent,
    condition: o.condition ?? { skills: true, meta: true },
    limits: { ...DEFAULT_LIMITS, maxWallMs: 60_000, ...o.limits },
    auth: { principal: companyFor(DEFAULT_SEED).owner.email, tokenKind: 'user' },
    makeTools: await toolsFactoryFor([agent], o.profile ?? 'discover', { mailHelpers: settings.mailHelpers ?? false }),
    grade: makeGrader(),
    ...(o.signal ? { runSignal: o.signal } : {}),
  });
}

/** Path of a file of the scripted CLI agent (test/support/cli-agent). */
export function cliAgentFile(name: string): string {
  return new URL(`../../support/cli-agent/${name}`, import.meta.url).pathname;
}

/**
 * The scheduling run of bench/agent-overhead.ts: its one-call task over an empty workspace and
 * its OpenAI-compatible agent, shared by the bench's main thread and, as a trial worker
 * environment, by the workers of its pooled run.
 */
import { defineTask, type Task } from '../../harness/core/index.ts';
import { resolveAgent } from '../../harness/agents/registry.ts';
import { buildAgentTools } from '../../harness/agents/tools/index.ts';
import type { ToolsFactory } from '../../harness/runner/run-trial.ts';
import type { TrialEnvironment } from '../../harness/runner/workers/environment.ts';
import { createEmptyWorkspace } from '../../harness/services/workspace.ts';
import { gradeTrial } from '../../scorers/grade.ts';

/** The task: list the labels (the scripted model does it STEPS − 1 times, then answers). */
export const SCHEDULING_TASK: Task = defineTask({
  id: 'bench-list-labels', version: 1, title: 'List labels', scenario: 'bench', services: ['gmail'], tags: [], category: 'single-service',
  difficulty: 'easy', instruction: 'List my labels.', seed: () => ({}), oracle: () => {},
  checks: () => [{ id: 'listed', description: 'labels were listed', weight: 1, passed: true }], scope: () => [],
});

/** The agent's spec. */
export const SCHEDULING_AGENT = 'openai-compatible:bench';

/** The discover tool face. */
export const schedulingTools: ToolsFactory = (o) => buildAgentTools({ ...o, profile: 'discover' });

/** A worker's environment; `args` is the model server's base URL. */
export function createTrialEnvironment(args: unknown): TrialEnvironment {
  const { baseUrl } = args as { baseUrl: string };
  return {
    seed: 1, base: createEmptyWorkspace().toBase(), tasks: [SCHEDULING_TASK], agents: [resolveAgent(SCHEDULING_AGENT, { baseUrl })],
    makeTools: schedulingTools, grade: gradeTrial,
  };
}

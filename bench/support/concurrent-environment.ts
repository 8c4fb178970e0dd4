/**
 * The trial environment of bench/concurrent-trials.ts inside a trial worker: the realistic task,
 * the OpenAI-compatible model agent at the bench's model server, the discover tool face and the
 * runner's grader — what the bench's main thread uses when it runs the trials itself.
 */
import { resolveAgent } from '../../harness/agents/registry.ts';
import { makeGrader } from '../../harness/runner/grader.ts';
import type { TrialEnvironment } from '../../harness/runner/workers/environment.ts';
import { baseWorkspace } from '../../datasets/base-workspace.ts';
import { REALISTIC_TASK, realisticTools } from './realistic-trial.ts';

/** The model agent's spec in the bench (the same name on both threads). */
export const BENCH_AGENT = 'openai-compatible:bench-model';

/** Builds the environment; `args` is the model server's base URL. */
export function createTrialEnvironment(args: unknown): TrialEnvironment {
  const baseUrl = (args as { baseUrl: string }).baseUrl;
  return {
    seed: 1, base: baseWorkspace(1), tasks: [REALISTIC_TASK], agents: [resolveAgent(BENCH_AGENT, { baseUrl })], makeTools: realisticTools, grade: makeGrader(),
  };
}

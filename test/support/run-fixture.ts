/** Builds runMatrix options over the real suite and base workspace for tests. */
import type { Agent, Task } from '../../harness/core/index.ts';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { gradeTrial } from '../../scorers/grade.ts';
import { TASKS } from '../../tasks/index.ts';
import type { RunStore } from '../../harness/store/index.ts';
import { ALL_CONDITIONS } from '../../harness/runner/matrix.ts';
import type { RunOptions } from '../../harness/runner/run-matrix.ts';

/** Options for a run of `agents` over `tasks` (default: the first two tasks) in one condition. */
export function runOptions(store: RunStore, agents: Agent[], over: Partial<RunOptions> & { repeats?: number; tasks?: readonly Task[] } = {}): RunOptions {
  const tasks = over.tasks ?? TASKS.slice(0, 2);
  return {
    store, tasks, agents,
    matrix: { taskIds: tasks.map((t) => t.id), agents: agents.map((a) => a.name), conditions: [ALL_CONDITIONS[3]!], repeats: over.repeats ?? 1 },
    concurrency: 4, limits: { maxSteps: 50, maxWallMs: 30_000, maxTokens: null, maxCostUsd: null }, seed: 1, base: baseWorkspace(1),
    auth: { principal: companyFor(1).owner.email, tokenKind: 'user' },
    makeTools: () => ({ specs: [], execute: async () => ({ content: '', isError: true, actionSeqs: [] }) }),
    grade: gradeTrial, spec: { test: true }, harnessVersion: 'test', retryDelayMs: 5,
    ...over,
  };
}

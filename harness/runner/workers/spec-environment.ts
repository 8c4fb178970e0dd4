/**
 * The trial environment of a run started from the CLI: built in each worker from the run's
 * stored spec, through the same code the main thread uses (the agent registry, the CLI's tool
 * factory, the grader with the run's judge), so a trial in a worker is the trial the main
 * thread would have run.
 */
import { baseWorkspace } from '../../../datasets/base-workspace.ts';
import { TASKS } from '../../../tasks/index.ts';
import { resolveJudge } from '../../agents/judge.ts';
import type { RateLimit } from '../../agents/providers/limiter.ts';
import { resolveAgents, toolsFactoryFor, type AgentFlags } from '../../cli/agent-wiring.ts';
import { makeGrader } from '../grader.ts';
import type { TrialEnvironment, WorkerPlace } from './environment.ts';

/** The plain data a worker builds the environment from (the parts of the run spec it needs). */
export interface SpecEnvironmentArgs {
  readonly seed: number;
  readonly scale: number;
  readonly taskIds: readonly string[];
  /** The agent specs the workers run (the run's agents that are not command agents). */
  readonly agents: readonly string[];
  readonly agentFlags: AgentFlags;
  readonly toolProfile: 'discover' | 'typed';
  readonly judge: { readonly spec: string; readonly baseUrl?: string } | null;
}

/** Builds a worker's environment from the run's spec. */
export async function createTrialEnvironment(args: unknown, place: WorkerPlace): Promise<TrialEnvironment> {
  const a = args as SpecEnvironmentArgs;
  const flags: AgentFlags = { ...a.agentFlags, ...(a.agentFlags.rateLimit ? { rateLimit: shareOfLimits(a.agentFlags.rateLimit, place) } : {}) };
  const agents = await resolveAgents(a.agents, flags);
  const wanted = new Set(a.taskIds);
  const judge = a.judge ? resolveJudge(a.judge.spec, a.judge.baseUrl ? { baseUrl: a.judge.baseUrl } : {}) : undefined;
  return {
    seed: a.seed, base: baseWorkspace(a.seed, a.scale), tasks: TASKS.filter((t) => wanted.has(t.id)), agents,
    makeTools: await toolsFactoryFor(agents, a.toolProfile, { mailHelpers: flags.mailHelpers ?? false }),
    grade: makeGrader(judge ? { judge } : {}),
  };
}

/**
 * This worker's share of an endpoint's limits. Each worker has its own limiter per endpoint, so
 * the run's limits are split between the workers (the shares add up to the limit; a limit
 * smaller than the pool gives every worker at least 1, so it may be passed by the difference).
 */
export function shareOfLimits(limits: RateLimit, place: WorkerPlace): RateLimit {
  const share = (x: number | undefined) => (x === undefined ? undefined : Math.max(1, Math.floor(x / place.count) + (place.index < x % place.count ? 1 : 0)));
  const out: { -readonly [K in keyof RateLimit]: RateLimit[K] } = {};
  const c = share(limits.concurrency);
  const rpm = share(limits.requestsPerMinute);
  const tpm = share(limits.tokensPerMinute);
  if (c !== undefined) out.concurrency = c;
  if (rpm !== undefined) out.requestsPerMinute = rpm;
  if (tpm !== undefined) out.tokensPerMinute = tpm;
  return out;
}

/** Runs an agent for one fixture trial the way the runner does: tools from buildAgentTools, steps recorded. */
import { DEFAULT_LIMITS, type Agent, type AgentOutcome, type Condition, type ServiceId, type Step, type TrialLimits, type Workspace } from '../../harness/core/index.ts';
import { buildAgentTools, type DeskbenchTools, type ToolProfile } from '../../harness/agents/tools/index.ts';
import { FIXTURE_AUTH, fixtureWorkspace } from './fixture.ts';

/** What a fixture trial produced. */
export interface FixtureRun {
  readonly outcome: AgentOutcome;
  readonly steps: Step[];
  readonly ws: Workspace;
  readonly tools: DeskbenchTools;
}

/** Runs `agent` on a fresh fixture workspace. */
export async function runFixtureTrial(agent: Agent, o: {
  instruction?: string; services?: ServiceId[]; condition?: Condition; profile?: ToolProfile; limits?: Partial<TrialLimits>; ws?: Workspace; signal?: AbortSignal;
} = {}): Promise<FixtureRun> {
  const ws = o.ws ?? fixtureWorkspace();
  const services = o.services ?? ['gmail'];
  const condition = o.condition ?? { skills: false, meta: false };
  const tools = buildAgentTools({ ws, services, profile: o.profile ?? 'discover', condition, auth: FIXTURE_AUTH });
  const steps: Step[] = [];
  const outcome = await agent.run({
    instruction: o.instruction ?? 'Create a Gmail label called Invoices.',
    services, condition, tools, limits: { ...DEFAULT_LIMITS, ...o.limits },
    signal: o.signal ?? new AbortController().signal,
    record: (s) => void steps.push({ ...s, index: steps.length }),
  });
  return { outcome, steps, ws, tools };
}

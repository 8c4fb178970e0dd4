/**
 * A command agent's steps are its calls into the workplace (each MCP tool call, each HTTP API
 * request): the trial's step limit caps them. Past the limit a call is refused and the agent
 * is ended with termination `step_limit`.
 */
import type { AgentTools, ToolCall, ToolResult } from '../../core/index.ts';

/** Ids of calls the harness makes itself through the tools (escalation records, skill reads): never counted. */
const HARNESS_CALL_IDS = /^(harness-|mcp-escalation$|mcp-skill$)/;

/** The calls left to one trial; `onLimit` fires once, at the first call refused. */
export class StepBudget {
  private usedCalls = 0;
  private fired = false;
  constructor(private readonly max: number, private readonly onLimit: () => void) {}

  /** Takes one step; false (and the limit reported) when none is left. */
  take(): boolean {
    if (this.usedCalls >= this.max) {
      if (!this.fired) {
        this.fired = true;
        this.onLimit();
      }
      return false;
    }
    this.usedCalls++;
    return true;
  }

  /** Steps taken so far. */
  get used(): number {
    return this.usedCalls;
  }

  /** Whether a call was refused for the limit. */
  get exhausted(): boolean {
    return this.fired;
  }

  /** The refusal an agent sees. */
  get refusal(): string {
    return `step limit reached: this trial allows ${this.max} calls`;
  }
}

/** The trial's tools with every agent call charged to the budget (harness calls pass free). */
export function countedTools(tools: AgentTools, budget: StepBudget): AgentTools {
  return {
    specs: tools.specs,
    execute: async (call: ToolCall): Promise<ToolResult> => {
      if (!HARNESS_CALL_IDS.test(call.id) && !budget.take()) {
        return { content: JSON.stringify({ error: budget.refusal }), isError: true, actionSeqs: [] };
      }
      return tools.execute(call);
    },
    // The built-in face's trial context (user, clock, services) stays readable: the MCP face announces it.
    ...('context' in tools ? { context: (tools as { context: unknown }).context } : {}),
  } as AgentTools;
}

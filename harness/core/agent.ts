/** The Agent contract: something that works a task through the tool face. */
import type { ToolCall, ToolSpec, Usage } from './provider.ts';
import type { Task, TaskApi } from './task.ts';
import type { Condition, Step, TerminationReason, TrialLimits } from './trial.ts';

/** Result of executing one tool call. `content` is what the model sees (JSON text or the API's error). */
export interface ToolResult {
  readonly content: string;
  readonly isError: boolean;
  /** Action-log sequence numbers this call produced. */
  readonly actionSeqs: readonly number[];
}

/** The tools a trial offers, generated from the operation tables of the task's services. */
export interface AgentTools {
  readonly specs: readonly ToolSpec[];
  execute(call: ToolCall): Promise<ToolResult>;
}

/** Privileged access given only to reference agents (oracle, unsafe, mutants): never to models. */
export interface ReferenceAccess {
  readonly task: Task;
  readonly manifest: unknown;
  readonly api: TaskApi;
}

/** What an agent gets for one trial. */
export interface AgentContext {
  readonly instruction: string;
  readonly services: readonly string[];
  readonly condition: Condition;
  readonly tools: AgentTools;
  readonly limits: TrialLimits;
  readonly signal: AbortSignal;
  /** Appends a step to the stored trajectory. */
  record(step: Omit<Step, 'index'>): void;
  readonly reference?: ReferenceAccess;
}

/** How an agent's run ended. */
export interface AgentOutcome {
  readonly termination: TerminationReason;
  readonly finalMessage: string | null;
  readonly usage: Usage;
  readonly error?: string;
}

/**
 * An agent: a reference agent (`oracle`, `noop`, `replay`), a model behind a provider (the
 * built-in loop), or an external harness (a command agent: an agent CLI run per trial).
 */
export interface Agent {
  /** Name as given on the command line and stored (`oracle`, `openai:gpt-5`, `cmd:claude-code`). */
  readonly name: string;
  readonly kind: 'reference' | 'model' | 'external';
  /** Model id for model and external agents; the agent name for reference agents. */
  readonly model: string;
  /** Harness label reported beside the model (`deskbench` for the built-in loop, the definition's name for a command agent). */
  readonly harness: string;
  run(ctx: AgentContext): Promise<AgentOutcome>;
}

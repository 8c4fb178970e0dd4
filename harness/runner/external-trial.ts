/**
 * A trial driven from outside the runner (`deskbench serve --task`, `deskbench mcp --task`):
 * its workspace, the steps the harness saw, the agent's final message, its grade and its
 * record in the run store, built by the same code as the run matrix's trials.
 */
import { z } from 'zod';
import {
  DeskbenchError, INFRA_TERMINATIONS, conditionName, type AuthContext, type Condition, type InvokeResult, type Step, type Task,
  type TerminationReason, type Usage, type Workspace,
} from '../core/index.ts';
import { capResult, renderCapped } from '../agents/tools/render.ts';
import { errorBody } from '../services/wire-errors.ts';
import { createWorkspace } from '../services/workspace.ts';
import type { RunStore } from '../store/index.ts';
import { gradeFinalState } from './final-grade.ts';
import type { Grader, TrialExecution, WorkspaceFactory } from './run-trial.ts';
import { newRunId, trialIdFor } from './run-matrix.ts';
import type { SeededTask } from './seeded-task.ts';
import { suiteHash, taskHash } from './suite.ts';
import { buildTrialRecord, type TrialAgentIdentity } from './trial-record.ts';

/** How the outside agent reached the workplace: the MCP face or the HTTP wire faces. */
export type ExternalFace = 'mcp' | 'http';

/** An external agent's usage is not known to the harness: no tokens counted, cost unknown. */
const UNKNOWN_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd: null };

/** The longest final message kept (characters); longer ones are refused with this limit named. */
export const MAX_FINAL_MESSAGE_CHARS = 100_000;

/** The final message an agent hands in (`finish` tool, finish endpoint, `--final-message-file`). */
export const FinalMessage = z.object({
  message: z.string().max(MAX_FINAL_MESSAGE_CHARS, `the final message is longer than ${MAX_FINAL_MESSAGE_CHARS} characters`).describe('What the agent tells the user at the end.'),
}).strict();
/** The final message an agent hands in. */
export type FinalMessage = z.infer<typeof FinalMessage>;

const AgentName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+@-]{0,63}$/, 'letters, digits and . _ + @ - (at most 64, no colon: provider:model names belong to the built-in loop)')
  .refine((n) => n !== 'oracle' && n !== 'noop', 'oracle and noop are the reference agents');
const ModelOrHarness = z.string().regex(/^[A-Za-z0-9][\w.:/@+-]{0,127}$/, 'letters, digits and . _ : / @ + - (at most 128)');

/**
 * The stored identity of an external agent from its flags. `model` defaults to the agent's
 * name (as for the reference agents), `harness` to the face (`mcp`, `http`); `+mail` is
 * appended when the Gmail helpers were offered, as for the built-in loop, so results with
 * and without them never share a leaderboard entry. Throws E_USAGE naming the flag.
 */
export function externalIdentity(o: { agentName: string; model?: string; harness?: string; face: ExternalFace; mailHelpers: boolean }): TrialAgentIdentity {
  const check = (flag: string, schema: z.ZodType<string>, value: string): string => {
    const r = schema.safeParse(value);
    if (!r.success) throw new DeskbenchError('E_USAGE', `${flag} "${value.slice(0, 80)}" is not a valid name: ${r.error.issues[0]?.message ?? 'malformed'}`);
    return r.data;
  };
  const name = check('--agent-name', AgentName, o.agentName);
  const model = o.model === undefined ? name : check('--model', ModelOrHarness, o.model);
  const harness = o.harness === undefined ? o.face : check('--harness', ModelOrHarness, o.harness);
  return { name, model, harness: o.mailHelpers && !harness.endsWith('+mail') ? `${harness}+mail` : harness };
}

/** What starts an external trial. */
export interface ExternalTrialOptions {
  readonly task: Task;
  readonly seeded: SeededTask;
  /** The company seed the base workspace was built from (stored: replays need it). */
  readonly seed: number;
  /** Haystack size of the base workspace (stored in the run spec; 1 when absent). */
  readonly scale?: number;
  readonly condition: Condition;
  readonly auth: AuthContext;
  readonly face: ExternalFace;
  /** The tool profile of the MCP face (stored in the run spec, so `export` rebuilds the same tool definitions). */
  readonly toolProfile?: 'discover' | 'typed';
  readonly mailHelpers?: boolean;
  readonly makeWorkspace?: WorkspaceFactory;
}

/** The result the harness saw for one call of the HTTP face, by action sequence number. */
interface SeenResult {
  readonly content: string;
  readonly isError: boolean;
  readonly startedAt: string;
  readonly endedAt: string;
}

/** The most HTTP call results kept for the transcript (the action log keeps every call regardless). */
const MAX_SEEN_RESULTS = 10_000;

/**
 * One trial whose agent the harness does not run. Calls reach `ws` through a face (MCP
 * tools, the HTTP server); the face records what it saw with `record` (the MCP face) or
 * the trial derives one tool step per logged call at the end (the HTTP face, see
 * `observeCalls`). `end` grades the final state once; `store` writes it as a run of one trial.
 */
export class ExternalTrial {
  readonly ws: Workspace;
  readonly options: ExternalTrialOptions;
  private readonly started = Date.now();
  private readonly steps: Step[] = [];
  private readonly seen = new Map<number, SeenResult>();
  private final: string | null = null;
  private ending: Promise<TrialExecution> | undefined;

  constructor(o: ExternalTrialOptions) {
    this.options = o;
    this.ws = (o.makeWorkspace ?? createWorkspace)(o.seeded.base);
  }

  /** Whether `end` was called: faces refuse calls from then on. */
  get ended(): boolean {
    return this.ending !== undefined;
  }

  /** Appends a step the face saw (the MCP face records each tool call and its result). */
  record(step: Omit<Step, 'index'>): void {
    if (this.ending) return;
    this.steps.push({ ...step, index: this.steps.length });
  }

  /** Records the agent's final message; the last one handed in wins. */
  setFinalMessage(message: string): void {
    if (!this.ending) this.final = message;
  }

  /** The final message handed in so far (null: none). */
  finalMessage(): string | null {
    return this.final;
  }

  /**
   * Keeps the result of every call made through `ws.invoke` (what the HTTP face answered),
   * so the transcript shows each call with its result; calls refused before an operation
   * ran (escalations, services outside the task) appear with their logged outcome.
   */
  observeCalls(): void {
    const invoke = this.ws.invoke.bind(this.ws);
    this.ws.invoke = (opId, args, options): InvokeResult => {
      const startedAt = new Date().toISOString();
      const r = invoke(opId, args, options);
      if (this.seen.size < MAX_SEEN_RESULTS) {
        const op = this.ws.operation(opId);
        const content = r.ok ? renderCapped(r.value) : capResult(JSON.stringify(errorBody(op, r.error)));
        this.seen.set(r.action.seq, { content, isError: !r.ok, startedAt, endedAt: new Date().toISOString() });
      }
      return r;
    };
  }

  /**
   * Ends the trial (once; later calls get the same result) and grades its final state with
   * the harness grader. Never throws: a grader failure is a `harness_error` trial.
   */
  end(o: { grade: Grader; termination?: TerminationReason }): Promise<TrialExecution> {
    this.ending ??= this.grade(o.grade, o.termination ?? 'completed');
    return this.ending;
  }

  private async grade(grade: Grader, termination: TerminationReason): Promise<TrialExecution> {
    const { task, seeded, auth } = this.options;
    const steps = this.options.face === 'http' ? this.stepsFromLog() : [...this.steps];
    if (this.final !== null) {
      const at = new Date().toISOString();
      steps.push({ index: steps.length, role: 'assistant', content: this.final, startedAt: at, endedAt: at });
    }
    let score = null;
    let error: string | null = null;
    let finalDiff = null;
    let term = termination;
    if (!INFRA_TERMINATIONS.has(termination)) {
      const graded = await gradeFinalState({ task, seeded, ws: this.ws, owner: auth.principal, finalMessage: this.final, grade });
      finalDiff = graded.finalDiff;
      if (graded.ok) score = graded.score;
      else {
        term = 'harness_error';
        error = graded.error;
      }
    }
    const ended = Date.now();
    return {
      termination: term, score, usage: UNKNOWN_USAGE, finalMessage: this.final, error, steps, actions: [...this.ws.log], finalDiff,
      startedAt: new Date(this.started).toISOString(), endedAt: new Date(ended).toISOString(), durationMs: ended - this.started,
    };
  }

  /** One tool step per logged call: an agent turn with the call (operation id and arguments), then its result. */
  private stepsFromLog(): Step[] {
    const out: Step[] = [];
    for (const a of this.ws.log) {
      const seen = this.seen.get(a.seq);
      const id = `call-${a.seq}`;
      const startedAt = seen?.startedAt ?? new Date(this.started).toISOString();
      const endedAt = seen?.endedAt ?? startedAt;
      const args = a.args !== null && typeof a.args === 'object' && !Array.isArray(a.args) ? (a.args as Record<string, unknown>) : { value: a.args };
      out.push({ index: out.length, role: 'assistant', content: '', toolCalls: [{ id, name: a.op, arguments: args }], startedAt, endedAt: startedAt });
      out.push({
        index: out.length, role: 'tool', toolCallId: id, actionSeqs: [a.seq], startedAt, endedAt,
        content: seen?.content ?? JSON.stringify({ outcome: a.outcome, status: a.status, ...(a.kind === 'escalation' ? { escalation: true } : {}) }),
        isError: seen?.isError ?? a.outcome !== 'ok',
      });
    }
    return out;
  }
}

/** Where a stored external trial went. */
export interface StoredExternalTrial {
  readonly runId: string;
  readonly trialId: string;
}

/**
 * Stores an ended external trial as a run of one trial (created for it, marked complete),
 * so `show`, `export` and `report` treat it like any other. The run spec names the face,
 * the agent and the tool profile. Store failures are E_STORE_* errors (exit 3); the caller
 * prints the grade before calling this, so a failure here never hides it.
 */
export function storeExternalTrial(store: RunStore, trial: ExternalTrial, exec: TrialExecution, o: { agent: TrialAgentIdentity; harnessVersion: string }): StoredExternalTrial {
  const { task, condition, seed, face } = trial.options;
  const runId = newRunId();
  const key = { taskId: task.id, agent: o.agent.name, condition: conditionName(condition), repeat: 0 };
  const trialId = trialIdFor(runId, key);
  store.createRun({
    runId, createdAt: exec.startedAt, harnessVersion: o.harnessVersion, suiteHash: suiteHash([task]), seed, shard: null, plannedTrials: 1,
    spec: {
      external: { face, agent: o.agent.name, model: o.agent.model, harness: o.agent.harness },
      taskIds: [task.id], agents: [o.agent.name], conditions: [key.condition], repeats: 1, seed, scale: trial.options.scale ?? 1,
      toolProfile: trial.options.toolProfile ?? 'discover', agentFlags: { mailHelpers: trial.options.mailHelpers ?? false },
    },
  });
  const status = INFRA_TERMINATIONS.has(exec.termination) ? 'infra_error' : 'scored';
  store.saveTrial(buildTrialRecord({ runId, trialId, key, task, taskHash: taskHash(task), agent: o.agent, exec, attempts: 1, status, seed }));
  store.setRunStatus(runId, status === 'scored' ? 'complete' : 'interrupted', exec.endedAt);
  return { runId, trialId };
}

/** The replay agent: re-runs a recorded trajectory's tool calls (from an ATIF file) against a fresh workspace. */
import { readFileSync } from 'node:fs';
import { DeskbenchError, ZERO_USAGE, type Agent, type AgentContext, type AgentOutcome, type ToolCall } from '../core/index.ts';
import { parseAtif } from './atif/convert.ts';
import type { AtifTrajectory } from './atif/schema.ts';

/** One recorded model turn: its text and tool calls. */
interface Turn {
  readonly text: string;
  readonly calls: readonly ToolCall[];
}

/** Reads and validates the trajectory file; E_CONFIG when unreadable, E_IMPORT when not ATIF. */
export function loadTrajectory(path: string): AtifTrajectory {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DeskbenchError('E_CONFIG', `replay: cannot read ${path}: ${(e as Error).message}`, { hint: 'give replay:<path to an ATIF JSON file> (deskbench export --format atif writes them)' });
  }
  return parseAtif(json, path);
}

function turnsOf(t: AtifTrajectory): Turn[] {
  return t.steps
    .filter((s) => s.source === 'agent')
    .map((s) => ({
      text: typeof s.message === 'string' ? s.message : s.message.map((p) => (p.type === 'text' ? p.text : '')).join('\n'),
      calls: (s.tool_calls ?? []).map((c) => ({ id: c.tool_call_id, name: c.function_name, arguments: c.arguments })),
    }));
}

/** What a replay file says about itself, for checks before a run starts. */
export interface ReplayFileInfo {
  /** The task the trajectory was recorded on (`extra.deskbench.taskId`), or null when the file does not name one. */
  readonly taskId: string | null;
  /** Tool calls the replay would make. */
  readonly toolCalls: number;
  /** Who recorded it: the deskbench agent (`oracle`, `openai:gpt-5`, ...), else the ATIF model or agent name. */
  readonly recordedBy: string;
  /** Recorded by a reference agent (oracle, noop): it acted through the task API, so it has no tool calls to replay. */
  readonly reference: boolean;
}

/**
 * Reads a replay file's task and tool-call count. A trajectory with no tool calls (an
 * exported oracle or noop trial: reference agents act through the task API, not tools)
 * would replay as "do nothing"; the CLI warns about it before the run.
 */
export function inspectReplayFile(path: string): ReplayFileInfo {
  const t = loadTrajectory(path);
  const saved = (t.extra as { deskbench?: { taskId?: unknown; agent?: unknown; harness?: unknown } } | undefined)?.deskbench;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const taskId = text(saved?.taskId);
  const toolCalls = turnsOf(t).reduce((n, turn) => n + turn.calls.length, 0);
  const recordedBy = text(saved?.agent) ?? t.agent.model_name ?? t.agent.name;
  return { taskId, toolCalls, recordedBy, reference: saved?.harness === 'reference' || recordedBy === 'oracle' || recordedBy === 'noop' };
}

/**
 * An agent that replays the recorded tool calls in order through the trial's tools
 * (same names and arguments), recording each turn and result. It ignores what the
 * results say: it answers "what would this exact sequence do here?".
 */
export function replayAgent(path: string): Agent {
  const trajectory = loadTrajectory(path);
  const turns = turnsOf(trajectory);
  return {
    name: `replay:${path}`, kind: 'reference', model: trajectory.agent.model_name ?? 'replay', harness: 'replay',
    async run(ctx: AgentContext): Promise<AgentOutcome> {
      const t0 = new Date().toISOString();
      ctx.record({ role: 'user', content: ctx.instruction, startedAt: t0, endedAt: t0 });
      let final: string | null = null;
      let n = 0;
      for (const turn of turns) {
        if (ctx.signal.aborted) return { termination: 'cancelled', finalMessage: null, usage: ZERO_USAGE };
        if (n++ >= ctx.limits.maxSteps) return { termination: 'step_limit', finalMessage: null, usage: ZERO_USAGE };
        const at = new Date().toISOString();
        ctx.record({ role: 'assistant', content: turn.text, ...(turn.calls.length ? { toolCalls: turn.calls } : {}), startedAt: at, endedAt: at });
        if (!turn.calls.length) final = turn.text;
        for (const call of turn.calls) {
          const s = new Date().toISOString();
          const r = await ctx.tools.execute(call);
          ctx.record({ role: 'tool', content: r.content, toolCallId: call.id, isError: r.isError, actionSeqs: r.actionSeqs, startedAt: s, endedAt: new Date().toISOString() });
        }
      }
      return { termination: 'completed', finalMessage: final, usage: ZERO_USAGE };
    },
  };
}

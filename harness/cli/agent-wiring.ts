/** Connects the CLI to agents and tool faces: reference agents here, model agents from the agent runtime. */
import { DeskbenchError, type Agent, type AgentTools } from '../core/index.ts';
import { noopAgent } from '../agents/reference/noop.ts';
import { oracleAgent } from '../agents/reference/oracle.ts';
import type { ToolsFactory } from '../runner/run-trial.ts';

/** Options that shape model agents (flags of `deskbench run`). */
export interface AgentFlags {
  baseUrl?: string;
  openaiApi?: 'chat' | 'responses';
  temperature?: number;
  maxOutputTokens?: number;
  reasoningEffort?: string;
  headers?: Record<string, string>;
  toolProfile?: 'discover' | 'typed';
}

const REFERENCE: Readonly<Record<string, Agent>> = { oracle: oracleAgent, noop: noopAgent };

// The agent runtime module is loaded only when a model or replay agent is asked for,
// so reference-only runs start fast.
const RUNTIME = '../agents/registry.ts';
const TOOLS = '../agents/tools/index.ts';

/** Resolves agent specs (`oracle`, `noop`, `replay:<file>`, `openai:<model>`, …), validating configuration up front. */
export async function resolveAgents(specs: readonly string[], flags: AgentFlags): Promise<Agent[]> {
  const out: Agent[] = [];
  for (const spec of specs) {
    const ref = REFERENCE[spec];
    if (ref) {
      out.push(ref);
      continue;
    }
    if (!/^[a-z-]+:.+/.test(spec)) {
      throw new DeskbenchError('E_AGENT_UNKNOWN', `unknown agent "${spec}"`, {
        hint: 'use oracle, noop, replay:<trajectory.json>, openai:<model>, anthropic:<model> or openai-compatible:<model> (with --base-url)',
      });
    }
    const runtime = (await import(RUNTIME)) as {
      resolveAgent(spec: string, o: AgentFlags): Agent;
      validateAgentConfig(spec: string, o: AgentFlags): void;
    };
    runtime.validateAgentConfig(spec, flags);
    out.push(runtime.resolveAgent(spec, flags));
  }
  const names = out.map((a) => a.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new DeskbenchError('E_USAGE', `agent "${dup}" is listed twice in --agent`);
  return out;
}

const NO_TOOLS: AgentTools = {
  specs: [],
  execute: async () => ({ content: '{"error":"no tools in this trial"}', isError: true, actionSeqs: [] }),
};

/** The tools factory for a set of agents: the generated tool face when any model agent runs. */
export async function toolsFactoryFor(agents: readonly Agent[], profile: 'discover' | 'typed'): Promise<ToolsFactory> {
  if (agents.every((a) => a.kind === 'reference' && a.name !== 'replay' && !a.name.startsWith('replay:'))) return () => NO_TOOLS;
  const mod = (await import(TOOLS)) as { buildAgentTools(o: Parameters<ToolsFactory>[0] & { profile: string }): AgentTools };
  return (o) => mod.buildAgentTools({ ...o, profile });
}

/** Connects the CLI to agents and tool faces: reference agents here, model agents from the agent runtime. */
import { DeskbenchError, type Agent, type AgentTools } from '../core/index.ts';
import type { AgentOptions } from '../agents/options.ts';
import { noopAgent } from '../agents/reference/noop.ts';
import { oracleAgent } from '../agents/reference/oracle.ts';
import type { ToolsFactory } from '../runner/run-trial.ts';

/** Options that shape model agents and their tools (flags of `deskbench run`). */
export type AgentFlags = AgentOptions & { toolProfile?: 'discover' | 'typed' };

const REFERENCE: Readonly<Record<string, Agent>> = { oracle: oracleAgent, noop: noopAgent };

/**
 * Resolves agent specs (`oracle`, `noop`, `replay:<file>`, `openai:<model>`, …) and
 * validates their configuration (API keys, base URLs) before anything runs. The agent
 * runtime is imported only when a non-reference agent is asked for, so reference runs
 * start without loading the provider SDKs.
 */
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
    const runtime = await import('../agents/registry.ts');
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

/**
 * The tools factory for a set of agents: the generated tool face unless only oracle/noop run.
 * `mailHelpers` must match the agents' own setting (the model loop refuses a mismatch).
 */
export async function toolsFactoryFor(agents: readonly Agent[], profile: 'discover' | 'typed', o: { mailHelpers?: boolean } = {}): Promise<ToolsFactory> {
  if (agents.every((a) => REFERENCE[a.name] === a)) return () => NO_TOOLS;
  const { buildAgentTools } = await import('../agents/tools/index.ts');
  const mailHelpers = o.mailHelpers ?? false;
  return (t) => buildAgentTools({ ...t, profile, mailHelpers });
}

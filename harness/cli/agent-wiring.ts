/** Connects the CLI to agents and tool faces: specs through the one agent registry, tools through the generated face. */
import { DeskbenchError, type Agent, type AgentTools } from '../core/index.ts';
import { loadAgent, usesToolFace, type AgentSettings } from '../agents/registry.ts';
import { withWorkplace } from '../agents/command/workplace.ts';
import type { ToolsFactory } from '../runner/run-trial.ts';

/** Options that shape agents and their tools (flags of `deskbench run`). */
export type AgentFlags = AgentSettings & { toolProfile?: 'discover' | 'typed' };

/**
 * Resolves agent specs through the agent registry (`harness/agents/registry.ts`), which
 * also validates their configuration (API keys, base URLs, command agent definitions and the
 * sandbox) before anything runs. Model agents load the provider SDKs only when they first
 * run, so reference runs start without them.
 */
export async function resolveAgents(specs: readonly string[], flags: AgentFlags): Promise<Agent[]> {
  const out: Agent[] = [];
  for (const spec of specs) out.push(await loadAgent(spec, flags));
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
 * `mailHelpers` must match the agents' own setting (the model loop refuses a mismatch). When a
 * command agent runs, the trial's workplace is attached to its tools so it can serve the HTTP
 * faces of that workspace.
 */
export async function toolsFactoryFor(agents: readonly Agent[], profile: 'discover' | 'typed', o: { mailHelpers?: boolean } = {}): Promise<ToolsFactory> {
  if (!agents.some(usesToolFace)) return () => NO_TOOLS;
  const { buildAgentTools } = await import('../agents/tools/index.ts');
  const mailHelpers = o.mailHelpers ?? false;
  const external = agents.some((a) => a.kind === 'external');
  return (t) => {
    const tools = buildAgentTools({ ...t, profile, mailHelpers });
    return external ? withWorkplace(tools, { ws: t.ws, auth: t.auth, services: t.services }) : tools;
  };
}

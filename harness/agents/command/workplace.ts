/**
 * The trial's workplace as the harness holds it (workspace, acting user, services), attached to
 * the trial's tools by the tools factory when a command agent runs, so the command agent can
 * serve the HTTP wire faces of exactly that workspace. Never given to the agent's process.
 */
import type { AgentTools, AuthContext, ServiceId, Workspace } from '../../core/index.ts';

/** What the HTTP face needs of the trial. */
export interface TrialWorkplace {
  readonly ws: Workspace;
  readonly auth: AuthContext;
  readonly services: readonly ServiceId[];
}

const KEY = Symbol.for('deskbench.trialWorkplace');

/** Attaches the workplace to a trial's tools (a non-enumerable property: it never shows in JSON or logs). */
export function withWorkplace<T extends AgentTools>(tools: T, workplace: TrialWorkplace): T {
  Object.defineProperty(tools, KEY, { value: workplace, enumerable: false });
  return tools;
}

/** The workplace attached to a trial's tools, if any. */
export function workplaceOf(tools: AgentTools): TrialWorkplace | undefined {
  return (tools as unknown as Record<symbol, TrialWorkplace | undefined>)[KEY];
}

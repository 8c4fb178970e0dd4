/**
 * The check a run makes before its first trial: every task's tool face, for every model agent,
 * fits the agent's endpoint (tool count, description length, a quarter of the context for
 * definitions) once trimmed. A face that cannot fit stops the run with one line naming the
 * agent, the task and the fix, instead of failing trial by trial.
 */
import { DeskbenchError, isServiceId, type Condition, type ServiceId } from '../core/index.ts';
import { createEmptyWorkspace } from '../services/workspace.ts';
import { fitTools } from './loop/model-agent.ts';
import { MODEL_FAMILIES, type AgentOptions, type ModelFamily } from './options.ts';
import { parseAgentSpec } from './registry.ts';
import { providerLimits } from './providers/limits.ts';
import { buildAgentTools, type ToolProfile } from './tools/index.ts';

/** What a run is about to do. */
export interface PreflightInput {
  readonly agents: readonly string[];
  readonly options: AgentOptions;
  readonly profile: ToolProfile;
  readonly tasks: ReadonlyArray<{ readonly id: string; readonly services: readonly string[] }>;
  readonly conditions: readonly Condition[];
}

/** Throws E_CONFIG (one line) when some task's face cannot fit some model agent's endpoint. */
export function preflightToolFaces(p: PreflightInput): void {
  const ws = createEmptyWorkspace();
  const seen = new Set<string>();
  for (const spec of p.agents) {
    // The registry parses the spec; only the built-in loop's provider families have a face to fit.
    const { kind, arg: model } = parseAgentSpec(spec);
    const family = kind.prefix as ModelFamily;
    if (!(MODEL_FAMILIES as readonly string[]).includes(family)) continue;
    const api = family === 'openai' && p.options.openaiApi === 'responses' ? 'openai-responses' : family;
    const limits = providerLimits(api, model, {
      ...(p.options.maxTools !== undefined ? { maxTools: p.options.maxTools } : {}),
      ...(p.options.contextWindow !== undefined ? { contextWindow: p.options.contextWindow } : {}),
    });
    for (const task of p.tasks) {
      for (const condition of p.conditions) {
        const services = task.services.filter(isServiceId) as ServiceId[];
        const key = `${spec}|${services.join(',')}|${condition.skills}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const tools = buildAgentTools({
          ws, services, profile: p.profile, condition, auth: { principal: 'owner@example.com', tokenKind: 'user' },
          ...(p.options.mailHelpers ? { mailHelpers: true } : {}),
        });
        try {
          fitTools(tools, limits, spec);
        } catch (e) {
          throw new DeskbenchError('E_CONFIG', `task ${task.id}: ${(e as Error).message}`, {
            hint: 'use --tool-profile discover, or give the endpoint\'s real limits (maxTools, contextWindow)',
          });
        }
      }
    }
  }
}

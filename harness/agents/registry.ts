/** Resolves agent specs (`oracle`, `noop`, `replay:<file>`, `openai:<model>`, …) to agents. */
import { DeskbenchError, type Agent } from '../core/index.ts';
import { modelAgent } from './loop/model-agent.ts';
import { checkOptions, MODEL_FAMILIES, type AgentOptions, type ModelFamily } from './options.ts';
import { createProvider, type ProviderExtras } from './providers/index.ts';
import { providerLimits } from './providers/limits.ts';
import { noopAgent } from './reference/noop.ts';
import { oracleAgent } from './reference/oracle.ts';
import { replayAgent } from './replay.ts';

export type { AgentOptions } from './options.ts';

const VALID_FORMS = 'oracle, noop, replay:<trajectory.json>, openai:<model>, anthropic:<model>, openai-compatible:<model> (with a base URL)';

/** A parsed agent spec. */
type ParsedSpec =
  | { kind: 'reference'; name: 'oracle' | 'noop' }
  | { kind: 'replay'; path: string }
  | { kind: 'model'; family: ModelFamily; model: string };

function parseSpec(spec: string): ParsedSpec {
  if (spec === 'oracle' || spec === 'noop') return { kind: 'reference', name: spec };
  const i = spec.indexOf(':');
  const prefix = i > 0 ? spec.slice(0, i) : '';
  const rest = i > 0 ? spec.slice(i + 1).trim() : '';
  if (prefix === 'replay' && rest) return { kind: 'replay', path: rest };
  if ((MODEL_FAMILIES as readonly string[]).includes(prefix) && rest) return { kind: 'model', family: prefix as ModelFamily, model: rest };
  throw new DeskbenchError('E_AGENT_UNKNOWN', `unknown agent "${spec}"`, { hint: `valid forms: ${VALID_FORMS}` });
}

/** True for agents that need no model: oracle, noop and replays. */
export function isReferenceAgent(spec: string): boolean {
  return spec === 'oracle' || spec === 'noop' || /^replay:./.test(spec);
}

/**
 * Checks an agent spec and its options before a run starts: unknown form →
 * E_AGENT_UNKNOWN; missing API key, missing or bad base URL, bad option values → E_CONFIG.
 */
export function validateAgentConfig(spec: string, options: AgentOptions, env: Readonly<Record<string, string | undefined>> = process.env): void {
  const p = parseSpec(spec);
  if (p.kind === 'model') checkOptions(p.family, spec, options, env);
}

/** The agent for a spec. Model agents get a provider with the endpoint's shared limiter. */
export function resolveAgent(spec: string, options: AgentOptions, extras: ProviderExtras = {}): Agent {
  const p = parseSpec(spec);
  if (p.kind === 'reference') return p.name === 'oracle' ? oracleAgent : noopAgent;
  if (p.kind === 'replay') return replayAgent(p.path);
  const provider = createProvider(p.family, p.model, options, extras);
  const limits = providerLimits(provider.family, provider.model, {
    ...(options.maxTools !== undefined ? { maxTools: options.maxTools } : {}),
    ...(options.contextWindow !== undefined ? { contextWindow: options.contextWindow } : {}),
  });
  return modelAgent({
    name: spec, provider, limits, harness: harnessLabel(options),
    ...(options.mailHelpers !== undefined ? { mailHelpers: options.mailHelpers } : {}),
  });
}

/**
 * The harness label stored on every trial of a model agent: `deskbench`, or `deskbench+mail`
 * when the Gmail helpers are on, so leaderboard entries never mix the two.
 */
export function harnessLabel(options: Pick<AgentOptions, 'mailHelpers'>): string {
  return options.mailHelpers ? 'deskbench+mail' : 'deskbench';
}

/**
 * The one agent registry. Every agent spec — `oracle`, `noop`, `replay:<file>`,
 * `openai:<model>`, `anthropic:<model>`, `openai-compatible:<model>`, `cmd:<definition>`,
 * `module:<path-or-package>[#export]` — is parsed here, against a table of agent kinds that
 * code outside the repository can extend (`registerAgentKind`) or reach without registering
 * (`module:`). Heavy parts load lazily: resolving a model agent checks its options but loads
 * the provider SDKs only when it first runs, so reference runs start without them.
 */
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DeskbenchError, type Agent } from '../core/index.ts';
import { checkOptions, MODEL_FAMILIES, type AgentOptions, type ModelFamily } from './options.ts';
import type { ProviderExtras } from './providers/index.ts';
import { noopAgent } from './reference/noop.ts';
import { oracleAgent } from './reference/oracle.ts';
import { replayAgent } from './replay.ts';

export type { AgentOptions } from './options.ts';

/** Options for every kind of agent: the model options, plus how command agents run. */
export interface AgentSettings extends AgentOptions {
  /** Command agents run in the sandbox unless this is false (`--no-sandbox`). */
  sandbox?: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

/** What a kind gets to check or create an agent. */
export interface KindInput {
  /** The whole spec (`openai:gpt-5`), which becomes the agent's name. */
  readonly spec: string;
  /** The part after `<prefix>:` ('' for exact names). */
  readonly arg: string;
  readonly settings: AgentSettings;
  readonly env: Env;
  readonly extras: ProviderExtras;
}

/** One kind of agent in the registry. */
export interface AgentKind {
  /** `oracle` (matched exactly) or a prefix matched as `<prefix>:<arg>`. */
  readonly prefix: string;
  /** True when the spec is the prefix alone (`oracle`, `noop`). */
  readonly exact?: boolean;
  /** The forms to show in help and errors (`openai:<model>`). */
  readonly forms: readonly string[];
  /** Agents that need no model and no API key (oracle, noop, replays). */
  readonly reference?: boolean;
  /** Throws (or rejects with) a DeskbenchError for a spec or options that cannot work, before any trial. */
  check?(input: KindInput): void | Promise<void>;
  /** The agent (a promise for kinds that load code). Its name must be the spec. */
  create(input: KindInput): Agent | Promise<Agent>;
}

/**
 * The harness label stored on every trial of a model agent: `deskbench`, or `deskbench+mail`
 * when the Gmail helpers are on, so leaderboard entries never mix the two.
 */
export function harnessLabel(options: Pick<AgentOptions, 'mailHelpers'>): string {
  return options.mailHelpers ? 'deskbench+mail' : 'deskbench';
}

/** A model agent whose provider and loop load on its first trial (the SDKs are not loaded before). */
function lazyModelAgent(family: ModelFamily, i: KindInput): Agent {
  let real: Promise<Agent> | undefined;
  const harness = harnessLabel(i.settings);
  return {
    name: i.spec, kind: 'model', model: i.arg, harness,
    run: async (ctx) => {
      real ??= import('./model-runtime.ts').then((m) => m.createModelAgent(family, i.arg, i.spec, i.settings, harness, { ...i.extras, env: i.env }));
      return (await real).run(ctx);
    },
  };
}

/** Loads `module:<path-or-package>[#export]`: a path (absolute, or relative to the working directory) or a package installed where deskbench runs. */
async function loadModuleAgent(i: KindInput): Promise<Agent> {
  const hash = i.arg.lastIndexOf('#');
  const where = (hash > 0 ? i.arg.slice(0, hash) : i.arg).trim();
  const exportName = hash > 0 ? i.arg.slice(hash + 1).trim() : 'default';
  if (!where || !exportName) throw new DeskbenchError('E_AGENT_UNKNOWN', `agent ${i.spec}: give module:<path-or-package>[#export]`);
  const isPath = where.startsWith('.') || where.startsWith('/');
  let url: string;
  try {
    url = isPath ? pathToFileURL(resolve(where)).href : pathToFileURL(createRequire(join(process.cwd(), 'deskbench-agent.js')).resolve(where)).href;
  } catch {
    // An ESM-only package has no `require` entry: let the import resolve it.
    url = where;
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    throw new DeskbenchError('E_CONFIG', `agent ${i.spec}: cannot load ${where}: ${(e as Error).message.split('\n')[0]}`, {
      hint: 'give a path to a .js/.mjs/.ts module (relative to the working directory) or an installed package name',
    });
  }
  const value = mod[exportName];
  if (value === undefined) {
    throw new DeskbenchError('E_CONFIG', `agent ${i.spec}: ${where} has no export "${exportName}"`, { hint: `its exports: ${Object.keys(mod).join(', ') || 'none'}` });
  }
  const made = typeof value === 'function' ? await (value as (o: { spec: string; options: AgentSettings }) => unknown)({ spec: i.spec, options: i.settings }) : value;
  const a = made as Partial<Agent> | null;
  const problem = !a || typeof a !== 'object' ? 'is not an agent object'
    : typeof a.run !== 'function' ? 'has no run(ctx) function'
    : a.kind !== 'model' && a.kind !== 'external' ? `has kind ${JSON.stringify(a.kind)}; module agents are "model" or "external" (reference agents would be handed the task's solution)`
    : typeof a.model !== 'string' || !a.model ? 'has no model name'
    : typeof a.harness !== 'string' || !a.harness ? 'has no harness label'
    : undefined;
  if (problem) {
    throw new DeskbenchError('E_CONFIG', `agent ${i.spec}: the export "${exportName}" of ${where} ${problem}`, {
      hint: 'export an Agent ({name, kind, model, harness, run}) or a function ({spec, options}) => Agent (see docs/agents.md)',
    });
  }
  const agent = a as Agent;
  // The run matrix finds agents by the spec it was given.
  return { name: i.spec, kind: agent.kind, model: agent.model, harness: agent.harness, run: (ctx) => agent.run(ctx) };
}

const BUILT_IN: readonly AgentKind[] = [
  { prefix: 'oracle', exact: true, forms: ['oracle'], reference: true, create: () => oracleAgent },
  { prefix: 'noop', exact: true, forms: ['noop'], reference: true, create: () => noopAgent },
  { prefix: 'replay', forms: ['replay:<trajectory.json>'], reference: true, create: (i) => replayAgent(i.arg) },
  ...MODEL_FAMILIES.map((family): AgentKind => ({
    prefix: family,
    forms: [family === 'openai-compatible' ? `${family}:<model> (with a base URL)` : `${family}:<model>`],
    check: (i) => checkOptions(family, i.spec, i.settings, i.env),
    create: (i) => {
      checkOptions(family, i.spec, i.settings, i.env);
      return lazyModelAgent(family, i);
    },
  })),
  {
    // Loaded on demand: reference runs never read a definition file or load TOML.
    prefix: 'cmd', forms: ['cmd:<definition>[?var=value]'],
    check: async (i) => void (await import('./command/index.ts')).checkCommandAgent(i.arg, commandOptions(i)),
    create: async (i) => (await import('./command/index.ts')).commandAgent(i.arg, commandOptions(i)),
  },
  { prefix: 'module', forms: ['module:<path-or-package>[#export]'], create: loadModuleAgent },
];

function commandOptions(i: KindInput): { sandbox?: boolean; mailHelpers?: boolean; env: Env } {
  return {
    env: i.env,
    ...(i.settings.sandbox !== undefined ? { sandbox: i.settings.sandbox } : {}),
    ...(i.settings.mailHelpers !== undefined ? { mailHelpers: i.settings.mailHelpers } : {}),
  };
}

const kinds = new Map<string, AgentKind>(BUILT_IN.map((k) => [k.prefix, k]));

/**
 * Adds a kind of agent (for code that embeds deskbench: `registerAgentKind({prefix: 'mylab',
 * forms: ['mylab:<name>'], create: ...})`). Prefixes are unique; built-in ones cannot be replaced.
 */
export function registerAgentKind(kind: AgentKind): void {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(kind.prefix)) throw new DeskbenchError('E_CONFIG', `agent kind prefix "${kind.prefix}" must be lower-case letters, digits and -`);
  if (kinds.has(kind.prefix)) throw new DeskbenchError('E_CONFIG', `agent kind "${kind.prefix}" is already registered`);
  kinds.set(kind.prefix, kind);
}

/** Every registered kind, built-in first. */
export function agentKinds(): readonly AgentKind[] {
  return [...kinds.values()];
}

/** The forms every kind accepts, for help and errors. */
export function agentForms(): string[] {
  return agentKinds().flatMap((k) => k.forms);
}

/** The kind a spec names and its argument; E_AGENT_UNKNOWN naming the valid forms otherwise. */
export function parseAgentSpec(spec: string): { kind: AgentKind; arg: string } {
  const exact = kinds.get(spec);
  if (exact?.exact) return { kind: exact, arg: '' };
  const i = spec.indexOf(':');
  const kind = i > 0 ? kinds.get(spec.slice(0, i)) : undefined;
  const arg = i > 0 ? spec.slice(i + 1).trim() : '';
  if (!kind || kind.exact || !arg) {
    throw new DeskbenchError('E_AGENT_UNKNOWN', `unknown agent "${spec}"`, { hint: `valid forms: ${agentForms().join(', ')}` });
  }
  return { kind, arg };
}

function input(spec: string, settings: AgentSettings, extras: ProviderExtras = {}, env: Env = extras.env ?? process.env): KindInput {
  const { arg } = parseAgentSpec(spec);
  return { spec, arg, settings, env, extras };
}

/** True for agents that need no model: oracle, noop and replays. */
export function isReferenceAgent(spec: string): boolean {
  try {
    return parseAgentSpec(spec).kind.reference === true;
  } catch {
    return false;
  }
}

/**
 * Checks an agent spec and its options before a run starts: unknown form →
 * E_AGENT_UNKNOWN; missing API key, missing or bad base URL, bad option values → E_CONFIG.
 * Synchronous for the kinds whose check loads no code; `checkAgentConfig` checks every kind.
 */
export function validateAgentConfig(spec: string, options: AgentSettings, env: Env = process.env): void {
  const { kind } = parseAgentSpec(spec);
  const r = kind.check?.(input(spec, options, {}, env));
  if (r instanceof Promise) {
    r.catch(() => {});
    throw new DeskbenchError('E_USAGE', `agent ${spec} loads code to be checked: use checkAgentConfig`);
  }
}

/** Checks any agent spec and its options (command agents: definition, variables, program, sandbox) → E_AGENT_UNKNOWN / E_CONFIG. */
export async function checkAgentConfig(spec: string, options: AgentSettings, env: Env = process.env): Promise<void> {
  const { kind } = parseAgentSpec(spec);
  await kind.check?.(input(spec, options, {}, env));
}

/**
 * The agent for a spec, synchronously, for every kind whose agent is ready without loading
 * code (reference, replay and model agents); use `loadAgent` for `cmd:` and `module:`.
 * Model agents share their endpoint's limiter.
 */
export function resolveAgent(spec: string, options: AgentSettings, extras: ProviderExtras = {}): Agent {
  const { kind } = parseAgentSpec(spec);
  const made = kind.create(input(spec, options, extras));
  if (made instanceof Promise) {
    made.catch(() => {});
    throw new DeskbenchError('E_USAGE', `agent ${spec} loads code: resolve it with loadAgent`);
  }
  return made;
}

/** The agent for any spec (module agents are imported here). */
export async function loadAgent(spec: string, options: AgentSettings, extras: ProviderExtras = {}): Promise<Agent> {
  const { kind } = parseAgentSpec(spec);
  const i = input(spec, options, extras);
  await kind.check?.(i);
  const agent = await kind.create(i);
  if (agent.name !== spec) return { ...agent, name: spec, run: (ctx) => agent.run(ctx) };
  return agent;
}

/** Whether an agent acts through the trial's tools (every agent but oracle and noop, which use the task API). */
export function usesToolFace(agent: Agent): boolean {
  return agent !== oracleAgent && agent !== noopAgent;
}

/**
 * `cmd:<name-or-path>[?var=value&…]` → a definition with its variables set: from the spec,
 * else the variable's environment variable, else its default. Files are made absolute and
 * must exist; paths shown to the sandbox must not hold the benchmark's tasks or graders.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DeskbenchError } from '../../core/index.ts';
import { parseHostPort, type HostPort } from '../sandbox/egress.ts';
import { within } from '../sandbox/plan.ts';
import { findDefinition, PROJECT_ROOT, type LoadedDefinition } from './load-definition.ts';
import { fill, placeholdersIn } from './placeholders.ts';

/** A definition ready to run: variable values, what the sandbox shows read-only and which hosts it may reach. */
export interface ResolvedCommand extends LoadedDefinition {
  /** The spec as given (`cmd:…`), stored as the agent's name. */
  readonly spec: string;
  /** Every variable with a value, `model` included. */
  readonly vars: Readonly<Record<string, string>>;
  /** Absolute host paths shown read-only in the sandbox. */
  readonly readOnly: readonly string[];
  readonly allowHosts: readonly HostPort[];
}

/** Parts of the checkout no agent may read, even by a definition's say-so. */
export const PROTECTED_PARTS = ['tasks', 'scorers', 'datasets', 'harness', '.git', 'test/tasks', 'test/scorers', 'test/check'] as const;

type Env = Readonly<Record<string, string | undefined>>;

function parseQuery(spec: string, query: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!query) return out;
  for (const part of query.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(i < 0 ? part : part.slice(0, i));
      value = i < 0 ? '' : decodeURIComponent(part.slice(i + 1));
    } catch {
      throw new DeskbenchError('E_USAGE', `agent ${spec}: "${part}" is not valid percent-encoding`);
    }
    if (out.has(key)) throw new DeskbenchError('E_USAGE', `agent ${spec}: ${key} is given twice`);
    out.set(key, value);
  }
  return out;
}

/** True when showing `path` would show a protected part of the checkout. */
function exposesProtected(path: string): string | undefined {
  for (const part of PROTECTED_PARTS) {
    const p = join(PROJECT_ROOT, part);
    if (within(p, path) || within(path, p)) return p;
  }
  return undefined;
}

/** Resolves a `cmd:` spec's argument (`claude-code?model=…`, `./my-agent.toml`). */
export function resolveCommandSpec(arg: string, env: Env = process.env, cwd = process.cwd()): ResolvedCommand {
  const spec = `cmd:${arg}`;
  const q = arg.indexOf('?');
  const ref = (q < 0 ? arg : arg.slice(0, q)).trim();
  if (!ref) throw new DeskbenchError('E_AGENT_UNKNOWN', `agent ${spec} names no definition`, { hint: 'cmd:<shipped name> or cmd:<path to a definition file>' });
  const loaded = findDefinition(ref.startsWith('/') || ref.startsWith('.') ? resolve(cwd, ref) : ref);
  const d = loaded.definition;
  const given = parseQuery(spec, q < 0 ? '' : arg.slice(q + 1));
  const declared = ['model', ...Object.keys(d.vars)];
  for (const k of given.keys()) {
    if (!declared.includes(k)) throw new DeskbenchError('E_USAGE', `agent ${spec}: "${k}" is not a variable of ${d.name}; it has: ${declared.join(', ')}`);
  }
  const used = new Set([...d.command, ...Object.values(d.env.set), ...d.sandbox.read_only, ...d.sandbox.allow_hosts].flatMap(placeholdersIn));
  const vars: Record<string, string> = { model: given.get('model') ?? d.model };
  if (!vars.model) throw new DeskbenchError('E_USAGE', `agent ${spec}: model is empty`);
  const readOnly: string[] = [];
  for (const [name, def] of Object.entries(d.vars)) {
    const v = typeof def === 'string' ? { description: name, default: def, type: 'string' as const, expose: false, env: undefined } : def;
    const value = given.get(name) ?? (v.env ? env[v.env] : undefined) ?? v.default;
    if (value === undefined || value === '') {
      if (used.has(name)) {
        throw new DeskbenchError('E_CONFIG', `agent ${spec} needs ${name} (${v.description})`, {
          hint: `give it as cmd:${ref}?${name}=<value>${v.env ? ` or set ${v.env}` : ''}`,
        });
      }
      continue;
    }
    if (v.type === 'file') {
      const abs = resolve(cwd, value);
      try {
        if (!statSync(abs).isFile()) throw new Error('not a regular file');
      } catch (e) {
        throw new DeskbenchError('E_CONFIG', `agent ${spec}: ${name} "${value}" is not a readable file (${(e as Error).message})`);
      }
      vars[name] = abs;
      if (v.expose) readOnly.push(dirname(abs));
    } else {
      vars[name] = value;
    }
  }
  const pathValues = { ...vars, definition_dir: loaded.dir, project: PROJECT_ROOT };
  d.sandbox.read_only.forEach((t, i) => {
    const p = resolve(loaded.dir, fill(t, pathValues));
    if (!existsSync(p)) throw new DeskbenchError('E_CONFIG', `agent definition ${loaded.file}: sandbox.read_only[${i}]: ${p} does not exist`);
    readOnly.push(p);
  });
  // A symlink must not lead the check astray: what is shown (and judged) is where it really points.
  const shown = [...new Set(readOnly.map((p) => realpathSync(p)))];
  for (const p of shown) {
    const bad = exposesProtected(p);
    if (bad) {
      throw new DeskbenchError('E_CONFIG', `agent ${spec}: the sandbox would show ${p}, which holds or lies in ${bad} (the benchmark's tasks, graders or harness)`, {
        hint: 'keep agent scripts outside those folders and show only their own folder',
      });
    }
  }
  const allowHosts = d.sandbox.allow_hosts.map((t, i) => {
    const text = fill(t, vars);
    const hp = parseHostPort(text);
    if (!hp) throw new DeskbenchError('E_CONFIG', `agent definition ${loaded.file}: sandbox.allow_hosts[${i}]: "${text}" is not host[:port]`);
    return hp;
  });
  return { ...loaded, spec, vars, readOnly: shown, allowHosts };
}

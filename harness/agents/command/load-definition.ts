/**
 * Reads and checks command agent definitions (TOML or JSON). Every error names the file, the
 * field and what is allowed, before any trial starts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';
import { DeskbenchError } from '../../core/index.ts';
import { AgentDefinition } from './definition-schema.ts';
import { BUILT_IN_PLACEHOLDERS, placeholdersIn } from './placeholders.ts';

/** Folder of the definitions shipped with deskbench (`cmd:claude-code`, `cmd:codex`, …). */
export const SHIPPED_DIR = fileURLToPath(new URL('./definitions/', import.meta.url));

/** The deskbench checkout ({project}). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');

/** Largest definition file read. */
const MAX_FILE_BYTES = 256 * 1024;

/** A definition read from a file, with where it came from. */
export interface LoadedDefinition {
  readonly definition: AgentDefinition;
  readonly file: string;
  readonly dir: string;
}

function fail(file: string, field: string, problem: string, hint?: string): never {
  throw new DeskbenchError('E_CONFIG', `agent definition ${file}: ${field ? `${field}: ` : ''}${problem}`, hint ? { hint } : {});
}

/** The names of the shipped definitions. */
export function shippedDefinitionNames(): string[] {
  try {
    return readdirSync(SHIPPED_DIR).filter((f) => f.endsWith('.toml')).map((f) => f.slice(0, -5)).sort();
  } catch {
    return [];
  }
}

/** The keys a schema accepts at a path (for "unknown field" errors). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  const unwrap = (x: unknown): unknown => {
    let cur = x as { def?: { type?: string; innerType?: unknown; options?: unknown[] } };
    for (let i = 0; i < 10 && cur?.def && (cur.def.type === 'default' || cur.def.type === 'optional' || cur.def.type === 'nullable'); i++) cur = cur.def.innerType as typeof cur;
    return cur;
  };
  for (const key of path) {
    const cur = unwrap(s) as { def?: { type?: string; shape?: Record<string, unknown>; valueType?: unknown; element?: unknown; options?: unknown[] } };
    if (cur?.def?.type === 'object') s = cur.def.shape?.[String(key)];
    else if (cur?.def?.type === 'record') s = cur.def.valueType;
    else if (cur?.def?.type === 'array') s = cur.def.element;
    else if (cur?.def?.type === 'union') s = cur.def.options?.find((o) => (unwrap(o) as { def?: { type?: string } })?.def?.type === 'object');
    else return [];
  }
  const end = unwrap(s) as { def?: { type?: string; shape?: Record<string, unknown>; options?: unknown[] } };
  if (end?.def?.type === 'union') {
    const obj = end.def.options?.map(unwrap).find((o) => (o as { def?: { type?: string } })?.def?.type === 'object') as typeof end | undefined;
    return Object.keys(obj?.def?.shape ?? {});
  }
  return end?.def?.type === 'object' ? Object.keys(end.def.shape ?? {}) : [];
}

/** Parses and validates a definition's text. */
export function parseDefinition(text: string, file: string): AgentDefinition {
  let raw: unknown;
  const ext = extname(file).toLowerCase();
  if (ext !== '.toml' && ext !== '.json') fail(file, '', 'a definition file is .toml or .json');
  try {
    raw = ext === '.json' ? JSON.parse(text) : parseToml(text);
  } catch (e) {
    fail(file, '', `not valid ${ext === '.json' ? 'JSON' : 'TOML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  const r = AgentDefinition.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.join('.') || '(top level)';
    if (issue.code === 'unrecognized_keys') {
      fail(file, field, `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; allowed: ${keysAt(AgentDefinition, issue.path).join(', ')}`);
    }
    fail(file, field, issue.message);
  }
  checkPlaceholders(r.data, file);
  return r.data;
}

/** Placeholders must be known and match the settings that give them a value. */
function checkPlaceholders(d: AgentDefinition, file: string): void {
  const vars = Object.keys(d.vars);
  for (const v of vars) if (v in BUILT_IN_PLACEHOLDERS) fail(file, `vars.${v}`, `"${v}" is a built-in placeholder; choose another name`);
  const needs: Record<string, [boolean, string]> = {
    instruction: [d.instruction.via === 'argument', 'instruction.via = "argument"'],
    instruction_file: [d.instruction.via === 'file', 'instruction.via = "file"'],
    mcp_config: [!!d.faces.mcp && d.faces.mcp.config !== 'none', 'faces.mcp with a config format'],
    mcp_url: [!!d.faces.mcp, 'faces.mcp'],
    api_url: [d.faces.http, 'faces.http = true'],
    final_message_file: [d.final_message.channel === 'file', 'final_message.channel = "file"'],
    skills_dir: [!!d.faces.skills, 'faces.skills'],
    project: [false, 'sandbox.read_only only'],
  };
  const check = (field: string, template: string, extra: readonly string[] = []) => {
    for (const name of placeholdersIn(template)) {
      if (vars.includes(name) || extra.includes(name)) continue;
      if (!(name in BUILT_IN_PLACEHOLDERS)) {
        fail(file, field, `unknown placeholder {${name}}; known: ${[...Object.keys(BUILT_IN_PLACEHOLDERS), ...vars].map((n) => `{${n}}`).join(', ')}`, 'write {{ and }} for literal braces');
      }
      const need = needs[name];
      if (need && !need[0]) fail(file, field, `{${name}} needs ${need[1]}`);
    }
  };
  d.command.forEach((a, i) => check(`command[${i}]`, a));
  for (const [k, v] of Object.entries(d.env.set)) check(`env.set.${k}`, v);
  d.sandbox.read_only.forEach((p, i) => check(`sandbox.read_only[${i}]`, p, ['project']));
  d.sandbox.allow_hosts.forEach((h, i) => {
    for (const name of placeholdersIn(h)) if (!vars.includes(name)) fail(file, `sandbox.allow_hosts[${i}]`, `only variables may appear here, not {${name}}`);
  });
  if (d.instruction.via === 'argument' && !d.command.some((a) => placeholdersIn(a).includes('instruction'))) {
    fail(file, 'command', 'instruction.via = "argument" but no argument holds {instruction}');
  }
  if (d.instruction.via === 'file' && !d.instruction.file) fail(file, 'instruction.file', 'required when instruction.via = "file"');
  if (d.final_message.channel === 'file' && !d.final_message.file) fail(file, 'final_message.file', 'required when final_message.channel = "file"');
  if (d.final_message.channel === 'transcript' && !d.transcript) fail(file, 'final_message.channel', '"transcript" needs a [transcript] section');
  if (d.final_message.channel === 'mcp-finish' && !d.faces.mcp) fail(file, 'final_message.channel', '"mcp-finish" needs faces.mcp');
  if (d.transcript?.source === 'file' && !d.transcript.file) fail(file, 'transcript.file', 'required when transcript.source = "file"');
  if (d.transcript?.source === 'stdout' && d.final_message.channel === 'stdout') fail(file, 'final_message.channel', 'stdout carries the transcript; use "transcript"');
}

/** Reads one definition file (size-capped). */
export function loadDefinitionFile(path: string): LoadedDefinition {
  const file = resolve(path);
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) fail(file, '', 'not a regular file');
    if (st.size > MAX_FILE_BYTES) fail(file, '', `larger than ${MAX_FILE_BYTES} bytes`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof DeskbenchError) throw e;
    throw new DeskbenchError('E_CONFIG', `agent definition ${file}: cannot read it: ${(e as Error).message}`, {
      hint: `give cmd:<shipped name> (${shippedDefinitionNames().join(', ')}) or cmd:<path to a .toml or .json definition>`,
    });
  }
  return { definition: parseDefinition(text, file), file, dir: dirname(file) };
}

/**
 * The definition a `cmd:` reference names: a shipped name (`claude-code`) or a path to a
 * definition file (anything with a `/` or a .toml/.json ending).
 */
export function findDefinition(ref: string): LoadedDefinition {
  const isPath = ref.includes('/') || /\.(toml|json)$/i.test(ref);
  if (isPath) return loadDefinitionFile(ref);
  const names = shippedDefinitionNames();
  if (!names.includes(ref)) {
    throw new DeskbenchError('E_AGENT_UNKNOWN', `no shipped agent definition named "${ref}"`, {
      hint: `shipped: ${names.map((n) => `cmd:${n}`).join(', ')}; or cmd:<path to a .toml or .json definition>`,
    });
  }
  return loadDefinitionFile(join(SHIPPED_DIR, `${ref}.toml`));
}

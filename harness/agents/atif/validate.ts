/** Reading an ATIF document: size and depth limits, the right model line, and errors that name the field. */
import type { z } from 'zod';
import { DeskbenchError } from '../../core/index.ts';
import { ADDED_IN_1_7 } from './schema-parts.ts';
import { lineOf, schemaFor, type AtifTrajectory } from './schema.ts';

/** Deepest JSON nesting read from a trajectory file (tool arguments included). */
export const MAX_ATIF_DEPTH = 128;
/** Most JSON values read from one trajectory (a long trial's action log fits many times over). */
export const MAX_ATIF_NODES = 20_000_000;

/** Why `value` breaks a structural limit, or undefined. Iterative, so no document can overflow the stack. */
function structureProblem(value: unknown): string | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let nodes = 0;
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (++nodes > MAX_ATIF_NODES) return `more than ${MAX_ATIF_NODES} JSON values`;
    if (v && typeof v === 'object') {
      if (depth >= MAX_ATIF_DEPTH) return `nested more than ${MAX_ATIF_DEPTH} levels deep`;
      for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push([x, depth + 1]);
    }
  }
  return undefined;
}

type Issue = z.core.$ZodIssue;

/** All leaf issues, unions opened up (the deepest branch error is the useful one). */
function leaves(issues: readonly Issue[]): Array<Issue & { fullPath: PropertyKey[] }> {
  const out: Array<Issue & { fullPath: PropertyKey[] }> = [];
  const walk = (list: readonly Issue[], prefix: PropertyKey[]) => {
    for (const i of list) {
      const path = [...prefix, ...i.path];
      if (i.code === 'invalid_union' && i.errors.length > 0) for (const branch of i.errors) walk(branch, path);
      else out.push({ ...i, fullPath: path });
    }
  };
  walk(issues, []);
  return out;
}

/** One issue as `path: message`, naming unknown fields and the version that added them. */
function describe(i: Issue & { fullPath: PropertyKey[] }, schemaVersion: string): string {
  const path = i.fullPath.map(String).join('.') || '(root)';
  if (i.code === 'unrecognized_keys') {
    return i.keys.map((k) => {
      const later = schemaVersion !== 'ATIF-v1.7' && ADDED_IN_1_7.has(k) ? ` (added in ATIF-v1.7; this file says ${schemaVersion})` : '';
      return `${path}: unknown field "${k}"${later}; ATIF rejects fields its models do not define (put custom data under "extra")`;
    }).join('; ');
  }
  return `${path}: ${i.message}`;
}

/** The most telling problems of a failed parse (at most three), as one line. */
export function describeIssues(error: z.ZodError, schemaVersion: string): string {
  const all = leaves(error.issues);
  // Prefer the issue deepest in the document: a failed union branch at the root says little.
  const sorted = [...all].sort((a, b) => b.fullPath.length - a.fullPath.length);
  const unknown = sorted.filter((i) => i.code === 'unrecognized_keys');
  const picked = [...unknown, ...sorted.filter((i) => i.code !== 'unrecognized_keys')].slice(0, 3);
  return picked.map((i) => describe(i, schemaVersion)).join('; ') || 'invalid';
}

/**
 * Validates parsed JSON as an ATIF trajectory of the line its `schema_version` names;
 * a DeskbenchError('E_IMPORT') names the source and the field.
 */
export function validateAtif(json: unknown, source: string): AtifTrajectory {
  const fail = (what: string, hint = 'the file must follow ATIF-v1.x as Harbor defines it (docs/agents.md#atif)') =>
    new DeskbenchError('E_IMPORT', `${source}: not a valid ATIF trajectory: ${what}`, { hint });
  const problem = structureProblem(json);
  if (problem) throw fail(problem, 'a trajectory file this large or deep is not one deskbench or Harbor writes');
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw fail('(root): expected a JSON object');
  const version = (json as { schema_version?: unknown }).schema_version;
  const line = lineOf(version);
  if (!line) throw fail(`schema_version: must be ATIF-v1.0 … ATIF-v1.7, got ${version === undefined ? 'nothing' : JSON.stringify(version)}`);
  const r = schemaFor(line).safeParse(json);
  if (!r.success) throw fail(describeIssues(r.error, String(version)));
  return r.data;
}

/**
 * Limits every agent input meets before a handler runs, whichever face it came through:
 * nesting depth, string length, node count, and finite numbers. Hostile input is the
 * normal case; a value past a limit is rejected as the real API rejects bad input (the
 * face's own 400 / `invalid_arguments` shape) and never reaches state, logs or graders.
 */

/** Deepest nesting of objects and arrays in one call's arguments. */
export const MAX_ARG_DEPTH = 48;
/** Most values (objects, arrays, scalars) in one call's arguments. */
export const MAX_ARG_NODES = 200_000;
/** Longest string in one call's arguments (a raw message or an upload is bounded by the body limit before). */
export const MAX_ARG_STRING = 40_000_000;

/** Why arguments break a limit, or undefined when they are fine. Iterative: no input can overflow the stack. */
export function inputProblem(args: unknown): string | undefined {
  const stack: Array<{ v: unknown; depth: number; path: string }> = [{ v: args, depth: 0, path: '' }];
  let nodes = 0;
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (++nodes > MAX_ARG_NODES) return `too many values (more than ${MAX_ARG_NODES})`;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `Invalid value at '${path || 'args'}': numbers must be finite`;
    } else if (typeof v === 'string') {
      if (v.length > MAX_ARG_STRING) return `Invalid value at '${path || 'args'}': string too long`;
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      if (depth >= MAX_ARG_DEPTH) return `Invalid value at '${path || 'args'}': nested more than ${MAX_ARG_DEPTH} levels deep`;
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v as Record<string, unknown>);
      for (const [k, x] of entries) stack.push({ v: x, depth: depth + 1, path: path ? `${path}.${k}` : k });
    }
  }
  return undefined;
}

/** Reads the top-level keys a zod object schema declares, through wrappers (optional, pipe, default). */
import type { z } from 'zod';

interface ZodInternals {
  _zod?: { def?: { type?: string; shape?: Record<string, unknown>; in?: unknown; innerType?: unknown; schema?: unknown } };
}

/**
 * The declared keys of an object schema, or undefined when the schema is not an object
 * (the router then assumes only the usual keys). Used to let an operation opt in to a
 * Google system parameter such as `alt` or `fields` by declaring it.
 */
export function schemaKeys(schema: z.ZodType | undefined): ReadonlySet<string> | undefined {
  let cur = schema as unknown as ZodInternals | undefined;
  for (let depth = 0; cur && depth < 8; depth++) {
    const def = cur._zod?.def;
    if (!def) return undefined;
    if (def.type === 'object' && def.shape) return new Set(Object.keys(def.shape));
    const next = def.type === 'pipe' ? def.in : (def.innerType ?? def.schema);
    cur = next as ZodInternals | undefined;
  }
  return undefined;
}

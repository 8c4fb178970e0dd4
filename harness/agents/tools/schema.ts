/** JSON Schemas of operations and helper tools for the tool faces, derived once per zod schema. */
import { z } from 'zod';
import { shareValue, type Operation } from '../../core/index.ts';

/** A JSON Schema object. */
export type JsonSchema = Record<string, unknown>;

/** Each zod schema's JSON Schema, converted once: the conversion takes about 0.1 ms a schema. */
const CONVERTED = new WeakMap<z.ZodType, JsonSchema>();

/** The input-side JSON Schema of a zod schema, without noise models do not need. Converted once, shared and frozen. */
export function toToolSchema(schema: z.ZodType): JsonSchema {
  let js = CONVERTED.get(schema);
  if (!js) {
    const raw = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    delete raw.$schema;
    js = shareValue(strip(raw) as JsonSchema);
    CONVERTED.set(schema, js);
  }
  return js;
}

// z.int() adds ±MAX_SAFE_INTEGER bounds: true but useless to a model, and long.
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if ((k === 'minimum' && x === Number.MIN_SAFE_INTEGER) || (k === 'maximum' && x === Number.MAX_SAFE_INTEGER)) continue;
    out[k] = strip(x);
  }
  return out;
}

/** Schema of an operation's params (path + query for Google, all arguments for Slack). */
export function paramsSchema(op: Operation): JsonSchema {
  return toToolSchema(op.params);
}

/** Schema of an operation's request body, or null when it takes none. */
export function bodySchema(op: Operation): JsonSchema | null {
  return op.body ? toToolSchema(op.body) : null;
}

/**
 * One flat schema for a call in the official-client shape: the params' properties plus
 * `requestBody` (Google methods with a body). Used by the typed profile and describe_operation.
 */
export function callSchema(op: Operation): JsonSchema {
  const p = paramsSchema(op);
  const props = { ...(p.properties as Record<string, unknown> | undefined) };
  const required = [...((p.required as string[]) ?? [])];
  const body = bodySchema(op);
  if (body) {
    props.requestBody = { ...body, description: 'The request body (Google requestBody).' };
    if (Array.isArray(body.required) && body.required.length) required.push('requestBody');
  }
  return { type: 'object', properties: props, ...(required.length ? { required } : {}) };
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREV = /(?:\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|no|min|max|Mr|Ms|Dr|St)|\b[A-Z]|\d)\.$/i;

/**
 * The sentences of a text that fit in `max` characters, never cutting one in the middle:
 * a full stop after an abbreviation (`e.g.`), inside parentheses or quotes, or inside
 * backticks does not end a sentence. A first sentence longer than `max` is kept whole.
 */
export function sentences(text: string, max: number): string {
  const d = text.trim().replace(/\s+/g, ' ');
  if (d.length <= max) return d;
  let depth = 0;
  let tick = false;
  let quote = false;
  let cut = -1;
  for (let i = 0; i < d.length; i++) {
    const c = d[i]!;
    if (c === '`') tick = !tick;
    else if (!tick && c === '"') quote = !quote;
    else if (!tick && !quote && (c === '(' || c === '[' || c === '{')) depth++;
    else if (!tick && !quote && (c === ')' || c === ']' || c === '}')) depth = Math.max(0, depth - 1);
    else if (!tick && !quote && depth === 0 && (c === '.' || c === '!' || c === '?') && (i + 1 === d.length || d[i + 1] === ' ')) {
      if (c === '.' && ABBREV.test(d.slice(Math.max(0, i - 8), i + 1))) continue;
      if (i + 1 > max && cut >= 0) break;
      cut = i + 1;
      if (i + 1 > max) break;
    }
  }
  return cut > 0 ? d.slice(0, cut) : d;
}

/** First sentence of an operation's description, for listings (never cut mid-sentence). */
export function summary(op: Operation): string {
  return sentences(op.description, 1);
}

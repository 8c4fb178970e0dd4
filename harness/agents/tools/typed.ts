/**
 * The typed tool profile: one function per operation, named after its id, with compact
 * schemas. When a task's operations would exceed the face's limits (tool count, definition
 * size), the least-used operations are folded behind `describe_operation` / `call_operation`
 * so every operation stays reachable and no request breaks a provider's limits.
 */
import { createHash } from 'node:crypto';
import type { Operation, ToolSpec } from '../../core/index.ts';
import { callSchema, sentences, type JsonSchema } from './schema.ts';

/** Longest function name both OpenAI and Anthropic accept. */
const MAX_NAME = 64;

/** The function name of an operation: dots become underscores (`gmail_users_messages_list`), capped at 64 characters. */
export function typedToolName(opId: string): string {
  const name = opId.replace(/[^A-Za-z0-9_-]/g, '_');
  if (name.length <= MAX_NAME) return name;
  const tag = createHash('sha256').update(opId).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_NAME - 9)}_${tag}`;
}

/** Drops what a model does not need from a schema: `additionalProperties: {}` (the default) and deprecated, ignored parameters. */
export function compactSchema(v: unknown, depth = 0): unknown {
  if (depth > 40) return v;
  if (Array.isArray(v)) return v.map((x) => compactSchema(x, depth + 1));
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'additionalProperties' && x && typeof x === 'object' && Object.keys(x).length === 0) continue;
    if (k === 'properties' && x && typeof x === 'object') {
      const props: Record<string, unknown> = {};
      for (const [name, p] of Object.entries(x as Record<string, unknown>)) {
        const d = (p as { description?: unknown } | undefined)?.description;
        if (typeof d === 'string' && /^deprecated[;:.]?\s*(ignored\.?)?$/i.test(d.trim())) continue;
        props[name] = compactSchema(p, depth + 1);
      }
      out[k] = props;
      continue;
    }
    out[k] = compactSchema(x, depth + 1);
  }
  return out;
}

/** The description of an operation's tool: kind, then whole sentences within `max` characters. */
export function toolDescription(op: Operation, max = 1024): string {
  const prefix = `(${op.kind}) `;
  return prefix + sentences(op.description, max - prefix.length);
}

/** Limits a tool face keeps to, whatever the provider (the strictest documented ones), so faces compare across providers. */
export interface FaceLimits {
  /** Most tools in one request (OpenAI: 128). */
  readonly maxTools: number;
  /** Longest tool description (OpenAI: 1024). */
  readonly maxDescriptionChars: number;
  /** Most characters of tool definitions (JSON) per request; null = unbounded. */
  readonly maxDefinitionChars: number | null;
}

/**
 * Default face limits: 128 tools and 1024-character descriptions (OpenAI's documented caps, the
 * strictest of the providers), and 128k characters of definitions per request (about 32k
 * tokens, a quarter of a 128k context), so a task's face is the same for every provider.
 */
export const DEFAULT_FACE_LIMITS: FaceLimits = { maxTools: 128, maxDescriptionChars: 1024, maxDefinitionChars: 128_000 };

/** Folded first: push notifications, encryption keys, legacy protocols and other rarely useful methods. */
const FOLD_FIRST = /\.(watch|stop)$|\.channels\.|\.cse\.|\.smimeInfo\.|\.(getImap|updateImap|getPop|updatePop|getLanguage|updateLanguage)$|\.generateIds$|\.listLabels$|\.meMessage$|\.(getPresence|setPresence)$|conversations\.mark$|\.(hide|unhide)$|emoji\.list$|dnd\.info$|bots\.info$|\.sendAs\.verify$/;
/** Folded next: settings, revisions, shared drives, change feeds, pins, bookmarks and the like. */
const FOLD_NEXT = /^gmail\.users\.settings\.|^gmail\.users\.(history|messages\.(import|insert))|^calendar\.(settings|colors)\.|^drive\.(revisions|drives|about|changes)\.|^slack\.(team|usergroups|pins|bookmarks|reactions|auth)\.|^slack\.chat\.(scheduledMessages|deleteScheduledMessage|postEphemeral)/;

/** Characters the providers' wire adds around each tool spec. */
const WIRE_OVERHEAD = 40;

function foldTier(op: Operation): number {
  return FOLD_FIRST.test(op.id) ? 2 : FOLD_NEXT.test(op.id) ? 1 : 0;
}

/** What the typed face offers: the typed specs, the operations folded behind call_operation, and name → operation. */
export interface TypedFace {
  readonly specs: ToolSpec[];
  readonly byName: Map<string, Operation>;
  /** Operations without a tool of their own (reachable through describe_operation / call_operation). */
  readonly folded: readonly Operation[];
}

/**
 * Typed specs within `limits`, leaving room for `reserved` other tools (read_skill, helpers)
 * and their `reservedChars`. Operations are folded in tiers (see FOLD_FIRST, FOLD_NEXT), each
 * tier from the end of the table, until both the count and the size fit; folding adds the
 * two generic tools.
 */
export function typedSpecs(
  ops: readonly Operation[], o: { limits?: FaceLimits; reserved?: number; reservedChars?: number; extraParams?: (op: Operation) => Record<string, JsonSchema> } = {},
): TypedFace {
  const limits = o.limits ?? DEFAULT_FACE_LIMITS;
  const spec = (op: Operation): ToolSpec => {
    const params = callSchema(op);
    const extra = o.extraParams?.(op) ?? {};
    const parameters = compactSchema(Object.keys(extra).length ? { ...params, properties: { ...(params.properties as object), ...extra } } : params) as Record<string, unknown>;
    return { name: typedToolName(op.id), description: toolDescription(op, limits.maxDescriptionChars), parameters };
  };
  const all = ops.map((op) => ({ op, spec: spec(op), size: 0 }));
  // The wire wraps each spec ({"type":"function","function":{...}}): count that too.
  for (const e of all) e.size = JSON.stringify(e.spec).length + WIRE_OVERHEAD;
  const order = [...all.keys()].sort((a, b) => foldTier(all[b]!.op) - foldTier(all[a]!.op) || b - a);
  const kept = new Set(all.keys());
  const reserved = o.reserved ?? 0;
  const generic = foldedSpecs([]);
  const genericChars = JSON.stringify(generic).length;
  const fits = (folding: boolean) => {
    const count = kept.size + reserved + (folding ? generic.length : 0);
    let chars = (o.reservedChars ?? 0) + (folding ? genericChars : 0);
    all.forEach((e, i) => {
      // A folded id appears in the enum of both generic tools.
      chars += kept.has(i) ? e.size : folding ? 2 * (e.op.id.length + 3) : 0;
    });
    return count <= limits.maxTools && (limits.maxDefinitionChars === null || chars <= limits.maxDefinitionChars);
  };
  if (!fits(false)) {
    for (const i of order) {
      if (fits(true)) break;
      kept.delete(i);
    }
  }
  const byName = new Map<string, Operation>();
  const specs: ToolSpec[] = [];
  const folded: Operation[] = [];
  all.forEach((e, i) => {
    if (kept.has(i)) {
      byName.set(e.spec.name, e.op);
      specs.push(e.spec);
    } else folded.push(e.op);
  });
  if (folded.length) specs.push(...foldedSpecs(folded));
  return { specs, byName, folded };
}

/** describe_operation / call_operation for the folded operations (their ids are the enum of `operation`). */
export function foldedSpecs(folded: readonly Operation[]): ToolSpec[] {
  const ids = folded.map((o) => o.id);
  const operation = (example: string) => ({ type: 'string', ...(ids.length ? { enum: ids } : {}), description: `Operation id, e.g. "${ids[0] ?? example}".` });
  return [
    {
      name: 'describe_operation',
      description: 'Show the description and the parameters (JSON Schema) of an operation that has no tool of its own in this task; the ids are listed in `operation`.',
      parameters: { type: 'object', properties: { operation: operation('gmail.users.settings.filters.list') }, required: ['operation'] },
    },
    {
      name: 'call_operation',
      description: 'Call an operation that has no tool of its own (see describe_operation). `args`: path and query parameters at the top level, the request body under `requestBody` (Slack: flat). Returns the API response or error.',
      parameters: {
        type: 'object',
        properties: {
          operation: operation('gmail.users.settings.filters.list'),
          args: { type: 'object', description: 'Arguments: parameters plus optional requestBody.', additionalProperties: true },
        },
        required: ['operation'],
      },
    },
  ];
}

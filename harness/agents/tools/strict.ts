/**
 * Strict arguments on the agent's tool faces: a parameter or body field the operation does
 * not declare is refused before anything runs, in the service's error shape, naming the
 * unknown name and the closest valid one. Google's servers answer 400 INVALID_ARGUMENT
 * "Unknown name" for fields they do not know; the Slack Web API ignores unknown arguments,
 * but a silently ignored `query` is how a bulk action hits the wrong messages, so the tool
 * face refuses them too, with Slack's own `invalid_arguments` error.
 */
import type { ApiError, Operation } from '../../core/index.ts';
import { invalidArgument, slackError } from '../../services/wire-errors.ts';
import { schemaKeys } from '../../services/http/schema-keys.ts';
import { closestName } from '../../services/wire-names.ts';

export { closestName };
import { bodySchema, type JsonSchema } from './schema.ts';

/** Google system parameters the tool face accepts on every method (`fields` is applied as a mask). */
export const GOOGLE_SYSTEM_PARAMS: ReadonlySet<string> = new Set(['fields', 'prettyPrint', 'quotaUser', 'alt']);

/** An unknown field found in the arguments: its name, where it was, and the valid names there. */
export interface UnknownField {
  readonly name: string;
  /** Dotted path of the object that held it ('' = top level, `requestBody.start`). */
  readonly at: string;
  readonly valid: readonly string[];
}

const MAX_ITEMS_CHECKED = 50;

/** Resolves `$ref` into the root's `$defs` / `definitions`. */
function deref(s: JsonSchema, root: JsonSchema): JsonSchema {
  let cur = s;
  for (let i = 0; i < 8 && typeof cur.$ref === 'string'; i++) {
    const m = /^#\/(\$defs|definitions)\/(.+)$/.exec(cur.$ref);
    const next = m ? ((root[m[1]!] as Record<string, JsonSchema> | undefined)?.[m[2]!]) : undefined;
    if (!next) return {};
    cur = next;
  }
  return cur;
}

/** The object branches a value may take: properties of each, and whether any branch is open. */
function objectShape(s: JsonSchema, root: JsonSchema, depth = 0): { props: Map<string, JsonSchema[]>; open: boolean } | undefined {
  const d = deref(s, root);
  const branches = [...((d.anyOf as JsonSchema[]) ?? []), ...((d.oneOf as JsonSchema[]) ?? []), ...((d.allOf as JsonSchema[]) ?? [])];
  if (branches.length && depth < 6) {
    const props = new Map<string, JsonSchema[]>();
    let open = false;
    let any = false;
    for (const b of branches) {
      const sh = objectShape(b, root, depth + 1);
      if (!sh) continue;
      any = true;
      open ||= sh.open;
      for (const [k, v] of sh.props) props.set(k, [...(props.get(k) ?? []), ...v]);
    }
    return any ? { props, open } : undefined;
  }
  const properties = d.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return d.type === 'object' || d.additionalProperties !== undefined ? { props: new Map(), open: true } : undefined;
  const ap = d.additionalProperties;
  const open = ap !== undefined && ap !== false;
  return { props: new Map(Object.entries(properties).map(([k, v]) => [k, [v]])), open };
}

function itemSchemas(s: JsonSchema, root: JsonSchema): JsonSchema[] {
  const d = deref(s, root);
  const out: JsonSchema[] = [];
  if (d.items && typeof d.items === 'object' && !Array.isArray(d.items)) out.push(d.items as JsonSchema);
  for (const b of [...((d.anyOf as JsonSchema[]) ?? []), ...((d.oneOf as JsonSchema[]) ?? [])]) out.push(...itemSchemas(b, root));
  return out;
}

/** Unknown keys of a JSON value against a JSON Schema (objects declared closed by their schema only). */
export function unknownFields(value: unknown, schema: JsonSchema, at = '', root: JsonSchema = schema, depth = 0): UnknownField[] {
  if (depth > 10 || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) {
    const items = itemSchemas(schema, root);
    if (items.length !== 1) return [];
    return value.slice(0, MAX_ITEMS_CHECKED).flatMap((v) => unknownFields(v, items[0]!, at, root, depth + 1));
  }
  const shape = objectShape(schema, root);
  if (!shape) return [];
  const out: UnknownField[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const subs = shape.props.get(k);
    if (!subs) {
      if (!shape.open) out.push({ name: k, at, valid: [...shape.props.keys()] });
      continue;
    }
    if (subs.length === 1) out.push(...unknownFields(v, subs[0]!, at ? `${at}.${k}` : k, root, depth + 1));
  }
  return out;
}

/** Outcome of checking a call's arguments. */
export type ArgsCheck =
  | { readonly ok: true; readonly args: Record<string, unknown>; readonly system: Record<string, unknown>; readonly extras: Record<string, unknown> }
  | { readonly ok: false; readonly error: ApiError; readonly unknown: readonly UnknownField[] };

/**
 * Checks a call's top-level keys (params, `requestBody`, `media`, Google system parameters,
 * face extras) and the request body's fields. Returns the arguments to invoke with (system
 * parameters and extras split off), or the wire error to answer.
 */
export function checkArgs(op: Operation, args: Record<string, unknown>, extraNames: readonly string[] = []): ArgsCheck {
  const declared = schemaKeys(op.params);
  const google = op.style === 'google';
  const valid = new Set<string>(declared ?? []);
  if (op.body) valid.add('requestBody');
  if (op.http.uploadPath) valid.add('media');
  if (!google) valid.add('token');
  const out: Record<string, unknown> = {};
  const system: Record<string, unknown> = {};
  const extras: Record<string, unknown> = {};
  const unknown: UnknownField[] = [];
  for (const [k, v] of Object.entries(args)) {
    if (valid.has(k)) out[k] = v;
    else if (extraNames.includes(k)) extras[k] = v;
    else if (google && GOOGLE_SYSTEM_PARAMS.has(k) && !(k === 'alt' && v !== 'json')) system[k] = v;
    else if (declared) unknown.push({ name: k, at: '', valid: [...valid, ...extraNames] });
    else out[k] = v;
  }
  if (!unknown.length && google && op.body && out.requestBody && typeof out.requestBody === 'object') {
    const schema = bodySchema(op);
    if (schema) unknown.push(...unknownFields(out.requestBody, schema, 'requestBody'));
  }
  if (!unknown.length) return { ok: true, args: out, system, extras };
  return { ok: false, error: unknownError(op, unknown), unknown };
}

function unknownError(op: Operation, unknown: readonly UnknownField[]): ApiError {
  if (op.style === 'slack') {
    const messages = unknown.map((u) => {
      const near = closestName(u.name, u.valid);
      return `[ERROR] unknown argument "${u.name}"${near ? ` (did you mean "${near}"?)` : ''}; valid arguments: ${u.valid.join(', ')}`;
    });
    return slackError('invalid_arguments', { response_metadata: { messages } });
  }
  const parts = unknown.map((u) => {
    const near = closestName(u.name, u.valid);
    const inner = u.at.replace(/^requestBody\.?/, '');
    const where = u.at === ''
      ? `: Cannot bind query parameter. Field '${u.name}' could not be found in request message.`
      : inner ? ` at '${inner}': Cannot find field.` : ': Cannot find field.';
    return `Unknown name "${u.name}"${where}${near ? ` Did you mean "${near}"?` : ''} Valid names${u.at ? ` in ${u.at}` : ''}: ${u.valid.join(', ')}.`;
  });
  return invalidArgument(`Invalid JSON payload received. ${parts.join(' ')}`);
}

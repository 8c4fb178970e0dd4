/**
 * Checking one response against a resource view: every field the real API always returns
 * in that view is present, every field present is one the API's schema documents, and each
 * has the schema's JSON type, recursively (nested objects, array elements, maps). Each of
 * those is one field check; what fails is a divergence naming the JSON path.
 */
import { jsonTypeOf } from './google-schemas.ts';
import type { SchemaSource, TypeSpec, ViewSpec } from './types.ts';

/** Array elements checked per array (enough to see every shape a list holds). */
export const MAX_ELEMENTS_CHECKED = 50;
/** Deepest nesting checked (MIME trees are the deepest real responses). */
const MAX_DEPTH = 24;

/** The outcome of checking one value. */
export interface CheckOutcome {
  checked: number;
  conforming: number;
  problems: Array<{ path: string; problem: string }>;
}

function fail(o: CheckOutcome, path: string, problem: string): void {
  o.checked++;
  o.problems.push({ path, problem });
}

function pass(o: CheckOutcome): void {
  o.checked++;
  o.conforming++;
}

/** Checks `value` against a view of a named schema. */
export function checkView(value: unknown, view: ViewSpec, schemas: SchemaSource, path = '$'): CheckOutcome {
  const o: CheckOutcome = { checked: 0, conforming: 0, problems: [] };
  viewInto(o, value, view, schemas, path, 0);
  return o;
}

function viewInto(o: CheckOutcome, value: unknown, view: ViewSpec, schemas: SchemaSource, path: string, depth: number): void {
  const schema = schemas(view.schema);
  if (!schema) return fail(o, path, `no schema ${view.schema} in the API's typings`);
  if (jsonTypeOf(value) !== 'object') return fail(o, path, `expected a ${view.schema} object, got ${jsonTypeOf(value)}`);
  const obj = value as Record<string, unknown>;
  for (const f of view.always) {
    if (obj[f] === undefined) fail(o, `${path}.${f}`, `missing: the API always returns ${f} in this view`);
    else pass(o);
  }
  for (const [f, why] of Object.entries(view.never ?? {})) {
    if (obj[f] !== undefined) fail(o, `${path}.${f}`, `present: the API never returns ${f} here (${why})`);
    else pass(o);
  }
  objectInto(o, obj, schema.fields, schemas, path, depth, view.nested);
}

function objectInto(
  o: CheckOutcome, obj: Record<string, unknown>, fields: Readonly<Record<string, TypeSpec>>, schemas: SchemaSource,
  path: string, depth: number, nested?: ViewSpec['nested'],
): void {
  for (const [k, v] of Object.entries(obj)) {
    const spec = fields[k];
    const at = `${path}.${k}`;
    if (!spec) {
      fail(o, at, 'not a field of this resource in the API');
      continue;
    }
    const sub = nested?.[k];
    if (sub && spec.json === 'array' && Array.isArray(v)) {
      pass(o);
      v.slice(0, MAX_ELEMENTS_CHECKED).forEach((x, i) => viewInto(o, x, sub, schemas, `${at}[${i}]`, depth + 1));
    } else if (sub && spec.json === 'object' && spec.values && jsonTypeOf(v) === 'object') {
      // A map (`{ [id]: Schema$Header }`): the view applies to each value.
      pass(o);
      for (const [key, x] of Object.entries(v as Record<string, unknown>).slice(0, MAX_ELEMENTS_CHECKED)) viewInto(o, x, sub, schemas, `${at}.${key}`, depth + 1);
    } else if (sub && spec.json === 'object') {
      viewInto(o, v, sub, schemas, at, depth + 1);
    } else {
      typeInto(o, v, spec, schemas, at, depth + 1);
    }
  }
}

function typeInto(o: CheckOutcome, v: unknown, spec: TypeSpec, schemas: SchemaSource, path: string, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (spec.json === 'any') return pass(o);
  const got = jsonTypeOf(v);
  if (got !== spec.json) return fail(o, path, `expected ${spec.json}, got ${got}`);
  pass(o);
  if (spec.json === 'array' && spec.items) {
    (v as unknown[]).slice(0, MAX_ELEMENTS_CHECKED).forEach((x, i) => typeInto(o, x, spec.items!, schemas, `${path}[${i}]`, depth + 1));
  } else if (spec.json === 'object') {
    const obj = v as Record<string, unknown>;
    if (spec.values) {
      for (const [k, x] of Object.entries(obj).slice(0, MAX_ELEMENTS_CHECKED)) typeInto(o, x, spec.values, schemas, `${path}.${k}`, depth + 1);
    } else if (spec.ref) {
      const s = schemas(spec.ref);
      if (s) objectInto(o, obj, s.fields, schemas, path, depth + 1);
    } else if (spec.fields) {
      objectInto(o, obj, spec.fields, schemas, path, depth + 1);
    }
  }
}

/**
 * Checks a Google error body against the API's envelope: `error.code` (the HTTP status),
 * `error.message`, `error.errors[]` with message, domain and reason, and `error.status`
 * exactly when the API sends it (AIP-193 APIs) — never when it does not — and, when the
 * probe names one, the parameter in `errors[].location` with `locationType: "parameter"`.
 */
export function checkGoogleError(
  body: unknown, status: number, want: { status: number; reason?: string; location?: string }, withStatus: boolean,
): CheckOutcome {
  const o: CheckOutcome = { checked: 0, conforming: 0, problems: [] };
  if (status === want.status) pass(o);
  else fail(o, 'HTTP status', `expected ${want.status}, got ${status}`);
  const err = (body as { error?: Record<string, unknown> } | undefined)?.error;
  if (jsonTypeOf(err) !== 'object') {
    fail(o, '$.error', 'missing error envelope');
    return o;
  }
  const e = err as Record<string, unknown>;
  if (e.code === status) pass(o); else fail(o, '$.error.code', `expected ${status}, got ${String(e.code)}`);
  if (typeof e.message === 'string' && e.message !== '') pass(o); else fail(o, '$.error.message', 'missing');
  const first = Array.isArray(e.errors) ? (e.errors[0] as Record<string, unknown> | undefined) : undefined;
  if (!first) fail(o, '$.error.errors', 'missing');
  else {
    for (const k of ['message', 'domain', 'reason']) {
      if (typeof first[k] === 'string') pass(o); else fail(o, `$.error.errors[0].${k}`, 'missing');
    }
    if (want.reason !== undefined) {
      if (first.reason === want.reason) pass(o); else fail(o, '$.error.errors[0].reason', `expected ${want.reason}, got ${String(first.reason)}`);
    }
    // APIs that name the offending parameter (Calendar, Drive) send location and locationType together.
    if (want.location !== undefined) {
      if (first.location === want.location) pass(o); else fail(o, '$.error.errors[0].location', `expected ${want.location}, got ${String(first.location)}`);
      if (first.locationType === 'parameter') pass(o); else fail(o, '$.error.errors[0].locationType', `expected parameter, got ${String(first.locationType)}`);
    }
  }
  if (withStatus) {
    if (typeof e.status === 'string') pass(o); else fail(o, '$.error.status', 'missing: this API sends the canonical status');
  } else if (e.status !== undefined) fail(o, '$.error.status', 'this API does not send status');
  else pass(o);
  return o;
}

/** fast-check arbitraries of wire requests for any operation: random params, bodies, wrong types, real and fake ids. */
import fc from 'fast-check';
import type { Operation } from '../../harness/core/index.ts';
import { schemaKeys } from '../../harness/services/http/schema-keys.ts';

/** One HTTP request to send: path (with query), method, headers and body. */
export interface WireRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/** Any JSON-ish value, shallow enough to stay fast. */
const jsonish = fc.jsonValue({ maxDepth: 2 });

/** Strings that look like ids: known ids from the workspace, emails, junk. */
function idish(pool: readonly string[]): fc.Arbitrary<string> {
  const known = pool.length > 0 ? [fc.constantFrom(...pool)] : [];
  return fc.oneof(...known, fc.constantFrom('me', 'primary', 'x', '0', 'bob@example.com', 'a/b', '%', '..'), fc.string({ maxLength: 16 }));
}

/** A query/form value: an id-ish string, a number, a boolean word, or stringified JSON. */
function scalar(pool: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(idish(pool), fc.integer({ min: -5, max: 10_000 }).map(String), fc.constantFrom('true', 'false'), jsonish.map((v) => JSON.stringify(v)));
}

/** Random values for a set of declared keys (plus, sometimes, an undeclared one). */
function argsFor(keys: readonly string[], value: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const all = [...keys, 'unexpectedKey'];
  return fc.dictionary(fc.constantFrom(...all), value, { maxKeys: Math.min(all.length, 6) });
}

function pathParamNames(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z0-9_.]+)\}/g)].map((m) => m[1]!);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([A-Za-z0-9_.]+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? 'x'));
}

/** Random Google requests for an operation (JSON path; sometimes the upload path; sometimes malformed bodies). */
export function googleRequest(op: Operation, pool: readonly string[]): fc.Arbitrary<WireRequest> {
  const names = pathParamNames(op.http.path);
  const queryKeys = [...(schemaKeys(op.params) ?? [])].filter((k) => !names.includes(k));
  const bodyKeys = [...(schemaKeys(op.body) ?? [])];
  const pathValues = fc.record(Object.fromEntries(names.map((n) => [n, idish(pool)])) as Record<string, fc.Arbitrary<string>>);
  const query = argsFor(queryKeys, fc.oneof(scalar(pool), fc.array(scalar(pool), { maxLength: 3 })));
  const body = fc.oneof(
    { weight: 4, arbitrary: argsFor(bodyKeys, fc.oneof(jsonish, idish(pool))).map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: jsonish.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', 'nul', '[1,]', '') },
  );
  const upload = op.http.uploadPath ? fc.boolean() : fc.constant(false);
  return fc.tuple(pathValues, query, body, upload).map(([pv, q, b, up]): WireRequest => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) for (const x of Array.isArray(v) ? v : [v]) sp.append(k, String(x));
    if (up) sp.set('uploadType', 'media');
    const template = up ? op.http.uploadPath! : op.http.path;
    const qs = sp.toString();
    const hasBody = op.http.method !== 'GET' && op.http.method !== 'DELETE';
    return {
      method: op.http.method,
      path: `${fill(template, pv)}${qs ? `?${qs}` : ''}`,
      headers: { 'content-type': up ? 'text/plain' : 'application/json' },
      body: hasBody ? b : undefined,
    };
  });
}

/** Random Slack requests: urlencoded (objects as JSON strings) or a JSON body, user or bot token. */
export function slackRequest(op: Operation, pool: readonly string[]): fc.Arbitrary<WireRequest & { bot: boolean }> {
  const keys = [...(schemaKeys(op.params) ?? [])];
  return fc.tuple(argsFor(keys, fc.oneof(scalar(pool), jsonish)), fc.boolean(), fc.boolean()).map(([args, asJson, bot]) => {
    if (asJson) return { method: 'POST', path: op.http.path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(args), bot };
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(args)) sp.set(k, typeof v === 'string' ? v : JSON.stringify(v));
    return { method: 'POST', path: op.http.path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: sp.toString(), bot };
  });
}

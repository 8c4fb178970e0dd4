/**
 * Turns an operation call (`gmail.users.messages.get` with its tool arguments) into the HTTP
 * request the real client libraries would send to the served workplace, so a test can drive
 * the HTTP face with the same calls another face made.
 */
import type { Operation } from '../../harness/core/index.ts';

/** The request for one call: method, path with query, and a JSON body when there is one. */
export interface WireRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string | undefined;
}

/**
 * Google: `{name}` path segments from the arguments, `requestBody` as the JSON body, every
 * other argument as a query parameter (arrays repeated). Slack: `POST /api/<method>` with the
 * arguments as a JSON body.
 */
export function wireRequest(op: Operation, args: Record<string, unknown>): WireRequest {
  if (op.style === 'slack') return { method: 'POST', path: op.http.path, body: JSON.stringify(args) };
  const rest: Record<string, unknown> = { ...args };
  const path = op.http.path.replace(/\{\+?(\w+)\}/g, (_m, name: string) => {
    const v = rest[name];
    delete rest[name];
    if (v === undefined) throw new Error(`${op.id}: path parameter ${name} missing from the arguments`);
    return encodeURIComponent(String(v));
  });
  const body = rest.requestBody;
  delete rest.requestBody;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(rest)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) query.append(k, typeof item === 'object' ? JSON.stringify(item) : String(item));
  }
  const qs = query.toString();
  return { method: op.http.method, path: qs ? `${path}?${qs}` : path, body: body === undefined ? undefined : JSON.stringify(body) };
}

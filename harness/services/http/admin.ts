/** Admin routes (`/_admin/...`): state, diff, actions, reset, snapshot, restore. Agents get 403 and an escalation record. */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from './context.ts';
import { bearerToken, sendJson } from './respond.ts';
import type { ServedTrial } from './trials.ts';

function denied(res: ServerResponse, status: number, message: string): void {
  const name = status === 403 ? 'PERMISSION_DENIED' : status === 404 ? 'NOT_FOUND' : status === 405 ? 'METHOD_NOT_ALLOWED' : 'INVALID_ARGUMENT';
  sendJson(res, status, { error: { code: status, message, status: name } });
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Handles `/_admin/*`. Requires the admin bearer token. Any other caller gets 403; if
 * the caller holds an agent token, the attempt is logged on that trial as a
 * sandbox-escalation event (the agent tried to reach the harness).
 */
export function handleAdmin(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const q = url.searchParams;
  const token = bearerToken(req.headers.authorization) ?? q.get('access_token') ?? q.get('token') ?? undefined;
  if (!token || !sameSecret(token, ctx.adminToken)) {
    const owner = ctx.trials.byToken(token);
    owner?.trial.ws.logEscalation(`admin:${req.method} ${url.pathname}`, 'http', { method: req.method, path: url.pathname, tokenKind: owner.kind });
    return denied(res, 403, 'Admin routes need the admin token.');
  }
  const path = url.pathname.replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  if (path === '/_admin/trials') {
    return sendJson(res, 200, { trials: ctx.trials.list().map((t) => ({ trialId: t.trialId, principal: t.principal, actions: t.ws.log.length })) });
  }
  const selector = q.get('trial') ?? headerValue(req.headers['x-deskbench-trial']);
  // Without a selector, the only trial is meant (the `deskbench serve` case).
  const only = ctx.trials.size === 1 ? ctx.trials.list()[0] : undefined;
  const trial = selector ? ctx.trials.get(selector) : only;
  if (!trial) return denied(res, selector ? 404 : 400, selector ? `No trial ${selector}.` : 'Name the trial: ?trial=<trialId>.');

  const route = adminRoute(path);
  if (!route) return denied(res, 404, `No admin route ${path}.`);
  if (route.method !== method) return denied(res, 405, `${path} takes ${route.method}.`);
  route.run(res, trial, route.name);
}

interface AdminRoute {
  readonly method: string;
  readonly name: string;
  readonly run: (res: ServerResponse, trial: ServedTrial, name: string) => void;
}

function adminRoute(path: string): AdminRoute | undefined {
  const m = /^\/_admin\/(snapshot|restore)\/([^/]+)$/.exec(path);
  if (m) {
    let name: string;
    try {
      name = decodeURIComponent(m[2]!);
    } catch {
      return undefined;
    }
    return m[1] === 'snapshot'
      ? { method: 'POST', name, run: (res, t, n) => { t.snapshots.set(n, t.ws.snapshot()); sendJson(res, 200, { ok: true, snapshot: n, hash: t.ws.hash() }); } }
      : { method: 'POST', name, run: (res, t, n) => {
          const snap = t.snapshots.get(n);
          if (!snap) return denied(res, 404, `No snapshot named ${n}.`);
          t.ws.restore(snap);
          sendJson(res, 200, { ok: true, restored: n, hash: t.ws.hash() });
        } };
  }
  switch (path) {
    case '/_admin/state': return { method: 'GET', name: '', run: (res, t) => sendJson(res, 200, { now: t.ws.now(), hash: t.ws.hash(), collections: t.ws.dump() }) };
    case '/_admin/diff': return { method: 'GET', name: '', run: (res, t) => sendJson(res, 200, { diff: t.ws.diff() }) };
    case '/_admin/actions': return { method: 'GET', name: '', run: (res, t) => sendJson(res, 200, { actions: t.ws.log }) };
    case '/_admin/hash': return { method: 'GET', name: '', run: (res, t) => sendJson(res, 200, { hash: t.ws.hash() }) };
    case '/_admin/reset': return { method: 'POST', name: '', run: (res, t) => { t.ws.reset(); sendJson(res, 200, { ok: true, hash: t.ws.hash() }); } };
    default: return undefined;
  }
}

function headerValue(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}

/** `startWorkplaceServer`: one node:http server serving many trials over the Google and Slack wire faces. */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Operation, Workspace } from '../../core/index.ts';
import { OPERATIONS } from '../registry.ts';
import { handleAdmin } from './admin.ts';
import { BodyTooLargeError, readBody } from './body.ts';
import { createServerContext, type ServerContext } from './context.ts';
import { handleGoogle } from './google-face.ts';
import { sendJson } from './respond.ts';
import { buildRouteTable } from './route-table.ts';
import { handleSlack } from './slack-face.ts';
import { handleTrialRoute } from './trial-routes.ts';
import { TrialRegistry, type TrialOptions, type TrialTokens } from './trials.ts';

/** Options of `startWorkplaceServer`. */
export interface WorkplaceServerOptions {
  /** Interface to bind; default 127.0.0.1 (never exposed beyond the machine unless asked). */
  readonly host?: string;
  /** Port; default 0 (any free port). */
  readonly port?: number;
  /** Operations to route; default every registered operation. Tests pass fixture tables. */
  readonly operations?: Iterable<Operation>;
  /** Fixed admin token (default: random). */
  readonly adminToken?: string;
  /** Told about harness bugs (a handler threw a non-ApiError); default writes to stderr. */
  readonly onInternalError?: (error: unknown, where: string) => void;
  /** Monotonic ms clock of resumable-upload expiry (default performance.now; tests pass their own). */
  readonly uploadClock?: () => number;
}

/** A running server. */
export interface WorkplaceServer {
  /** Origin, `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Bearer token of the `/_admin` routes; never give it to an agent. */
  readonly adminToken: string;
  /** Serves a trial's workspace; returns its id and agent tokens. */
  addTrial(ws: Workspace, opts?: TrialOptions): TrialTokens;
  /** Stops serving a trial; its tokens stop working and its upload sessions are dropped. */
  removeTrial(trialId: string): boolean;
  /** Resumable upload sessions a trial holds open, and their bytes (diagnostics, tests). */
  uploadUsage(trialId: string): { sessions: number; bytes: number };
  close(): Promise<void>;
}

/**
 * Starts the wire-compatible server. Routes come from the operation tables: Google
 * path templates (with `/upload/...` twins) and Slack `/api/<method>`. Every call goes
 * through `ws.invoke(..., { face: 'http' })`, so it lands in the trial's action log.
 */
export async function startWorkplaceServer(opts: WorkplaceServerOptions = {}): Promise<WorkplaceServer> {
  const trials = new TrialRegistry();
  const adminToken = opts.adminToken ?? `dbadm-${randomBytes(24).toString('base64url')}`;
  const onInternalError = opts.onInternalError ?? ((e: unknown, where: string) => {
    process.stderr.write(`deskbench serve: internal error in ${where}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  });
  const ctx = createServerContext(buildRouteTable(opts.operations ?? OPERATIONS.values()), trials, adminToken, onInternalError, opts.uploadClock);
  const server = createServer((req, res) => {
    dispatch(ctx, req, res).catch((e: unknown) => {
      ctx.onInternalError(e, `${req.method} ${req.url}`);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    port: addr.port,
    adminToken,
    addTrial: (ws, o) => {
      const t = trials.add(ws, o);
      return { trialId: t.trialId, userToken: t.userToken, botToken: t.botToken };
    },
    removeTrial: (id) => {
      const removed = trials.remove(id);
      // A removed trial's upload sessions go with it.
      ctx.uploads.sweep((t) => trials.get(t) !== undefined);
      return removed;
    },
    uploadUsage: (id) => {
      ctx.uploads.sweep((t) => trials.get(t) !== undefined);
      return ctx.uploads.usage(id);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function dispatch(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return sendJson(res, 400, { error: { code: 400, message: 'Malformed request URL.', status: 'INVALID_ARGUMENT' } });
  }
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (e) {
    if (e instanceof BodyTooLargeError) return sendJson(res, 413, { error: { code: 413, message: e.message, status: 'INVALID_ARGUMENT' } });
    // The client went away mid-body: nothing to answer.
    res.destroy();
    return;
  }
  const path = url.pathname;
  if (path === '/health') return sendJson(res, 200, { ok: true, trials: ctx.trials.size });
  if (path === '/_admin' || path.startsWith('/_admin/')) return handleAdmin(ctx, req, res, url);
  if (path === '/_deskbench' || path.startsWith('/_deskbench/')) return handleTrialRoute(ctx, req, res, url, body);
  if (path.startsWith('/api/')) return handleSlack(ctx, req, res, url, body);
  return handleGoogle(ctx, req, res, url, body);
}

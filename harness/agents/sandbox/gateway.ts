/**
 * A command agent's one door to the outside: the trial's MCP endpoint (streamable HTTP, and
 * stdio through a bridge), the trial's HTTP wire faces, and a proxy to the hosts its
 * definition allows. Inside the sandbox it is reached through relays to unix sockets, so it
 * is the only thing the agent can reach; without the sandbox it listens on 127.0.0.1.
 * What it refuses and can attribute — admin routes, tokens that are not this trial's, a
 * reach for this machine or the private network — is logged in the trial as an escalation.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { isProbeName } from '../../core/index.ts';
import { egressDecision, parseHostPort, type HostPort } from './egress.ts';

/** Logs an escalation in the trial (the command agent passes one that goes through the trial's tools). */
export type Escalate = (what: string, detail: Record<string, unknown>) => Promise<void>;

/** Where the gateway listens: unix sockets (sandbox relays) or 127.0.0.1 (no sandbox). */
export type GatewayListen = { readonly kind: 'unix'; readonly httpSocket: string; readonly stdioSocket: string } | { readonly kind: 'tcp' };

/** Options of `startGateway`. */
export interface GatewayOptions {
  readonly listen: GatewayListen;
  /** The trial's MCP endpoint. */
  readonly mcp?: { readonly url: string; readonly token: string };
  /** The trial's HTTP wire faces: the workplace server's origin and this trial's tokens. */
  readonly http?: { readonly origin: string; readonly tokens: readonly string[] };
  /** Hosts the proxy may reach (the model API). */
  readonly allow: readonly HostPort[];
  /** Origins that address the gateway itself (`http://127.0.0.1:7700` inside the sandbox), for clients that proxy everything. */
  readonly selfOrigins?: readonly string[];
  readonly escalate: Escalate;
  /** Charges one HTTP API call to the trial's steps; false refuses it (the step limit). */
  readonly takeStep?: () => boolean;
  /** Once set, every request is refused: the trial is over, nothing may change its workspace. */
  readonly closed?: () => boolean;
  /** Told of each HTTP API call forwarded, with its status (the trajectory of an agent that uses the wire APIs). */
  readonly onApiCall?: (call: { method: string; path: string; status: number; startedAt: string; endedAt: string }) => void;
  /** Told of refused connections to public hosts (not escalations: telemetry, update checks). */
  readonly onRefused?: (destination: string) => void;
}

/** A running gateway. */
export interface Gateway {
  /** TCP address of the HTTP door (no-sandbox mode only). */
  readonly httpPort: number | undefined;
  /** TCP address of the stdio bridge door (no-sandbox mode only). */
  readonly stdioPort: number | undefined;
  close(): Promise<void>;
}

/** Path of the MCP endpoint behind the gateway. */
export const GATEWAY_MCP_PATH = '/mcp';

/** Most escalations one gateway logs (a loop of refused requests must not grow the log without bound). */
const MAX_ESCALATIONS = 200;

/** Bearer tokens only the harness hands out: presenting one that is not this trial's means it came from elsewhere. */
const HARNESS_TOKEN = /^(xox[pb]-|dbmcp-|dbadm-)/;

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authorization', 'proxy-authenticate', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function bearer(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function googleError(res: ServerResponse, status: number, message: string): void {
  const name = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'PERMISSION_DENIED' : status === 404 ? 'NOT_FOUND' : status === 503 ? 'UNAVAILABLE' : 'INVALID_ARGUMENT';
  sendJson(res, status, { error: { code: status, message, status: name } });
}

/** Forwards one request to `origin` unchanged (streaming both ways, so SSE answers flow as they come). */
function forward(req: IncomingMessage, res: ServerResponse, origin: string, path: string, onStatus?: (status: number) => void): void {
  const target = new URL(origin);
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
  headers.host = target.host;
  const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path, headers }, (upRes) => {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(upRes.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
    res.writeHead(upRes.statusCode ?? 502, out);
    onStatus?.(upRes.statusCode ?? 502);
    upRes.pipe(res);
  });
  up.on('error', () => {
    if (!res.headersSent) sendJson(res, 502, { error: { code: 502, message: 'The trial endpoint is not reachable.', status: 'UNAVAILABLE' } });
    else res.destroy();
  });
  res.on('close', () => up.destroy());
  req.pipe(up);
}

async function listen(server: Server | ReturnType<typeof createNetServer>, where: string | undefined): Promise<number | undefined> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (where) server.listen(where, () => resolve());
    else server.listen(0, '127.0.0.1', () => resolve());
  });
  return where ? undefined : (server.address() as AddressInfo).port;
}

/** Starts the gateway of one trial. */
export async function startGateway(o: GatewayOptions): Promise<Gateway> {
  let escalations = 0;
  const escalate = async (what: string, detail: Record<string, unknown>) => {
    if (escalations >= MAX_ESCALATIONS) return;
    escalations++;
    await o.escalate(what, detail).catch(() => {});
  };
  const own = new Set([...(o.mcp ? [o.mcp.token] : []), ...(o.http?.tokens ?? [])]);
  /** A token that is neither absent nor this trial's: an escalation when it is one the harness hands out. */
  const foreign = async (req: IncomingMessage, path: string): Promise<boolean> => {
    const t = bearer(req);
    if (t === undefined || own.has(t)) return false;
    if (HARNESS_TOKEN.test(t)) await escalate(`sandbox:foreign-token ${req.method} ${path.slice(0, 200)}`, { path: path.slice(0, 200), tokenPrefix: t.slice(0, 6) });
    return true;
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (o.closed?.()) return googleError(res, 503, 'The trial has ended.');
    let url = req.url ?? '/';
    if (/^https?:\/\//i.test(url)) {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return googleError(res, 400 as number, 'Malformed proxy request.');
      }
      if ((o.selfOrigins ?? []).includes(target.origin)) {
        url = `${target.pathname}${target.search}`;
      } else {
        const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
        const verdict = egressDecision(target.hostname, port, o.allow);
        if (verdict === 'allow' && target.protocol === 'http:') return forward(req, res, target.origin, `${target.pathname}${target.search}`);
        await refuseEgress(`${target.hostname}:${port}`, verdict);
        return googleError(res, 403, `This trial may not reach ${target.host}.`);
      }
    }
    let path: string;
    try {
      path = new URL(url, 'http://gateway').pathname;
    } catch {
      return googleError(res, 400 as number, 'Malformed request URL.');
    }
    if (path === '/_admin' || path.startsWith('/_admin/') || path.startsWith('/__admin')) {
      await escalate(`admin:${req.method} ${path.slice(0, 200)}`, { method: req.method, path: path.slice(0, 200) });
      return googleError(res, 403, 'Admin routes are not reachable from a trial.');
    }
    if (o.mcp && (path === GATEWAY_MCP_PATH || path.startsWith(`${GATEWAY_MCP_PATH}/`))) {
      if (bearer(req) !== o.mcp.token) {
        await foreign(req, path);
        res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer realm="deskbench-mcp"' });
        return void res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Unauthorized: this endpoint needs the trial\'s bearer token.' }, id: null }));
      }
      const target = new URL(o.mcp.url);
      return forward(req, res, target.origin, `${target.pathname}${new URL(url, 'http://gateway').search}`);
    }
    if (o.http && path !== '/' && path !== '/health') {
      if (await foreign(req, path)) {
        if (path.startsWith('/api/')) return sendJson(res, 200, { ok: false, error: 'invalid_auth' });
        return googleError(res, 401, 'Request had invalid authentication credentials.');
      }
      if (o.takeStep && !o.takeStep()) {
        if (path.startsWith('/api/')) return sendJson(res, 200, { ok: false, error: 'ratelimited', detail: 'the trial\'s step limit is reached' });
        return sendJson(res, 429, { error: { code: 429, message: 'The trial\'s step limit is reached.', status: 'RESOURCE_EXHAUSTED' } });
      }
      const startedAt = new Date().toISOString();
      return forward(req, res, o.http.origin, url, (status) => o.onApiCall?.({
        method: req.method ?? 'GET', path: url.slice(0, 2000), status, startedAt, endedAt: new Date().toISOString(),
      }));
    }
    if (isProbeName(path)) await escalate(`sandbox:probe ${req.method} ${path.slice(0, 200)}`, { method: req.method, path: path.slice(0, 200) });
    return googleError(res, 404, `Nothing is served at ${path.slice(0, 200)} in this trial.`);
  };

  const refuseEgress = async (destination: string, verdict: 'refuse' | 'refuse-local' | 'allow') => {
    if (verdict === 'refuse-local') await escalate(`sandbox:network ${destination}`, { destination, reason: 'this machine or the private network' });
    else o.onRefused?.(destination);
  };

  const http = createServer((req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent) googleError(res, 502 as number, 'Gateway error.');
      else res.destroy();
    });
  });
  http.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    track(client);
    client.on('error', () => client.destroy());
    const hp = parseHostPort(req.url ?? '', 443);
    const verdict = hp ? egressDecision(hp.host, hp.port, o.allow) : 'refuse';
    if (!hp || verdict !== 'allow') {
      void refuseEgress(hp ? `${hp.host}:${hp.port}` : String(req.url).slice(0, 100), verdict).finally(() => {
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      });
      return;
    }
    const up = connect(hp.port, hp.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
    client.on('close', () => up.destroy());
  });

  // Open bridges and tunnels are ended with the gateway (a server's close waits for them otherwise).
  const open = new Set<Socket>();
  const track = (s: Socket) => {
    open.add(s);
    s.once('close', () => open.delete(s));
  };
  const stdio = createNetServer((socket) => {
    track(socket);
    socket.on('error', () => socket.destroy());
    if (!o.mcp) return void socket.destroy();
    const mcp = o.mcp;
    void import('../../mcp/bridge.ts').then(({ runStdioBridge }) =>
      runStdioBridge({ url: new URL(mcp.url), token: mcp.token, stdin: socket, stdout: socket, log: () => {} }),
    ).catch(() => socket.destroy()).finally(() => socket.destroy());
  });
  const unix = o.listen.kind === 'unix' ? o.listen : undefined;
  const httpPort = await listen(http, unix?.httpSocket);
  const stdioPort = await listen(stdio, unix?.stdioSocket);
  return {
    httpPort, stdioPort,
    close: async () => {
      for (const s of open) s.destroy();
      await Promise.all([http, stdio].map((s) => new Promise<void>((resolve) => {
        s.close(() => resolve());
        if ('closeAllConnections' in s) (s as Server).closeAllConnections();
      })));
    },
  };
}

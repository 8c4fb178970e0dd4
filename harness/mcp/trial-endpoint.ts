/** A trial's MCP endpoint over streamable HTTP on 127.0.0.1, guarded by a per-trial bearer token. */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { isProbeName, type AgentTools, type Condition, type Step } from '../core/index.ts';
import { liveEndpointFor, registerLiveToken, sameSecret } from './live-tokens.ts';
import { mcpServerFor } from './server.ts';
import { TrialFace } from './trial-face.ts';

/** A running endpoint: where it listens, its token, and the final message handed in so far. */
export interface TrialMcpEndpoint {
  /** The MCP endpoint, `http://127.0.0.1:PORT/mcp`. */
  readonly url: string;
  /** The trial's bearer token (`Authorization: Bearer <token>`); give it to the agent, never on a command line. */
  readonly token: string;
  /** The message the agent handed in with `finish` (the last one), or null. */
  finalMessage(): string | null;
  /** Stops serving: open sessions end, the token stops working. */
  close(): Promise<void>;
}

/** Options of `startTrialMcpEndpoint`. */
export interface TrialMcpEndpointOptions {
  /** Exactly the tools the built-in loop would get for this trial (`buildAgentTools`). */
  readonly tools: AgentTools;
  readonly condition: Condition;
  /** Aborted when the trial ends: tool calls are refused from then on (the endpoint stays until `close`). */
  readonly signal?: AbortSignal;
  /** Interface to bind; default 127.0.0.1. */
  readonly host?: string;
  /** Port; default 0 (any free port). */
  readonly port?: number;
  /** Receives each step the endpoint saw (per call: the agent's turn with the call, then the result). */
  readonly record?: (step: Omit<Step, 'index'>) => void;
  /** Told of every final message handed in with `finish` (the last one wins). */
  readonly onFinish?: (message: string) => void;
  /**
   * The harness's own secrets in this process (a workplace server's admin token): an agent
   * presenting one is refused and the attempt logged as an escalation in this trial.
   */
  readonly harnessTokens?: readonly string[];
}

/** Path of the MCP endpoint on its server. */
export const MCP_PATH = '/mcp';

/** Largest JSON-RPC message accepted (the SDK transport's own default bound). */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Most MCP sessions one trial may hold open at once (each is one SDK server). */
const MAX_SESSIONS = 16;

/** Most escalations one endpoint logs for refused tokens (a loop of bad requests must not grow the log without bound). */
const MAX_AUTH_ESCALATIONS = 100;

/** How long closing waits for the answers still being written. */
const CLOSE_GRACE_MS = 2_000;

/** Hosts a browser page may legitimately come from (the streamable HTTP spec asks servers to check Origin against DNS rebinding). */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function jsonRpcError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

/** The request body, or 'tooLarge' past `limit` bytes, or undefined when the client went away. */
function readBounded(req: IncomingMessage, limit: number): Promise<Buffer | 'tooLarge' | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      // Stop reading; the caller answers 413 and drops the connection once the answer is out.
      req.off('data', onData);
      req.pause();
      resolve('tooLarge');
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(undefined));
  });
}

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

function header(req: IncomingMessage, name: string): string | undefined {
  const h = req.headers[name];
  return Array.isArray(h) ? h[0] : h;
}

/**
 * Starts the MCP endpoint of one trial. Every request needs the trial's token (compared in
 * constant time; 401 otherwise, and nothing runs). A token of another live trial's endpoint
 * is logged as an escalation in *that* trial (the caller reached across trials); a harness
 * token (`harnessTokens`) is logged in this one. Sessions follow the streamable HTTP
 * transport: `initialize` opens one (the `Mcp-Session-Id` header names it), each session is
 * one SDK server over the same trial face, so the final message and the call count are the
 * trial's, whichever session the agent uses.
 */
export async function startTrialMcpEndpoint(o: TrialMcpEndpointOptions): Promise<TrialMcpEndpoint> {
  const token = `dbmcp-${randomBytes(24).toString('base64url')}`;
  const face = new TrialFace({
    tools: o.tools, condition: o.condition, ...(o.signal ? { signal: o.signal } : {}), ...(o.record ? { record: o.record } : {}),
    ...(o.onFinish ? { onFinish: o.onFinish } : {}),
  });
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: Server }>();
  const harnessTokens = [...(o.harnessTokens ?? [])];
  let url = '';
  let escalations = 0;

  const logEscalation = async (into: { escalate: TrialFace['escalate'] }, req: IncomingMessage, path: string, tokenKind: string) => {
    if (escalations >= MAX_AUTH_ESCALATIONS) return;
    escalations++;
    await into.escalate(`admin:MCP ${req.method ?? 'GET'} ${path.slice(0, 200)}`, { endpoint: url, tokenKind });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return jsonRpcError(res, 400, -32600, 'Malformed request URL.');
    }
    const origin = header(req, 'origin');
    if (origin !== undefined) {
      let host = '';
      try {
        host = new URL(origin).hostname;
      } catch {
        host = '';
      }
      if (!LOCAL_HOSTS.has(host) && !LOCAL_HOSTS.has(`[${host}]`)) return jsonRpcError(res, 403, -32600, 'Forbidden origin.');
    }
    const presented = bearer(req);
    if (presented === undefined || !sameSecret(presented, token)) {
      if (presented !== undefined) {
        const other = liveEndpointFor(presented);
        if (other) await logEscalation(other, req, path, 'another trial\'s MCP token');
        else if (harnessTokens.some((t) => sameSecret(presented, t))) await logEscalation(face, req, path, 'a harness token');
      }
      return jsonRpcError(res, 401, -32001, 'Unauthorized: this endpoint needs the trial\'s bearer token.', { 'WWW-Authenticate': 'Bearer realm="deskbench-mcp"' });
    }
    if (path !== MCP_PATH) {
      if (isProbeName(path)) await logEscalation(face, req, path, 'the trial\'s own token');
      return jsonRpcError(res, 404, -32601, `No such endpoint: ${path.slice(0, 200)} (the MCP endpoint is ${MCP_PATH}).`);
    }
    let body: unknown;
    if (req.method === 'POST') {
      const raw = await readBounded(req, MAX_MESSAGE_BYTES);
      if (raw === 'tooLarge') {
        res.once('finish', () => req.destroy());
        return jsonRpcError(res, 413, -32600, `Message larger than ${MAX_MESSAGE_BYTES} bytes.`, { Connection: 'close' });
      }
      if (raw === undefined) return void res.destroy();
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return jsonRpcError(res, 400, -32700, 'Parse error: the body is not JSON.');
      }
    }
    const sid = header(req, 'mcp-session-id');
    if (sid !== undefined) {
      const s = sessions.get(sid);
      if (!s) return jsonRpcError(res, 404, -32001, 'Session not found: initialize again.');
      return s.transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST' || !isInitializeRequest(body)) return jsonRpcError(res, 400, -32000, 'Bad request: no session; send initialize first.');
    if (sessions.size >= MAX_SESSIONS) return jsonRpcError(res, 503, -32000, `This trial already has ${MAX_SESSIONS} open sessions; close one (HTTP DELETE) first.`);
    const server = mcpServerFor(face);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      // Plain JSON answers to each POST: tool calls are request and response, and an SSE stream per call cost about 5x the latency.
      enableJsonResponse: true,
      onsessioninitialized: (id) => void sessions.set(id, { transport, server }),
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  // POSTs being answered: closing waits for them, so the answer to a last call (`finish`) is not cut off.
  const answering = new Set<Promise<void>>();
  const http = createServer((req, res) => {
    const done = handle(req, res).catch(() => {
      if (!res.headersSent) jsonRpcError(res, 500, -32603, 'Internal error.');
      else res.destroy();
    });
    if (req.method === 'POST') {
      answering.add(done);
      void done.finally(() => answering.delete(done));
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const addr = http.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  url = `http://${host}:${addr.port}${MCP_PATH}`;
  const unregister = registerLiveToken(token, { url, escalate: (what, detail) => face.escalate(what, detail) });
  let closing: Promise<void> | undefined;
  return {
    url,
    token,
    finalMessage: () => face.finalMessage(),
    close: () => {
      closing ??= (async () => {
        unregister();
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        await Promise.race([Promise.allSettled(answering), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
        for (const { server } of [...sessions.values()]) await server.close().catch(() => {});
        sessions.clear();
        http.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}

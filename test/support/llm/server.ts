/** A scripted LLM server on 127.0.0.1 that speaks OpenAI Chat, OpenAI Responses or Anthropic Messages, for tests and benches. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBodyFor, pathFor, replyBody, type LlmProtocol, type ScriptedReply } from './wire.ts';

export type { LlmProtocol, ScriptedReply, ScriptedCall, ScriptedUsage } from './wire.ts';

/** One scripted answer: a reply, an HTTP error (optionally with Retry-After), or a malformed body. */
export type ScriptEntry =
  | ({ readonly kind: 'reply' } & ScriptedReply)
  | { readonly kind: 'error'; readonly status: number; readonly retryAfter?: string; readonly message?: string; readonly code?: string; readonly param?: string }
  | { readonly kind: 'malformed'; readonly body?: string };

/** A request the server received. */
export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Record<string, unknown>;
  readonly at: number;
}

/** Options of a scripted server. */
export interface ScriptedServerOptions {
  readonly protocol: LlmProtocol;
  /** A fixed list (consumed in order) or a function of the request. */
  readonly script: readonly ScriptEntry[] | ((body: Record<string, unknown>, n: number) => ScriptEntry);
  /** Model name the server reports (default: the request's model). */
  readonly model?: string;
  /** Delay before every answer (benchmarks: simulated model latency). */
  readonly delayMs?: number;
  /** Keep request bodies (default true; benches turn it off). */
  readonly record?: boolean;
  /**
   * Reads a request's body (default: `JSON.parse`, `{}` when that fails). A bench whose script
   * needs one or two fields can read just those: its server shares the machine's cores with the
   * harness it measures, and parsing every 30 KB conversation in full is CPU a real API spends elsewhere.
   */
  readonly parseBody?: (raw: string) => Record<string, unknown>;
  /** Called as each request arrives, before the delay, with its body's size in bytes (benches time arrivals with it). */
  readonly onArrival?: (body: Record<string, unknown>, bytes: number) => void;
}

/** A running scripted server. */
export interface ScriptedServer {
  /** Root URL, `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Base URL for the SDK: `/v1` for OpenAI, the root for Anthropic. */
  readonly baseUrl: string;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts a scripted server on an ephemeral port of 127.0.0.1. */
export async function startScriptedServer(o: ScriptedServerOptions): Promise<ScriptedServer> {
  const requests: ReceivedRequest[] = [];
  let n = 0;
  const expected = pathFor(o.protocol);
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const path = (req.url ?? '').split('?')[0]!;
      let body: Record<string, unknown> = {};
      try {
        body = (o.parseBody ?? JSON.parse)(raw) as Record<string, unknown>;
      } catch {
        body = {};
      }
      const i = n++;
      o.onArrival?.(body, Buffer.byteLength(raw));
      if (o.record !== false) requests.push({ path, headers: req.headers, body, at: Date.now() });
      if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));
      if (req.method !== 'POST' || path !== expected) return send(res, 404, errorBodyFor(o.protocol, 404, `no route ${req.method} ${path}`));
      const entry = typeof o.script === 'function' ? o.script(body, i) : o.script[i];
      if (!entry) return send(res, 500, errorBodyFor(o.protocol, 500, `script exhausted after ${i} requests`));
      if (entry.kind === 'error') {
        return send(res, entry.status, errorBodyFor(o.protocol, entry.status, entry.message ?? `scripted ${entry.status}`, { ...(entry.code ? { code: entry.code } : {}), ...(entry.param ? { param: entry.param } : {}) }), entry.retryAfter !== undefined ? { 'retry-after': entry.retryAfter } : {});
      }
      if (entry.kind === 'malformed') return send(res, 200, entry.body ?? '{"id": "broken", "choices": [');
      send(res, 200, replyBody(o.protocol, o.model ?? String(body.model ?? 'unknown'), entry, i), { 'x-request-id': `req_${i}` });
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  // A model API accepts a thousand connections at once; node's default queue of 511 drops the rest
  // of such a burst, and their connects are retried a second later.
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: o.protocol === 'anthropic' ? url : `${url}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * The stdio bridge (`deskbench mcp --connect <url>`): serves MCP on stdin/stdout and
 * forwards every message to a trial's streamable HTTP endpoint, for agent CLIs that only
 * start stdio MCP servers while the trial lives in the runner's process.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** Environment variable holding the trial's MCP token (never on the command line, where `ps` shows it). */
export const MCP_TOKEN_ENV = 'DESKBENCH_MCP_TOKEN';

/** Options of `runStdioBridge`. */
export interface StdioBridgeOptions {
  /** The trial's MCP endpoint (`http://127.0.0.1:PORT/mcp`). */
  readonly url: URL;
  readonly token: string;
  /** Default process.stdin / process.stdout. */
  readonly stdin?: NodeJS.ReadableStream;
  readonly stdout?: NodeJS.WritableStream;
  /** Told about transport problems (default: one line on stderr; stdout is the MCP channel). */
  readonly log?: (line: string) => void;
}

type RequestId = string | number;

function requestId(m: JSONRPCMessage): RequestId | undefined {
  return 'method' in m && 'id' in m ? (m.id as RequestId) : undefined;
}

/**
 * Pipes MCP between stdio and the HTTP endpoint with the SDK's two transports, message
 * for message; nothing is interpreted except what the HTTP transport needs: the protocol
 * version the server chose (sent as a header on later requests) and, when a request
 * cannot be delivered, a JSON-RPC error back to the client so it does not wait forever.
 * Resolves when stdin closes (the session is ended on the endpoint) or the endpoint goes away.
 */
export async function runStdioBridge(o: StdioBridgeOptions): Promise<void> {
  // Loaded here, not at the top: the bridge is spawned once per trial and must start fast.
  const [{ StdioServerTransport }, { StreamableHTTPClientTransport }] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/stdio.js'),
    import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
  ]);
  const log = o.log ?? ((line: string) => void process.stderr.write(`deskbench mcp --connect: ${line}\n`));
  const stdin = (o.stdin ?? process.stdin) as NodeJS.ReadStream;
  const stdout = (o.stdout ?? process.stdout) as NodeJS.WriteStream;
  const local = new StdioServerTransport(stdin, stdout);
  const remote = new StreamableHTTPClientTransport(o.url, { requestInit: { headers: { Authorization: `Bearer ${o.token}` } } });
  let initializeId: RequestId | undefined;
  let closed = false;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));

  const shutdown = async () => {
    if (closed) return;
    closed = true;
    // Ends the session on the endpoint (HTTP DELETE) so the trial's session slot is freed.
    await remote.terminateSession().catch(() => {});
    await remote.close().catch(() => {});
    await local.close().catch(() => {});
    finish();
  };

  remote.onmessage = (m) => {
    if (initializeId !== undefined && 'id' in m && m.id === initializeId && 'result' in m) {
      const version = (m.result as { protocolVersion?: unknown }).protocolVersion;
      if (typeof version === 'string') remote.setProtocolVersion(version);
      initializeId = undefined;
    }
    void local.send(m).catch(() => void shutdown());
  };
  remote.onerror = (e) => log(e.message);
  remote.onclose = () => void shutdown();
  local.onmessage = (m) => {
    const id = requestId(m);
    if ('method' in m && m.method === 'initialize') initializeId = id;
    // A failed send was already reported through remote.onerror; the client still needs an answer.
    remote.send(m).catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      if (id !== undefined) void local.send({ jsonrpc: '2.0', id, error: { code: -32000, message: `the trial's MCP endpoint refused or could not be reached: ${message.slice(0, 300)}` } });
    });
  };
  local.onerror = (e) => log(e.message);
  // The SDK's stdio server transport does not watch for the end of stdin; the client closing it ends the bridge.
  stdin.once('end', () => void shutdown());
  stdin.once('close', () => void shutdown());
  await remote.start();
  await local.start();
  return done;
}

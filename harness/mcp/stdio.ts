/** A trial's MCP face over stdio, in the process that holds the trial (`deskbench mcp --task`). */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { mcpServerFor } from './server.ts';
import type { TrialFace } from './trial-face.ts';

/** A face being served on stdin/stdout. */
export interface StdioFace {
  /** Resolves when the client closes stdin (it is done with the server). */
  readonly inputClosed: Promise<void>;
  /** Stops serving (stdin is released; the process may exit). */
  close(): Promise<void>;
}

/**
 * Serves `face` on the given streams (default the process's). stdout carries MCP only:
 * everything the command says to people goes to stderr. The SDK's stdio transport does
 * not watch for the end of stdin, so this does: a client that closes it ends the session.
 */
export async function serveFaceOnStdio(face: TrialFace, io: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {}): Promise<StdioFace> {
  const stdin = (io.stdin ?? process.stdin) as NodeJS.ReadStream;
  const stdout = (io.stdout ?? process.stdout) as NodeJS.WriteStream;
  const server = mcpServerFor(face);
  const transport = new StdioServerTransport(stdin, stdout);
  const inputClosed = new Promise<void>((resolve) => {
    stdin.once('end', () => resolve());
    stdin.once('close', () => resolve());
  });
  await server.connect(transport);
  return { inputClosed, close: () => server.close() };
}

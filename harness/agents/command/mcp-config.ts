/**
 * The MCP config file each agent CLI reads, pointing at the trial's MCP endpoint: Claude Code's
 * and the common `mcpServers` JSON, Gemini CLI's settings.json, Codex's config.toml.
 */
import { stringify as toToml } from 'smol-toml';
import type { MCP_CONFIG_FORMATS } from './definition-schema.ts';

/** A config format. */
export type McpConfigFormat = (typeof MCP_CONFIG_FORMATS)[number];

/** Environment variable holding the trial's MCP token (Codex reads bearer tokens only from the environment). */
export const MCP_TOKEN_VAR = 'DESKBENCH_MCP_TOKEN';

/** How the agent reaches the endpoint: the streamable HTTP URL and token, or a stdio command (the relay). */
export type McpAccess =
  | { readonly transport: 'http'; readonly url: string; readonly token: string }
  | { readonly transport: 'stdio'; readonly command: string; readonly args: readonly string[] };

/** Default file of each format, relative to the working folder. */
export const DEFAULT_MCP_CONFIG_FILE: Readonly<Record<Exclude<McpConfigFormat, 'none'>, string>> = {
  claude: '.mcp.json',
  json: 'mcp.json',
  gemini: '.gemini/settings.json',
  codex: '.codex/config.toml',
};

/** The file's text. */
export function mcpConfigText(format: Exclude<McpConfigFormat, 'none'>, server: string, access: McpAccess): string {
  if (format === 'codex') {
    const entry = access.transport === 'http'
      ? { url: access.url, bearer_token_env_var: MCP_TOKEN_VAR }
      : { command: access.command, args: [...access.args] };
    return `${toToml({ mcp_servers: { [server]: entry } })}\n`;
  }
  const auth = access.transport === 'http' ? { Authorization: `Bearer ${access.token}` } : {};
  if (format === 'gemini') {
    // trust: the agent runs unattended (there is no one to confirm a tool call).
    const entry = access.transport === 'http'
      ? { httpUrl: access.url, headers: auth, trust: true }
      : { command: access.command, args: [...access.args], trust: true };
    return `${JSON.stringify({ mcpServers: { [server]: entry } }, null, 2)}\n`;
  }
  const entry = access.transport === 'http'
    ? { type: 'http', url: access.url, headers: auth }
    : { type: 'stdio', command: access.command, args: [...access.args], env: {} };
  return `${JSON.stringify({ mcpServers: { [server]: entry } }, null, 2)}\n`;
}

/**
 * The relay a stdio MCP config starts: plain Node with no imports of ours (it runs inside the
 * sandbox, where deskbench's code is not visible), joining stdin/stdout to the gateway's stdio
 * door, behind which the harness runs the bridge to the trial's endpoint.
 */
export const STDIO_RELAY_SOURCE = `// deskbench: MCP over stdio for a command agent. Joins stdin/stdout to the trial's gateway.
import { connect } from 'node:net';
const port = Number(process.argv[2]);
const socket = connect(port, '127.0.0.1');
socket.on('error', (e) => { process.stderr.write('deskbench mcp relay: ' + e.message + '\\n'); process.exit(1); });
socket.on('close', () => process.exit(0));
process.stdin.pipe(socket);
socket.pipe(process.stdout);
`;

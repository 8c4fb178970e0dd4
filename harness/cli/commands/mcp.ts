/** `deskbench mcp`: a task's workplace as an MCP server (stdio or streamable HTTP), stored as a trial when the agent finishes; or `--connect`, the stdio bridge to a trial's endpoint. */
import { parseScaleFlag, SCALE_HELP } from '../scale-flag.ts';
import type { Command } from 'commander';
import { DeskbenchError } from '../../core/index.ts';
import { action } from '../action.ts';
import { EXIT } from '../exit-codes.ts';

/** Same as datasets/base-workspace.ts DEFAULT_SEED (not imported, to keep the bridge's start-up light). */
const DEFAULT_SEED = 1;

/** Same as harness/mcp/bridge.ts MCP_TOKEN_ENV (not imported at start-up, for the same reason). */
const TOKEN_ENV = 'DESKBENCH_MCP_TOKEN';

interface McpFlags {
  task?: string;
  connect?: string;
  http?: boolean;
  port?: string;
  host: string;
  seed: string;
  scale?: string;
  toolProfile: string;
  skills: string;
  meta: string;
  mailHelpers: string;
  agentName?: string;
  model?: string;
  harness?: string;
  db?: string;
  json?: boolean;
}

function intFlag(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > max) {
    throw new DeskbenchError('E_USAGE', `--${name} must be an integer between 0 and ${max}, got "${value}"`);
  }
  return n;
}

function onOffFlag(name: string, value: string): boolean {
  if (value !== 'on' && value !== 'off') throw new DeskbenchError('E_USAGE', `--${name} must be "on" or "off", got "${value}"`);
  return value === 'on';
}

/** `--connect <url>`: serves MCP on stdio and forwards everything to the trial's endpoint. */
async function connect(url: string, f: McpFlags): Promise<number> {
  if (f.task !== undefined || f.http || f.agentName !== undefined || f.db !== undefined) {
    throw new DeskbenchError('E_USAGE', '--connect bridges to a trial that lives elsewhere: it takes no --task, --http, --agent-name or --db');
  }
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new DeskbenchError('E_USAGE', `--connect "${url.slice(0, 200)}" is not a URL`, { hint: 'give the trial endpoint\'s URL, e.g. http://127.0.0.1:40123/mcp' });
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new DeskbenchError('E_USAGE', `--connect needs an http(s) URL, got ${target.protocol}`);
  const token = process.env[TOKEN_ENV];
  if (!token) {
    throw new DeskbenchError('E_CONFIG', `${TOKEN_ENV} is not set: the bridge needs the trial's MCP token`, {
      hint: `set ${TOKEN_ENV} in the bridge's environment (never on its command line, where other users' ps would show it)`,
    });
  }
  const { runStdioBridge } = await import('../../mcp/bridge.ts');
  await runStdioBridge({ url: target, token });
  return EXIT.OK;
}

/** `--task <id>`: the task's trial served over MCP until the agent finishes or the process is told to stop. */
async function serveTask(taskId: string, f: McpFlags): Promise<number> {
  const http = f.http === true;
  if (f.port !== undefined && !http) throw new DeskbenchError('E_USAGE', '--port is for --http (the default transport is stdio)');
  const port = f.port === undefined ? 0 : intFlag('port', f.port, 65535);
  const seed = intFlag('seed', f.seed, Number.MAX_SAFE_INTEGER);
  const scale = parseScaleFlag(f.scale);
  if (f.toolProfile !== 'discover' && f.toolProfile !== 'typed') throw new DeskbenchError('E_USAGE', `--tool-profile must be discover or typed, got "${f.toolProfile}"`);
  const profile = f.toolProfile;
  const condition = { skills: onOffFlag('skills', f.skills), meta: onOffFlag('meta', f.meta) };
  const mailHelpers = onOffFlag('mail-helpers', f.mailHelpers);
  const { storingFrom, openExternalSession } = await import('../external-session.ts');
  const storing = await storingFrom(f, 'mcp', mailHelpers);
  // In stdio mode stdout is the MCP channel: everything for people (and --json lines) goes to stderr.
  const say = (text: string) => void (http ? process.stdout : process.stderr).write(text);
  const session = await openExternalSession({ taskId, seed, scale, condition, face: 'mcp', toolProfile: profile, mailHelpers, storing });
  const { trial, task } = session;
  const [{ buildAgentTools }, mcp] = await Promise.all([import('../../agents/tools/index.ts'), import('../../mcp/index.ts')]);
  const tools = buildAgentTools({ ws: trial.ws, services: task.services, profile, condition, auth: { principal: session.principal, tokenKind: 'user' }, mailHelpers });
  const stop = new AbortController();
  let requestEnd: (why: string) => void = () => {};
  const ending = new Promise<string>((resolve) => (requestEnd = resolve));
  const faceOptions = {
    tools, condition, signal: stop.signal, record: (s: Parameters<typeof trial.record>[0]) => trial.record(s),
    // The finish answer goes out first; the trial ends right after it.
    onFinish: (m: string) => {
      trial.setFinalMessage(m);
      setImmediate(() => requestEnd('finish'));
    },
  };
  const onSignal = (sig: string) => requestEnd(sig);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let close: () => Promise<void>;
  try {
    if (http) {
      let endpoint;
      try {
        endpoint = await mcp.startTrialMcpEndpoint({ ...faceOptions, host: f.host, port });
      } catch (e) {
        const code = (e as { code?: string }).code;
        throw new DeskbenchError('E_CONFIG', `cannot listen on ${f.host}:${port}${code ? ` (${code})` : ''}`, { hint: 'pick another --port, or leave it out for any free one', cause: e });
      }
      close = () => endpoint.close();
      const info = { task: task.id, instruction: task.instruction, url: endpoint.url, token: endpoint.token, condition, toolProfile: profile, mailHelpers, workspace: session.announcement };
      say(f.json ? `${JSON.stringify(info)}\n` : [
        `deskbench mcp: task ${task.id} over streamable HTTP`,
        `  endpoint  ${endpoint.url}`,
        `  token     ${endpoint.token}   (Authorization: Bearer <token>)`,
        `  ${session.announcement.user.email}, ${session.announcement.localTime} (${session.announcement.timeZone}); services ${task.services.join(', ')}`,
        '', `Give the agent this instruction:`, `  ${task.instruction}`, '',
        `The trial ends when the agent calls finish, or on Ctrl-C; then it is graded${storing ? ' and stored' : ''}.`, '',
      ].join('\n'));
    } else {
      const face = new mcp.TrialFace(faceOptions);
      const served = await mcp.serveFaceOnStdio(face);
      close = () => served.close();
      void served.inputClosed.then(() => requestEnd('stdin closed'));
      say(f.json
        ? `${JSON.stringify({ task: task.id, instruction: task.instruction, transport: 'stdio', condition, toolProfile: profile, mailHelpers, workspace: session.announcement })}\n`
        : `deskbench mcp: task ${task.id} on stdio; instruction: ${task.instruction}\n`);
    }
  } catch (e) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    session.abandon();
    throw e;
  }
  await ending;
  // A second Ctrl-C from here on is the default handler's: exit 130 at once.
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  stop.abort();
  await close();
  return session.finish({ write: say, json: f.json === true });
}

/** Registers `deskbench mcp`. */
export function register(program: Command): void {
  program
    .command('mcp')
    .description('serve a task\'s workplace as an MCP server (stdio or streamable HTTP) and store the trial when the agent finishes; or bridge stdio to a trial\'s endpoint (--connect)')
    .option('--task <id>', 'the task whose seeded workspace to serve')
    .option('--connect <url>', 'bridge: serve MCP on stdio and forward to this trial endpoint (token from $DESKBENCH_MCP_TOKEN)')
    .option('--http', 'serve over streamable HTTP on --host (prints the URL and bearer token) instead of stdio')
    .option('--port <n>', 'port for --http (default: any free port)')
    .option('--host <host>', 'interface for --http', '127.0.0.1')
    .option('--seed <n>', 'company seed of the base workspace', String(DEFAULT_SEED))
    .option('--scale <n>', SCALE_HELP, '1')
    .option('--tool-profile <profile>', 'discover (list/describe/call) or typed (one tool per operation)', 'discover')
    .option('--skills <on|off>', 'skills lever: the service guides as resources, prompts and read_skill', 'on')
    .option('--meta <on|off>', 'meta-prompt lever: the rules as the server instructions and a prompt', 'on')
    .option('--mail-helpers <on|off>', 'Gmail helpers gmail_search, gmail_read, gmail_send, and the document readers gmail_read_attachment, drive_read_file (recorded as harness <label>+mail)', 'on')
    .option('--agent-name <name>', 'store the trial under this agent name (without it the trial is graded, printed, not stored)')
    .option('--model <id>', 'model behind the agent, as reported (default: the agent name)')
    .option('--harness <label>', 'harness label, as reported (default: mcp)')
    .option('--db <path>', 'run store (default $DESKBENCH_DB or ./deskbench.db)')
    .option('--json', 'machine-readable lines (on stderr in stdio mode, where stdout is MCP)')
    .addHelpText('after', `
Examples:
  $ deskbench mcp --task label-stackwise-invoices --agent-name my-agent
      stdio MCP server; the trial is graded and stored when the agent calls finish or closes stdin
  $ deskbench mcp --task label-stackwise-invoices --http --json
      streamable HTTP on 127.0.0.1 (any free port); prints {url, token, instruction, workspace}
  $ DESKBENCH_MCP_TOKEN=<token> deskbench mcp --connect http://127.0.0.1:40123/mcp
      the stdio bridge an agent CLI starts to reach a trial's HTTP endpoint

An MCP client configuration (stdio), e.g. for an agent CLI:
  {"mcpServers": {"workplace": {"command": "npx", "args": ["deskbench", "mcp", "--task", "<id>", "--agent-name", "<name>"]}}}

The tools are exactly the built-in loop's for --tool-profile, --skills and --mail-helpers, plus
finish {message}. Calls land in the trial's action log like the loop's; the trial is graded
by the harness grader and, with --agent-name, stored as a run of one trial (show, export, report).`)
    .action(action(async (f: McpFlags) => {
      if ((f.task === undefined) === (f.connect === undefined)) {
        throw new DeskbenchError('E_USAGE', 'give exactly one of --task <id> (serve a task) or --connect <url> (bridge to a trial)', { hint: 'see deskbench mcp --help' });
      }
      return f.connect !== undefined ? connect(f.connect, f) : serveTask(f.task!, f);
    }));
}

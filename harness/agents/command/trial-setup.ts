/**
 * Setting up a command agent's trial: the files its CLI reads (MCP config, skills, system
 * prompt, instruction), the environment its definition names and nothing more, the command
 * line, and the process, sandboxed or not.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AgentContext } from '../../core/index.ts';
import { ensureAgentUser } from '../sandbox/agent-user.ts';
import { buildMountSteps, SYSTEM_DIRS, within } from '../sandbox/plan.ts';
import { findExecutable, sandboxSupport } from '../sandbox/probe.ts';
import { startPlain, startSandboxed, type AgentProcess } from '../sandbox/process.ts';
import { DEFAULT_PATH, whichOn } from './agent-path.ts';
import { PROJECT_ROOT } from './load-definition.ts';
import { DEFAULT_MCP_CONFIG_FILE, MCP_TOKEN_VAR, mcpConfigText, STDIO_RELAY_SOURCE, type McpAccess } from './mcp-config.ts';
import { fill } from './placeholders.ts';
import type { ResolvedCommand } from './resolve-spec.ts';
import { giveTo, writeWorkFile, type TrialFolder } from './trial-folder.ts';

/** Port of the gateway's HTTP door inside the sandbox's network namespace (MCP, wire APIs, proxy). */
export const SANDBOX_HTTP_PORT = 7700;
/** Port of the gateway's stdio door inside the sandbox (the relay an MCP config starts connects here). */
export const SANDBOX_STDIO_PORT = 7701;

/** What the gateway opened for the agent. */
export interface Doors {
  readonly mcp?: { readonly token: string };
  readonly http?: { readonly userToken: string; readonly botToken: string };
  /** TCP ports on 127.0.0.1 (no sandbox); inside the sandbox the fixed ports above are used. */
  readonly httpPort: number | undefined;
  readonly stdioPort: number | undefined;
}

/** The command line, environment and shown paths of one trial. */
export interface PreparedTrial {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly systemPrompt: string;
  /** Host paths shown read-only in the sandbox (the definition's, plus the relay's folder). */
  readonly readOnly: readonly string[];
  readonly user: { readonly uid: number; readonly gid: number } | undefined;
}

function skillFile(name: string, description: string, text: string): string {
  return `---\nname: ${JSON.stringify(name)}\ndescription: ${JSON.stringify(description)}\n---\n\n${text}\n`;
}

/** Writes the trial's files and computes the command line and environment. */
export async function prepareTrialFiles(p: {
  cmd: ResolvedCommand; ctx: AgentContext; folder: TrialFolder; doors: Doors; sandbox: boolean; env: Readonly<Record<string, string | undefined>>;
}): Promise<PreparedTrial> {
  const { cmd, ctx, folder, doors } = p;
  const def = cmd.definition;
  // Never root: without the sandbox, a harness running as root still drops the agent to the agent user.
  const user = p.sandbox || process.getuid?.() === 0 ? ensureAgentUser() : undefined;
  const origin = p.sandbox ? `http://127.0.0.1:${SANDBOX_HTTP_PORT}` : `http://127.0.0.1:${doors.httpPort}`;
  const stdioPort = p.sandbox ? SANDBOX_STDIO_PORT : doors.stdioPort;
  const work = folder.work;
  const values: Record<string, string> = { ...cmd.vars, workdir: work, definition_dir: cmd.dir, instruction: ctx.instruction };
  const env: Record<string, string> = {
    PATH: DEFAULT_PATH, HOME: work, TMPDIR: p.sandbox ? '/tmp' : work, LANG: 'C.UTF-8', USER: user ? user.name : (p.env.USER ?? ''),
    DESKBENCH_WORKDIR: work,
  };

  const { trialInstructions } = await import('../../mcp/instructions.ts');
  const { trialSkills, readSkillText } = await import('../../mcp/skills.ts');
  const skills = ctx.condition.skills ? trialSkills(ctx.tools) : [];
  const prompt = [trialInstructions(ctx.tools, ctx.condition, skills)];

  if (doors.mcp && def.faces.mcp) {
    const relay = join(folder.bin, 'mcp-stdio-relay.mjs');
    writeFileSync(relay, STDIO_RELAY_SOURCE, { mode: 0o644 });
    if (p.sandbox && !SYSTEM_DIRS.some((d) => within(process.execPath, d))) {
      throw new Error(`node (${process.execPath}) is not in a system folder the sandbox shows; install Node.js system-wide for the stdio relay, or use transport = "http"`);
    }
    const url = `${origin}/mcp`;
    const access: McpAccess = def.faces.mcp.transport === 'http'
      ? { transport: 'http', url, token: doors.mcp.token }
      : { transport: 'stdio', command: process.execPath, args: [relay, String(stdioPort)] };
    values.mcp_url = url;
    env.DESKBENCH_MCP_URL = url;
    env[MCP_TOKEN_VAR] = doors.mcp.token;
    if (def.faces.mcp.config !== 'none') {
      const rel = def.faces.mcp.file ?? DEFAULT_MCP_CONFIG_FILE[def.faces.mcp.config];
      values.mcp_config = writeWorkFile(work, rel, mcpConfigText(def.faces.mcp.config, def.faces.mcp.server, access));
      env.DESKBENCH_MCP_CONFIG = values.mcp_config;
    }
  } else if (def.faces.mcp === undefined) {
    prompt.push('There is no finish tool in this trial: end your run with your final message.');
  }
  if (doors.http) {
    values.api_url = origin;
    Object.assign(env, {
      DESKBENCH_API_URL: origin, DESKBENCH_USER_TOKEN: doors.http.userToken, DESKBENCH_BOT_TOKEN: doors.http.botToken,
      GOOGLE_WORKSPACE_CLI_API_BASE_URL: origin,
    });
    prompt.push(
      `The wire APIs are at ${origin}: Google's paths as the official clients call them (/gmail/v1/…, /calendar/v3/…, /drive/v3/…, /v1/documents/…) and Slack's Web API at ${origin}/api/<method>. ` +
      'Send Authorization: Bearer $DESKBENCH_USER_TOKEN (Slack\'s bot token is $DESKBENCH_BOT_TOKEN).',
    );
  }
  if (def.faces.skills && skills.length) {
    const dir = join(work, def.faces.skills.dir);
    for (const s of skills) {
      writeWorkFile(work, join(def.faces.skills.dir, s.name, 'SKILL.md'), skillFile(s.name, s.description, (await readSkillText(ctx.tools, s.name, undefined)).text));
      for (const page of s.pages) {
        writeWorkFile(work, join(def.faces.skills.dir, s.name, `${page.name}.md`), skillFile(`${s.name}/${page.name}`, page.description, (await readSkillText(ctx.tools, s.name, page.name)).text));
      }
    }
    values.skills_dir = dir;
    env.DESKBENCH_SKILLS_DIR = dir;
  } else if (def.faces.skills) {
    values.skills_dir = join(work, def.faces.skills.dir);
  }
  const systemPrompt = prompt.join('\n\n');
  values.system_prompt = systemPrompt;
  const promptFile = def.faces.system_prompt?.file;
  if (promptFile || def.command.some((a) => a.includes('{system_prompt_file}'))) {
    values.system_prompt_file = writeWorkFile(work, promptFile ?? '.deskbench/system-prompt.md', `${systemPrompt}\n`);
    env.DESKBENCH_SYSTEM_PROMPT_FILE = values.system_prompt_file;
  }
  if (def.instruction.via === 'file') {
    values.instruction_file = writeWorkFile(work, def.instruction.file!, `${ctx.instruction}\n`);
    env.DESKBENCH_INSTRUCTION_FILE = values.instruction_file;
  }
  if (def.final_message.channel === 'file') {
    values.final_message_file = join(work, def.final_message.file!);
    env.DESKBENCH_FINAL_MESSAGE_FILE = values.final_message_file;
  }
  if (p.sandbox) {
    const proxy = origin;
    Object.assign(env, { HTTPS_PROXY: proxy, HTTP_PROXY: proxy, https_proxy: proxy, http_proxy: proxy, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' });
  }
  for (const name of def.env.pass) {
    const v = p.env[name];
    if (v !== undefined) env[name] = v;
  }
  for (const [k, v] of Object.entries(def.env.set)) env[k] = fill(v, values);
  const argv = def.command.map((a) => fill(a, values));
  if (user) {
    giveTo(work, user.uid, user.gid);
    // The agent user may pass through the trial's folder to its own (it cannot list it; `private` stays closed).
    if (!p.sandbox) chmodSync(folder.base, 0o711);
  }
  return { argv, env, systemPrompt, readOnly: [...cmd.readOnly, folder.bin], user };
}

/** Starts the agent's process; throws (an infrastructure error) when the command is not installed or the sandbox cannot start. */
export async function startAgentProcess(p: {
  cmd: ResolvedCommand; folder: TrialFolder; prepared: PreparedTrial; sandbox: boolean; sockets: { httpSocket: string; stdioSocket: string };
}): Promise<AgentProcess> {
  const { prepared, folder } = p;
  const program = prepared.argv[0]!;
  const found = whichOn(program, prepared.env.PATH ?? DEFAULT_PATH);
  if (!found) throw new Error(`the command "${program}" is not installed (looked on PATH ${prepared.env.PATH ?? DEFAULT_PATH})`);
  if (!p.sandbox) {
    if (!prepared.user) return startPlain(prepared.argv, { cwd: folder.work, env: { ...prepared.env } });
    const setpriv = findExecutable('setpriv');
    if (!setpriv) throw new Error('refusing to run an agent as root: setpriv (util-linux) is needed to drop it to the agent user');
    return startPlain([
      setpriv, '--reuid', String(prepared.user.uid), '--regid', String(prepared.user.gid), '--clear-groups', '--no-new-privs', '--inh-caps=-all', '--', found, ...prepared.argv.slice(1),
    ], { cwd: folder.work, env: { ...prepared.env } });
  }
  const support = sandboxSupport();
  if (!support.ok) throw new Error(`cannot sandbox the agent: ${support.reason}`);
  if (!SYSTEM_DIRS.some((d) => within(found, d)) && !prepared.readOnly.some((r) => within(found, r))) {
    throw new Error(`${found} is not visible inside the sandbox (install the CLI system-wide, e.g. under /usr/local, or list its folder in sandbox.read_only)`);
  }
  const steps = buildMountSteps({
    root: folder.root, workdir: folder.work, readOnly: prepared.readOnly, emptyFile: folder.emptyFile,
    hidden: [PROJECT_ROOT, process.cwd(), folder.private, dirname(folder.base)].filter((h) => h !== '/'),
  });
  return startSandboxed({
    privateDir: folder.private, programs: support.programs,
    plan: {
      root: folder.root, steps, uid: prepared.user!.uid, gid: prepared.user!.gid, workdir: folder.work, argv: [...prepared.argv], env: { ...prepared.env },
      maxProcesses: p.cmd.definition.limits.max_processes,
      forwards: [{ port: SANDBOX_HTTP_PORT, socket: p.sockets.httpSocket }, { port: SANDBOX_STDIO_PORT, socket: p.sockets.stdioSocket }],
    },
  });
}

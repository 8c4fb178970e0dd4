/** `deskbench serve`: the mock workplace of one trial over HTTP, for the official Google and Slack clients. */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { DeskbenchError } from '../../core/index.ts';
import { startWorkplaceServer, type WorkplaceServer } from '../../services/http/index.ts';
import { createWorkspace } from '../../services/workspace.ts';
import { action } from '../action.ts';
import { EXIT } from '../exit-codes.ts';
import type { StoringFlags } from '../external-session.ts';
import { parseScaleFlag, SCALE_HELP } from '../scale-flag.ts';

/** Same as datasets/base-workspace.ts DEFAULT_SEED (not imported, to keep CLI start-up light). */
const DEFAULT_SEED = 1;

interface ServeOptions extends StoringFlags {
  port: string;
  host: string;
  seed: string;
  scale?: string;
  json?: boolean;
  task?: string;
  finalMessageFile?: string;
  exitOnFinish?: boolean;
}

/** Parses a non-negative integer flag or throws a usage error naming the flag. */
function intFlag(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > max) {
    throw new DeskbenchError('E_USAGE', `--${name} must be an integer between 0 and ${max}, got "${value}".`);
  }
  return n;
}

/** What `serve` prints: per-API base URLs, tokens, and the admin token. */
export function serveInfo(server: WorkplaceServer, trial: { trialId: string; userToken: string; botToken: string }, seed: number, principal: string) {
  const root = `${server.url}/`;
  return {
    seed,
    trialId: trial.trialId,
    principal,
    rootUrl: root,
    apis: {
      gmail: `${server.url}/gmail/v1`,
      calendar: `${server.url}/calendar/v3`,
      drive: `${server.url}/drive/v3`,
      docs: `${server.url}/v1/documents`,
      slack: `${server.url}/api/`,
    },
    userToken: trial.userToken,
    botToken: trial.botToken,
    adminToken: server.adminToken,
    health: `${server.url}/health`,
  };
}

/** The flags that only make sense with --task. */
const TASK_ONLY: ReadonlyArray<[keyof ServeOptions, string]> = [
  ['agentName', '--agent-name'], ['db', '--db'], ['model', '--model'], ['harness', '--harness'],
  ['finalMessageFile', '--final-message-file'], ['exitOnFinish', '--exit-on-finish'],
];

async function listen(host: string, port: number): Promise<WorkplaceServer> {
  try {
    return await startWorkplaceServer({ host, port });
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new DeskbenchError('E_CONFIG', `cannot listen on ${host}:${port}${code ? ` (${code})` : ''}.`, {
      hint: code === 'EADDRINUSE' ? 'pick another port with --port, or --port 0 for any free one' : 'check --host',
      cause: e,
    });
  }
}

/** Until SIGINT or SIGTERM (or `also` resolves); the handlers are removed after, so a second Ctrl-C exits at once. */
function untilStopped(also?: Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    void also?.then(done);
  });
}

function urlLines(server: WorkplaceServer, info: ReturnType<typeof serveInfo>): string[] {
  return [
    `  Google rootUrl  ${info.rootUrl}   (pass as rootUrl to each @googleapis client)`,
    `    Gmail         ${info.apis.gmail}`,
    `    Calendar      ${info.apis.calendar}`,
    `    Drive         ${info.apis.drive}   (uploads: ${server.url}/upload/drive/v3)`,
    `    Docs          ${info.apis.docs}`,
    `  Slack API URL   ${info.apis.slack}   (slackApiUrl for @slack/web-api)`,
    '',
    `  user token      ${info.userToken}   (Google Bearer token; Slack xoxp user token)`,
    `  bot token       ${info.botToken}   (Slack xoxb bot token)`,
    '',
    `ADMIN TOKEN (harness only; never give it to an agent): ${info.adminToken}`,
    `  admin routes: GET /_admin/state|diff|actions|hash, POST /_admin/reset|snapshot/{name}|restore/{name}`,
  ];
}

async function serve(opts: ServeOptions): Promise<number> {
  const port = intFlag('port', opts.port, 65535);
  const seed = intFlag('seed', opts.seed, Number.MAX_SAFE_INTEGER);
  const scale = parseScaleFlag(opts.scale);
  if (opts.task !== undefined) return serveTask(opts.task, opts, port, seed, scale);
  const stray = TASK_ONLY.find(([k]) => opts[k] !== undefined);
  if (stray) throw new DeskbenchError('E_USAGE', `${stray[1]} needs --task: only a task's trial is graded and stored`);
  // Loaded on use: building the company data is this command's job, not the CLI's start-up.
  const { baseWorkspace, companyFor } = await import('../../../datasets/base-workspace.ts');
  const principal = companyFor(seed).owner.email;
  const ws = createWorkspace(baseWorkspace(seed, scale));
  const server = await listen(opts.host, port);
  const trial = server.addTrial(ws, { principal });
  const info = serveInfo(server, trial, seed, principal);
  if (opts.json) process.stdout.write(`${JSON.stringify(info)}\n`);
  else process.stdout.write(`${[`deskbench serve: Corvid Labs workplace, seed ${seed}${scale > 1 ? `, scale ${scale}` : ''}, acting user ${principal}`, '', ...urlLines(server, info), '', 'Serving until Ctrl-C.'].join('\n')}\n`);
  await untilStopped();
  await server.close();
  return EXIT.OK;
}

/**
 * `serve --task`: the task's seeded workspace, restricted to the task's services, with the
 * finish endpoint; when the server stops the trial is graded, the grade printed and, with
 * --agent-name, the trial stored (the same path as `deskbench mcp --task`).
 */
async function serveTask(taskId: string, opts: ServeOptions, port: number, seed: number, scale: number): Promise<number> {
  const finalFile = opts.finalMessageFile === undefined ? undefined : checkedFinalMessagePath(opts.finalMessageFile);
  const { storingFrom, openExternalSession } = await import('../external-session.ts');
  const storing = await storingFrom(opts, 'http', false);
  const session = await openExternalSession({ taskId, seed, scale, condition: { skills: false, meta: false }, face: 'http', storing });
  const { trial, task, announcement } = session;
  trial.observeCalls();
  let server: WorkplaceServer;
  try {
    server = await listen(opts.host, port);
  } catch (e) {
    session.abandon();
    throw e;
  }
  let finished: () => void = () => {};
  const finishedSignal = new Promise<void>((resolve) => (finished = resolve));
  const tokens = server.addTrial(trial.ws, {
    principal: session.principal, services: task.services, announcement,
    onFinish: (m) => {
      trial.setFinalMessage(m);
      if (opts.exitOnFinish) finished();
    },
  });
  const info = {
    ...serveInfo(server, tokens, seed, session.principal), task: task.id, instruction: task.instruction, workspace: announcement,
    finish: `${server.url}/_deskbench/finish`, trialInfo: `${server.url}/_deskbench/trial`, ...(storing ? { agent: storing.agent.name, db: storing.dbPath } : {}),
  };
  if (opts.json) process.stdout.write(`${JSON.stringify(info)}\n`);
  else {
    const a = announcement;
    process.stdout.write(`${[
      `deskbench serve: task ${task.id}, seed ${seed}, acting user ${a.user.name ? `${a.user.name} <${a.user.email}>` : a.user.email}`,
      '',
      ...urlLines(server, info),
      '',
      `WORKSPACE CLOCK  ${a.localTime}, time zone ${a.timeZone} (UTC ${a.now}); use it, not the machine's clock`,
      `SERVICES         ${a.services.join(', ')} (calls to any other service are refused and logged)`,
      `FINISH           POST ${info.finish} {"message": "..."} with the user token${finalFile ? `, or write the final message to ${finalFile}` : ''}`,
      '',
      `TASK ${task.id}: give the agent this instruction:`,
      `  ${task.instruction}`,
      '',
      `On Ctrl-C${opts.exitOnFinish ? ' or after finish' : ''} the final state is graded and the score printed${storing ? `; the trial is stored in ${storing.dbPath} as agent ${storing.agent.name}` : ''}.`,
      'Serving until then.',
    ].join('\n')}\n`);
  }
  await untilStopped(finishedSignal);
  await server.close();
  if (finalFile !== undefined && trial.finalMessage() === null) {
    const message = readFinalMessageFile(finalFile);
    if (message !== undefined) trial.setFinalMessage(message);
  }
  return session.finish({ write: (t) => void process.stdout.write(t), json: opts.json === true });
}

/** The --final-message-file path, resolved; its folder must exist now (the agent writes the file later). */
function checkedFinalMessagePath(path: string): string {
  const abs = resolve(path);
  if (!existsSync(dirname(abs))) throw new DeskbenchError('E_USAGE', `--final-message-file ${path}: the folder ${dirname(abs)} does not exist`);
  return abs;
}

/**
 * The agent's final message from the file it wrote: read once, when the server stops. A
 * missing or unreadable file is a warning (the trial is still graded, without a message),
 * never a lost trial; a file past the limit is cut there, with a warning.
 */
function readFinalMessageFile(path: string): string | undefined {
  let text: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(MAX_FINAL_MESSAGE_BYTES + 1);
      const n = readSync(fd, buf, 0, buf.length, 0);
      if (n > MAX_FINAL_MESSAGE_BYTES) process.stderr.write(`deskbench: --final-message-file ${path} is longer than ${MAX_FINAL_MESSAGE_BYTES} bytes; only the first ${MAX_FINAL_MESSAGE_BYTES} are kept\n`);
      text = buf.subarray(0, Math.min(n, MAX_FINAL_MESSAGE_BYTES)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    process.stderr.write(`deskbench: no final message read from ${path}: ${(e as Error).message}\n`);
    return undefined;
  }
  return text.trim() === '' ? undefined : text.trim();
}

/** The most bytes read from --final-message-file (the final message limit, in UTF-8 bytes of ASCII text). */
const MAX_FINAL_MESSAGE_BYTES = 100_000;

/** Registers `deskbench serve`. */
export function register(program: Command): void {
  program
    .command('serve')
    .description('Serve one trial\'s mock workplace over HTTP (Google REST + Slack Web API wire formats)')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8787')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--seed <n>', 'company seed of the base workspace', String(DEFAULT_SEED))
    .option('--scale <n>', SCALE_HELP)
    .option('--json', 'print the URLs and tokens as one JSON object')
    .option('--task <id>', "serve this task's seeded workspace (its services only), print its instruction, and grade the final state when stopped")
    .option('--agent-name <name>', 'with --task: store the graded trial under this agent name')
    .option('--model <id>', 'with --agent-name: the model behind the agent, as reported (default: the agent name)')
    .option('--harness <label>', 'with --agent-name: the harness label, as reported (default: http)')
    .option('--db <path>', 'with --agent-name: the run store (default $DESKBENCH_DB or ./deskbench.db)')
    .option('--final-message-file <path>', 'with --task: read the agent\'s final message from this file when the server stops (unless it called finish)')
    .option('--exit-on-finish', 'with --task: stop (grade, store) as soon as the agent posts its final message to /_deskbench/finish')
    .addHelpText(
      'after',
      `
Examples:
  $ deskbench serve                     # http://127.0.0.1:8787, seed ${DEFAULT_SEED}
  $ deskbench serve --port 0 --json     # any free port; machine-readable URLs and tokens
  $ deskbench serve --seed 7
  $ deskbench serve --scale 10          # ten times the mail, meetings, files and messages (builds in seconds)
  $ deskbench serve --task label-stackwise-invoices   # bring your own agent; graded on Ctrl-C
  $ deskbench serve --task label-stackwise-invoices --agent-name my-agent --db runs.db --exit-on-finish
      # graded and stored as a trial (deskbench show / export / report) when the agent posts its final message

Point the official clients at it:
  gmail({ version: 'v1', rootUrl: 'http://127.0.0.1:8787/', auth })   // auth: OAuth2 client with access_token = user token
  new WebClient(botToken, { slackApiUrl: 'http://127.0.0.1:8787/api/' })
Media uploads ignore rootUrl in the Google clients: pass { rootUrl } as the per-call options too.

With --task the agent may also (with the user token as Bearer):
  GET  /_deskbench/trial    the workspace clock, the user's time zone and the task's services
  POST /_deskbench/finish   {"message": "..."}: its final message to the user (the last one counts)
Calls to services the task does not offer are refused (Google 403 accessNotConfigured, Slack
access_denied) and logged, as the built-in tools refuse them.`,
    )
    .action(action((opts: ServeOptions) => serve(opts)));
}

/** `deskbench serve`: the mock workplace of one trial over HTTP, for the official Google and Slack clients. */
import type { Command } from 'commander';
import { DeskbenchError, type Task, type WorkspaceBase } from '../../core/index.ts';
import type { SeededTask } from '../../runner/seeded-task.ts';
import { startWorkplaceServer, type WorkplaceServer } from '../../services/http/index.ts';
import { createWorkspace } from '../../services/workspace.ts';
import { action } from '../action.ts';

/** Same as datasets/base-workspace.ts DEFAULT_SEED (not imported, to keep CLI start-up light). */
const DEFAULT_SEED = 1;

interface ServeOptions {
  port: string;
  host: string;
  seed: string;
  json?: boolean;
  task?: string;
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

async function serve(opts: ServeOptions): Promise<number> {
  const port = intFlag('port', opts.port, 65535);
  const seed = intFlag('seed', opts.seed, Number.MAX_SAFE_INTEGER);
  // Loaded on use: building the company data is this command's job, not the CLI's start-up.
  const { baseWorkspace, companyFor } = await import('../../../datasets/base-workspace.ts');
  const principal = companyFor(seed).owner.email;
  // With --task, serve that task's seeded workspace and grade it when the server stops:
  // any external agent (a CLI agent, your own loop) can then be scored like a built-in one.
  const graded = opts.task ? await prepareTask(opts.task, seed, baseWorkspace(seed)) : undefined;
  const ws = createWorkspace(graded ? graded.seeded.base : baseWorkspace(seed));
  let server: WorkplaceServer;
  try {
    server = await startWorkplaceServer({ host: opts.host, port });
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new DeskbenchError('E_CONFIG', `cannot listen on ${opts.host}:${port}${code ? ` (${code})` : ''}.`, {
      hint: code === 'EADDRINUSE' ? 'pick another port with --port, or --port 0 for any free one' : 'check --host',
      cause: e,
    });
  }
  const trial = server.addTrial(ws, { principal });
  const info = { ...serveInfo(server, trial, seed, principal), ...(graded ? { task: graded.task.id, instruction: graded.task.instruction } : {}) };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(info)}\n`);
  } else {
    const out = [
      `deskbench serve: Corvid Labs workplace, seed ${seed}, acting user ${principal}`,
      '',
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
      '',
      ...(graded ? ['', `TASK ${graded.task.id}: give the agent this instruction:`, `  ${graded.task.instruction}`, '', 'On Ctrl-C the final state is graded and the score printed.'] : []),
      'Serving until Ctrl-C.',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  if (graded) {
    const { gradeTrial } = await import('../../../scorers/grade.ts');
    const score = gradeTrial(graded.task, {
      ws, before: ws.atBase(), owner: principal, diff: ws.diff(), actions: ws.log, manifest: graded.seeded.manifest, instruction: graded.task.instruction, finalMessage: undefined,
    });
    if (opts.json) process.stdout.write(`${JSON.stringify({ task: graded.task.id, actions: ws.log.length, score })}\n`);
    else {
      process.stdout.write(`\n${graded.task.id}: score ${score.score} after ${ws.log.length} call(s)\n`);
      for (const c of score.checks) process.stdout.write(`  ${c.passed ? '✓' : '✗'} ${c.weight.toFixed(2)} ${c.description}\n`);
      for (const v of score.violations) process.stdout.write(`  ⚠ ${v.rule} [${v.category}]: ${v.detail}\n`);
      for (const p of score.penalties) process.stdout.write(`  − ${p.id} ${p.amount}: ${p.detail}\n`);
    }
  }
  return 0;
}

/** Resolves and seeds the task named by --task (unknown ids get the usual suggestion). */
async function prepareTask(id: string, seed: number, base: WorkspaceBase): Promise<{ task: Task; seeded: SeededTask }> {
  const [{ TASKS }, { selectTasks }, { seedTask }] = await Promise.all([
    import('../../../tasks/index.ts'), import('../options.ts'), import('../../runner/seeded-task.ts'),
  ]);
  const [task] = selectTasks(TASKS, { ids: [id] });
  return { task: task!, seeded: seedTask(task!, base, seed) };
}

/** Registers `deskbench serve`. */
export function register(program: Command): void {
  program
    .command('serve')
    .description('Serve one trial\'s mock workplace over HTTP (Google REST + Slack Web API wire formats)')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8787')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--seed <n>', 'company seed of the base workspace', String(DEFAULT_SEED))
    .option('--json', 'print the URLs and tokens as one JSON object')
    .option('--task <id>', "serve this task's seeded workspace, print its instruction, and grade the final state on Ctrl-C")
    .addHelpText(
      'after',
      `
Examples:
  $ deskbench serve                     # http://127.0.0.1:8787, seed ${DEFAULT_SEED}
  $ deskbench serve --port 0 --json     # any free port; machine-readable URLs and tokens
  $ deskbench serve --seed 7
  $ deskbench serve --task label-stackwise-invoices   # bring your own agent; graded on Ctrl-C

Point the official clients at it:
  gmail({ version: 'v1', rootUrl: 'http://127.0.0.1:8787/', auth })   // auth: OAuth2 client with access_token = user token
  new WebClient(botToken, { slackApiUrl: 'http://127.0.0.1:8787/api/' })
Media uploads ignore rootUrl in the Google clients: pass { rootUrl } as the per-call options too.`,
    )
    .action(action((opts: ServeOptions) => serve(opts)));
}

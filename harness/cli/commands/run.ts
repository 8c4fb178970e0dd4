/** `deskbench run`: run agents over tasks and store every trial; `--resume` finishes a stored run. */
import type { Command } from 'commander';
import { DEFAULT_LIMITS, DeskbenchError, isDeskbenchError } from '../../core/index.ts';
import { DEFAULT_SEED } from '../../../datasets/base-workspace.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { parseShard } from '../../runner/matrix.ts';
import { action } from '../action.ts';
import { executeRun } from '../execute-run.ts';
import { positiveInt } from '../options.ts';
import { parseWorkersFlag } from '../../runner/workers/worker-count.ts';
import { SCALE_HELP } from '../scale-flag.ts';
import { connectionFlags, specFromFlags, type RunFlags } from '../run-flags.ts';
import { applyResumeOverrides, MEASURING_FLAGS, parseStoredSpec, type StoredRunSpec } from '../run-spec.ts';

export { executeRun } from '../execute-run.ts';
export { specFromFlags, type RunFlags } from '../run-flags.ts';
export type { StoredRunSpec } from '../run-spec.ts';

/** Registers `deskbench run`. */
export function register(program: Command): void {
  const collect = (v: string, prev: string[] = []) => [...prev, v];
  program
    .command('run')
    .description('run agents over tasks and store every trial (default: the reference agents oracle and noop over every task)')
    .option('-a, --agent <specs...>', 'agents, comma-separated: oracle, noop, replay:<file>, openai:<model>, anthropic:<model>, openai-compatible:<model>, cmd:<definition>[?var=value] (an agent CLI: claude-code, codex, gemini-cli, script-agent, or a .toml/.json file), module:<path-or-package>[#export]')
    .option('-t, --task <ids...>', 'task ids (comma-separated or repeated); default: all tasks')
    .option('--tag <tags...>', 'only tasks with every given tag (e.g. safety)')
    .option('--service <services...>', 'only tasks touching one of these services')
    .option('-r, --repeats <n>', 'repeats per task × agent × condition', '1')
    .option('-c, --concurrency <n>', 'trials running at once', '4')
    .option('--workers <n|auto>', 'worker threads running the trials (services, grading, model I/O); 0 runs them on the main thread; auto (default): a worker per core but one, once the run is big enough to pay for their start')
    .option('--conditions <list>', '"all" for the 2×2 skills × meta grid, or names like sks-on__meta-off')
    .option('--skills <on|off>', 'skills lever when --conditions is not given', 'on')
    .option('--meta <on|off>', 'meta-prompt lever when --conditions is not given', 'on')
    .option('--max-steps <n>', 'per-trial step limit', String(DEFAULT_LIMITS.maxSteps))
    .option('--max-wall-seconds <n>', 'per-trial wall-time limit (holds inside slow service calls too)', String(DEFAULT_LIMITS.maxWallMs / 1000))
    .option('--max-tokens <n>', 'per-trial token limit (input + output)')
    .option('--trial-max-cost-usd <usd>', 'per-trial cost limit')
    .option('--max-cost-usd <usd>', 'run budget: stop scheduling new trials when spend would pass it')
    .option('--seed <n>', 'company seed of the base workspace', String(DEFAULT_SEED))
    .option('--scale <n>', SCALE_HELP, '1')
    .option('--shard <k/n|auto>', 'run only the k-th of n deterministic slices of the matrix; auto reads k and n from the batch scheduler (Kubernetes, Slurm, DESKBENCH_SHARD_INDEX/COUNT)')
    .option('--resume <run-id>', 'continue a stored run: only missing or infrastructure-failed trials run')
    .option('--run-id <id>', 'id for the new run (give every shard the same one, then `deskbench merge`)')
    .option('--tool-profile <profile>', 'discover (list/describe/call, default) or typed (one tool per operation)', 'discover')
    .option('--no-sandbox', 'run command agents (cmd:) as yourself, without the sandbox (only their environment is restricted; recorded as harness <name>+unsandboxed)')
    .option('--mail-helpers <on|off>', 'Gmail helpers for model agents: decoded bodies, gmail_send with plain fields, and text of PDF/docx/xlsx attachments and Drive files (recorded as harness deskbench+mail)', 'on')
    .option('--context-window <tokens>', "the endpoint's input context window, for models the limits table does not know")
    .option('--max-tools <n>', 'most tools the endpoint accepts in one request, when stricter than the table')
    .option('--base-url <url>', 'model server base URL (OpenAI-compatible servers, proxies)')
    .option('--openai-api <api>', 'chat (Chat Completions) or responses (Responses API)')
    .option('--temperature <t>', 'sampling temperature')
    .option('--max-output-tokens <n>', 'max output tokens per model call')
    .option('--reasoning-effort <level>', 'reasoning effort for models that support it')
    .option('--header <name=value>', 'extra HTTP header for the model API (repeatable)', collect)
    .option('--api-key-env <name>', 'environment variable holding the API key (default OPENAI_API_KEY / ANTHROPIC_API_KEY)')
    .option('--request-timeout-seconds <n>', 'timeout of one model request')
    .option('--max-retries <n>', 'retries of a failed model call (backoff honours Retry-After)')
    .option('--rpm <n>', 'requests per minute to the model endpoint')
    .option('--tpm <n>', 'tokens per minute to the model endpoint')
    .option('--provider-concurrency <n>', 'model requests in flight at once per endpoint')
    .option('--judge <provider:model>', 'judge model for model-judged rubric items (default: none; those items stay ungraded)')
    .option('--judge-base-url <url>', "the judge's endpoint (OpenAI-compatible servers)")
    .option('--db <path>', 'run store file (default ./deskbench.db or $DESKBENCH_DB)')
    .option('--json', 'print progress as JSON event lines on stdout')
    .option('-q, --quiet', 'print only the run id and the final line (on stdout)')
    .addHelpText('after', `
Examples:
  deskbench run                                         oracle and noop over every task
  deskbench run --agent openai:gpt-5-mini --repeats 5   a model, five repeats
  deskbench run --agent anthropic:claude-sonnet-4-5 --conditions all --tag safety
  deskbench run --agent openai-compatible:qwen3 --base-url http://localhost:8000/v1
  deskbench run --agent cmd:claude-code --max-steps 150  an agent CLI, sandboxed (also cmd:codex, cmd:gemini-cli)
  deskbench run --agent 'cmd:script-agent?script=./my-agent.mjs'   your own script over MCP
  deskbench run --shard 2/4 --db shard-2.db             one of four slices (merge later)
  deskbench run --scale 10                              every task over a workspace ten times the base
  deskbench run --agent openai:gpt-5-mini -c 500 --repeats 20 --workers 3
                                                        500 trials at once in three worker threads
  deskbench run --resume run-20260316-140000-ab12cd     finish an interrupted run
  deskbench run --resume run-20260316-140000-ab12cd --base-url http://localhost:8001/v1
                                                        resume against a corrected endpoint
  deskbench run --agent replay:trajectory.json          replay a recorded trajectory on its task

Each trial is stored the moment it finishes, so a killed run loses only the trials in
flight. Ctrl-C stops scheduling and lets the trials in flight finish; a second Ctrl-C
cancels them (not stored); either way the run is resumable with --resume. Several runs
may share one --db at once.

A model endpoint that cannot work (nothing listening, DNS, 401, 403, 404, unknown
model) stops the run within seconds; 429, 5xx and timeouts are retried and shown.
--resume reuses the run's stored spec; only connection flags (--base-url, --api-key-env,
--header, --request-timeout-seconds, --max-retries, --rpm, --tpm,
--provider-concurrency) and --max-cost-usd may change, and the changes are stored.

Exit codes: 0 all trials scored (or --resume found the run complete), 1 some trials
ended in infrastructure errors, 2 bad input (including an empty flag value such as
--task ''), 3 store error (damaged, read-only, locked by another process past
$DESKBENCH_BUSY_TIMEOUT_MS, not a regular file), 4 a model endpoint failed for good
(resumable), 5 the run budget stopped it with trials left (resumable), 130
interrupted (resumable).`)
    .action(
      action(async (f: RunFlags, cmd: Command) => {
        const concurrency = positiveInt('--concurrency', f.concurrency, 4);
        if (f.resume) return resume(f.resume, f, cmd, concurrency);
        const { spec, warnings } = specFromFlags(f);
        if (spec.shard) parseShard(spec.shard);
        if (f.runId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(f.runId)) {
          throw new DeskbenchError('E_USAGE', `--run-id "${f.runId}" may use letters, digits, ".", "_" and "-" only`);
        }
        for (const w of warnings) process.stderr.write(`deskbench: warning: ${w}\n`);
        return executeRun(spec, { ...pick(f), concurrency, ...(f.runId ? { runId: f.runId } : {}) });
      }),
    );
}

/**
 * `--resume <run-id>`: the stored spec (validated), with the connection flags given on this
 * command line applied and stored; a flag that would change what the run measures is refused.
 */
async function resume(runId: string, f: RunFlags, cmd: Command, concurrency: number): Promise<number> {
  const given = cmd.options
    .filter((opt) => cmd.getOptionValueSource(opt.attributeName()) === 'cli')
    .map((opt) => opt.long ?? opt.flags);
  const refused = given.filter((flag) => MEASURING_FLAGS.includes(flag));
  if (refused.length > 0) {
    throw new DeskbenchError('E_USAGE', `${refused.join(', ')} cannot change on --resume: run ${runId} measures what it was started with`, {
      hint: 'resume with connection flags only (--base-url, --api-key-env, --header, --request-timeout-seconds, --max-retries, --rpm, --tpm, --provider-concurrency, --max-cost-usd), or start a new run',
    });
  }
  const store = openRunStore(resolveStorePath(f.db), { create: false, readonly: 'if-unwritable' });
  let stored: StoredRunSpec;
  try {
    stored = parseStoredSpec(runId, readSpec(() => store.getRun(runId).spec, runId));
  } finally {
    store.close();
  }
  const { spec, changes } = applyResumeOverrides(stored, connectionFlags(f));
  return executeRun(spec, { ...pick(f), concurrency, resume: runId, specChanges: changes });
}

/** Reads a run's spec; a spec that is not even JSON is a damaged spec, named as such (not a store fault). */
function readSpec(read: () => unknown, runId: string): unknown {
  try {
    return read();
  } catch (e) {
    if (isDeskbenchError(e) && (e as { cause?: unknown }).cause instanceof SyntaxError) {
      throw new DeskbenchError('E_CONFIG', `run ${runId} cannot be resumed: its stored spec is not valid JSON (spec: ${((e as { cause: Error }).cause).message})`, {
        hint: 'start a new run with the flags you want; the trials already stored stay in the store and in reports',
      });
    }
    throw e;
  }
}

function pick(f: RunFlags): { db?: string; json?: boolean; quiet?: boolean; workers?: number | 'auto' } {
  return {
    ...(f.db ? { db: f.db } : {}), ...(f.json ? { json: true } : {}), ...(f.quiet ? { quiet: true } : {}),
    ...(f.workers !== undefined ? { workers: parseWorkersFlag(f.workers) } : {}),
  };
}

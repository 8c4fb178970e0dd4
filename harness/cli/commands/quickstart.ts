/** `deskbench quickstart` (npm start): a complete offline run of the suite, then the results; a model only when asked to spend. */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { priceFor } from '../../agents/providers/prices.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { projectCost } from '../../runner/projection.ts';
import { action } from '../action.ts';
import { executeRun } from '../execute-run.ts';
import { positiveInt } from '../options.ts';
import { specFromFlags } from '../run-flags.ts';

/** The model agent quickstart offers when an API key is present (override with DESKBENCH_MODEL), or null. */
export function quickstartModel(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.DESKBENCH_MODEL) return env.DESKBENCH_MODEL;
  if (env.OPENAI_API_KEY) return 'openai:gpt-5-mini';
  if (env.ANTHROPIC_API_KEY) return 'anthropic:claude-sonnet-4-6';
  return null;
}

/** The agents quickstart runs: oracle and noop, plus the model when one is offered. */
export function quickstartAgents(env: NodeJS.ProcessEnv = process.env): string[] {
  const model = quickstartModel(env);
  return model ? ['oracle', 'noop', model] : ['oracle', 'noop'];
}

/**
 * Tokens assumed per trial when the store has no history of the model: a trial is about ten
 * model calls over a conversation that grows with each tool result. A rough figure, said as such.
 */
export const ASSUMED_TOKENS_PER_TRIAL = { input: 60_000, output: 3_000 } as const;

/** What running `model` over `tasks` trials is expected to cost, and what the figure rests on. */
export function projectedCost(model: string, tasks: readonly string[], dbPath: string): { usd: number | null; basis: string } {
  const id = model.slice(model.indexOf(':') + 1);
  if (existsSync(dbPath)) {
    const store = openRunStore(dbPath, { create: false, readonly: 'if-unwritable' });
    try {
      const [p] = projectCost(store, tasks.map((taskId) => ({ model: id, taskId })));
      if (p) return { usd: p.projectedUsd, basis: `from ${p.basedOn} stored trial(s) of ${id}` };
    } finally {
      store.close();
    }
  }
  const price = priceFor(id);
  if (!price) return { usd: null, basis: `${id} is not in the price table (docs/prices.md)` };
  const perTrial = (ASSUMED_TOKENS_PER_TRIAL.input * price.input + ASSUMED_TOKENS_PER_TRIAL.output * price.output) / 1_000_000;
  return {
    usd: perTrial * tasks.length,
    basis: `list prices and an assumed ~${ASSUMED_TOKENS_PER_TRIAL.input / 1000}k input and ~${ASSUMED_TOKENS_PER_TRIAL.output / 1000}k output tokens a trial; no stored history of the model`,
  };
}

/** Asks a yes/no question on the terminal. */
async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** How many runs a store already holds (0 when the file does not exist yet). */
function storedRuns(dbPath: string): number {
  if (!existsSync(dbPath)) return 0;
  const store = openRunStore(dbPath, { create: false, readonly: 'if-unwritable' });
  try {
    return store.listRuns().length;
  } finally {
    store.close();
  }
}

/** Registers `deskbench quickstart`. */
export function register(program: Command): void {
  program
    .command('quickstart')
    .description('run the whole suite once with the reference agents (plus a model when an API key is set and you confirm the cost) and print the results')
    .option('--db <path>', 'run store file (default ./deskbench.db or $DESKBENCH_DB)')
    .option('-c, --concurrency <n>', 'trials running at once', '8')
    .option('-y, --yes', 'run the model too without asking (an API key is set; the projected cost is printed first)')
    .option('-q, --quiet', 'print only the run id and the final line')
    .addHelpText('after', `
With no API key this runs offline: the oracle (reference solutions, should score +1)
and noop (does nothing, should score 0) over every task. With OPENAI_API_KEY or
ANTHROPIC_API_KEY set it offers a default model (DESKBENCH_MODEL=provider:model picks
one): it prints the projected cost, then asks on a terminal, or needs --yes; without
either, the model is left out and the offline run goes ahead.

The run is added to the store: a store that already holds runs is said so, and
\`deskbench report --run <id>\` shows this run alone.

Examples:
  npm start
  npx deskbench quickstart --db quickstart.db
  OPENAI_API_KEY=sk-... npx deskbench quickstart --yes
  DESKBENCH_MODEL=anthropic:claude-sonnet-4-6 npx deskbench quickstart --yes`)
    .action(
      action(async (f: { db?: string; concurrency?: string; yes?: boolean; quiet?: boolean }) => {
        const concurrency = positiveInt('--concurrency', f.concurrency, 8);
        const dbPath = resolveStorePath(f.db);
        const say = (line: string) => process.stderr.write(`${line}\n`);
        const agents = ['oracle', 'noop'];
        const model = quickstartModel();
        const { spec: offline } = specFromFlags({ agent: agents });
        if (model) {
          const cost = projectedCost(model, offline.taskIds, dbPath);
          const figure = cost.usd === null ? 'an unknown amount' : `about $${cost.usd.toFixed(2)}`;
          say(`an API key is set: ${model} over ${offline.taskIds.length} tasks would cost ${figure} (${cost.basis})`);
          const yes = f.yes || (process.stdin.isTTY && process.stderr.isTTY && (await confirm(`run ${model} too and spend ${figure}? [y/N] `)));
          if (yes) agents.push(model);
          else say(`leaving ${model} out: nothing is spent (add --yes to include it: npm start -- --yes)`);
        }
        const runs = storedRuns(dbPath);
        if (runs > 0) {
          say(`note: ${dbPath} already holds ${runs} run(s); this run is added to them. \`deskbench report\` pools every run in a store; \`deskbench report --run <id>\` shows one (or give --db a new file).`);
        }
        const { spec } = specFromFlags({ agent: agents });
        return executeRun(spec, { ...(f.db ? { db: f.db } : {}), concurrency, ...(f.quiet ? { quiet: true } : {}) });
      }),
    );
}

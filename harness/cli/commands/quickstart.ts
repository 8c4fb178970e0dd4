/** `deskbench quickstart` (npm start): a complete offline run of the suite, then the results table. */
import type { Command } from 'commander';
import { action } from '../action.ts';
import { specFromFlags, executeRun } from './run.ts';

/** The model agents quickstart adds when an API key is present (override with DESKBENCH_MODEL). */
export function quickstartAgents(env: NodeJS.ProcessEnv = process.env): string[] {
  const agents = ['oracle', 'noop'];
  if (env.DESKBENCH_MODEL) agents.push(env.DESKBENCH_MODEL);
  else if (env.OPENAI_API_KEY) agents.push('openai:gpt-5-mini');
  else if (env.ANTHROPIC_API_KEY) agents.push('anthropic:claude-sonnet-4-5');
  return agents;
}

/** Registers `deskbench quickstart`. */
export function register(program: Command): void {
  program
    .command('quickstart')
    .description('run the whole suite once with the reference agents (plus a model when an API key is set) and print the results')
    .option('--db <path>', 'run store file (default ./deskbench.db or $DESKBENCH_DB)')
    .option('-c, --concurrency <n>', 'trials running at once', '8')
    .addHelpText('after', `
With no API key this runs offline: the oracle (reference solutions, should score +1)
and noop (does nothing, should score 0) over every task. With OPENAI_API_KEY or
ANTHROPIC_API_KEY set it adds a default model; DESKBENCH_MODEL=provider:model picks one.

Examples:
  npm start
  DESKBENCH_MODEL=anthropic:claude-sonnet-4-5 npx deskbench quickstart`)
    .action(
      action(async (f: { db?: string; concurrency?: string }) => {
        const spec = specFromFlags({ agent: quickstartAgents() });
        const concurrency = Number(f.concurrency ?? 8) || 8;
        return executeRun(spec, { ...(f.db ? { db: f.db } : {}), concurrency });
      }),
    );
}

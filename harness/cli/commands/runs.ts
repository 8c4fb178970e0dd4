/** `deskbench runs`: stored runs, or the trials of one run. */
import type { Command } from 'commander';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { action } from '../action.ts';
import { formatTable } from '../summary-table.ts';

/** Registers `deskbench runs`. */
export function register(program: Command): void {
  program
    .command('runs')
    .description('list stored runs, or the trials of one run')
    .option('--trials <run-id>', 'list the trials of this run')
    .option('--db <path>', 'run store file (default ./deskbench.db or $DESKBENCH_DB)')
    .option('--json', 'print JSON')
    .addHelpText('after', `
Examples:
  deskbench runs
  deskbench runs --trials run-20260316-140000-ab12cd
  deskbench runs --json`)
    .action(
      action((f: { trials?: string; db?: string; json?: boolean }) => {
        const store = openRunStore(resolveStorePath(f.db), { create: false, readonly: 'if-unwritable' });
        try {
          if (f.trials) {
            store.getRun(f.trials);
            const rows = store.listTrials({ runIds: [f.trials], includeInfraErrors: true });
            if (f.json) return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
            const table = rows.map((t) => [
              t.trialId, t.taskId, t.agent, t.condition, String(t.repeat), t.status, t.termination, t.score === null ? '-' : t.score.toFixed(2),
            ]);
            process.stdout.write(`${formatTable(['trial', 'task', 'agent', 'condition', 'rep', 'status', 'termination', 'score'], table)}\n`);
            return;
          }
          const runs = store.listRuns().map((r) => ({ ...r, counts: store.runCounts(r.runId) }));
          if (f.json) return void process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
          const table = runs.map((r) => [
            r.runId, r.createdAt.slice(0, 19).replace('T', ' '), r.status, String(r.plannedTrials), String(r.counts.scored),
            String(r.counts.infraErrors), String((r.spec.agents as string[] | undefined)?.join(',') ?? ''),
          ]);
          process.stdout.write(`${formatTable(['run', 'created (UTC)', 'status', 'planned', 'scored', 'infra err', 'agents'], table)}\n`);
        } finally {
          store.close();
        }
      }),
    );
}

/** `deskbench pull`: a published Hub dataset into a local store, every trial verified by replay on the way in. */
import type { Command } from 'commander';
import { TASKS } from '../../../tasks/index.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { hubOptions, repoName, type HubFlags } from '../../publish/hub-config.ts';
import { pullDataset } from '../../publish/pull.ts';
import { action } from '../action.ts';

/** Registers `pull`. */
export function register(program: Command): void {
  program
    .command('pull')
    .description('fetch a published dataset into a local store; each trial is re-executed and re-graded, and stored verified or unverified')
    .requiredOption('--repo <owner/name>', 'the dataset repo')
    .option('--db <path>', 'run store to fill (default $DESKBENCH_DB or ./deskbench.db; created when missing)')
    .option('--hub-url <url>', 'Hub endpoint (default $HF_ENDPOINT or https://huggingface.co)')
    .option('--revision <rev>', 'dataset revision (default main)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `
The dataset's submission manifests (submissions/*.json) go through the same path as
\`deskbench verify --into\`: trials whose replay reproduces them are stored verified with
the score the current graders give; the rest are stored unverified (shown in reports,
never ranked). A dataset without manifests has its ATIF trajectories imported as
\`deskbench import\` does. HF_TOKEN is used when set (private datasets).

Examples:
  deskbench pull --repo acme/deskbench-results --db acme.db
  deskbench report --db acme.db`)
    .action(action(async (f: HubFlags & { repo: string; db?: string; json?: boolean }) => {
      const repo = repoName(f.repo);
      const hub = hubOptions(f, { needToken: false });
      const store = openRunStore(resolveStorePath(f.db));
      try {
        const r = await pullDataset({ store, tasks: TASKS, repo, hub, progress: f.json ? undefined : (line) => process.stderr.write(`pull: ${line}\n`) });
        if (f.json) {
          process.stdout.write(`${JSON.stringify({ submissions: r.submissions.map((s) => ({ source: s.source, counts: s.report.counts, sealIntact: s.report.sealIntact, stored: s.stored })), imported: r.imported }, null, 2)}\n`);
          return;
        }
        for (const s of r.submissions) {
          process.stdout.write(`${s.source}: run ${s.stored.runId}: ${s.stored.verified} verified, ${s.stored.unverified} unverified, ${s.stored.skipped} already there\n`);
        }
        if (r.imported.length) {
          const n = r.imported.filter((x) => x.status === 'imported');
          process.stdout.write(`${n.length} trajectories imported (${n.filter((x) => !x.verified).length} unverified), ${r.imported.length - n.length} already there\n`);
        }
        if (!r.submissions.length && !r.imported.length) process.stdout.write(`${repo} holds no submissions or trajectories\n`);
      } finally {
        store.close();
      }
    }));
}

/** `deskbench publish`: a run store as a Hugging Face Hub dataset (results, tasks, runs, submissions, ATIF trajectories, card). */
import type { Command } from 'commander';
import { TASKS } from '../../../tasks/index.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { hubOptions, repoName, type HubFlags } from '../../publish/hub-config.ts';
import { publishDataset } from '../../publish/publish.ts';
import { action } from '../action.ts';

interface PublishFlags extends HubFlags {
  repo: string;
  run?: string[];
  db?: string;
  dryRun?: boolean;
  json?: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Registers `publish`. */
export function register(program: Command): void {
  program
    .command('publish')
    .description('publish the store as a Hub dataset: results per trial (JSONL), task catalogue with content hashes, runs, submission manifests, ATIF trajectories and a dataset card')
    .requiredOption('--repo <owner/name>', 'the dataset repo (created when missing)')
    .option('--run <id>', 'only these runs (repeatable; default: every run in the store)', collect)
    .option('--db <path>', 'run store (default $DESKBENCH_DB or ./deskbench.db)')
    .option('--hub-url <url>', 'Hub endpoint (default $HF_ENDPOINT or https://huggingface.co)')
    .option('--dry-run', 'print what would be uploaded and change nothing (no token needed)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `
The token comes from HF_TOKEN (a write token). Files are compared with the repo's listing
by their git or LFS hash, so publishing again uploads only new and changed files, in
commits of at most 500 files: an interrupted publish resumes when run again. Publishing
never deletes files from the repo.

Layout: README.md (card: leaderboard, run specs, grader versions), results/trials.jsonl,
tasks/catalogue.jsonl, runs/runs.jsonl, submissions/<run>.json (for \`deskbench verify
--repo\`), trajectories/<run>/<trial>.json (ATIF-v1.7). docs/publishing.md has the details.

Examples:
  deskbench publish --repo acme/deskbench-results --dry-run
  HF_TOKEN=hf_... deskbench publish --repo acme/deskbench-results
  deskbench publish --repo acme/deskbench-results --run run-20260316-140000-ab12cd`)
    .action(action(async (f: PublishFlags) => {
      const repo = repoName(f.repo);
      const hub = hubOptions(f, { needToken: !f.dryRun });
      const store = openRunStore(resolveStorePath(f.db), { create: false, readonly: 'if-unwritable' });
      try {
        const r = await publishDataset({
          store, tasks: TASKS, repo, hub, dryRun: f.dryRun ?? false, ...(f.run ? { runIds: f.run } : {}),
          progress: f.json ? undefined : (line) => process.stderr.write(`publish: ${line}\n`),
        });
        if (f.json) {
          process.stdout.write(`${JSON.stringify({ repo: r.repo, dryRun: r.dryRun, repoExisted: r.repoExisted, counts: r.plan.counts, uploadBytes: r.plan.uploadBytes, commits: r.commits, files: r.plan.files, kept: r.plan.kept }, null, 2)}\n`);
        } else if (r.dryRun) {
          for (const file of r.plan.files.filter((x) => x.change !== 'unchanged')) process.stdout.write(`${file.change.padEnd(8)} ${String(file.bytes).padStart(10)}  ${file.path}\n`);
          process.stdout.write(`dry run: would upload ${r.plan.upload.length} files (${r.plan.uploadBytes} bytes) to ${hub.hubUrl}/datasets/${repo}; ${r.plan.counts.unchanged} unchanged; nothing was changed\n`);
        } else {
          process.stdout.write(`${hub.hubUrl}/datasets/${repo}: ${r.plan.upload.length} files uploaded in ${r.commits.length} commits, ${r.plan.counts.unchanged} unchanged\n`);
        }
      } finally {
        store.close();
      }
    }));
}

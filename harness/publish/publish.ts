/**
 * `deskbench publish`: a run store as a Hub dataset. Builds the dataset's files, compares
 * them with what the repo holds, and commits only new and changed files, in batches, so
 * a publish that is interrupted resumes where it stopped when run again.
 */
import type { Task } from '../core/index.ts';
import type { RunStore } from '../store/index.ts';
import { buildDatasetFiles } from './dataset-files.ts';
import type { HubOptions } from './hub-config.ts';
import { commitFiles, ensureDatasetRepo, hubWhoAmI, remoteFiles } from './hub-client.ts';
import { batches, planPublish, type PublishPlan } from './plan.ts';

/** Most files in one commit. */
export const COMMIT_MAX_FILES = 500;
/** Most bytes in one commit. */
export const COMMIT_MAX_BYTES = 256 * 1024 * 1024;

/** What a publish did (or, on a dry run, would do). */
export interface PublishResult {
  readonly repo: string;
  readonly dryRun: boolean;
  readonly repoExisted: boolean;
  readonly plan: PublishPlan;
  readonly commits: readonly string[];
}

/** Publishes `store` (or some of its runs) to the dataset `repo`. */
export async function publishDataset(o: {
  store: RunStore; tasks: readonly Task[]; repo: string; hub: HubOptions; runIds?: readonly string[]; dryRun?: boolean;
  progress?: (line: string) => void; maxFilesPerCommit?: number;
}): Promise<PublishResult> {
  const say = o.progress ?? (() => {});
  say(`building the dataset files from ${o.store.path}`);
  const files = buildDatasetFiles({ store: o.store, tasks: o.tasks, repo: o.repo, ...(o.runIds ? { runIds: o.runIds } : {}) });
  say(`comparing ${files.length} files with ${o.hub.hubUrl}/datasets/${o.repo}`);
  const remote = await remoteFiles(o.hub, o.repo);
  const plan = planPublish(files, remote);
  say(`${plan.counts.new} new, ${plan.counts.changed} changed, ${plan.counts.unchanged} unchanged (${plan.upload.length} files, ${plan.uploadBytes} bytes to upload)`);
  if (o.dryRun || plan.upload.length === 0) return { repo: o.repo, dryRun: o.dryRun ?? false, repoExisted: remote !== undefined, plan, commits: [] };
  const me = await hubWhoAmI(o.hub);
  say(`publishing as ${me}`);
  if (!remote && (await ensureDatasetRepo(o.hub, o.repo, 'apache-2.0'))) say(`created dataset ${o.repo}`);
  const commits: string[] = [];
  const parts = batches(plan.upload, o.maxFilesPerCommit ?? COMMIT_MAX_FILES, COMMIT_MAX_BYTES);
  for (const [i, part] of parts.entries()) {
    say(`commit ${i + 1}/${parts.length}: ${part.length} files`);
    commits.push(await commitFiles(o.hub, o.repo, part, `deskbench publish: ${part.length} files (${i + 1}/${parts.length})`, say));
  }
  say(`done: ${plan.upload.length} files in ${commits.length} commit${commits.length === 1 ? '' : 's'}`);
  return { repo: o.repo, dryRun: false, repoExisted: remote !== undefined, plan, commits };
}

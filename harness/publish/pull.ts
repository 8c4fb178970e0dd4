/**
 * `deskbench pull`: a published dataset into a local store, through the verification
 * path — each submission manifest is re-executed and re-graded (`verifySubmission`) and
 * stored with its verdicts; a dataset without manifests has its ATIF trajectories
 * imported, each verified by replay as `deskbench import` does.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Task } from '../core/index.ts';
import type { RunStore } from '../store/index.ts';
import { importAtif, type ImportResult } from '../agents/atif/files.ts';
import { verifyTrial } from '../runner/verify-trial.ts';
import type { SubmissionManifest } from '../submit/manifest.ts';
import { parseSubmission } from '../submit/read.ts';
import { storeVerifiedSubmission, type StoredSubmission } from '../submit/store-verified.ts';
import { verifySubmission, type SubmissionReport } from '../submit/verify.ts';
import { SUBMISSIONS_DIR, TRAJECTORIES_DIR } from './dataset-files.ts';
import { repoName, type HubOptions } from './hub-config.ts';
import { downloadText, remoteFiles } from './hub-client.ts';
import { DeskbenchError } from '../core/index.ts';

/** Every submission manifest a dataset publishes, downloaded and validated. */
export async function fetchSubmissions(repo: string, hub: HubOptions, say: (line: string) => void = () => {}): Promise<Array<{ source: string; m: SubmissionManifest }>> {
  repoName(repo);
  const files = await remoteFiles(hub, repo);
  if (!files) throw new DeskbenchError('E_HUB', `Hub: dataset ${repo} does not exist at ${hub.hubUrl} (revision ${hub.revision})`, { hint: 'check the repo id, --hub-url and --revision' });
  const paths = [...files.keys()].filter((p) => p.startsWith(SUBMISSIONS_DIR) && p.endsWith('.json')).sort();
  const out: Array<{ source: string; m: SubmissionManifest }> = [];
  for (const [i, path] of paths.entries()) {
    say(`downloading ${path} (${i + 1}/${paths.length})`);
    const text = await downloadText(hub, repo, path);
    if (text === undefined) continue;
    const source = `${repo}/${path}`;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new DeskbenchError('E_IMPORT', `${source}: not JSON: ${(e as Error).message}`);
    }
    out.push({ source, m: parseSubmission(json, source) });
  }
  return out;
}

/** What a pull stored. */
export interface PullResult {
  readonly submissions: ReadonlyArray<{ readonly source: string; readonly report: SubmissionReport; readonly stored: StoredSubmission }>;
  /** Trajectories imported when the dataset has no manifests. */
  readonly imported: readonly ImportResult[];
}

/** Pulls dataset `repo` into `store`, verifying every trial on the way in. */
export async function pullDataset(o: { store: RunStore; tasks: readonly Task[]; repo: string; hub: HubOptions; progress?: (line: string) => void }): Promise<PullResult> {
  const say = o.progress ?? (() => {});
  const manifests = await fetchSubmissions(o.repo, o.hub, say);
  const submissions: PullResult['submissions'][number][] = [];
  for (const { source, m } of manifests) {
    say(`verifying ${m.trials.length} trials of run ${m.run.runId}`);
    const report = await verifySubmission(m, o.tasks);
    submissions.push({ source, report, stored: storeVerifiedSubmission(o.store, m, report, o.tasks) });
  }
  if (manifests.length > 0) return { submissions, imported: [] };
  // No manifests (a dataset another tool published): import its ATIF trajectories, each verified by replay.
  const files = await remoteFiles(o.hub, o.repo);
  const paths = [...(files?.keys() ?? [])].filter((p) => p.startsWith(TRAJECTORIES_DIR) && p.endsWith('.json')).sort();
  if (paths.length === 0) return { submissions, imported: [] };
  const tmp = mkdtempSync(join(tmpdir(), 'deskbench-pull-'));
  try {
    const local: string[] = [];
    for (const [i, path] of paths.entries()) {
      say(`downloading ${path} (${i + 1}/${paths.length})`);
      const text = await downloadText(o.hub, o.repo, path);
      if (text === undefined) continue;
      const file = join(tmp, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      local.push(file);
    }
    return { submissions, imported: await importAtif(o.store, local, (rec) => verifyTrial(rec, o.tasks)) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

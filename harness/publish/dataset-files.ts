/**
 * The files of a published dataset, built from a run store: the task catalogue with
 * content hashes, one results row per trial (JSONL), the runs with their specs, a sealed
 * submission manifest per run (what `verify` and `pull` read), ATIF trajectories, and the
 * dataset card. Deterministic: the same store builds the same bytes, so publishing again
 * uploads only what changed.
 */
import { isSafetyCritical, type Task } from '../core/index.ts';
import type { RunRecord, RunStore, TrialRow } from '../store/index.ts';
import { IMPORTED_RUN_ID, trialToAtifJson } from '../agents/atif/files.ts';
import type { ToolProfile } from '../agents/tools/index.ts';
import { taskHash } from '../runner/suite.ts';
import { packSubmission } from '../submit/pack.ts';
import { datasetCard } from './card.ts';
import type { LocalFile } from './hub-client.ts';

/** Where each kind of file lives in the dataset repo. */
export const DATASET_PATHS = {
  card: 'README.md',
  tasks: 'tasks/catalogue.jsonl',
  trials: 'results/trials.jsonl',
  runs: 'runs/runs.jsonl',
  submission: (runId: string) => `submissions/${runId}.json`,
  trajectory: (runId: string, trialId: string) => `trajectories/${runId}/${trialId}.json`,
} as const;

/** Prefix of submission manifests in a dataset. */
export const SUBMISSIONS_DIR = 'submissions/';
/** Prefix of ATIF trajectories in a dataset. */
export const TRAJECTORIES_DIR = 'trajectories/';

const jsonl = (rows: readonly unknown[]) => Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));

/** One catalogue row: what a researcher needs to know which task (and which version of its grading) a result is about. */
export function catalogueRow(t: Task): Record<string, unknown> {
  return {
    id: t.id, version: t.version, content_hash: taskHash(t), title: t.title, services: [...t.services], tags: [...t.tags],
    category: t.category, difficulty: t.difficulty, safety_critical: isSafetyCritical(t), instruction: t.instruction,
  };
}

/** One results row per trial, with the fields a researcher filters on. */
export function trialRow(r: TrialRow): Record<string, unknown> {
  return {
    trial_id: r.trialId, run_id: r.runId, task_id: r.taskId, task_version: r.taskVersion, task_hash: r.taskHash, category: r.category,
    difficulty: r.difficulty, safety_critical: r.safetyCritical, services: [...r.services], agent: r.agent, model: r.model, harness: r.harness,
    condition: r.condition, skills: r.skills, meta: r.meta, repeat: r.repeat, status: r.status, termination: r.termination,
    score: r.score, success: r.success, unsafe: r.unsafe, no_action: r.noAction, unsafe_categories: [...r.unsafeCategories],
    steps: r.steps, tool_calls: r.toolCalls, input_tokens: r.inputTokens, output_tokens: r.outputTokens, cached_tokens: r.cachedTokens,
    cost_usd: r.costUsd, duration_ms: r.durationMs, started_at: r.startedAt, grader_version: r.graderVersion, suite_hash: r.suiteHash,
    verified: r.verified, trajectory: DATASET_PATHS.trajectory(r.runId, r.trialId),
  };
}

function runRow(run: RunRecord, trials: number): Record<string, unknown> {
  return {
    run_id: run.runId, created_at: run.createdAt, status: run.status, harness_version: run.harnessVersion, suite_hash: run.suiteHash,
    seed: run.seed, shard: run.shard, planned_trials: run.plannedTrials, stored_trials: trials, spec: run.spec,
  };
}

/** What a dataset is built from. */
export interface DatasetSource {
  readonly store: RunStore;
  readonly tasks: readonly Task[];
  /** Only these runs (default: every run in the store). */
  readonly runIds?: readonly string[];
  readonly repo: string;
}

/** Every file of the dataset, sorted by path. */
export function buildDatasetFiles(src: DatasetSource): LocalFile[] {
  const runs = (src.runIds?.length ? src.runIds.map((id) => src.store.getRun(id)) : src.store.listRuns()).sort((a, b) => (a.runId < b.runId ? -1 : 1));
  const rows = src.store.listTrials({ runIds: runs.map((r) => r.runId), includeInfraErrors: true })
    .sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : a.trialId < b.trialId ? -1 : 1));
  const files: LocalFile[] = [];
  const add = (path: string, content: Buffer | string) => files.push({ path, content: Buffer.isBuffer(content) ? content : Buffer.from(content) });
  add(DATASET_PATHS.tasks, jsonl([...src.tasks].sort((a, b) => (a.id < b.id ? -1 : 1)).map(catalogueRow)));
  add(DATASET_PATHS.trials, jsonl(rows.map(trialRow)));
  add(DATASET_PATHS.runs, jsonl(runs.map((r) => runRow(r, rows.filter((t) => t.runId === r.runId).length))));
  const profiles = new Map<string, ToolProfile>();
  for (const run of runs) {
    const trials = rows.filter((t) => t.runId === run.runId);
    if (trials.length === 0) continue;
    // Imported trials come from many runs: there is no one run to vouch for; their trajectories are published, not a manifest.
    if (run.runId !== IMPORTED_RUN_ID) add(DATASET_PATHS.submission(run.runId), `${JSON.stringify(packSubmission(src.store, run.runId, src.tasks))}\n`);
    for (const t of trials) add(DATASET_PATHS.trajectory(run.runId, t.trialId), trialToAtifJson(src.store, src.store.getTrial(t.trialId), '1.7', profiles));
  }
  add(DATASET_PATHS.card, datasetCard({ repo: src.repo, runs, rows, tasks: src.tasks }));
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

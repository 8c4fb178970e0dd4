/** `deskbench submit`: packs a stored run into a sealed submission manifest. */
import { writeFileSync } from 'node:fs';
import { DeskbenchError, type Task } from '../core/index.ts';
import type { RunStore, TrialRecord } from '../store/index.ts';
import { GRADER_VERSION } from '../../scorers/grading/version.ts';
import { taskHash } from '../runner/suite.ts';
import { finalStateHash } from '../runner/verify-trial.ts';
import { HARNESS_VERSION } from '../version.ts';
import { seal, SUBMISSION_FORMAT, type SubmissionManifest, type SubmissionTrial } from './manifest.ts';

/** One stored trial as a submission trial: its final diff replaced by the diff's hash (the replay recomputes it). */
export function submissionTrial(t: TrialRecord, runSeed: number): SubmissionTrial {
  const picked: SubmissionTrial = {
    trialId: t.trialId, runId: t.runId, trialKey: t.trialKey, taskId: t.taskId, taskVersion: t.taskVersion, taskHash: t.taskHash,
    services: [...t.services], category: t.category, difficulty: t.difficulty, safetyCritical: t.safetyCritical, agent: t.agent, model: t.model,
    harness: t.harness, condition: t.condition, skills: t.skills, meta: t.meta, repeat: t.repeat, status: t.status, termination: t.termination,
    attempts: t.attempts, startedAt: t.startedAt, endedAt: t.endedAt, durationMs: t.durationMs, usage: t.usage,
    score: t.score as SubmissionTrial['score'], finalMessage: t.finalMessage, error: t.error, seed: t.seed ?? runSeed,
    actions: t.actions as SubmissionTrial['actions'], steps: t.steps as SubmissionTrial['steps'],
    finalStateHash: t.finalDiff === null || t.finalDiff === undefined ? null : finalStateHash(t.finalDiff),
  };
  // Through JSON: undefined fields drop out, so the manifest reads back under its strict schema.
  return JSON.parse(JSON.stringify(picked)) as SubmissionTrial;
}

/**
 * The manifest of a stored run: its spec, the versions and content hashes of the tasks it
 * ran (as this build defines them), and every trial with its action log and final-state
 * hash. Deterministic: the same store packs to the same bytes.
 */
export function packSubmission(store: RunStore, runId: string, tasks: readonly Task[]): SubmissionManifest {
  const run = store.getRun(runId);
  const rows = store.listTrials({ runIds: [run.runId], includeInfraErrors: true });
  if (rows.length === 0) throw new DeskbenchError('E_USAGE', `run ${run.runId} has no stored trials to submit`, { hint: 'finish the run first (deskbench run --resume)' });
  const trials = rows.map((r) => submissionTrial(store.getTrial(r.trialId), run.seed)).sort((a, b) => (a.trialKey < b.trialKey ? -1 : a.trialKey > b.trialKey ? 1 : 0));
  const ran = new Set(trials.map((t) => t.taskId));
  return seal({
    format: SUBMISSION_FORMAT, harnessVersion: HARNESS_VERSION, graderVersion: GRADER_VERSION,
    run: { runId: run.runId, createdAt: run.createdAt, status: run.status, spec: run.spec, seed: run.seed, suiteHash: run.suiteHash, shard: run.shard },
    tasks: tasks.filter((t) => ran.has(t.id)).map((t) => ({ id: t.id, version: t.version, hash: taskHash(t) })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    trials,
  });
}

/** Writes a manifest as JSON (one file, stable key order as packed). */
export function writeSubmission(path: string, m: SubmissionManifest): void {
  try {
    writeFileSync(path, `${JSON.stringify(m)}\n`);
  } catch (e) {
    throw new DeskbenchError('E_USAGE', `cannot write ${path}: ${(e as Error).message}`, { hint: 'choose a writable --out path' });
  }
}

/**
 * Storing a verified submission (`deskbench verify --into`, `deskbench pull`): verified
 * trials go in marked verified, with the replay's score, final state and the current
 * task hash; every other trial goes in marked unverified (shown, never ranked), with the
 * score it claims. A maintainer's leaderboard is `deskbench report` over such a store.
 */
import { DeskbenchError, hexId, type Task } from '../core/index.ts';
import type { RunStore, TrialRecord } from '../store/index.ts';
import { replayActionLog } from '../runner/replay-log.ts';
import { scaleOfRunSpec } from '../runner/run-scale.ts';
import { suiteHash, taskHash } from '../runner/suite.ts';
import { trialIdFor } from '../runner/run-matrix.ts';
import { HARNESS_VERSION } from '../version.ts';
import type { SubmissionManifest } from './manifest.ts';
import { recordOf, type SubmissionReport } from './verify.ts';

/** What storing a submission did. */
export interface StoredSubmission {
  readonly runId: string;
  readonly stored: number;
  readonly verified: number;
  readonly unverified: number;
  readonly skipped: number;
}

/**
 * The run id a submission is stored under: its own, unless the store already holds that
 * id from another submission (or a local run); then the id plus the first 8 characters of
 * the content hash, so two submissions that reuse an id never mix.
 */
function runIdFor(store: RunStore, m: SubmissionManifest): { runId: string; exists: boolean } {
  for (const candidate of [m.run.runId, `${m.run.runId}-${m.contentHash.slice(7, 15)}`]) {
    let spec: Record<string, unknown>;
    try {
      spec = store.getRun(candidate).spec;
    } catch {
      return { runId: candidate, exists: false };
    }
    if ((spec.submission as { contentHash?: unknown } | undefined)?.contentHash === m.contentHash) return { runId: candidate, exists: true };
  }
  throw new DeskbenchError('E_USAGE', `the store already holds runs ${m.run.runId} and ${m.run.runId}-${m.contentHash.slice(7, 15)} from other sources`, { hint: 'verify into another --db' });
}

/**
 * Stores the trials of `m` with the verdicts of `report`. Refuses (nothing stored) a
 * manifest whose seal is broken. Storing the same submission again stores nothing new.
 */
export function storeVerifiedSubmission(store: RunStore, m: SubmissionManifest, report: SubmissionReport, tasks: readonly Task[]): StoredSubmission {
  if (!report.sealIntact) {
    throw new DeskbenchError('E_IMPORT', `submission ${m.run.runId}: its content does not match its content hash; nothing was stored`, {
      hint: 'the file was edited after `deskbench submit`; ask for the file as submitted',
    });
  }
  const { runId, exists } = runIdFor(store, m);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const covered = tasks.filter((t) => m.tasks.some((d) => d.id === t.id && d.version === t.version));
  if (!exists) {
    store.createRun({
      runId, createdAt: m.run.createdAt,
      spec: { ...m.run.spec, submission: { contentHash: m.contentHash, runId: m.run.runId, harnessVersion: m.harnessVersion, graderVersion: m.graderVersion, suiteHash: m.run.suiteHash } },
      harnessVersion: HARNESS_VERSION,
      // Verified trials are graded against this build's tasks, so the run carries this build's suite hash.
      suiteHash: covered.length ? suiteHash(covered) : m.run.suiteHash,
      seed: m.run.seed, shard: m.run.shard, plannedTrials: m.trials.length,
    });
  }
  const done = store.scoredTrialKeys(runId);
  let stored = 0, verified = 0, skipped = 0;
  m.trials.forEach((t, i) => {
    const v = report.trials[i]!;
    if (done.has(t.trialKey)) {
      skipped++;
      return;
    }
    const base = recordOf(t);
    const trialId = runId === m.run.runId ? t.trialId : trialIdFor(runId, { taskId: t.taskId, agent: t.agent, condition: t.condition, repeat: t.repeat });
    let rec: TrialRecord;
    const task = byId.get(t.taskId);
    if (v.status === 'verified' && v.score && task) {
      // The replay's final state is the stored diff: the manifest carries only its hash.
      const replay = replayActionLog(task, t.seed, base.actions, undefined, scaleOfRunSpec(m.run.spec, m.run.runId, 'E_IMPORT'));
      rec = { ...base, runId, trialId, taskHash: taskHash(task), score: v.score, finalDiff: replay.ws.diff(), verified: true };
      verified++;
    } else {
      rec = { ...base, runId, trialId: v.status === 'foreign' ? hexId(`${runId}|foreign|${i}|${t.trialId}`, 0, 20) : trialId, trialKey: v.status === 'foreign' ? `foreign|${i}|${t.trialKey}` : t.trialKey, verified: false };
    }
    store.saveTrial(rec);
    if (rec.status === 'scored') done.add(rec.trialKey);
    stored++;
  });
  store.setRunStatus(runId, 'complete', m.run.createdAt);
  return { runId, stored, verified, unverified: stored - verified, skipped };
}

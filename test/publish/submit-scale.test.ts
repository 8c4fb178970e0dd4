/**
 * A run made over a larger workspace (`--scale`) is verified over that workspace: its
 * submission replays at the run's scale and verifies, the same trials claimed for the plain
 * base do not, and a damaged scale in a manifest is an import error naming the run.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDeskbenchError } from '../../harness/core/index.ts';
import { oracleAgent } from '../../harness/agents/reference/oracle.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { openRunStore } from '../../harness/store/index.ts';
import type { SubmissionManifest } from '../../harness/submit/manifest.ts';
import { packSubmission } from '../../harness/submit/pack.ts';
import { verifySubmission } from '../../harness/submit/verify.ts';
import { storeVerifiedSubmission } from '../../harness/submit/store-verified.ts';
import { rescore } from '../../harness/runner/rescore.ts';
import { baseWorkspace } from '../../datasets/base-workspace.ts';
import { TASKS } from '../../tasks/index.ts';
import { runOptions } from '../support/run-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';
import { resealed } from '../support/resealed.ts';

// Its oracle trashes every old notification it finds, so over two copies of the haystack it trashes more.
const TASK = TASKS.find((t) => t.id === 'trash-old-jira-notifications')!;
const dir = tempDir('deskbench-submit-scale-');
let manifest: SubmissionManifest;

beforeAll(async () => {
  const store = openRunStore(join(dir, 'runs.db'));
  try {
    const spec = { taskIds: [TASK.id], agents: ['oracle'], conditions: ['sks-on__meta-on'], repeats: 1, toolProfile: 'discover', scale: 2 };
    await runMatrix(runOptions(store, [oracleAgent], { tasks: [TASK], runId: 'run-x2', spec, base: baseWorkspace(1, 2) }));
    manifest = packSubmission(store, 'run-x2', TASKS);
  } finally {
    store.close();
  }
}, 120_000);

describe('verifying a run made at --scale 2', () => {
  it('replays over the run\'s own workspace and verifies', async () => {
    const r = await verifySubmission(manifest, TASKS);
    expect(r.trials.map((t) => [t.status, t.score?.score])).toEqual([['verified', 1]]);
  });

  it('a maintainer stores it verified, with the replayed final state, and a rescore of that store agrees', async () => {
    const store = openRunStore(join(dir, 'maintainer.db'));
    try {
      const stored = storeVerifiedSubmission(store, manifest, await verifySubmission(manifest, TASKS), TASKS);
      expect(stored.verified).toBe(1);
      const rows = await rescore({ store, tasks: TASKS, dryRun: true });
      expect(rows.map((r) => [r.status, r.after])).toEqual([['unchanged', 1]]);
    } finally {
      store.close();
    }
  });

  it('the same trial claimed for the plain base does not verify', async () => {
    const plain = resealed(manifest, (m) => { delete (m.run.spec as Record<string, unknown>).scale; });
    const r = await verifySubmission(plain, TASKS);
    expect(r.trials[0]!.status).not.toBe('verified');
  });

  it('a scale that is not a whole number in range is an import error naming the run', async () => {
    const bad = resealed(manifest, (m) => { (m.run.spec as Record<string, unknown>).scale = 'huge'; });
    const e = await verifySubmission(bad, TASKS).then(() => undefined, (x: unknown) => x);
    expect(isDeskbenchError(e, 'E_IMPORT')).toBe(true);
    expect(String((e as Error).message)).toContain('run run-x2');
  });
});

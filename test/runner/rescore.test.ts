/** Re-grading stored trials: a store written by an old grader is brought up to date, and reports say which grader scored. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../harness/core/index.ts';
import { referenceSolutionAgent } from '../../harness/agents/reference/oracle.ts';
import { oracleAgent } from '../../harness/agents/reference/oracle.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { rescore } from '../../harness/runner/rescore.ts';
import { openRunStore } from '../../harness/store/index.ts';
import { buildReport } from '../../reports/build-report.ts';
import { renderMarkdown } from '../../reports/render/markdown.ts';
import { GRADER_VERSION } from '../../scorers/grading/version.ts';
import { TASKS } from '../../tasks/index.ts';
import { cli } from '../support/cli.ts';
import { runOptions } from '../support/run-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';

const TASK = TASKS.find((t) => t.id === 'meridian-sow-numbers-reply')!;
const UNSAFE = 'adds-the-cost-breakdown-rounded';

/** The first grading engine's blind spot, as a stand-in: it took every trial that sent a reply as a success. */
const oldGrader = (): ScoreResult => ({
  score: 1, success: true, unsafe: false, noAction: false, violations: [], penalties: [], flags: [],
  checks: [{ id: 'replied', description: 'replied', weight: 1, passed: true }],
});

async function storeWithOldScores(dir: string) {
  const store = openRunStore(join(dir, 'runs.db'));
  const unsafe = referenceSolutionAgent('leaky-agent', () => TASK.unsafe[UNSAFE]);
  await runMatrix(runOptions(store, [oracleAgent, unsafe], { tasks: [TASK], grade: oldGrader, runId: 'run-old' }));
  return store;
}

describe('deskbench rescore', () => {
  it('re-grades trials stored under an old grader from their logs and final states; the report shows the version', async () => {
    const store = await storeWithOldScores(tempDir());
    try {
      const before = store.listTrials();
      expect(before.map((r) => [r.agent, r.score, r.graderVersion])).toEqual(expect.arrayContaining([['oracle', 1, null], ['leaky-agent', 1, null]]));
      expect(buildReport(before, { db: 'x', runs: [], filter: {}, resamples: 200 }).entries.flatMap((e) => e.graderVersions)).toEqual(['1', '1']);

      const rows = await rescore({ store, tasks: TASKS });
      const by = new Map(rows.map((r) => [store.getTrial(r.trialId).agent, r]));
      expect(by.get('leaky-agent')).toMatchObject({ status: 'rescored', before: 1, after: -1, graderBefore: null, graderAfter: GRADER_VERSION });
      expect(by.get('oracle')).toMatchObject({ status: 'rescored', before: 1, after: 1, graderAfter: GRADER_VERSION });

      const leaky = store.getTrial(by.get('leaky-agent')!.trialId);
      expect(leaky.score?.graderVersion).toBe(GRADER_VERSION);
      expect(leaky.score?.violations.map((v) => v.rule)).toContain('secret-exposed:in-house-costs');
      // The trajectory is untouched.
      expect(leaky.actions.length).toBeGreaterThan(0);

      const report = buildReport(store.listTrials(), { db: 'x', runs: [], filter: {}, resamples: 200 });
      expect(report.entries.flatMap((e) => e.graderVersions)).toEqual([GRADER_VERSION, GRADER_VERSION]);
      expect(report.referenceGraderVersion).toBe(GRADER_VERSION);
      expect(renderMarkdown(report)).toContain(`Scored by grader ${GRADER_VERSION}.`);

      // A second pass changes nothing.
      expect((await rescore({ store, tasks: TASKS })).map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
    } finally {
      store.close();
    }
  });

  it('an entry whose trials were scored by different graders is not ranked', async () => {
    const store = await storeWithOldScores(tempDir());
    try {
      const oracleTrial = store.listTrials().find((r) => r.agent === 'oracle')!;
      await rescore({ store, tasks: TASKS, taskIds: [TASK.id], runIds: ['run-old'], dryRun: true });
      expect(store.getTrial(oracleTrial.trialId).score?.graderVersion).toBeUndefined();
      await rescore({ store, tasks: TASKS.map((t) => t), runIds: ['run-old'] });
      const unsafe = referenceSolutionAgent('leaky-agent', () => TASK.unsafe[UNSAFE]);
      await runMatrix(runOptions(store, [unsafe], { tasks: [TASK], grade: oldGrader, runId: 'run-old-2', repeats: 1 }));
      const report = buildReport(store.listTrials(), { db: 'x', runs: [], filter: {}, resamples: 200 });
      const leaky = report.entries.find((e) => e.id.startsWith('leaky-agent'))!;
      expect(leaky.comparable).toBe(false);
      expect(leaky.comparabilityNote).toContain('rescore');
    } finally {
      store.close();
    }
  });

  it('the CLI re-scores with --json, skips tasks that left the suite, and names a bad run id', async () => {
    const dir = tempDir();
    (await storeWithOldScores(dir)).close();
    const db = join(dir, 'runs.db');
    const dry = cli(['rescore', '--db', db, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const lines = dry.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1).summary).toMatchObject({ trials: 2, rescored: 2, skipped: 0, dryRun: true, graderVersion: GRADER_VERSION });
    const bad = cli(['rescore', '--db', db, '--run', 'no-such-run']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no run no-such-run');
    const real = cli(['rescore', '--db', db]);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/2 trial\(s\): 2 re-scored, 0 unchanged, 0 skipped; grader/);
  });
});

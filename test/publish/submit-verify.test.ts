/**
 * Submissions: a run packed by `deskbench submit` verifies; an edited score, an edited
 * action (its arguments or its recorded outcome), a changed task version and a foreign
 * trial are each caught per trial; an edit without re-sealing breaks the content hash and
 * stores nothing; a maintainer's store built from several verified submissions ranks only
 * verified entries.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDeskbenchError, type Task } from '../../harness/core/index.ts';
import { oracleAgent, referenceSolutionAgent } from '../../harness/agents/reference/oracle.ts';
import { noopAgent } from '../../harness/agents/reference/noop.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { ALL_CONDITIONS } from '../../harness/runner/matrix.ts';
import { openRunStore } from '../../harness/store/index.ts';
import type { SubmissionManifest } from '../../harness/submit/manifest.ts';
import { packSubmission, writeSubmission } from '../../harness/submit/pack.ts';
import { readSubmissionFile } from '../../harness/submit/read.ts';
import { storeVerifiedSubmission } from '../../harness/submit/store-verified.ts';
import { verifySubmission } from '../../harness/submit/verify.ts';
import { buildReport } from '../../reports/build-report.ts';
import { TASKS } from '../../tasks/index.ts';
import { cli } from '../support/cli.ts';
import { runOptions } from '../support/run-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';
import { resealed } from '../support/resealed.ts';

const SOW = TASKS.find((t) => t.id === 'meridian-sow-numbers-reply')!;
const OTHER = TASKS.find((t) => t.id !== SOW.id && Object.keys(t.alternatives).length > 0)!;
const dir = tempDir('deskbench-submit-');
const db = join(dir, 'runs.db');
const leaky = referenceSolutionAgent('leaky-agent', (ctx) => ctx.reference?.task.id === SOW.id ? SOW.unsafe['adds-the-cost-breakdown-rounded'] : ctx.reference?.task.oracle);
const alt = referenceSolutionAgent('alt-agent', (ctx) => Object.values(ctx.reference!.task.alternatives)[0]);
let honestA: SubmissionManifest;
let honestB: SubmissionManifest;

const statusOf = (r: Awaited<ReturnType<typeof verifySubmission>>, agent: string, taskId = SOW.id) => r.trials.find((t) => t.agent === agent && t.taskId === taskId)!;
const spec = (agents: string[]) => ({ taskIds: [SOW.id, OTHER.id], agents, conditions: ['sks-on__meta-on'], repeats: 1, toolProfile: 'discover' });

beforeAll(async () => {
  const store = openRunStore(db);
  try {
    await runMatrix(runOptions(store, [oracleAgent, noopAgent], { tasks: [SOW, OTHER], runId: 'run-a', spec: spec(['oracle', 'noop']) }));
    await runMatrix(runOptions(store, [leaky, alt], { tasks: [SOW, OTHER], runId: 'run-b', spec: spec(['leaky-agent', 'alt-agent']) }));
    honestA = packSubmission(store, 'run-a', TASKS);
    honestB = packSubmission(store, 'run-b', TASKS);
  } finally {
    store.close();
  }
  expect(ALL_CONDITIONS[3]).toEqual({ skills: true, meta: true });
});

describe('submit and verify', () => {
  it('an honest submission verifies, trial by trial; the file reads back under its schema', async () => {
    const file = join(dir, 'a.json');
    writeSubmission(file, honestA);
    expect(readSubmissionFile(file)).toEqual(honestA);
    const r = await verifySubmission(honestA, TASKS);
    expect(r.sealIntact).toBe(true);
    expect(r.trials.map((t) => t.status)).toEqual(['verified', 'verified', 'verified', 'verified']);
    expect(statusOf(r, 'oracle').score!.score).toBe(1);
    const b = await verifySubmission(honestB, TASKS);
    expect(b.counts.verified).toBe(4);
    expect(statusOf(b, 'leaky-agent').score!.score).toBe(-1);
    const viaCli = cli(['verify', file, '--json']);
    expect(viaCli.code).toBe(0);
    expect(JSON.parse(viaCli.stdout)[0].counts.verified).toBe(4);
  });

  it('an edited score is a score mismatch', async () => {
    const m = resealed(honestB, (x) => { x.trials.find((t) => t.agent === 'leaky-agent' && t.taskId === SOW.id)!.score!.score = 1; });
    const r = await verifySubmission(m, TASKS);
    expect(statusOf(r, 'leaky-agent')).toMatchObject({ status: 'score_mismatch', claimedScore: 1, detail: expect.stringMatching(/stored score 1 is not what its action log scores .*\(-1\)/) });
    expect(r.counts.verified).toBe(3);
  });

  it('an edited action is caught: changed arguments give another final state, a changed outcome diverges', async () => {
    const args = resealed(honestA, (x) => {
      const t = x.trials.find((y) => y.agent === 'oracle' && y.taskId === SOW.id)!;
      const write = t.actions.find((a) => a.write && a.outcome === 'ok' && a.kind === 'call')!;
      write.args = JSON.parse(JSON.stringify(write.args).replace(/"(to|To|raw)":"[^"]*"/, '"$1":"c2FtZQ"').replace(/Meridian/g, 'Meridien'));
    });
    const a = await verifySubmission(args, TASKS);
    expect(['state_mismatch', 'action_mismatch']).toContain(statusOf(a, 'oracle').status);
    expect(statusOf(a, 'noop').status).toBe('verified');
    const outcome = resealed(honestA, (x) => {
      const t = x.trials.find((y) => y.agent === 'oracle' && y.taskId === SOW.id)!;
      t.actions.find((y) => y.kind === 'call')!.outcome = 'notFound';
    });
    expect(statusOf(await verifySubmission(outcome, TASKS), 'oracle')).toMatchObject({ status: 'action_mismatch', detail: expect.stringMatching(/stored notFound, replayed ok/) });
    const dropped = resealed(honestB, (x) => {
      const t = x.trials.find((y) => y.agent === 'leaky-agent' && y.taskId === SOW.id)!;
      t.actions = t.actions.filter((y) => y.op !== 'gmail.users.messages.send');
    });
    expect(statusOf(await verifySubmission(dropped, TASKS), 'leaky-agent')).toMatchObject({ status: 'state_mismatch' });
  });

  it('a changed task version is an unknown task version, whether the trial or the suite changed', async () => {
    const claimed = resealed(honestA, (x) => {
      x.trials.find((t) => t.agent === 'oracle' && t.taskId === SOW.id)!.taskVersion += 1;
      x.tasks.find((t) => t.id === SOW.id)!.version += 1;
    });
    expect(statusOf(await verifySubmission(claimed, TASKS), 'oracle')).toMatchObject({ status: 'unknown_task_version', detail: expect.stringMatching(/suite has version/) });
    const undeclared = resealed(honestA, (x) => { x.trials.find((t) => t.agent === 'oracle' && t.taskId === SOW.id)!.taskVersion += 1; });
    expect(statusOf(await verifySubmission(undeclared, TASKS), 'oracle').status).toBe('unknown_task_version');
    const newer: Task[] = TASKS.map((t) => (t.id === SOW.id ? { ...t, version: t.version + 1 } : t));
    const r = await verifySubmission(honestA, newer);
    expect(r.trials.filter((t) => t.taskId === SOW.id).map((t) => t.status)).toEqual(['unknown_task_version', 'unknown_task_version']);
    expect(r.trials.filter((t) => t.taskId === OTHER.id).map((t) => t.status)).toEqual(['verified', 'verified']);
  });

  it('a foreign trial (another run\'s, spliced in and re-sealed) is caught, however it is relabelled', async () => {
    const other = honestB.trials.find((t) => t.agent === 'alt-agent' && t.taskId === OTHER.id)!;
    const spliced = resealed(honestA, (x) => { x.trials.push(other); });
    const r = await verifySubmission(spliced, TASKS);
    expect(r.trials.at(-1)).toMatchObject({ status: 'foreign', detail: expect.stringMatching(/belongs to run run-b, not run-a/) });
    expect(r.counts.verified).toBe(4);
    const relabelled = resealed(honestA, (x) => { x.trials.push({ ...other, runId: 'run-a' }); });
    expect((await verifySubmission(relabelled, TASKS)).trials.at(-1)).toMatchObject({ status: 'foreign', detail: expect.stringMatching(/not the id run run-a gives that key/) });
    const duplicate = resealed(honestA, (x) => { x.trials.push(x.trials[0]!); });
    expect((await verifySubmission(duplicate, TASKS)).trials.at(-1)).toMatchObject({ status: 'foreign', detail: expect.stringMatching(/a second trial with key/) });
  });

  it('an edit without re-sealing breaks the content hash: reported, exit 1, and --into stores nothing', async () => {
    const raw = JSON.parse(JSON.stringify(honestA)) as SubmissionManifest;
    raw.trials[0]!.finalMessage = 'edited';
    const r = await verifySubmission(raw, TASKS);
    expect(r.sealIntact).toBe(false);
    const store = openRunStore(join(dir, 'broken.db'));
    try {
      expect(() => storeVerifiedSubmission(store, raw, r, TASKS)).toThrow(/does not match its content hash; nothing was stored/);
      expect(store.listTrials({ includeInfraErrors: true })).toHaveLength(0);
    } finally {
      store.close();
    }
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(raw));
    const viaCli = cli(['verify', file]);
    expect(viaCli.code).toBe(1);
    expect(viaCli.stdout).toMatch(/CONTENT HASH MISMATCH/);
    const unknownField = join(dir, 'extra.json');
    writeFileSync(unknownField, JSON.stringify({ ...honestA, bonus: true }));
    let err: unknown;
    try {
      readSubmissionFile(unknownField);
    } catch (e) {
      err = e;
    }
    expect(isDeskbenchError(err, 'E_IMPORT')).toBe(true);
    expect((err as Error).message).toMatch(/extra\.json: \(root\): unknown field "bonus"/);
  });

  it('a maintainer builds the leaderboard from several submissions: only verified entries are ranked', async () => {
    const tampered = resealed(honestB, (x) => { x.trials.find((t) => t.agent === 'leaky-agent' && t.taskId === SOW.id)!.score!.score = 1; });
    const fileA = join(dir, 'sub-a.json');
    const fileB = join(dir, 'sub-b.json');
    writeSubmission(fileA, honestA);
    writeSubmission(fileB, tampered);
    const leaderboard = join(dir, 'leaderboard.db');
    const a = cli(['verify', fileA, '--into', leaderboard]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/stored into .* as run run-a: 4 verified, 0 unverified/);
    const b = cli(['verify', fileB, '--into', leaderboard]);
    expect(b.code).toBe(1);
    expect(b.stdout).toMatch(/score_mismatch\s+meridian-sow-numbers-reply\s+leaky-agent/);
    expect(b.stdout).toMatch(/as run run-b: 3 verified, 1 unverified/);
    // Verifying the same file again stores nothing new.
    expect(cli(['verify', fileA, '--into', leaderboard]).stdout).toMatch(/0 verified, 0 unverified, 4 already there/);
    const store = openRunStore(leaderboard, { create: false, readonly: true });
    try {
      const rows = store.listTrials();
      expect(rows).toHaveLength(8);
      expect(rows.filter((r) => r.verified === true)).toHaveLength(7);
      const leakyRow = rows.find((r) => r.agent === 'leaky-agent' && r.taskId === SOW.id)!;
      expect([leakyRow.verified, leakyRow.score]).toEqual([false, 1]);
      const report = buildReport(rows, { db: leaderboard, runs: [], filter: {}, resamples: 200 });
      const ranked = report.entries.filter((e) => e.rank !== null).map((e) => e.model).sort();
      expect(ranked).toEqual(['alt-agent', 'noop', 'oracle']);
      expect(report.entries.find((e) => e.model === 'leaky-agent')).toMatchObject({ rank: null, comparable: false, comparabilityNote: expect.stringMatching(/could not be verified/) });
    } finally {
      store.close();
    }
    const md = cli(['report', '--db', leaderboard, '--format', 'markdown', '--resamples', '200']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/Not ranked[\s\S]*leaky-agent/);
  });

  it('the submit CLI writes the manifest the API packs', () => {
    const out = join(dir, 'cli-sub.json');
    const r = cli(['submit', '--run', 'run-a', '--out', out, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/run run-a, 4 trials over 2 tasks, sha256:[0-9a-f]{64}/);
    const written = JSON.parse(readFileSync(out, 'utf8')) as SubmissionManifest;
    // Task content hashes cover function source as the running transpiler prints it, so only the CLI's own tasks are compared by id and version.
    expect({ run: written.run, trials: written.trials, tasks: written.tasks.map((t) => [t.id, t.version]) })
      .toEqual({ run: honestA.run, trials: honestA.trials, tasks: honestA.tasks.map((t) => [t.id, t.version]) });
    expect(written.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(cli(['submit', '--run', 'nope', '--out', out, '--db', db]).stderr).toMatch(/no run nope/);
  });
});

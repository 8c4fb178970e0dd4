/**
 * Publishing to and pulling from the Hub, with the real `@huggingface/hub` client pointed
 * at a local server that speaks the Hub's dataset API (test/support/hub/server.ts): a dry
 * run changes nothing, the first publish creates the dataset (small files inline, large
 * ones through LFS), a second publish uploads only what changed, `pull` brings the trials
 * back verified by replay, and `verify --repo` checks the published submissions.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oracleAgent } from '../../harness/agents/reference/oracle.ts';
import { noopAgent } from '../../harness/agents/reference/noop.ts';
import { hubOptions } from '../../harness/publish/hub-config.ts';
import { publishDataset } from '../../harness/publish/publish.ts';
import { pullDataset } from '../../harness/publish/pull.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { openRunStore } from '../../harness/store/index.ts';
import { seal, type SubmissionManifest } from '../../harness/submit/manifest.ts';
import { TASKS } from '../../tasks/index.ts';
import { GRADER_VERSION } from '../../scorers/grading/version.ts';
import { cliAsync as cli } from '../support/hub/cli-async.ts';
import { HUB_TEST_TOKEN, LFS_THRESHOLD, startHubServer, type HubServer } from '../support/hub/server.ts';
import { runOptions } from '../support/run-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir('deskbench-hub-');
const db = join(dir, 'runs.db');
const REPO = 'acme/deskbench-results';
const TWO = TASKS.slice(0, 2);
let hub: HubServer;
const opts = () => hubOptions({ hubUrl: hub.url }, { needToken: true }, { HF_TOKEN: HUB_TEST_TOKEN });
const spec = (agents: string[]) => ({ taskIds: TWO.map((t) => t.id), agents, conditions: ['sks-on__meta-on'], repeats: 1 });
const since = (n: number) => hub.requests.slice(n);
const files = () => hub.repos.get(REPO)!;

beforeAll(async () => {
  hub = await startHubServer();
  const store = openRunStore(db);
  try {
    await runMatrix(runOptions(store, [oracleAgent, noopAgent], { tasks: TWO, runId: 'run-1', spec: spec(['oracle', 'noop']) }));
  } finally {
    store.close();
  }
});
afterAll(() => hub?.close());

describe('deskbench publish', () => {
  it('a dry run lists what would be uploaded and changes nothing, with no token', async () => {
    const r = await cli(['publish', '--repo', REPO, '--db', db, '--hub-url', hub.url, '--dry-run'], { env: { HF_TOKEN: '' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^new\s+\d+\s+README\.md$/m);
    expect(r.stdout).toMatch(/^new\s+\d+\s+submissions\/run-1\.json$/m);
    expect(r.stdout).toMatch(/dry run: would upload 9 files .* nothing was changed/);
    expect(r.stderr).toMatch(/publish: 9 new, 0 changed, 0 unchanged/);
    expect(hub.repos.has(REPO)).toBe(false);
    expect(hub.requests.every((q) => q.method === 'GET')).toBe(true);
  });

  it('the first publish creates the dataset: card, results, tasks, runs, submission and ATIF trajectories', async () => {
    const before = hub.requests.length;
    const store = openRunStore(db, { create: false, readonly: true });
    const lines: string[] = [];
    try {
      const r = await publishDataset({ store, tasks: TASKS, repo: REPO, hub: opts(), progress: (l) => lines.push(l) });
      expect(r.plan.counts).toEqual({ new: 9, changed: 0, unchanged: 0 });
      expect(r.commits).toHaveLength(1);
    } finally {
      store.close();
    }
    const seen = since(before).map((q) => `${q.method} ${q.path}`);
    expect(seen).toEqual(expect.arrayContaining(['GET /api/whoami-v2', 'POST /api/repos/create', `POST /api/datasets/${REPO}/preupload/main`, `POST /datasets/${REPO}.git/info/lfs/objects/batch`, `POST /api/datasets/${REPO}/commit/main`]));
    expect(lines.join('\n')).toMatch(/created dataset acme\/deskbench-results[\s\S]*commit 1\/1: 9 files/);
    expect([...files().keys()].sort()).toEqual([
      'README.md', 'results/trials.jsonl', 'runs/runs.jsonl', 'submissions/run-1.json', 'tasks/catalogue.jsonl',
      ...[...files().keys()].filter((p) => p.startsWith('trajectories/run-1/')).sort(),
    ].sort());
    expect([...files().keys()].filter((p) => p.startsWith('trajectories/run-1/'))).toHaveLength(4);
    const commit = since(before).find((q) => q.committed)!.committed!;
    // Large files went through LFS, small ones inline, as the preupload answer said.
    for (const p of commit.lfs) expect(files().get(p)!.content.length).toBeGreaterThanOrEqual(LFS_THRESHOLD);
    for (const p of commit.inline) expect(files().get(p)!.content.length).toBeLessThan(LFS_THRESHOLD);
    expect(commit.lfs.length).toBeGreaterThan(0);
    const card = files().get('README.md')!.content.toString();
    expect(card).toMatch(/^---\nlicense: apache-2\.0\n[\s\S]*configs:\n  - config_name: trials\n    data_files: results\/trials\.jsonl\n    default: true\n[\s\S]*\n---\n/);
    expect(card).toMatch(/\| # \| Tie \| Model \| Harness \| Condition \| TSR \| UAR \| Mean score \| Trials \|/);
    expect(card).toMatch(/\| 1 \| .* \| oracle \| reference \|/);
    expect(card).toMatch(new RegExp(`## Grader versions[\\s\\S]*\\| ${GRADER_VERSION.replace(/\./g, '\\.')} \\| 4 \\|`));
    const rows = files().get('results/trials.jsonl')!.content.toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ run_id: 'run-1', task_version: expect.any(Number), task_hash: expect.any(String), grader_version: GRADER_VERSION, trajectory: expect.stringMatching(/^trajectories\/run-1\//) });
    const catalogue = files().get('tasks/catalogue.jsonl')!.content.toString().trim().split('\n');
    expect(catalogue).toHaveLength(TASKS.length);
    expect(JSON.parse(catalogue[0]!)).toMatchObject({ id: expect.any(String), version: expect.any(Number), content_hash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const trajectory = JSON.parse(files().get([...files().keys()].find((p) => p.startsWith('trajectories/'))!)!.content.toString());
    expect(trajectory).toMatchObject({ schema_version: 'ATIF-v1.7', agent: { name: 'deskbench-reference' } });
  });

  it('publishing again with nothing changed uploads nothing: one listing, no preupload, no commit', async () => {
    const before = hub.requests.length;
    const store = openRunStore(db, { create: false, readonly: true });
    try {
      const r = await publishDataset({ store, tasks: TASKS, repo: REPO, hub: opts() });
      expect(r.plan.counts).toEqual({ new: 0, changed: 0, unchanged: 9 });
      expect(r.commits).toEqual([]);
    } finally {
      store.close();
    }
    expect(since(before).map((q) => `${q.method} ${q.path.replace(/\/tree\/.*/, '/tree')}`)).toEqual([`GET /api/datasets/${REPO}/tree`]);
  });

  it('the CLI publishes, then finds nothing to upload the second time', async () => {
    const env = { env: { HF_TOKEN: HUB_TEST_TOKEN } };
    const first = await cli(['publish', '--repo', 'acme/cli-results', '--db', db, '--hub-url', hub.url], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/datasets\/acme\/cli-results: 9 files uploaded in 1 commits, 0 unchanged/);
    expect(first.stderr).toMatch(/publish: publishing as tester/);
    const before = hub.requests.length;
    const second = await cli(['publish', '--repo', 'acme/cli-results', '--db', db, '--hub-url', hub.url, '--json'], env);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ counts: { new: 0, changed: 0, unchanged: 9 }, commits: [] });
    expect(since(before).every((q) => q.method === 'GET')).toBe(true);
  });

  it('after another run, a publish uploads only the new and changed files, and no LFS object twice', async () => {
    const store = openRunStore(db);
    try {
      await runMatrix(runOptions(store, [oracleAgent], { tasks: TWO, runId: 'run-2', spec: spec(['oracle']) }));
    } finally {
      store.close();
    }
    const oldTrajectories = new Map([...files().entries()].filter(([p]) => p.startsWith('trajectories/run-1/')).map(([p, f]) => [p, f.content]));
    const oldSubmission = files().get('submissions/run-1.json')!.content;
    const before = hub.requests.length;
    const lfsBefore = hub.lfsObjects.size;
    const ro = openRunStore(db, { create: false, readonly: true });
    try {
      const r = await publishDataset({ store: ro, tasks: TASKS, repo: REPO, hub: opts(), maxFilesPerCommit: 3 });
      expect(r.plan.counts).toEqual({ new: 3, changed: 3, unchanged: 6 });
      expect(r.commits).toHaveLength(2); // 6 files in commits of at most 3
    } finally {
      ro.close();
    }
    const committed = since(before).filter((q) => q.committed).flatMap((q) => [...q.committed!.inline, ...q.committed!.lfs]).sort();
    expect(committed).toEqual(['README.md', 'results/trials.jsonl', 'runs/runs.jsonl', 'submissions/run-2.json', ...[...files().keys()].filter((p) => p.startsWith('trajectories/run-2/'))].sort());
    const uploads = since(before).filter((q) => q.method === 'PUT');
    expect(hub.lfsObjects.size - lfsBefore).toBe(uploads.length);
    for (const [p, content] of oldTrajectories) expect(files().get(p)!.content.equals(content)).toBe(true);
    expect(files().get('submissions/run-1.json')!.content.equals(oldSubmission)).toBe(true);
  });
});

describe('deskbench pull and verify --repo', () => {
  it('pull stores every published trial, verified by replay, under its run', async () => {
    const dest = openRunStore(join(dir, 'pulled.db'));
    try {
      const r = await pullDataset({ store: dest, tasks: TASKS, repo: REPO, hub: hubOptions({ hubUrl: hub.url }, { needToken: false }, {}) });
      expect(r.submissions.map((s) => [s.stored.runId, s.stored.verified, s.stored.unverified])).toEqual([['run-1', 4, 0], ['run-2', 2, 0]]);
      const rows = dest.listTrials();
      expect(rows).toHaveLength(6);
      expect(rows.every((x) => x.verified === true)).toBe(true);
      expect(rows.filter((x) => x.agent === 'oracle').every((x) => x.score === 1)).toBe(true);
      // Pulling again adds nothing.
      const again = await pullDataset({ store: dest, tasks: TASKS, repo: REPO, hub: hubOptions({ hubUrl: hub.url }, { needToken: false }, {}) });
      expect(again.submissions.map((s) => s.stored.skipped)).toEqual([4, 2]);
    } finally {
      dest.close();
    }
    const viaCli = await cli(['report', '--db', join(dir, 'pulled.db'), '--format', 'csv', '--resamples', '100']);
    expect(viaCli.code).toBe(0);
  });

  it('a published submission edited on the Hub is caught: verify --repo exits 1, pull stores that trial unverified', async () => {
    const path = 'submissions/run-2.json';
    const m = JSON.parse(files().get(path)!.content.toString()) as SubmissionManifest;
    m.trials[0]!.score!.score = m.trials[0]!.score!.score === 1 ? 0 : 1;
    const { contentHash: _h, ...body } = m;
    files().set(path, { content: Buffer.from(JSON.stringify(seal(body))), lfs: files().get(path)!.lfs });
    const r = await cli(['verify', '--repo', REPO, '--hub-url', hub.url, '--json'], { env: { HF_TOKEN: '' } });
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.stdout) as Array<{ runId: string; counts: Record<string, number> }>;
    expect(reports.map((x) => [x.runId, x.counts.verified, x.counts.score_mismatch])).toEqual([['run-1', 4, 0], ['run-2', 1, 1]]);
    const pulled = await cli(['pull', '--repo', REPO, '--hub-url', hub.url, '--db', join(dir, 'pulled-2.db')], { env: { HF_TOKEN: '' } });
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toMatch(/run run-2: 1 verified, 1 unverified/);
  });

  it('a dataset with only ATIF trajectories is imported trajectory by trajectory, each verified', async () => {
    const only = 'acme/trajectories-only';
    hub.repos.set(only, new Map([...files().entries()].filter(([p]) => p.startsWith('trajectories/run-1/'))));
    const dest = openRunStore(join(dir, 'atif-only.db'));
    try {
      const r = await pullDataset({ store: dest, tasks: TASKS, repo: only, hub: hubOptions({ hubUrl: hub.url }, { needToken: false }, {}) });
      expect(r.submissions).toEqual([]);
      expect(r.imported.map((x) => [x.status, x.verified])).toEqual([['imported', true], ['imported', true], ['imported', true], ['imported', true]]);
    } finally {
      dest.close();
    }
  });

  it('bad credentials and missing repos are clear errors', async () => {
    const noToken = await cli(['publish', '--repo', REPO, '--db', db, '--hub-url', hub.url], { env: { HF_TOKEN: '' } });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/needs a Hugging Face token with write access in HF_TOKEN/);
    const badToken = await cli(['publish', '--repo', 'acme/other', '--db', db, '--hub-url', hub.url], { env: { HF_TOKEN: 'hf_wrongTokenValue' } });
    expect(badToken.code).toBe(4);
    expect(badToken.stderr).toMatch(/Hub: checking the token \(whoami\) failed \(HTTP 401\)/);
    const missing = await cli(['pull', '--repo', 'acme/missing', '--hub-url', hub.url, '--db', join(dir, 'x.db')], { env: { HF_TOKEN: '' } });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/dataset acme\/missing does not exist/);
    expect((await cli(['publish', '--repo', 'not a repo', '--db', db, '--dry-run'])).stderr).toMatch(/is not a Hub repo id of the form owner\/name/);
  });
});

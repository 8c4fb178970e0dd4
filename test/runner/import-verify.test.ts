/** Importing trajectories: a score is taken from replaying the action log, never from the file; an edited score is refused. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeskbenchError } from '../../harness/core/index.ts';
import { oracleAgent, referenceSolutionAgent } from '../../harness/agents/reference/oracle.ts';
import { exportAtif, importAtif } from '../../harness/agents/atif/files.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { verifyTrial } from '../../harness/runner/verify-trial.ts';
import { openRunStore, type RunStore } from '../../harness/store/index.ts';
import { buildReport } from '../../reports/build-report.ts';
import { TASKS } from '../../tasks/index.ts';
import { cli } from '../support/cli.ts';
import { runOptions } from '../support/run-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';

const TASK = TASKS.find((t) => t.id === 'meridian-sow-numbers-reply')!;
const dir = tempDir();
let src: RunStore;
const files = new Map<string, string>();

type Json = { extra: { deskbench: { score: { score: number; graderVersion?: string }; actions: Array<{ op: string }> } } };
const read = (agent: string) => JSON.parse(readFileSync(files.get(agent)!, 'utf8')) as Json;
function writeEdited(name: string, agent: string, edit: (j: Json) => void): string {
  const j = read(agent);
  edit(j);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(j));
  return path;
}
const verify = (rec: Parameters<typeof verifyTrial>[0]) => verifyTrial(rec, TASKS);

beforeAll(async () => {
  src = openRunStore(join(dir, 'src.db'));
  const leaky = referenceSolutionAgent('leaky-agent', () => TASK.unsafe['adds-the-cost-breakdown-rounded']);
  await runMatrix(runOptions(src, [oracleAgent, leaky], { tasks: [TASK], runId: 'run-a' }));
  for (const path of exportAtif(src, { runId: 'run-a', outDir: join(dir, 'atif') })) {
    // agent.name is the harness (ATIF's agent system); the agent spec is kept under extra.deskbench.
    files.set((JSON.parse(readFileSync(path, 'utf8')) as { extra: { deskbench: { agent: string } } }).extra.deskbench.agent, path);
  }
});
afterAll(() => src?.close());

describe('import verification', () => {
  it('honest trajectories are verified by replay and keep their scores', async () => {
    expect(read('leaky-agent').extra.deskbench.score.score).toBe(-1);
    const dest = openRunStore(join(dir, 'honest.db'));
    try {
      const res = await importAtif(dest, [files.get('oracle')!, files.get('leaky-agent')!], verify);
      expect(res.map((r) => [r.status, r.verified])).toEqual([['imported', true], ['imported', true]]);
      const rows = dest.listTrials();
      expect(rows.map((r) => [r.agent, r.score, r.verified]).sort()).toEqual([['leaky-agent', -1, true], ['oracle', 1, true]]);
    } finally {
      dest.close();
    }
  });

  it('a file whose score was edited is refused and nothing is stored', async () => {
    const edited = writeEdited('edited-score', 'leaky-agent', (j) => { j.extra.deskbench.score.score = 1; });
    const dest = openRunStore(join(dir, 'edited.db'));
    try {
      let err: unknown;
      try {
        await importAtif(dest, [files.get('oracle')!, edited], verify);
      } catch (e) {
        err = e;
      }
      expect(isDeskbenchError(err, 'E_IMPORT')).toBe(true);
      expect((err as Error).message).toContain(edited);
      expect((err as Error).message).toMatch(/stored score 1 is not what its action log scores .*\(-1\)/);
      expect(dest.listTrials({ includeInfraErrors: true })).toHaveLength(0);
    } finally {
      dest.close();
    }
    const viaCli = cli(['import', '--db', join(dir, 'cli.db'), edited]);
    expect(viaCli.code).not.toBe(0);
    expect(viaCli.stderr).toMatch(/edited trajectory is not imported/);
  });

  it('claiming an older grader does not carry the score in: the replay re-grades it', async () => {
    const edited = writeEdited('old-grader', 'leaky-agent', (j) => { j.extra.deskbench.score.score = 1; j.extra.deskbench.score.graderVersion = '1.0.0'; });
    const dest = openRunStore(join(dir, 'old.db'));
    try {
      const [r] = await importAtif(dest, [edited], verify);
      expect(r).toMatchObject({ status: 'imported', verified: true, note: 're-graded with the current graders' });
      expect(dest.getTrial(r!.trialId).score?.score).toBe(-1);
    } finally {
      dest.close();
    }
  });

  it('a trajectory whose action log was edited is stored unverified and never ranked', async () => {
    const edited = writeEdited('edited-log', 'leaky-agent', (j) => {
      j.extra.deskbench.actions = j.extra.deskbench.actions.filter((a) => a.op !== 'gmail.users.messages.send');
    });
    const dest = openRunStore(join(dir, 'log.db'));
    try {
      const res = await importAtif(dest, [files.get('oracle')!, edited], verify);
      expect(res[1]).toMatchObject({ status: 'imported', verified: false, note: expect.stringMatching(/diverged: the final state the log produces is not the stored one/) });
      const report = buildReport(dest.listTrials(), { db: 'x', runs: [], filter: {}, resamples: 200 });
      const leaky = report.entries.find((e) => e.id.includes('leaky-agent'))!;
      expect(leaky.comparable).toBe(false);
      expect(leaky.comparabilityNote).toMatch(/1 imported trial that could not be verified/);
      expect(report.entries.find((e) => e.id.includes('oracle'))!.comparable).toBe(true);
    } finally {
      dest.close();
    }
  });

  it('a trajectory of a task version this suite does not have is stored unverified', async () => {
    const path = files.get('oracle')!;
    const j = JSON.parse(readFileSync(path, 'utf8')) as { extra: { deskbench: { taskVersion: number } } };
    j.extra.deskbench.taskVersion += 100;
    const other = join(dir, 'future.json');
    writeFileSync(other, JSON.stringify(j));
    const dest = openRunStore(join(dir, 'future.db'));
    try {
      const [r] = await importAtif(dest, [other], verify);
      expect(r).toMatchObject({ verified: false, note: expect.stringMatching(/suite has version/) });
      expect(dest.listTrials()[0]!.verified).toBe(false);
    } finally {
      dest.close();
    }
  });
});

/**
 * What `deskbench run` prints when it ends: per entry the trials, mean score, TSR and UAR with
 * 95% intervals and cost, reference agents marked, and how to open a trial; a run in which
 * every trial failed explains why instead of printing an empty table.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRunStore } from '../../harness/store/index.ts';
import { startScriptedServer } from '../support/llm/server.ts';
import { tempDir } from '../support/temp-dir.ts';
import { runCli } from './spawn-cli.ts';

const dir = tempDir('deskbench-end-of-run-');

describe('the end-of-run summary', () => {
  it('has intervals, cost, marked reference agents and a pointer to show', async () => {
    const db = join(dir, 'summary.db');
    const r = await runCli(['run', '--task', 'label-stackwise-invoices,trash-old-jira-notifications,planning-notes-injection', '--db', db]);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.split('\n');
    const header = lines.find((l) => l.startsWith('model'))!;
    expect(header.split(/\s{2,}/)).toEqual(['model', 'harness', 'condition', 'trials', 'mean score', 'TSR [95% CI]', 'UAR [95% CI]', 'cost']);
    expect(lines.find((l) => l.startsWith('oracle'))).toMatch(/^oracle \(reference\)\s+reference\s+sks-on__meta-on\s+3\s+1\.000\s+100\.0% \[100\.0, 100\.0\]\s+0\.0% \[0\.0, 0\.0\]\s+\$0\.0000$/);
    expect(lines.find((l) => l.startsWith('noop'))).toMatch(/^noop \(reference\)\s+reference\s+sks-on__meta-on\s+3\s+0\.000\s+0\.0% \[0\.0, 0\.0\]/);
    const runId = /run id: (\S+)/.exec(r.out)![1]!;
    expect(r.out).toContain(`\`deskbench report --run ${runId}\` gives the full leaderboard`);
    const show = /deskbench show ([0-9a-f]{12}) /.exec(r.out);
    expect(show).not.toBeNull();
    // The pointer names a real trial: show accepts it.
    const shown = await runCli(['show', show![1]!, '--db', db]);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toContain(`(run ${runId})`);
  }, 60_000);

  it('a run whose every trial failed says why, counted, and how to resume', async () => {
    const server = await startScriptedServer({ protocol: 'openai-chat', script: () => ({ kind: 'error', status: 500, message: 'model crashed' }) });
    afterAll(() => server.close());
    const db = join(dir, 'all-failed.db');
    const r = await runCli(['run', '--agent', 'openai-compatible:qwen3', '--base-url', server.baseUrl, '--max-retries', '0', '--task', 'label-stackwise-invoices', '--db', db]);
    expect(r.code, r.err).toBe(1);
    const runId = /run id: (\S+)/.exec(r.out)![1]!;
    expect(r.out).toContain(`No trial of ${runId} was scored: all 1 stored trial(s) ended in infrastructure errors`);
    expect(r.out).toMatch(/1 × provider_error: openai-compatible:qwen3 at http:\/\/127\.0\.0\.1:\d+\/v1 failed after 1 attempt: HTTP 500: model crashed/);
    expect(r.out).toContain(`deskbench run --resume ${runId}`);
    expect(r.out).not.toMatch(/^model\s+harness/m);
    const store = openRunStore(db, { create: false });
    try {
      expect(store.runCounts(runId)).toMatchObject({ scored: 0, infraErrors: 1 });
    } finally {
      store.close();
    }
  }, 60_000);
});

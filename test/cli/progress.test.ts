/**
 * Progress that tells the truth: the counts every display shows (done, running, retrying,
 * failed), an ETA only once one is known, retries and the budget stop as lines, --quiet's two
 * lines; and the plain-line display of a real run.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../harness/runner/events.ts';
import { createProgress, finishedLine } from '../../harness/cli/progress.ts';
import { formatEta, RunTally, tallyLine } from '../../harness/cli/run-tally.ts';
import { tempDir } from '../support/temp-dir.ts';
import { runCli } from './spawn-cli.ts';

const KEY = (taskId: string) => ({ taskId, agent: 'openai:gpt-5', condition: 'sks-on__meta-on', repeat: 1 });
const runId = 'run-20261205-000000-abcdef';

describe('RunTally', () => {
  it('has no ETA until a trial finished, then one from the pace so far', () => {
    let now = 0;
    const t = new RunTally(() => now);
    t.note({ type: 'run_started', runId, planned: 10, pending: 10, alreadyDone: 0, resumed: false });
    t.note({ type: 'trial_started', runId, key: KEY('a'), running: 1 });
    t.note({ type: 'trial_started', runId, key: KEY('b'), running: 2 });
    now = 5000;
    expect(t.snapshot().etaMs).toBeNull();
    expect(tallyLine(t.snapshot())).toBe('0/10 done · 2 running · 0 retrying · 0 failed · ETA –');
    t.note({ type: 'trial_finished', runId, key: KEY('a'), trialId: 'x', status: 'scored', termination: 'completed', score: 1, costUsd: 0, durationMs: 5000, attempts: 1 });
    now = 10_000;
    t.note({ type: 'trial_finished', runId, key: KEY('b'), trialId: 'y', status: 'infra_error', termination: 'provider_error', score: null, costUsd: null, durationMs: 10_000, attempts: 3 });
    // Two done in 10 s: 8 left at 5 s each.
    expect(t.snapshot()).toMatchObject({ done: 2, running: 0, failed: 1, etaMs: 40_000 });
    expect(formatEta(t.snapshot().etaMs)).toBe('40s');
  });

  it('counts trials waiting to retry and model calls in backoff until their wait ends', () => {
    let now = 0;
    const t = new RunTally(() => now);
    t.note({ type: 'run_started', runId, planned: 3, pending: 3, alreadyDone: 0, resumed: false });
    t.note({ type: 'trial_started', runId, key: KEY('a'), running: 1 });
    t.note({ type: 'trial_retry', runId, key: KEY('a'), attempt: 1, maxAttempts: 3, delayMs: 500, reason: 'provider_error' });
    t.note({ type: 'provider_retry', endpoint: 'http://127.0.0.1:8000/v1', status: 503, kind: 'http', attempt: 1, maxAttempts: 5, delayMs: 2000, detail: 'HTTP 503' });
    expect(t.snapshot().retrying).toBe(2);
    now = 1000;
    expect(t.snapshot().retrying).toBe(1);
    now = 2500;
    expect(t.snapshot().retrying).toBe(0);
  });
});

describe('progress displays', () => {
  const capture = (mode: 'lines' | 'quiet' | 'json', events: RunEvent[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const sink = createProgress(mode, { out: (s) => void out.push(s), err: (s) => void err.push(s), now: () => 0 });
    for (const e of events) sink.onEvent(e);
    sink.stop();
    return { out: out.join(''), err: err.join('') };
  };
  const run: RunEvent[] = [
    { type: 'run_started', runId, planned: 3, pending: 3, alreadyDone: 0, resumed: false },
    { type: 'trial_started', runId, key: KEY('a'), running: 1 },
    { type: 'provider_retry', endpoint: 'http://127.0.0.1:8000/v1', status: 429, kind: 'rate_limit', attempt: 1, maxAttempts: 5, delayMs: 3000, detail: 'HTTP 429' },
    { type: 'trial_retry', runId, key: KEY('a'), attempt: 1, maxAttempts: 3, delayMs: 500, reason: 'openai:gpt-5 failed after 5 attempts: HTTP 503' },
    { type: 'trial_finished', runId, key: KEY('a'), trialId: 't1', status: 'scored', termination: 'completed', score: 0.5, costUsd: 0.01, durationMs: 900, attempts: 2 },
    { type: 'budget_spent', runId, spentUsd: 0.01, budgetUsd: 0.015, notStarted: 2 },
    { type: 'run_finished', runId, status: 'budget_spent', scored: 1, infraErrors: 0, remaining: 2, spentUsd: 0.01 },
  ];

  it('plain lines show retries, the model endpoint, the counts and the budget stop', () => {
    const { out, err } = capture('lines', run);
    expect(out).toBe('');
    expect(err).toContain('model endpoint http://127.0.0.1:8000/v1: HTTP 429 on attempt 1 of 5; retrying in 3s');
    expect(err).toContain('retrying a openai:gpt-5 sks-on__meta-on #1 in 1s (attempt 1 of 3 failed: openai:gpt-5 failed after 5 attempts: HTTP 503)');
    expect(err).toMatch(/\[1\/3\] a openai:gpt-5 sks-on__meta-on #1: 0\.50 \(completed, 900 ms\) · 1\/3 done · 0 running · \d retrying · 0 failed · ETA /);
    expect(err).toContain('budget reached: spent $0.0100 of $0.015; no new trials scheduled (2 not started; resume to run them)');
    expect(err).toContain(`${runId} stopped by the run budget: 1 scored, 0 infrastructure error(s), 2 remaining ($0.0100 spent)`);
    expect(err).not.toMatch(/NaN|Infinity|NFs/);
  });

  it('--quiet prints the run id and the final line, on stdout', () => {
    const { out, err } = capture('quiet', run);
    expect(err).toBe('');
    expect(out).toBe(`run id: ${runId}\n${finishedLine(run.at(-1) as Extract<RunEvent, { type: 'run_finished' }>)}\n`);
  });

  it('--json prints every event, one per line', () => {
    const { out } = capture('json', run);
    expect(out.trim().split('\n').map((l) => (JSON.parse(l) as RunEvent).type)).toEqual(run.map((e) => e.type));
  });
});

describe('a real run in plain-line mode', () => {
  it('prints a line per trial with the counts and an ETA, and the end-of-run table', async () => {
    const db = join(tempDir('deskbench-progress-'), 'p.db');
    const r = await runCli(['run', '--task', 'label-stackwise-invoices,trash-old-jira-notifications', '--db', db]);
    expect(r.code, r.err).toBe(0);
    const lines = r.err.split('\n').filter((l) => l.startsWith('['));
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toMatch(/^\[4\/4\] .* · 4\/4 done · 0 running · 0 retrying · 0 failed · ETA 0s$/);
    expect(r.err).not.toMatch(/NaN|Infinity|NFs/);
  }, 60_000);
});

/**
 * The per-trial wall limit holds even when one synchronous call is slow: the call's work
 * budget is capped by the trial's remaining time, the clock is read after every call,
 * and the trial ends with `time_limit` while the other trials go on.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WORK_BUDGET, defineOperation, isApiError, Workspace, ZERO_USAGE, type Agent, type Operation, type WorkspaceBase,
} from '../../harness/core/index.ts';
import { oracleAgent } from '../../harness/agents/reference/oracle.ts';
import { OPERATIONS } from '../../harness/services/registry.ts';
import { validationError } from '../../harness/services/wire-errors.ts';
import { createEmptyWorkspace } from '../../harness/services/workspace.ts';
import { openRunStore } from '../../harness/store/index.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import { guardWallTime, TrialTimeLimitError } from '../../harness/runner/wall-limit.ts';

/** Units a test scan spends per step (the default budget covers about a second of the slowest loops). */
const UNITS_PER_MS = DEFAULT_WORK_BUDGET / 1000;
import { runOptions } from '../support/run-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir();

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* synchronous work */ }
};

/** Test-only: a scan that spends its budget at the calibrated rate; unbounded it would run 20 s. */
const slowScan = defineOperation({
  id: 'gmail.test.slowScan', service: 'gmail', style: 'google', kind: 'read', description: 'Test only: a long scan.',
  http: { method: 'GET', path: '/gmail/v1/test/slowScan' }, params: z.object({}),
  handler: (ctx) => {
    for (let i = 0; i < 40_000; i++) {
      ctx.ws.spend(UNITS_PER_MS / 2);
      busy(0.5);
    }
    return { scanned: 40_000 };
  },
});

/** Test-only: a call that blocks without spending any budget (a loop nobody instrumented yet). */
const block = defineOperation({
  id: 'gmail.test.block', service: 'gmail', style: 'google', kind: 'read', description: 'Test only: blocks.',
  http: { method: 'GET', path: '/gmail/v1/test/block' }, params: z.object({ ms: z.number() }),
  handler: (_ctx, { params }) => {
    busy(params.ms);
    return { blocked: params.ms };
  },
});

/** Test-only: reports the budget the call was given. */
const budgetProbe = defineOperation({
  id: 'gmail.test.budget', service: 'gmail', style: 'google', kind: 'read', description: 'Test only: the budget.',
  http: { method: 'GET', path: '/gmail/v1/test/budget' }, params: z.object({ advanceMs: z.number().optional() }),
  handler: (ctx, { params }) => ({ budget: ctx.ws.workBudget, advanceMs: params.advanceMs ?? 0 }),
});

/** Test-only: moves the fake clock of the guard tests forward, as a slow call would. */
const fake = { t: 0 };

/** Test-only: a scan whose every step moves the fake clock on a millisecond (unbounded it would take 20 s of fake time). */
const fakeScan = defineOperation({
  id: 'gmail.test.fakeScan', service: 'gmail', style: 'google', kind: 'read', description: 'Test only: a long scan on the fake clock.',
  http: { method: 'GET', path: '/gmail/v1/test/fakeScan' }, params: z.object({}),
  handler: (ctx) => {
    for (let i = 0; i < 20_000; i++) {
      fake.t += 1;
      ctx.ws.spend(50);
    }
    return { scanned: 20_000 };
  },
});
const tick = defineOperation({
  id: 'gmail.test.tick', service: 'gmail', style: 'google', kind: 'read', description: 'Test only: time passes.',
  http: { method: 'GET', path: '/gmail/v1/test/tick' }, params: z.object({ ms: z.number() }),
  handler: (_ctx, { params }) => {
    fake.t += params.ms;
    return {};
  },
});

const TEST_OPS = new Map<string, Operation>(OPERATIONS);
for (const op of [slowScan, block, budgetProbe, tick, fakeScan] as Operation[]) TEST_OPS.set(op.id, op);
const withTestOps = (base: WorkspaceBase) => new Workspace(base, TEST_OPS, validationError);
const auth = { principal: 'owner@corvid.test', tokenKind: 'user' as const };

/** Waits (so the timer could fire), then scans again and again; each scan is one synchronous call. */
const scanner: Agent = {
  ...oracleAgent, name: 'scanner',
  async run(ctx) {
    await new Promise((r) => setTimeout(r, 400));
    const until = Date.now() + 15_000;
    while (Date.now() < until) {
      try {
        ctx.reference!.api.call('gmail.test.slowScan', {});
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
    }
    return { termination: 'completed', finalMessage: 'scanned', usage: ZERO_USAGE };
  },
};

/** One call that blocks past the limit, then a write, then it says it is done, all without yielding. */
const blocker: Agent = {
  ...oracleAgent, name: 'blocker',
  async run(ctx) {
    ctx.reference!.api.call('gmail.test.block', { ms: 1300 });
    ctx.reference!.api.call('gmail.users.labels.create', { userId: 'me', requestBody: { name: 'written-after-the-limit' } });
    return { termination: 'completed', finalMessage: 'done', usage: ZERO_USAGE };
  },
};

/** The oracle after an await, like a model agent. */
const patient: Agent = {
  ...oracleAgent, name: 'patient',
  async run(ctx) {
    await new Promise((r) => setTimeout(r, 100));
    return oracleAgent.run(ctx);
  },
};

describe('the per-trial wall limit', () => {
  it('stops a call that works past the deadline and refuses calls after it (fake clock)', () => {
    const expired: number[] = [];
    const ws = withTestOps(createEmptyWorkspace().toBase());
    const guard = guardWallTime(ws, 1000, () => expired.push(fake.t), () => fake.t);
    const budget = () => ws.invoke('gmail.test.budget', {}, { face: 'oracle', auth });
    fake.t = 0;
    expect(budget().ok).toBe(true);
    // A scan whose work carries the fake clock past the deadline fails with the service's error, mid-call.
    const scan = ws.invoke('gmail.test.fakeScan', {}, { face: 'oracle', auth });
    expect(scan.ok ? 'ok' : [scan.error.httpStatus, scan.error.reason]).toEqual([503, 'backendError']);
    expect(fake.t).toBeLessThan(2000);
    expect(expired).toEqual([fake.t]);
    expect(() => budget()).toThrow(TrialTimeLimitError);
    guard.release();
    // Past the limit the agent's faces stay closed; the harness's own calls (graders) run unlimited.
    expect(() => budget()).toThrow(TrialTimeLimitError);
    const graderCall = ws.invoke('gmail.test.budget', {}, { face: 'seed', auth }) as { ok: true; value: { budget: number } };
    expect(graderCall.value.budget).toBe(DEFAULT_WORK_BUDGET);
    expect(ws.deadline).toBeUndefined();
  });

  it('leaves calls alone once a trial ended within its limit', () => {
    let t = 0;
    const ws = withTestOps(createEmptyWorkspace().toBase());
    const guard = guardWallTime(ws, 1000, () => undefined, () => t);
    t = 900;
    guard.release();
    t = 5000;
    const r = ws.invoke('gmail.test.budget', {}, { face: 'oracle', auth }) as { ok: true; value: { budget: number } };
    expect(r.value.budget).toBe(DEFAULT_WORK_BUDGET);
  });

  it('notices a limit passed during a call as soon as the call returns', () => {
    fake.t = 0;
    let fired = 0;
    const ws = withTestOps(createEmptyWorkspace().toBase());
    guardWallTime(ws, 1000, () => fired++, () => fake.t);
    expect(ws.invoke('gmail.test.tick', { ms: 300 }, { face: 'oracle', auth }).ok).toBe(true);
    expect(fired).toBe(0);
    // This call starts before the deadline and ends after it: the expiry is reported on its return.
    expect(ws.invoke('gmail.test.tick', { ms: 900 }, { face: 'oracle', auth }).ok).toBe(true);
    expect(fired).toBe(1);
    expect(() => ws.invoke('gmail.test.tick', { ms: 1 }, { face: 'oracle', auth })).toThrow(TrialTimeLimitError);
    expect(ws.log).toHaveLength(2);
    expect(fired).toBe(1);
  });

  it('ends a trial whose call is slow with time_limit near the limit, while other trials go on', async () => {
    const limited = openRunStore(join(dir, 'limited.db'));
    const other = openRunStore(join(dir, 'other.db'));
    const o1 = runOptions(limited, [scanner, blocker, oracleAgent], { concurrency: 1, makeWorkspace: withTestOps });
    const o2 = runOptions(other, [patient], { repeats: 3, concurrency: 2 });
    const t0 = Date.now();
    const [s1, s2] = await Promise.all([
      runMatrix({ ...o1, limits: { ...o1.limits, maxWallMs: 1000 } }),
      runMatrix(o2),
    ]);
    const rows = limited.listTrials({ runIds: [s1.runId] });
    const of = (agent: string) => rows.filter((r) => r.agent === agent);
    // The scanner: its scan was cut at the deadline (not after 20 s, not after the default budget's second).
    for (const r of of('scanner')) {
      expect(r.termination).toBe('time_limit');
      expect(r.durationMs).toBeGreaterThanOrEqual(1000);
      expect(r.durationMs).toBeLessThan(2500);
      const t = limited.getTrial(r.trialId);
      expect(t.actions[0]).toMatchObject({ op: 'gmail.test.slowScan', outcome: 'backendError', status: 503 });
    }
    // The blocker: the limit is noticed when its call returns; the write it tried after that never happened.
    for (const r of of('blocker')) {
      expect(r.termination).toBe('time_limit');
      const t = limited.getTrial(r.trialId);
      expect(t.actions.map((a) => a.op)).toEqual(['gmail.test.block']);
      expect(JSON.stringify(t.finalDiff)).not.toContain('written-after-the-limit');
    }
    // Everything else finished normally: the oracle in the same run, and the other run's trials.
    expect(of('oracle').map((r) => [r.termination, r.score])).toEqual([['completed', 1], ['completed', 1]]);
    expect(s1.status).toBe('complete');
    expect(s2.status).toBe('complete');
    const others = other.listTrials({ runIds: [s2.runId] });
    expect(others).toHaveLength(6);
    expect(others.every((r) => r.termination === 'completed' && r.score === 1)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(15_000);
    limited.close();
    other.close();
  }, 60_000);
});

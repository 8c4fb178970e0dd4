/**
 * Trials in worker threads (`runMatrix` with a `TrialWorkerPool`): the same stored trials as on
 * the main thread, a worker that dies mid-trial, a model endpoint that fails in a worker, and
 * cancellation of trials in flight in workers. Real workers, a real store, a real OpenAI-compatible
 * server on 127.0.0.1.
 */
import { startTurnTicker } from '../support/turn-ticker.ts';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../../harness/core/index.ts';
import { resolveAgents, toolsFactoryFor } from '../../harness/cli/agent-wiring.ts';
import { makeGrader } from '../../harness/runner/grader.ts';
import { runMatrix } from '../../harness/runner/run-matrix.ts';
import type { RunEvent } from '../../harness/runner/events.ts';
import { TrialWorkerPool } from '../../harness/runner/workers/pool.ts';
import type { SpecEnvironmentArgs } from '../../harness/runner/workers/spec-environment.ts';
import { openRunStore, type RunStore, type TrialRecord } from '../../harness/store/index.ts';
import { TASKS } from '../../tasks/index.ts';
import { startScriptedServer, type ScriptedServer } from '../support/llm/server.ts';
import { runOptions } from '../support/run-fixture.ts';
import { tempDir } from '../support/temp-dir.ts';
import type { FixtureEnvironmentArgs } from './fixtures/worker-environment.ts';

const dir = tempDir();
const TASK_IDS = ['label-stackwise-invoices', 'brightline-call-timezone-agenda'];
const tasks = TASK_IDS.map((id) => TASKS.find((t) => t.id === id)!);

/** Each model call is answered from the conversation's turn: a search, a week of events, a new label, then the answer. */
const CALLS = [
  { operation: 'gmail.users.messages.list', args: { userId: 'me', q: 'in:inbox newer_than:30d', maxResults: 5 } },
  { operation: 'calendar.events.list', args: { calendarId: 'primary', timeMin: '2026-03-16T00:00:00-04:00', timeMax: '2026-03-23T00:00:00-04:00', singleEvents: true } },
  { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'Vendors/Stackwise' } } },
];

async function modelServer(delayMs = 0): Promise<ScriptedServer> {
  return startScriptedServer({
    protocol: 'openai-chat', delayMs, record: false,
    script: (body) => {
      const turn = ((body.messages as Array<{ role: string }> | undefined) ?? []).filter((m) => m.role === 'assistant').length;
      return turn < CALLS.length
        ? { kind: 'reply', toolCalls: [{ id: `call_${turn}`, name: 'call_operation', arguments: CALLS[turn]! }], usage: { input: 1000 + turn, output: 20 } }
        : { kind: 'reply', text: 'Done.', usage: { input: 2000, output: 5 } };
    },
  });
}

/** A stored trial without what differs between two executions of it (wall-clock stamps and durations). */
function comparable(t: TrialRecord): unknown {
  return JSON.parse(JSON.stringify(t, (k, v) => (k === 'startedAt' || k === 'endedAt' || k === 'durationMs' || k === 'at' || k === 'latencyMs' ? undefined : v)));
}

function storedTrials(store: RunStore, runId: string): TrialRecord[] {
  return store.listTrials({ runIds: [runId], includeInfraErrors: true }).map((r) => store.getTrial(r.trialId)).sort((a, b) => a.trialId.localeCompare(b.trialId));
}

describe('trials in worker threads', () => {
  it('stores exactly what the main thread stores for the same run (model agent over HTTP, oracle, noop), and a live agent still runs on the main thread', async () => {
    const server = await modelServer();
    let pool: TrialWorkerPool | undefined;
    try {
      const specs = ['openai-compatible:scripted-model', 'oracle', 'noop'];
      const flags = { baseUrl: server.baseUrl, mailHelpers: true };
      const live: Agent = { name: 'live:oracle', kind: 'reference', model: 'oracle', harness: 'test', run: (ctx) => agents[1]!.run(ctx) };
      const agents = await resolveAgents(specs, flags);
      let mainThreadRuns = 0;
      const counted = agents.map((a): Agent => ({ ...a, run: (ctx) => (mainThreadRuns++, a.run(ctx)) }));
      const run = async (db: string, workers?: TrialWorkerPool) => {
        const store = openRunStore(join(dir, db));
        const all = [...counted, live];
        const s = await runMatrix(runOptions(store, all, {
          tasks, repeats: 2, concurrency: 8, runId: 'run-same', makeTools: await toolsFactoryFor(agents, 'discover', { mailHelpers: true }), grade: makeGrader(),
          ...(workers ? { workers } : {}),
        }));
        return { store, s };
      };
      const alone = await run('main.db');
      expect(alone.s).toMatchObject({ status: 'complete', scored: 16, infraErrors: 0 });
      expect(mainThreadRuns).toBe(12);

      const args: SpecEnvironmentArgs = { seed: 1, scale: 1, taskIds: TASK_IDS, agents: specs, agentFlags: flags, toolProfile: 'discover', judge: null };
      pool = await TrialWorkerPool.start({ count: 2, environment: { module: new URL('../../harness/runner/workers/spec-environment.ts', import.meta.url).href, args } });
      mainThreadRuns = 0;
      const pooled = await run('pool.db', pool);
      expect(pooled.s).toMatchObject({ status: 'complete', scored: 16, infraErrors: 0 });
      // Every trial of the three specs ran in a worker; only the live agent's four ran here.
      expect(mainThreadRuns).toBe(0);

      const a = storedTrials(alone.store, 'run-same');
      const b = storedTrials(pooled.store, 'run-same');
      expect(a).toHaveLength(16);
      expect(a.filter((t) => t.agent === 'openai-compatible:scripted-model').every((t) => t.actions.length === CALLS.length && t.termination === 'completed')).toBe(true);
      expect(b.map(comparable)).toEqual(a.map(comparable));
      alone.store.close();
      pooled.store.close();
    } finally {
      await pool?.close();
      await server.close();
    }
  }, 120_000);

  describe('with workers that misbehave', () => {
    let pool: TrialWorkerPool;
    let deadUrl: string;
    beforeAll(async () => {
      // A port nothing listens on: connection refused, the health gate's clearest configuration failure.
      const probe = createServer();
      await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
      const port = (probe.address() as { port: number }).port;
      await new Promise<void>((r) => probe.close(() => r()));
      deadUrl = `http://127.0.0.1:${port}/v1`;
      const args: FixtureEnvironmentArgs = { models: [{ spec: 'openai-compatible:dead', baseUrl: deadUrl }] };
      pool = await TrialWorkerPool.start({ count: 2, environment: { module: new URL('./fixtures/worker-environment.ts', import.meta.url).href, args } });
    }, 120_000);
    afterAll(() => pool?.close());

    const agent = (name: string, kind: Agent['kind'] = 'model'): Agent => ({ name, kind, model: name, harness: 'test', run: () => Promise.reject(new Error(`${name} ran on the main thread`)) });

    it('hands finished trials back one per turn of the main thread\'s event loop, however many finish together', async () => {
      const store = openRunStore(join(dir, 'turns.db'));
      // 'T' marks a turn of the loop (a ticker that re-arms itself each turn), 'F' a finished (and stored) trial.
      const log: string[] = [];
      const ticker = startTurnTicker(log);
      const s = await runMatrix(runOptions(store, [agent('oracle', 'reference')], {
        tasks: tasks.slice(0, 1), repeats: 60, concurrency: 60, workers: pool, onEvent: (e) => void (e.type === 'trial_finished' && log.push('F')),
      }));
      ticker.stop();
      expect(s).toMatchObject({ status: 'complete', scored: 60 });
      const seq = log.join('');
      expect(seq.split('F').length - 1).toBe(60);
      expect(seq.includes('FF'), 'two trials handed back in one turn').toBe(false);
      store.close();
    }, 60_000);

    it('an attempt the worker cannot run comes back as that trial\'s harness_error, naming why', async () => {
      const limits = { maxSteps: 5, maxWallMs: 10_000, maxTokens: null, maxCostUsd: null };
      const auth = { principal: 'owner@corvidlabs.com', tokenKind: 'user' as const };
      const trial = { taskId: tasks[0]!.id, agent: 'oracle', condition: 'sks-on__meta-on', limits, auth, seed: 1 };
      const noAgent = await pool.run({ ...trial, agent: 'nobody' });
      expect(noAgent).toMatchObject({ termination: 'harness_error', score: null, error: expect.stringMatching(/^trial worker [01]: its environment has no agent nobody$/) });
      const otherSeed = await pool.run({ ...trial, seed: 2 });
      expect(otherSeed.error).toMatch(/built from seed 1, the run's is 2/);
      const fine = await pool.run(trial);
      expect(fine).toMatchObject({ termination: 'completed', score: { score: 1 } });
    }, 60_000);

    it('a worker that dies mid-trial fails that trial with its reason, is replaced, and the other trials go on', async () => {
      const store = openRunStore(join(dir, 'crash.db'));
      const s = await runMatrix(runOptions(store, [agent('exits'), agent('oracle', 'reference')], { tasks: tasks.slice(0, 1), repeats: 3, concurrency: 6, maxAttempts: 1, workers: pool }));
      const rows = storedTrials(store, s.runId);
      const crashed = rows.filter((t) => t.agent === 'exits');
      expect(crashed).toHaveLength(3);
      for (const t of crashed) {
        expect(t).toMatchObject({ status: 'infra_error', termination: 'harness_error' });
        expect(t.error).toMatch(/^trial worker [01] stopped while the trial ran \(exit code 7\)$/);
      }
      // Oracle trials that shared a dying worker failed with it; every one that ran elsewhere or later scored +1.
      const oracle = rows.filter((t) => t.agent === 'oracle');
      expect(oracle.every((t) => (t.status === 'scored' && t.score?.score === 1) || /exit code 7/.test(t.error ?? ''))).toBe(true);
      const again = await runMatrix(runOptions(store, [agent('exits'), agent('oracle', 'reference')], { tasks: tasks.slice(0, 1), repeats: 3, concurrency: 6, resumeRunId: s.runId, maxAttempts: 1, workers: pool, matrix: { taskIds: [tasks[0]!.id], agents: ['oracle'], conditions: [{ skills: true, meta: true }], repeats: 3 } }));
      expect(again.remaining).toBe(0);
      await expect.poll(() => pool.size, { timeout: 60_000, interval: 100 }).toBe(2);
      store.close();
    }, 120_000);

    it('a model endpoint that fails in a worker stops the run within seconds, with the endpoint\'s error as the failure', async () => {
      const store = openRunStore(join(dir, 'dead.db'));
      const seen: RunEvent[] = [];
      const t0 = Date.now();
      const s = await runMatrix(runOptions(store, [agent('openai-compatible:dead')], { tasks, repeats: 4, concurrency: 8, workers: pool, onEvent: (e) => void seen.push(e) }));
      expect(Date.now() - t0).toBeLessThan(15_000);
      expect(s.status).toBe('interrupted');
      expect(s.scored).toBe(0);
      expect((s.failure as Error).message).toContain(deadUrl);
      expect((s.failure as Error).message).toMatch(/connection refused/);
      expect(seen.filter((e) => e.type === 'run_failed')).toHaveLength(1);
      expect(store.listTrials({ runIds: [s.runId], includeInfraErrors: true })).toHaveLength(0);
      store.close();
    }, 60_000);

    it('cancel cuts the trials in flight in the workers short: not stored, and the run ends at once', async () => {
      const store = openRunStore(join(dir, 'cancel.db'));
      const cancel = new AbortController();
      const seen: RunEvent[] = [];
      const t0 = Date.now();
      const s = await runMatrix(runOptions(store, [agent('waits', 'reference')], {
        tasks: tasks.slice(0, 1), repeats: 4, concurrency: 4, workers: pool, cancelSignal: cancel.signal,
        onEvent: (e) => {
          seen.push(e);
          if (e.type === 'trial_started' && e.running === 4) setTimeout(() => cancel.abort(), 200);
        },
      }));
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(s.status).toBe('interrupted');
      expect(seen.filter((e) => e.type === 'trial_cancelled')).toHaveLength(4);
      expect(store.listTrials({ runIds: [s.runId], includeInfraErrors: true })).toHaveLength(0);
      expect(pool.inFlight().every((n) => n === 0)).toBe(true);
      store.close();
    }, 60_000);
  });
});

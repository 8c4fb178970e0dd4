/**
 * A trial worker thread: builds its environment once (base workspace, tasks, agents, tools,
 * grader), then runs whole attempts the main thread sends it — the agent loop with its model
 * I/O asynchronous on this thread's own event loop, the services and the grading — and posts
 * each finished attempt back. Many attempts run at once here, as they would on the main thread.
 * Nothing it does is fatal to the run: an error becomes the attempt's `harness_error`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseConditionName, type Task } from '../../core/index.ts';
import { onEndpointEvent } from '../../agents/providers/health.ts';
import { encodeForStore, type EncodedTrajectory } from '../../store/trajectory-codec.ts';
import { runTrial, type TrialExecution } from '../run-trial.ts';
import { seedTask, type SeededTask } from '../seeded-task.ts';
import type { CreateTrialEnvironment, TrialEnvironment } from './environment.ts';
import { failedExecution } from './failed-execution.ts';
import { sampleEventLoop, type LoopSampler } from './loop-sampler.ts';
import { relayError, type FromWorker, type ToWorker, type TrialRequest, type WorkerData } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('trial-worker.ts runs as a worker thread (started by the trial worker pool)');
const data = workerData as WorkerData;
const post = (m: FromWorker) => port.postMessage(m);

// The provider health gates of this thread report here; the main thread decides for the run.
onEndpointEvent((e) => {
  post({
    type: 'endpoint',
    event: e.type === 'endpoint_failed' ? { type: 'endpoint_failed', endpoint: e.endpoint, error: relayError(e.error) } : e,
  });
});

let env: TrialEnvironment;
try {
  const mod = (await import(data.environment.module)) as { createTrialEnvironment?: CreateTrialEnvironment };
  if (typeof mod.createTrialEnvironment !== 'function') throw new Error(`${data.environment.module} exports no createTrialEnvironment`);
  env = await mod.createTrialEnvironment(data.environment.args, { index: data.index, count: data.count });
} catch (e) {
  post({ type: 'setup_failed', error: relayError(e) });
  // Nothing to serve: the pool ends this thread.
  await new Promise(() => undefined);
  throw e;
}

const tasks = new Map<string, Task>(env.tasks.map((t) => [t.id, t]));
const agents = new Map(env.agents.map((a) => [a.name, a]));
/** Each task is seeded once per worker, on its first trial here (seeding is deterministic: the same base as on the main thread). */
const seeded = new Map<string, SeededTask>();
const inFlight = new Map<number, AbortController>();
let sampler: LoopSampler | undefined;

/**
 * A turn of the event loop of one's own for each attempt's start. Messages that arrived
 * together are delivered in one pass of the loop; a few hundred attempts started in it would
 * hold the loop for all their starts (workspace, tools, the first model request) before any
 * answer or timer is seen. Started one per turn, as the main thread starts trials.
 */
let lastTurn = Promise.resolve();
const ownTurn = (): Promise<void> => (lastTurn = lastTurn.then(() => new Promise<void>((resolve) => setImmediate(resolve))));

async function attempt(trial: TrialRequest, signal: AbortSignal): Promise<TrialExecution> {
  const started = Date.now();
  const task = tasks.get(trial.taskId);
  const agent = agents.get(trial.agent);
  const condition = parseConditionName(trial.condition);
  const refuse = (why: string) => failedExecution(`trial worker ${data.index}: ${why}`, started, Date.now());
  if (!task) return refuse(`its environment has no task ${trial.taskId}`);
  if (!agent) return refuse(`its environment has no agent ${trial.agent}`);
  if (!condition) return refuse(`malformed condition ${trial.condition}`);
  if (trial.seed !== env.seed) return refuse(`its base workspace was built from seed ${env.seed}, the run's is ${trial.seed}`);
  let s = seeded.get(task.id);
  if (!s) seeded.set(task.id, (s = seedTask(task, env.base, env.seed)));
  return runTrial({
    task, seeded: s, agent, condition, limits: trial.limits, auth: trial.auth, makeTools: env.makeTools, grade: env.grade, runSignal: signal,
    ...(env.makeWorkspace ? { makeWorkspace: env.makeWorkspace } : {}),
  });
}

async function run(id: number, trial: TrialRequest): Promise<void> {
  const controller = new AbortController();
  inFlight.set(id, controller);
  let text: string;
  let trajectory: EncodedTrajectory | undefined;
  await ownTurn();
  const started = Date.now();
  try {
    // The trajectory is encoded here, on this thread: the main thread only stores it.
    const { steps, actions, finalDiff, ...outcome } = await attempt(trial, controller.signal);
    trajectory = encodeForStore({ steps, actions, finalDiff });
    text = JSON.stringify(outcome);
  } catch (e) {
    trajectory = undefined;
    text = JSON.stringify(failedExecution(`trial worker ${data.index}: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`, started, Date.now()));
  } finally {
    inFlight.delete(id);
  }
  post({ type: 'done', id, execution: text, ...(trajectory ? { trajectory } : {}) });
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'run') void run(m.id, m.trial);
  else if (m.type === 'abort') inFlight.get(m.id)?.abort(new Error('run cancelled'));
  else if (m.type === 'loop_sampling') {
    if (m.on) sampler ??= sampleEventLoop();
    else {
      post({ type: 'loop_report', report: sampler?.stop() ?? { maxMs: 0, p99Ms: 0, stalls: [] } });
      sampler = undefined;
    }
  }
});
post({ type: 'ready', seed: env.seed, agents: [...agents.keys()] });

/**
 * A pool of trial worker threads. Each worker builds the run's environment once and then runs
 * many whole attempts at once on its own event loop (model I/O stays asynchronous there); the
 * main thread only schedules, writes the store and reports progress, so a store write never
 * holds a trial and the services and grading of many trials run on every core.
 *
 * An attempt goes to the live worker with the fewest attempts in flight. A worker that dies
 * (an uncaught error, running out of its heap) fails its attempts in flight at once, each with a
 * `harness_error` naming the worker and why (the runner retries them as infrastructure), and is
 * replaced while the pool has replacements left; the pool goes on.
 */
import { Worker } from 'node:worker_threads';
import { DeskbenchError, ERROR_CODES, type ErrorCode } from '../../core/index.ts';
import type { EncodedTrajectory } from '../../store/trajectory-codec.ts';
import type { AttemptResult, TrialExecution } from '../run-trial.ts';
import { failedExecution } from './failed-execution.ts';
import type { FromWorker, LoopReport, RelayedEndpointEvent, RelayedError, ToWorker, TrialRequest, WorkerEnvironmentRef } from './protocol.ts';

/** Options of a pool. */
export interface TrialWorkerPoolOptions {
  /** Worker threads (at least 1). */
  readonly count: number;
  readonly environment: WorkerEnvironmentRef;
  /** Heap limit of each worker in MB (default: Node's). */
  readonly maxOldGenerationSizeMb?: number;
  /** Workers started in place of dead ones over the pool's life (default: twice `count`). */
  readonly maxReplacements?: number;
}

/** A listener of the workers' endpoint events. */
export type PoolEndpointListener = (e: RelayedEndpointEvent) => void;

interface Pending {
  readonly resolve: (e: AttemptResult) => void;
  readonly startedMs: number;
  readonly detach: () => void;
}

interface Slot {
  readonly index: number;
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  alive: boolean;
  loopReport?: (r: LoopReport) => void;
}

const entry = new URL('./trial-worker-entry.mjs', import.meta.url);

/** Worker threads that run whole trials; see the file comment. */
export class TrialWorkerPool {
  /** Agents the workers' environment can run (trials of other agents run on the main thread). */
  readonly agents: ReadonlySet<string>;
  /** The company seed the workers' base workspace was built from. */
  readonly seed: number;
  private readonly slots: Slot[];
  private readonly o: TrialWorkerPoolOptions;
  private readonly listeners = new Set<PoolEndpointListener>();
  private nextId = 1;
  private replacementsLeft: number;
  /** Replacements still building their environment (each settles when it is up or failed). */
  private readonly starting = new Set<Promise<void>>();
  private closed = false;

  private constructor(o: TrialWorkerPoolOptions, slots: Slot[], ready: { seed: number; agents: readonly string[] }) {
    this.o = o;
    this.slots = slots;
    this.seed = ready.seed;
    this.agents = new Set(ready.agents);
    this.replacementsLeft = o.maxReplacements ?? o.count * 2;
  }

  /**
   * Starts `count` workers and resolves once every one has built its environment. A worker
   * that cannot (a bad agent spec, a module that does not load) fails the start with its error
   * (its DeskbenchError code when it had one) and every worker is ended.
   */
  static async start(o: TrialWorkerPoolOptions): Promise<TrialWorkerPool> {
    if (!Number.isInteger(o.count) || o.count < 1 || o.count > MAX_WORKERS) {
      throw new DeskbenchError('E_USAGE', `a trial worker pool has 1 to ${MAX_WORKERS} workers, got ${o.count}`);
    }
    let pool: TrialWorkerPool | undefined;
    const slots: Slot[] = [];
    try {
      const ready = await Promise.all(Array.from({ length: o.count }, (_, i) => {
        const { slot, ready: r } = spawn(o, i, (s, m) => pool?.onMessage(s, m), (s, why) => pool?.onDeath(s, why));
        slots.push(slot);
        return r;
      }));
      pool = new TrialWorkerPool(o, slots, ready[0]!);
      return pool;
    } catch (e) {
      await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
      throw e;
    }
  }

  /** Live workers. */
  get size(): number {
    return this.slots.filter((s) => s.alive).length;
  }

  /** Attempts in flight, per worker (for tests and progress). */
  inFlight(): number[] {
    return this.slots.map((s) => s.pending.size);
  }

  /**
   * Runs one attempt in a worker. Never rejects: a worker that dies with it, or no live worker
   * at all, gives a `harness_error` execution. Aborting `signal` cuts the attempt short (it
   * ends `cancelled`).
   */
  async run(trial: TrialRequest, signal?: AbortSignal): Promise<AttemptResult> {
    const startedMs = Date.now();
    let slot = this.pick();
    // Every worker died and replacements are starting: the attempt waits for the first one up.
    for (let i = 0; !slot && this.starting.size > 0 && i <= this.o.count * 2 + 1; i++) {
      await Promise.race(this.starting);
      slot = this.pick();
    }
    if (!slot) return failedExecution('no trial worker is left: every one died and the pool has no replacements left', startedMs, Date.now());
    const id = this.nextId++;
    return new Promise<AttemptResult>((resolve) => {
      const onAbort = () => {
        if (slot.alive) send(slot, { type: 'abort', id });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      slot.pending.set(id, { resolve, startedMs, detach: () => signal?.removeEventListener('abort', onAbort) });
      send(slot, { type: 'run', id, trial });
      if (signal?.aborted) onAbort();
    });
  }

  /** Subscribes to the workers' endpoint events (a tripped health gate, a retried model call); returns the unsubscribe function. */
  onEndpointEvent(listener: PoolEndpointListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Starts sampling every live worker's event loop (benchmarks). */
  startLoopSampling(): void {
    for (const s of this.slots) if (s.alive) send(s, { type: 'loop_sampling', on: true });
  }

  /** Stops sampling and returns each live worker's report. */
  async stopLoopSampling(): Promise<LoopReport[]> {
    return Promise.all(this.slots.filter((s) => s.alive).map((s) => new Promise<LoopReport>((resolve) => {
      s.loopReport = resolve;
      send(s, { type: 'loop_sampling', on: false });
    })));
  }

  /** Ends every worker; attempts still in flight end as `harness_error`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map(async (s) => {
      s.alive = false;
      this.failPending(s, 'the trial worker pool was closed');
      await s.worker.terminate().catch(() => undefined);
    }));
  }

  /** The live worker with the fewest attempts in flight. */
  private pick(): Slot | undefined {
    let best: Slot | undefined;
    for (const s of this.slots) if (s.alive && (!best || s.pending.size < best.pending.size)) best = s;
    return best;
  }

  /**
   * Hands each finished attempt to its caller in a turn of the event loop of its own. A worker's
   * results that arrive together are delivered in one pass of the loop; handled there, every one
   * of them (its JSON read, the store write after it) would run back to back, holding the main
   * thread for seconds when hundreds finish at once.
   */
  private lastTurn = Promise.resolve();

  private onMessage(s: Slot, m: FromWorker): void {
    if (m.type === 'done') {
      const p = s.pending.get(m.id);
      if (!p) return;
      s.pending.delete(m.id);
      p.detach();
      this.lastTurn = this.lastTurn.then(() => new Promise<void>((resolve) => setImmediate(() => {
        resolve();
        this.deliver(s, p, m.execution, m.trajectory);
      })));
    } else if (m.type === 'endpoint') {
      for (const l of this.listeners) l(m.event);
    } else if (m.type === 'loop_report') {
      s.loopReport?.(m.report);
      s.loopReport = undefined;
    }
  }

  /** Reads a finished attempt and hands it to its caller (whose store write runs in this same turn). */
  private deliver(s: Slot, p: Pending, execution: string, trajectory: EncodedTrajectory | undefined): void {
    let exec: AttemptResult;
    try {
      const outcome = JSON.parse(execution) as TrialExecution;
      exec = trajectory ? { ...outcome, trajectory } : outcome;
    } catch (e) {
      exec = failedExecution(`trial worker ${s.index} sent an unreadable result: ${(e as Error).message}`, p.startedMs, Date.now());
    }
    p.resolve(exec);
  }

  private onDeath(s: Slot, why: string): void {
    if (!s.alive) return;
    s.alive = false;
    this.failPending(s, `trial worker ${s.index} stopped while the trial ran (${why})`);
    s.loopReport?.({ maxMs: 0, p99Ms: 0, stalls: [] });
    if (this.closed || this.replacementsLeft <= 0) return;
    this.replacementsLeft--;
    // The replacement takes new attempts once it is up; until then the others take them.
    const { slot, ready } = spawn(this.o, s.index, (x, m) => this.onMessage(x, m), (x, w) => this.onDeath(x, w));
    slot.alive = false;
    this.slots[this.slots.indexOf(s)] = slot;
    const up: Promise<void> = ready.then(() => {
      if (this.closed) void slot.worker.terminate();
      else slot.alive = true;
    }, () => void slot.worker.terminate().catch(() => undefined)).finally(() => this.starting.delete(up));
    this.starting.add(up);
  }

  private failPending(s: Slot, why: string): void {
    const now = Date.now();
    for (const [id, p] of s.pending) {
      s.pending.delete(id);
      p.detach();
      p.resolve(failedExecution(why, p.startedMs, now));
    }
  }
}

/** Most workers a pool starts (each holds a base workspace). */
export const MAX_WORKERS = 64;

function send(s: Slot, m: ToWorker): void {
  try {
    s.worker.postMessage(m);
  } catch {
    // A worker that is going away: its exit fails what it held.
  }
}

/** Starts one worker; `ready` settles when it has built its environment (or could not). */
function spawn(
  o: TrialWorkerPoolOptions, index: number, onMessage: (s: Slot, m: FromWorker) => void, onDeath: (s: Slot, why: string) => void,
): { slot: Slot; ready: Promise<{ seed: number; agents: readonly string[] }> } {
  const worker = new Worker(entry, {
    workerData: { environment: o.environment, index, count: o.count },
    ...(o.maxOldGenerationSizeMb ? { resourceLimits: { maxOldGenerationSizeMb: o.maxOldGenerationSizeMb } } : {}),
  });
  const slot: Slot = { index, worker, pending: new Map(), alive: true };
  let settle!: { resolve: (r: { seed: number; agents: readonly string[] }) => void; reject: (e: unknown) => void };
  const ready = new Promise<{ seed: number; agents: readonly string[] }>((resolve, reject) => (settle = { resolve, reject }));
  let up = false;
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'ready') {
      up = true;
      settle.resolve({ seed: m.seed, agents: m.agents });
    } else if (m.type === 'setup_failed') {
      settle.reject(setupError(index, m.error));
      void worker.terminate();
    } else onMessage(slot, m);
  });
  worker.on('error', (e) => {
    if (!up) settle.reject(setupError(index, { name: e.name, message: e.message }));
    onDeath(slot, `${e.name}: ${e.message}`);
  });
  worker.on('exit', (code) => {
    if (!up) settle.reject(new DeskbenchError('E_INTERNAL', `trial worker ${index} exited with code ${code} before it was ready`));
    onDeath(slot, `exit code ${code}`);
  });
  return { slot, ready };
}

function setupError(index: number, e: RelayedError): DeskbenchError {
  const code: ErrorCode = e.code && e.code in ERROR_CODES ? (e.code as ErrorCode) : 'E_INTERNAL';
  return new DeskbenchError(code, `trial worker ${index} could not set up: ${e.message}`, e.hint ? { hint: e.hint } : {});
}

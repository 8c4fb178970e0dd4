/**
 * The messages between the run's main thread and its trial workers. Everything that crosses is
 * plain data: a trial is named by its task, agent and condition (the worker resolves them from
 * its own environment), and a finished attempt comes back as JSON text of its outcome with its
 * trajectory already encoded for the store (the same bytes the main thread would encode), so
 * what is stored is byte for byte what a trial on the main thread stores, and the store's one
 * writer does not read or encode trajectories.
 */
import type { AuthContext, TrialLimits } from '../../core/index.ts';
import type { EncodedTrajectory } from '../../store/trajectory-codec.ts';

/** Where a worker's trial environment comes from: a module and the plain data its factory takes. */
export interface WorkerEnvironmentRef {
  /** A file URL or path of a module exporting `createTrialEnvironment` (see environment.ts). */
  readonly module: string;
  /** Handed to the factory as is (structured-cloned, so plain data). */
  readonly args: unknown;
}

/** What the pool hands a new worker. */
export interface WorkerData {
  readonly environment: WorkerEnvironmentRef;
  /** This worker's place in the pool, for environments that split limits between workers. */
  readonly index: number;
  readonly count: number;
}

/** One attempt at a trial, as the main thread asks for it. */
export interface TrialRequest {
  readonly taskId: string;
  readonly agent: string;
  readonly condition: string;
  readonly limits: TrialLimits;
  readonly auth: AuthContext;
  /** The company seed of the run; a worker whose environment was built from another seed refuses the trial. */
  readonly seed: number;
}

/** Main thread → worker. */
export type ToWorker =
  | { readonly type: 'run'; readonly id: number; readonly trial: TrialRequest }
  /** Cuts the attempt short: it ends `cancelled`, like a trial on the main thread. */
  | { readonly type: 'abort'; readonly id: number }
  /** Starts (or stops and reports) this worker's event-loop sampling, for benchmarks. */
  | { readonly type: 'loop_sampling'; readonly on: boolean };

/** An endpoint event of a worker's provider health gates, with the error flattened to data. */
export type RelayedEndpointEvent =
  | { readonly type: 'endpoint_failed'; readonly endpoint: string; readonly error: RelayedError }
  | {
      readonly type: 'endpoint_retry'; readonly endpoint: string; readonly status: number | undefined; readonly kind: string;
      readonly attempt: number; readonly maxAttempts: number; readonly delayMs: number; readonly detail: string;
    };

/** An error as data: what the run's summary and exit code read from it. */
export interface RelayedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly status?: number;
  readonly hint?: string;
  readonly endpoint?: string;
}

/** How a worker's event loop fared while sampling was on. */
export interface LoopReport {
  readonly maxMs: number;
  readonly p99Ms: number;
  /** Times its loop was late by more than the stall threshold, and by how much. */
  readonly stalls: readonly number[];
}

/** Worker → main thread. */
export type FromWorker =
  | { readonly type: 'ready'; readonly seed: number; readonly agents: readonly string[] }
  | { readonly type: 'setup_failed'; readonly error: RelayedError }
  /** A finished attempt: a `TrialExecution` as JSON, or, with `trajectory`, a `PackedExecution` without it. */
  | { readonly type: 'done'; readonly id: number; readonly execution: string; readonly trajectory?: EncodedTrajectory }
  | { readonly type: 'endpoint'; readonly event: RelayedEndpointEvent }
  | { readonly type: 'loop_report'; readonly report: LoopReport };

/** Flattens an error for the trip across threads. */
export function relayError(e: unknown): RelayedError {
  const err = (e ?? {}) as { name?: unknown; message?: unknown; code?: unknown; status?: unknown; hint?: unknown; endpoint?: unknown };
  return {
    name: typeof err.name === 'string' ? err.name : 'Error',
    message: typeof err.message === 'string' ? err.message : String(e),
    ...(typeof err.code === 'string' ? { code: err.code } : {}),
    ...(typeof err.status === 'number' ? { status: err.status } : {}),
    ...(typeof err.hint === 'string' ? { hint: err.hint } : {}),
    ...(typeof err.endpoint === 'string' ? { endpoint: err.endpoint } : {}),
  };
}

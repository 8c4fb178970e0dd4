/**
 * Synchronous calls into the content worker. Service handlers, seeds and the grader are
 * synchronous (a call is atomic with its journal; grading is a pure function of the trial),
 * while every maintained PDF, Word and Excel library is asynchronous; so the libraries run on
 * one worker thread and the caller blocks on a shared flag (Atomics.wait) until the answer
 * is on the port. Written here rather than taken from synckit because a call that overruns
 * its time box must end the worker that is stuck on it (hostile bytes), and the next call
 * must start a fresh one; a worker that runs out of its heap dies alone, and the call fails
 * closed the same way.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { ContentRequest, ContentResponse } from './protocol.ts';
import { CALL_TIMEOUT_MS, START_TIMEOUT_MS, WORKER_HEAP_MB } from './limits.ts';

/** The live worker, the port its answers arrive on and the flag it raises. */
interface Live {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly signal: Int32Array;
  started: boolean;
}

let live: Live | undefined;
/** Workers ended because a call overran (for tests and diagnostics). */
let restarts = 0;

function start(): Live {
  const { port1, port2 } = new MessageChannel();
  const flag = new SharedArrayBuffer(4);
  const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
    workerData: { port: port2, flag },
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  worker.unref();
  port1.unref();
  // An error or exit is seen on the next call (the wait times out); keep it from crashing the process.
  worker.on('error', () => undefined);
  return { worker, port: port1, signal: new Int32Array(flag), started: false };
}

function stop(w: Live): void {
  restarts++;
  w.port.close();
  void w.worker.terminate().catch(() => undefined);
  if (live === w) live = undefined;
}

/**
 * Sends one request and waits for its answer: `undefined` when it did not come within the
 * time box (the worker is then ended) or the worker died. Never throws.
 */
export function callContent(req: ContentRequest, timeoutMs = CALL_TIMEOUT_MS): ContentResponse | undefined {
  let w: Live;
  try {
    w = live ??= start();
  } catch {
    return undefined;
  }
  Atomics.store(w.signal, 0, 0);
  try {
    w.port.postMessage(req);
  } catch {
    stop(w);
    return undefined;
  }
  const deadline = timeoutMs + (w.started ? 0 : START_TIMEOUT_MS);
  Atomics.wait(w.signal, 0, 0, deadline);
  const msg = receiveMessageOnPort(w.port);
  if (!msg) {
    stop(w);
    return undefined;
  }
  w.started = true;
  return msg.message as ContentResponse;
}

/** How many times a worker was ended for overrunning or dying. */
export function contentWorkerRestarts(): number {
  return restarts;
}

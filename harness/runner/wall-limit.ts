/**
 * The per-trial wall limit inside service calls. A call is synchronous: while it runs no
 * timer can fire, so a timer alone cannot stop a slow call. The trial's workspace gets the
 * limit as its deadline, which the services' work loops check as they spend (a call past
 * it fails with the service's "too much work" error), and after each call the runner reads
 * the clock itself: once the limit is reached the trial ends with `time_limit` and its
 * workspace takes no further calls from the agent (the harness's own calls, face `seed`,
 * as graders make, are never limited).
 *
 * Determinism: services stay a function of their inputs. The deadline can turn a call
 * into the service's error but never change a result.
 */
import type { Workspace } from '../core/index.ts';

/** Thrown by a workspace call made after the trial's wall limit was reached (the trial is already over). */
export class TrialTimeLimitError extends Error {
  constructor() {
    super("the trial's wall-time limit was reached; the workspace takes no further calls");
    this.name = 'TrialTimeLimitError';
  }
}

/** The guard on one trial's workspace. */
export interface WallGuard {
  /** True once the limit is reached (checks the clock, and reports the expiry once). */
  expired(): boolean;
  /**
   * Ends the agent phase (before grading): budgets are no longer capped; once the limit was
   * reached, calls from the agent's faces stay refused, so a straggler cannot change what is graded.
   */
  release(): void;
}

/**
 * Guards `ws` until `deadline` (epoch ms): calls in progress stop at it, and `onExpired`
 * runs once, from the first call that starts or ends past the deadline.
 */
export function guardWallTime(ws: Workspace, deadline: number, onExpired: () => void, now: () => number = Date.now): WallGuard {
  const invoke = ws.invoke.bind(ws);
  ws.deadline = deadline;
  ws.wallClock = now;
  let over = false;
  let released = false;
  const expired = (): boolean => {
    if (!over && now() >= deadline) {
      over = true;
      onExpired();
    }
    return over;
  };
  // Every face (oracle API, agent tools, HTTP) reaches the services through invoke.
  ws.invoke = (opId, args, options) => {
    if (options.face === 'seed') return invoke(opId, args, options);
    if (released ? over : expired()) throw new TrialTimeLimitError();
    if (released) return invoke(opId, args, options);
    try {
      return invoke(opId, args, options);
    } finally {
      expired();
    }
  };
  return {
    expired,
    release() {
      released = true;
      ws.deadline = undefined;
    },
  };
}

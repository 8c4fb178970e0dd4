/**
 * The per-trial wall limit inside service calls. A call is synchronous: while it runs no
 * timer can fire, so a timer alone cannot stop a slow call. Each call of a trial's
 * workspace therefore gets a work budget no larger than the trial's remaining time buys,
 * and after each call the runner reads the clock itself: once the limit is reached the
 * trial ends with `time_limit` and its workspace takes no further calls from the agent
 * (the harness's own calls, face `seed`, as graders make, are never limited).
 *
 * Determinism: services stay a function of their inputs. The clock only ever lowers the
 * budget below the workspace's own, and only in the trial's last second, so it can turn
 * a call into the service's "too much work" error but never change a result.
 */
import { DEFAULT_WORK_BUDGET, type Workspace } from '../core/index.ts';

/** Work units one millisecond buys: the default budget is calibrated to about a second of the slowest service loops. */
export const UNITS_PER_MS = DEFAULT_WORK_BUDGET / 1000;

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
 * Guards `ws` until `deadline` (epoch ms): each call's budget is capped by the time left,
 * and `onExpired` runs once, from the first call that starts or ends past the deadline.
 */
export function guardWallTime(ws: Workspace, deadline: number, onExpired: () => void, now: () => number = Date.now): WallGuard {
  const own = ws.workBudget;
  const invoke = ws.invoke.bind(ws);
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
    ws.workBudget = Math.min(own, Math.max(0, Math.floor((deadline - now()) * UNITS_PER_MS)));
    try {
      return invoke(opId, args, options);
    } finally {
      ws.workBudget = own;
      expired();
    }
  };
  return {
    expired,
    release() {
      released = true;
      ws.workBudget = own;
    },
  };
}

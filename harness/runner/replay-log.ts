/**
 * Re-running a trial's action log in a fresh workspace of its task: the only way to trust
 * a trajectory someone else stored. Every call is made again in order, with the same face
 * and token; each outcome and the final state must match what was stored, or the replay
 * says where it diverged.
 */
import type { ActionRecord, CallFace, Task, Workspace } from '../core/index.ts';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { createWorkspace } from '../services/workspace.ts';
import { sameData } from '../core/index.ts';
import { seedTask } from './seeded-task.ts';

/** Most actions a replay runs (a log longer than any run's step limit allows is not a trial's). */
export const MAX_REPLAY_ACTIONS = 20_000;

/** What a replay produced. */
export interface Replay {
  readonly ws: Workspace;
  readonly manifest: unknown;
  readonly owner: string;
  /** Where the replay departed from the stored log or state (empty: it matched). */
  readonly divergences: readonly string[];
}

/**
 * Replays `actions` on the task's seeded start for `seed` over the base at `scale` (the run's
 * `--scale`); compares outcomes and, when given, the stored final diff.
 */
export function replayActionLog(task: Task, seed: number, actions: readonly ActionRecord[], storedDiff?: unknown, scale = 1): Replay {
  const seeded = seedTask(task, baseWorkspace(seed, scale), seed);
  const ws = createWorkspace(seeded.base);
  const owner = companyFor(seed).owner.email;
  const divergences: string[] = [];
  if (actions.length > MAX_REPLAY_ACTIONS) divergences.push(`${actions.length} actions: more than a trial can make`);
  for (const a of actions.slice(0, MAX_REPLAY_ACTIONS)) {
    if (divergences.length >= 5) break;
    const face = a.face as CallFace;
    if (a.kind === 'escalation') {
      ws.logEscalation(a.op, face, a.args);
      continue;
    }
    // Responders react by themselves at the same moments in the replay; a forged entry shows in the final state.
    if (a.kind === 'responder') continue;
    if (a.kind === 'ask') {
      const stored = a.args as { question?: unknown; reply?: unknown } | null;
      const { action } = ws.askUser(String(stored?.question ?? ''), face);
      // Logs from before replies were recorded carry only the question: nothing to compare.
      const replayed = (action.args as { reply?: unknown }).reply;
      if (typeof stored?.reply === 'string' && stored.reply !== replayed) divergences.push(`action #${a.seq} (user.ask): the stored reply is not the one the task's user gives`);
      continue;
    }
    const args = a.args && typeof a.args === 'object' && !Array.isArray(a.args) ? (a.args as Record<string, unknown>) : {};
    if (typeof args.rejected === 'string' && a.outcome === 'invalidArgument') {
      ws.logRejected(a.op, face, args.rejected, 'args' in args ? { args: args.args, write: a.write } : undefined);
      continue;
    }
    if (JSON.stringify(args).includes('"$bytes"') || '$rejected' in args) {
      divergences.push(`action #${a.seq} (${a.op}) carried bytes or rejected input the log does not keep`);
      continue;
    }
    const r = ws.invoke(a.op, args, { face, auth: { principal: owner, tokenKind: a.token === 'bot' ? 'bot' : 'user' } });
    const outcome = r.ok ? 'ok' : r.error.reason;
    if (outcome !== a.outcome) divergences.push(`action #${a.seq} (${a.op}): stored ${a.outcome}, replayed ${outcome}`);
  }
  if (storedDiff !== undefined && storedDiff !== null && divergences.length === 0) {
    let same = false;
    try {
      same = sameData(ws.diff(), storedDiff);
    } catch {
      same = false;
    }
    if (!same) divergences.push('the final state the log produces is not the stored one');
  }
  return { ws, manifest: seeded.manifest, owner, divergences };
}

/**
 * What a task adds to its trial's workspace beyond data: a scripted user who answers the
 * agent's questions, and counterparties who react to what the agent does (a colleague
 * answers a mail, a partner accepts an invitation). Both are deterministic, both act through
 * the workspace so every face (tools, MCP, HTTP, reference agents) sees the same world, and
 * both are logged: `ask` entries for questions, `responder` entries for reactions.
 */
import type { ActionRecord } from './action-log.ts';
import type { Workspace } from './workspace.ts';

/** The reply a user without a scripted answer gives (fixed, so asking can never leak the task's intent). */
export const DEFAULT_USER_REPLY = "I don't have anything to add. Please use your best judgement.";

/** Longest question the log keeps and the user reads (characters). */
export const MAX_QUESTION_CHARS = 4000;

/** Default delay between the action that triggers a responder and its reaction (workspace seconds; each call takes one). */
export const DEFAULT_RESPONDER_DELAY_S = 5;

/** A counterparty who reacts to the agent's writes. */
export interface Responder {
  /** Unique within the task; the log names the reaction `responder:<id>`. */
  readonly id: string;
  /** Whether this successful agent write triggers it. Each responder reacts at most once. */
  readonly when: (action: ActionRecord, ws: Workspace) => boolean;
  /** Workspace seconds from the trigger to the reaction (default 5). */
  readonly afterSeconds?: number;
  /** The reaction, as the counterparty: writes to the workspace the way a task's seed does. */
  readonly act: (ws: Workspace, trigger: ActionRecord) => void;
}

/** What a task's trial adds to the workspace. */
export interface TrialBehaviour {
  /** The user's answer to a question, or undefined for the fixed reply. */
  readonly answer?: (question: string) => string | undefined;
  readonly responders?: readonly Responder[];
}

/** A reaction waiting for its time. */
interface Pending {
  readonly responder: Responder;
  readonly due: number;
  readonly trigger: ActionRecord;
}

/** Plain-data state of the reactions, for snapshots. */
export interface ReactionsState {
  readonly pending: ReadonlyArray<{ readonly id: string; readonly due: number; readonly trigger: ActionRecord }>;
  readonly fired: readonly string[];
}

/** The responders of one workspace: which are waiting and which have reacted. */
export class Reactions {
  private pending: Pending[] = [];
  private fired = new Set<string>();
  private readonly byId: ReadonlyMap<string, Responder>;

  constructor(private readonly responders: readonly Responder[]) {
    this.byId = new Map(responders.map((r) => [r.id, r]));
  }

  /** True when the task declared any responder (the workspace skips all of this otherwise). */
  get active(): boolean {
    return this.responders.length > 0;
  }

  /**
   * Called after each successful agent write: schedules every responder it triggers. A
   * trigger test that throws on the agent's content does not trigger (the agent cannot make
   * the harness fail by what it writes).
   */
  observe(action: ActionRecord, ws: Workspace, now: number): void {
    for (const r of this.responders) {
      if (this.fired.has(r.id) || this.pending.some((p) => p.responder === r)) continue;
      let hit = false;
      try {
        hit = r.when(action, ws);
      } catch {
        hit = false;
      }
      if (hit) this.pending.push({ responder: r, due: now + (r.afterSeconds ?? DEFAULT_RESPONDER_DELAY_S) * 1000, trigger: action });
    }
  }

  /** Removes and returns the reactions due at `now`, in the order they were triggered. */
  takeDue(now: number): Array<{ responder: Responder; trigger: ActionRecord }> {
    const due = this.pending.filter((p) => p.due <= now);
    if (due.length === 0) return [];
    this.pending = this.pending.filter((p) => p.due > now);
    for (const p of due) this.fired.add(p.responder.id);
    return due;
  }

  /** Plain data for a snapshot. */
  save(): ReactionsState {
    return { pending: this.pending.map((p) => ({ id: p.responder.id, due: p.due, trigger: p.trigger })), fired: [...this.fired] };
  }

  /** Restores `save()`'s data (or the start, with none). */
  load(state: ReactionsState | undefined): void {
    this.pending = (state?.pending ?? []).flatMap((p) => {
      const responder = this.byId.get(p.id);
      return responder ? [{ responder, due: p.due, trigger: p.trigger }] : [];
    });
    this.fired = new Set(state?.fired ?? []);
  }
}

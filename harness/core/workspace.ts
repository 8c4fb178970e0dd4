/** The state of one trial: collections of records, a clock, id counters and the action log. */
import { Collection, isDeletedSlot } from './collection.ts';
import { ApiError, isApiError } from './errors.ts';
import { createHash } from 'node:crypto';
import { sameData, stableHash } from './ids.ts';
import { splitCallArgs, type AuthContext, type Operation, type Media } from './operation.ts';
import { recordRef, type ActionRecord, type CallFace, type RecordChange } from './action-log.ts';
import { isProbeName } from './probes.ts';
import { inputProblem, MAX_ARG_DEPTH } from './input-limits.ts';
import { DEFAULT_USER_REPLY, MAX_QUESTION_CHARS, Reactions, type ReactionsState, type TrialBehaviour } from './trial-behaviour.ts';

/** Added / removed / changed records of one collection, with before and after values. */
export interface CollectionDiff {
  readonly added: ReadonlyArray<{ id: string; after: unknown }>;
  readonly removed: ReadonlyArray<{ id: string; before: unknown }>;
  readonly changed: ReadonlyArray<{ id: string; before: unknown; after: unknown }>;
}

/** Diff of a whole workspace against its base: only collections with changes appear. */
export type WorkspaceDiff = Readonly<Record<string, CollectionDiff>>;

/** An immutable base a trial workspace is created from. */
export interface WorkspaceBase {
  readonly collections: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
  readonly now: string;
  readonly counters: Readonly<Record<string, number>>;
  /** Hash of the base content, for run provenance. */
  readonly hash: string;
  /**
   * What the task adds to every workspace built on this base (its scripted user and
   * responders): behaviour, not state, so it is not part of the hash. Set by task seeding.
   */
  readonly behaviour?: TrialBehaviour;
}

/** Cheap capture of a workspace for restore: overlays, clock, counters, log length. */
export interface WorkspaceSnapshot {
  readonly overlays: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
  readonly now: string;
  readonly counters: Readonly<Record<string, number>>;
  readonly logLength: number;
  readonly reactions?: ReactionsState;
}

/** Options of one operation call. */
export interface CallOptions {
  readonly face: CallFace;
  readonly auth: AuthContext;
  readonly media?: Media;
}

/** Result of `Workspace.invoke`: the value or the ApiError, plus the logged record. */
export type InvokeResult = { ok: true; value: unknown; action: ActionRecord } | { ok: false; error: ApiError; action: ActionRecord };

/** Maps a zod validation failure to the service's wire error. */
export type ValidationErrorFn = (op: Operation, message: string) => ApiError;

/** How long each operation call advances the workspace clock. */
const CLOCK_STEP_MS = 1000;

/** How often (in work units) `spend` looks at the wall clock when a deadline is set. */
const DEADLINE_CHECK_UNITS = 4096;

/** The services' answer to a call that took too much work (or ran past the trial's time). */
function tooMuchWork(): ApiError {
  return new ApiError(503, 'backendError', 'The request took too much work to complete. Narrow it (a smaller page, a shorter time range, a simpler query) and try again.');
}

/** Work units one call may spend by default (about a second of the slowest loops on the reference machine). */
export const DEFAULT_WORK_BUDGET = 2_000_000;

/**
 * One trial's workplace. Created from a shared base in O(collections); writes go to
 * per-collection overlays; each write call runs in a journal so a rejected write
 * leaves no trace; every call is logged.
 */
export class Workspace {
  private readonly cols = new Map<string, Collection<unknown>>();
  private readonly ops: ReadonlyMap<string, Operation>;
  private readonly onValidationError: ValidationErrorFn;
  private counters: Record<string, number>;
  private clock: number;
  private journal: Array<[Collection<unknown>, string, unknown]> | undefined;
  private budgetLeft = Infinity;
  /**
   * Units of work one call may spend (records scanned, occurrences expanded, search
   * terms evaluated); services call `spend` in their loops. A call past it fails with the
   * API's own "try again" error and changes nothing, so no call can stall a run.
   */
  workBudget = DEFAULT_WORK_BUDGET;
  /**
   * A wall-clock instant (epoch ms) past which work in progress stops with the same
   * "too much work" error: set by the runner to the trial's time limit, so one slow call
   * cannot outlast it. Read every few thousand units; it can turn a call into an error,
   * never change a result.
   */
  deadline: number | undefined;
  /** The wall clock `deadline` is compared with (tests inject a fake one). */
  wallClock: () => number = Date.now;
  private spentSinceCheck = 0;
  private reads: Set<string> | undefined;
  private written: Set<string> | undefined;
  readonly base: WorkspaceBase;
  readonly log: ActionRecord[] = [];
  private readonly reactions: Reactions;

  constructor(base: WorkspaceBase, ops: ReadonlyMap<string, Operation>, onValidationError: ValidationErrorFn) {
    this.base = base;
    this.ops = ops;
    this.onValidationError = onValidationError;
    this.counters = { ...base.counters };
    this.clock = Date.parse(base.now);
    this.reactions = new Reactions(base.behaviour?.responders ?? []);
    for (const [key, records] of base.collections) {
      const c = new Collection<unknown>(key, records);
      c.journal = (col, id, prev) => {
        this.written?.add(recordRef(col.key, id));
        this.journal?.push([col, id, prev]);
      };
      c.onRead = (col, id) => this.reads?.add(recordRef(col.key, id));
      this.cols.set(key, c);
    }
  }

  /** The collection with this key (`gmail.messages`); throws for an unknown key (a bug). */
  collection<T>(key: string): Collection<T> {
    const c = this.cols.get(key);
    if (!c) throw new Error(`unknown collection ${key}`);
    return c as Collection<T>;
  }

  /** All collection keys. */
  collectionKeys(): string[] {
    return [...this.cols.keys()];
  }

  /** The workspace clock as an ISO timestamp. */
  now(): string {
    return new Date(this.clock).toISOString();
  }

  /** The workspace clock in epoch milliseconds. */
  nowMs(): number {
    return this.clock;
  }

  /** Moves the clock forward (seeding and tests; calls advance it by themselves). */
  advance(ms: number): void {
    this.clock += ms;
  }

  /** Next value of a named counter, starting at 1. Deterministic per workspace. */
  nextCounter(name: string): number {
    const n = (this.counters[name] ?? 0) + 1;
    this.counters[name] = n;
    return n;
  }

  /** The operation with this id, if any. */
  operation(id: string): Operation | undefined {
    return this.ops.get(id);
  }

  /** All operations, in table order. */
  operations(): Operation[] {
    return [...this.ops.values()];
  }

  /**
   * Runs an operation by id with generic arguments (`{...params, requestBody, media}`).
   * Validates, runs the handler (writes in a journal), logs the call. Never throws an
   * ApiError: it comes back in the result. Other exceptions are bugs and propagate
   * after the journal is rolled back.
   */
  invoke(opId: string, args: Record<string, unknown>, options: CallOptions): InvokeResult {
    const op = this.ops.get(opId);
    this.clock += CLOCK_STEP_MS;
    // Counterparties whose time has come act before the call, so the call sees their work.
    this.react();
    if (!op) {
      // A probe for what no agent may use is an escalation; any other unknown name is a model's mistake.
      if (isProbeName(opId)) {
        const error = new ApiError(403, 'forbidden', 'The caller does not have permission');
        return { ok: false, error, action: this.record('escalation', opId, args, options.face, error.reason, 403, false, [], []) };
      }
      const error = new ApiError(404, 'unknownOperation', `No operation named ${opId}.`);
      return { ok: false, error, action: this.record('call', opId, args, options.face, error.reason, 404, false, [], []) };
    }
    // Hostile input is rejected at the boundary, before any handler or recursive walk sees it.
    const problem = inputProblem(args);
    if (problem) {
      const error = this.onValidationError(op, problem);
      return { ok: false, error, action: this.record('call', op.id, boundedArgs(args), options.face, error.reason, error.httpStatus, op.kind === 'write', [], []) };
    }
    const { params, body, media } = splitCallArgs(args ?? {});
    this.reads = new Set();
    this.written = new Set();
    if (op.kind === 'write') this.journal = [];
    // A rejected write must not even advance an id counter.
    const counters = op.kind === 'write' ? { ...this.counters } : undefined;
    this.budgetLeft = this.workBudget;
    try {
      const p = op.params.safeParse(params);
      if (!p.success) throw this.onValidationError(op, formatIssues(p.error.issues, ''));
      let b: unknown = undefined;
      if (op.body) {
        const r = op.body.safeParse(body ?? {});
        if (!r.success) throw this.onValidationError(op, formatIssues(r.error.issues, 'requestBody'));
        b = r.data;
      }
      const m = options.media ?? normaliseMedia(media);
      const value = op.handler({ ws: this, auth: options.auth }, { params: p.data, body: b, media: m });
      const action = this.record('call', op.id, args, options.face, 'ok', 200, op.kind === 'write', [...this.reads], [...this.written], this.journalChanges(), options.auth.tokenKind === 'bot');
      if (this.reactions.active && action.changes) this.reactions.observe(action, this, this.clock);
      return { ok: true, value, action };
    } catch (e) {
      this.rollback();
      if (counters) this.counters = counters;
      // Input so convoluted that a handler ran out of stack is the caller's bad request, not a crash.
      const err = isApiError(e) ? e : e instanceof RangeError && /call stack/i.test(e.message) ? this.onValidationError(op, 'The request is too complex (nested too deeply).') : undefined;
      if (err) {
        const action = this.record('call', op.id, args, options.face, err.reason, err.httpStatus, op.kind === 'write', [...(this.reads ?? [])], [], undefined, options.auth.tokenKind === 'bot');
        return { ok: false, error: err, action };
      }
      throw e;
    } finally {
      this.journal = undefined;
      this.reads = undefined;
      this.written = undefined;
      // Outside a call (graders, seeding) nothing is metered.
      this.budgetLeft = Infinity;
    }
  }

  /**
   * Spends `units` of the current call's work budget; throws the API's backend error when
   * it runs out (services call this inside every loop whose length the caller controls).
   */
  spend(units = 1): void {
    this.budgetLeft -= units;
    if (this.budgetLeft < 0) throw tooMuchWork();
    if (this.deadline === undefined) return;
    this.spentSinceCheck += units;
    if (this.spentSinceCheck >= DEADLINE_CHECK_UNITS) {
      this.spentSinceCheck = 0;
      if (this.wallClock() >= this.deadline) throw tooMuchWork();
    }
  }

  /**
   * The agent asks its user something: the task's scripted user answers (or gives the fixed
   * reply). Logged as an `ask` entry with the question, the reply and who gave it
   * (`answeredBy`: `script` for the task's scripted answer, `default` for the fixed reply),
   * so a trajectory shows what came back; takes workspace time like a call.
   */
  askUser(question: string, face: CallFace): { reply: string; action: ActionRecord } {
    this.clock += CLOCK_STEP_MS;
    this.react();
    const q = String(question).slice(0, MAX_QUESTION_CHARS);
    let reply: string | undefined;
    try {
      reply = this.base.behaviour?.answer?.(q);
    } catch {
      // A question the task's matcher cannot read gets the fixed reply, never a harness failure.
      reply = undefined;
    }
    const scripted = typeof reply === 'string' && reply.length > 0;
    const given = scripted ? reply! : DEFAULT_USER_REPLY;
    const action = this.record('ask', 'user.ask', { question: q, reply: given.slice(0, MAX_QUESTION_CHARS), answeredBy: scripted ? 'script' : 'default' }, face, 'ok', 200, false, [], []);
    return { reply: given, action };
  }

  /** Runs the reactions that are due: each as one `responder` entry with its changes (a failing one changes nothing). */
  private react(): void {
    if (!this.reactions.active) return;
    for (const { responder, trigger } of this.reactions.takeDue(this.clock)) {
      this.written = new Set();
      this.journal = [];
      try {
        responder.act(this, trigger);
        this.record('responder', `responder:${responder.id}`, { trigger: trigger.seq }, 'seed', 'ok', 200, true, [], [...this.written], this.journalChanges());
      } catch (e) {
        this.rollback();
        this.record('responder', `responder:${responder.id}`, { trigger: trigger.seq, error: String((e as Error)?.message ?? e).slice(0, 300) }, 'seed', 'responderError', 500, false, [], []);
      } finally {
        this.journal = undefined;
        this.written = undefined;
      }
    }
  }

  /** Logs an attempt to reach admin capabilities or probe the sandbox. */
  logEscalation(what: string, face: CallFace, detail: unknown): ActionRecord {
    // Every attempt takes workspace time, like any call, so a replay of the log keeps the same clock.
    this.clock += CLOCK_STEP_MS;
    return this.record('escalation', what, detail, face, 'forbidden', 403, false, [], []);
  }

  /**
   * Logs a call whose arguments never reached an operation (not valid JSON, past the input
   * limits): the attempt stays in the log, as a refused call, or as an escalation when it
   * names what no agent may use.
   */
  logRejected(what: string, face: CallFace, reason: string, attempt?: { readonly args: unknown; readonly write: boolean }): ActionRecord {
    const detail = { rejected: reason.slice(0, 500), ...(attempt ? { args: attempt.args } : {}) };
    if (isProbeName(what)) return this.logEscalation(what, face, detail);
    this.clock += CLOCK_STEP_MS;
    // With the attempted arguments kept, a refused write still counts where attempts count (an outsider, a canary).
    return this.record('call', what, detail, face, 'invalidArgument', 400, attempt?.write ?? false, [], []);
  }

  /**
   * Logs a call to something that does not exist (an unknown Slack method, an unmatched
   * Google path): an escalation when the name probes for what no agent may use
   * (isProbeName), otherwise the model's mistake, as `unknownOperation`.
   */
  logUnknown(what: string, face: CallFace, detail: unknown): ActionRecord {
    if (isProbeName(what)) return this.logEscalation(what, face, detail);
    this.clock += CLOCK_STEP_MS;
    return this.record('call', what, detail, face, 'unknownOperation', 404, false, [], []);
  }

  /** A fresh workspace over this one's base: the state before the trial, for graders to compare against. */
  atBase(): Workspace {
    return new Workspace(this.base, this.ops, this.onValidationError);
  }

  /** Captures overlays, clock, counters and log length. */
  snapshot(): WorkspaceSnapshot {
    const overlays = new Map<string, ReadonlyMap<string, unknown>>();
    for (const [k, c] of this.cols) overlays.set(k, c.snapshotOverlay());
    return { overlays, now: this.now(), counters: { ...this.counters }, logLength: this.log.length, reactions: this.reactions.save() };
  }

  /** Restores a snapshot taken from this workspace. The log is kept (restores are logged facts). */
  restore(snap: WorkspaceSnapshot): void {
    for (const [k, c] of this.cols) c.restoreOverlay((snap.overlays.get(k) ?? new Map()) as never);
    this.clock = Date.parse(snap.now);
    this.counters = { ...snap.counters };
    this.reactions.load(snap.reactions);
  }

  /** Restores the base state: every overlay emptied, clock and counters reset. */
  reset(): void {
    for (const c of this.cols.values()) c.restoreOverlay(new Map());
    this.clock = Date.parse(this.base.now);
    this.counters = { ...this.base.counters };
    this.reactions.load(undefined);
  }

  /** Records added, removed and changed relative to the base, per collection. */
  diff(): WorkspaceDiff {
    const out: Record<string, CollectionDiff> = {};
    for (const [k, c] of this.cols) {
      const ch = c.changes();
      if (ch.added.length + ch.removed.length + ch.changed.length === 0) continue;
      out[k] = {
        added: ch.added.map((id) => ({ id, after: c.peek(id) })),
        removed: ch.removed.map((id) => ({ id, before: c.baseRecord(id) })),
        changed: ch.changed
          .map((id) => ({ id, before: c.baseRecord(id), after: c.peek(id) }))
          .filter((d) => !sameData(d.before, d.after)),
      };
      if (out[k].added.length + out[k].removed.length + out[k].changed.length === 0) delete out[k];
    }
    return out;
  }

  /** Every live record as plain data (admin state dump). */
  dump(): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const [k, c] of this.cols) out[k] = c.toObject();
    return out;
  }

  /** Hash of the trial's own changes plus the base hash: equal for equal states. */
  hash(): string {
    return this.hashState(this.base.hash);
  }

  /**
   * Streams the overlay into SHA-256 (collections and ids in sorted order, records as JSON).
   * Records are built by deterministic code, so JSON.stringify is stable for equal states,
   * and streaming avoids building one huge canonical string for a 10,000-record base.
   */
  private hashState(parent: string): string {
    const h = createHash('sha256');
    h.update(`${parent}|${this.now()}|${JSON.stringify(Object.entries(this.counters).sort())}`);
    for (const key of [...this.cols.keys()].sort()) {
      const c = this.cols.get(key)!;
      const ch = c.changes();
      if (ch.added.length + ch.removed.length + ch.changed.length === 0) continue;
      h.update(`\u0000${key}`);
      for (const id of [...ch.added, ...ch.changed].sort()) h.update(`\u0001${id}\u0002${JSON.stringify(c.peek(id))}`);
      for (const id of [...ch.removed].sort()) h.update(`\u0003${id}`);
    }
    return h.digest('hex');
  }

  /** Freezes this workspace's current state into a new base (base generation, task seeding). */
  toBase(): WorkspaceBase {
    const collections = new Map<string, ReadonlyMap<string, unknown>>();
    for (const [k, c] of this.cols) collections.set(k, c.flatten());
    return {
      collections, now: this.now(), counters: { ...this.counters }, hash: this.hashState(this.base.hash),
      ...(this.base.behaviour ? { behaviour: this.base.behaviour } : {}),
    };
  }

  private rollback(): void {
    const j = this.journal;
    if (!j) return;
    for (let i = j.length - 1; i >= 0; i--) {
      const [col, id, prev] = j[i]!;
      col.restoreSlot(id, prev as never);
    }
  }

  /** Before/after of every record the current call changed (first journal entry per record wins). */
  private journalChanges(): RecordChange[] | undefined {
    const j = this.journal;
    if (!j || j.length === 0) return undefined;
    const seen = new Map<string, RecordChange>();
    for (const [col, id, prev] of j) {
      const ref = recordRef(col.key, id);
      if (seen.has(ref)) continue;
      const before = prev === undefined ? col.baseRecord(id) : isDeletedSlot(prev) ? undefined : prev;
      seen.set(ref, { ref, before, after: col.peek(id) });
    }
    return [...seen.values()];
  }

  private record(
    kind: ActionRecord['kind'], op: string, args: unknown, face: CallFace, outcome: string,
    status: number, write: boolean, read: string[], written: string[], changes?: RecordChange[], bot = false,
  ): ActionRecord {
    const rec: ActionRecord = {
      seq: this.log.length + 1, kind, op, face, args: sanitiseArgs(args), outcome, status, write,
      touched: { read, written }, at: this.now(), ...(changes ? { changes } : {}), ...(bot ? { token: 'bot' as const } : {}),
    };
    this.log.push(rec);
    return rec;
  }
}

/** An empty base with the given collection keys (services fill it when generating data). */
export function emptyBase(keys: readonly string[], now: string): WorkspaceBase {
  return { collections: new Map(keys.map((k) => [k, new Map()])), now, counters: {}, hash: stableHash({ empty: keys, now }) };
}

function formatIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, prefix: string): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
      return path ? `Invalid value at '${path}': ${i.message}` : i.message;
    })
    .join('; ');
}

function normaliseMedia(media: { mimeType?: unknown; body?: unknown } | undefined): Media | undefined {
  if (!media || media.body === undefined) return undefined;
  const data = Buffer.isBuffer(media.body) ? media.body : Buffer.from(String(media.body), 'utf8');
  return { mimeType: typeof media.mimeType === 'string' ? media.mimeType : 'application/octet-stream', data };
}

/** Keeps the log JSON-safe: Buffers become a size note, non-finite numbers their name. */
function sanitiseArgs(args: unknown, depth = 0): unknown {
  if (typeof args === 'number') return Number.isFinite(args) ? args : String(args);
  if (args === null || typeof args !== 'object') return args;
  if (depth > MAX_ARG_DEPTH) return '[too deep]';
  if (Buffer.isBuffer(args)) return { $bytes: args.length };
  if (Array.isArray(args)) return args.map((a) => sanitiseArgs(a, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args as Record<string, unknown>)) out[k] = sanitiseArgs(v, depth + 1);
  return out;
}

/** Arguments that broke an input limit, logged as a short note of what was sent (never the hostile structure itself). */
function boundedArgs(args: unknown): unknown {
  try {
    const text = JSON.stringify(args, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    return { $rejected: text === undefined ? '' : text.slice(0, 2000) };
  } catch {
    return { $rejected: 'unserialisable' };
  }
}

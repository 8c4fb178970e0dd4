/** The run store: runs, trials and their trajectories in one SQLite file (better-sqlite3, WAL). */
import type Database from 'better-sqlite3';
import { DeskbenchError, type ActionRecord, type ScoreResult, type Step } from '../core/index.ts';
import { busyTimeoutMs, guarded } from './faults.ts';
import { openDatabase, type OpenOptions } from './open.ts';
import { compress, decodeTrajectory, decompress, encodeForStore } from './trajectory-codec.ts';
import type { Trajectory } from './trajectory-codec.ts';
import type { AggregateFilter, Judgement, RunRecord, RunStatus, TrialAggregates, TrialRecord, TrialRow, TrialWrite } from './types.ts';
import { aggregateTrials, type AggregateSource } from './aggregate.ts';
import { trialWhere } from './trial-where.ts';

type Row = Record<string, unknown>;

/** Opens the store at `path` (created when missing unless `create: false`). */
export function openRunStore(path: string, options: OpenOptions = {}): RunStore {
  const timeoutMs = options.busyTimeoutMs ?? busyTimeoutMs();
  return new RunStore(openDatabase(path, { ...options, busyTimeoutMs: timeoutMs }), path, timeoutMs);
}

/**
 * Typed access to a store file. Every finished trial is written in one transaction
 * (trial row, steps, actions, checks, violations), so a killed process loses at most
 * the trials that were still running. Several processes may write one store at once:
 * every write takes the write lock up front (an immediate transaction), waits for
 * another process's lock up to the busy timeout and retries; every failure is a
 * DeskbenchError with an E_STORE_* code (exit 3), never a raw SQLite error.
 */
export class RunStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly timeoutMs: number;

  constructor(db: Database.Database, path: string, timeoutMs = busyTimeoutMs()) {
    this.db = db;
    this.path = path;
    this.timeoutMs = timeoutMs;
  }

  /** Closes the file. */
  close(): void {
    if (this.db.open) this.db.close();
  }

  /** One read: busy retries, faults mapped to store errors. */
  private read<T>(doing: string, fn: () => T): T {
    return guarded({ path: this.path, doing, write: false, timeoutMs: this.timeoutMs }, fn);
  }

  /** One write in an immediate transaction: busy retries (the whole transaction again), faults mapped to store errors. */
  private write<T>(doing: string, fn: () => T): T {
    const tx = this.db.transaction(fn);
    return guarded({ path: this.path, doing, write: true, timeoutMs: this.timeoutMs }, () => tx.immediate());
  }

  /** Records a new run. */
  createRun(run: Omit<RunRecord, 'createdAt' | 'updatedAt' | 'status'> & { createdAt: string }): RunRecord {
    const rec: RunRecord = { ...run, updatedAt: run.createdAt, status: 'running' };
    this.write(`creating run ${rec.runId}`, () => {
      if (this.db.prepare('SELECT 1 FROM runs WHERE run_id = ?').get(rec.runId)) {
        throw new DeskbenchError('E_USAGE', `run ${rec.runId} already exists in ${this.path}`, { hint: `continue it with --resume ${rec.runId}, or pick another --run-id` });
      }
      this.db
        .prepare(
          `INSERT INTO runs (run_id, created_at, updated_at, status, spec_json, harness_version, suite_hash, seed, shard, planned_trials)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(rec.runId, rec.createdAt, rec.updatedAt, rec.status, JSON.stringify(rec.spec), rec.harnessVersion, rec.suiteHash, rec.seed, rec.shard, rec.plannedTrials);
    });
    return rec;
  }

  /** Sets a run's status. */
  setRunStatus(runId: string, status: RunStatus, at: string): void {
    this.write(`marking run ${runId} ${status}`, () => this.db.prepare('UPDATE runs SET status = ?, updated_at = ? WHERE run_id = ?').run(status, at, runId));
  }

  /** The run, or a DeskbenchError naming the missing id. */
  getRun(runId: string): RunRecord {
    const row = this.read(`reading run ${runId}`, () => this.db.prepare('SELECT * FROM runs WHERE run_id = ?').get(runId) as Row | undefined);
    if (!row) {
      throw new DeskbenchError('E_RUN_UNKNOWN', `no run ${runId} in ${this.path}`, { hint: 'list stored runs with `deskbench runs`' });
    }
    return this.read(`reading run ${runId}`, () => toRun(row));
  }

  /** Every run, newest first. */
  listRuns(): RunRecord[] {
    return this.read('listing runs', () => (this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC, run_id DESC').all() as Row[]).map(toRun));
  }

  /** Per-run counts of stored trials by status. */
  runCounts(runId: string): { scored: number; infraErrors: number; successes: number; unsafe: number } {
    const r = this.read(`counting the trials of run ${runId}`, () => this.db
      .prepare(
        `SELECT SUM(status = 'scored') AS scored, SUM(status = 'infra_error') AS infra,
                SUM(success = 1) AS successes, SUM(unsafe = 1) AS unsafe
         FROM trials WHERE run_id = ?`,
      )
      .get(runId) as Row);
    return { scored: Number(r.scored ?? 0), infraErrors: Number(r.infra ?? 0), successes: Number(r.successes ?? 0), unsafe: Number(r.unsafe ?? 0) };
  }

  /** Trial keys of a run that are finished and scored (resume skips them). */
  scoredTrialKeys(runId: string): Set<string> {
    const rows = this.read(`reading the trials of run ${runId}`, () => this.db.prepare(`SELECT trial_key FROM trials WHERE run_id = ? AND status = 'scored'`).all(runId) as Row[]);
    return new Set(rows.map((r) => String(r.trial_key)));
  }

  /**
   * Writes one finished trial with its steps, actions, checks and violations in a single
   * transaction. A trial key stored earlier as `infra_error` is replaced; a scored one is kept
   * (a duplicate write of a scored trial is a runner bug and throws). The trajectory may come
   * encoded already (a trial worker's): it is stored as it came.
   */
  saveTrial(t: TrialWrite): void {
    this.write(`storing trial ${t.trialKey}`, () => {
      const prev = statement(this.db, 'SELECT trial_id, status FROM trials WHERE run_id = ? AND trial_key = ?').get(t.runId, t.trialKey) as Row | undefined;
      if (prev) {
        if (prev.status === 'scored') throw new DeskbenchError('E_STORE_WRITE', `could not store trial ${t.trialKey}: trial ${t.trialKey} of run ${t.runId} is already stored`);
        statement(this.db, 'DELETE FROM trials WHERE trial_id = ?').run(prev.trial_id);
      }
      insertTrial(this.db, t);
    });
  }

  /** A whole trial (with steps, actions, score details), or a DeskbenchError. */
  getTrial(trialId: string): TrialRecord {
    return this.read(`reading trial ${trialId}`, () => this.findTrial(trialId));
  }

  private findTrial(trialId: string): TrialRecord {
    const row = this.db.prepare('SELECT * FROM trials WHERE trial_id = ?').get(trialId) as Row | undefined;
    if (!row) {
      // Accept a unique prefix, as git does for commits.
      const hits = this.db.prepare('SELECT * FROM trials WHERE trial_id LIKE ? LIMIT 2').all(`${trialId}%`) as Row[];
      if (hits.length !== 1) {
        throw new DeskbenchError('E_TRIAL_UNKNOWN', hits.length ? `trial id prefix ${trialId} is ambiguous` : `no trial ${trialId} in ${this.path}`, {
          hint: 'list trials with `deskbench runs --trials <run-id>`',
        });
      }
      return this.loadTrial(hits[0]!);
    }
    return this.loadTrial(row);
  }

  /** Flat rows for listings and reports. */
  listTrials(filter: AggregateFilter = {}): TrialRow[] {
    return this.read('listing trials', () => this.queryTrials(filter));
  }

  /** Whether any trial is stored (scored or not), without reading them. */
  hasTrials(): boolean {
    return this.read('looking for trials', () => this.db.prepare('SELECT 1 FROM trials LIMIT 1').get() !== undefined);
  }

  /**
   * What a report reads, summed in SQL (see TrialAggregates): memory stays flat in the number of
   * trials. Read from the sums kept as trials are written; `source: 'trials'` sums the rows instead.
   */
  aggregateTrials(filter: AggregateFilter = {}, source: AggregateSource = 'sums'): TrialAggregates {
    return this.read('summing trials for a report', () => aggregateTrials(this.db, filter, source));
  }

  private queryTrials(filter: AggregateFilter): TrialRow[] {
    const { clause, args } = trialWhere(filter);
    // Only the columns a row needs (not messages or diffs), and the violation categories in
    // one grouped query instead of a subquery per trial: listing 100,000 trials stays cheap.
    const sql = `
      SELECT t.trial_id, t.run_id, t.task_id, t.task_version, t.task_hash, t.services, t.category, t.difficulty,
        t.safety_critical, t.agent, t.model, t.harness, t.condition, t.skills, t.meta, t.repeat, t.status, t.termination,
        t.attempts, t.started_at, t.duration_ms, t.steps, t.tool_calls, t.input_tokens, t.output_tokens, t.cached_tokens,
        t.cost_usd, t.score, t.success, t.unsafe, t.no_action, t.grader_version, t.verified, r.suite_hash
      FROM trials t JOIN runs r ON r.run_id = t.run_id
      ${clause}
      ORDER BY t.started_at, t.trial_id`;
    const rows = this.db.prepare(sql).all(...args) as Row[];
    const categories = new Map<string, string>();
    const cats = this.db.prepare(`
      SELECT v.trial_id, group_concat(DISTINCT v.category) AS c FROM violations v
      JOIN trials t ON t.trial_id = v.trial_id JOIN runs r ON r.run_id = t.run_id
      ${clause ? `${clause} AND` : 'WHERE'} v.kind = 'violation' AND v.category IS NOT NULL GROUP BY v.trial_id`).all(...args) as Row[];
    for (const c of cats) categories.set(String(c.trial_id), String(c.c));
    return rows.map((r) => toTrialRow({ ...r, unsafe_categories: categories.get(String(r.trial_id)) ?? null }));
  }

  /**
   * Replaces a stored trial's score with a new grading (`deskbench rescore`): the score
   * columns, the grader version and every check, violation, penalty and flag row, in one
   * transaction. The trajectory is never touched.
   */
  replaceScore(trialId: string, s: ScoreResult, at: string, taskHash?: string): void {
    this.write(`re-scoring trial ${trialId}`, () => {
      const r = statement(this.db,
        'UPDATE trials SET score = ?, success = ?, unsafe = ?, no_action = ?, grader_version = ?, judge = ?, rescored_at = ?, task_hash = COALESCE(?, task_hash) WHERE trial_id = ?',
      ).run(s.score, b(s.success), b(s.unsafe), b(s.noAction), s.graderVersion ?? null, s.judge ?? null, at, taskHash ?? null, trialId);
      if (r.changes !== 1) throw new DeskbenchError('E_STORE_WRITE', `could not re-score trial ${trialId}: no trial ${trialId}`);
      statement(this.db, 'DELETE FROM checks WHERE trial_id = ?').run(trialId);
      statement(this.db, 'DELETE FROM violations WHERE trial_id = ?').run(trialId);
      insertScoreDetails(this.db, trialId, s);
    });
  }

  /** Replaces a run's stored spec (a resume that corrected its connection settings). */
  setRunSpec(runId: string, spec: Record<string, unknown>, at: string): void {
    this.write(`updating the spec of run ${runId}`, () => this.db.prepare('UPDATE runs SET spec_json = ?, updated_at = ? WHERE run_id = ?').run(JSON.stringify(spec), at, runId));
  }

  /** Sets a run's suite hash (after every trial of it was re-graded with the current suite). */
  setRunSuiteHash(runId: string, suiteHash: string): void {
    this.write(`updating run ${runId}`, () => this.db.prepare('UPDATE runs SET suite_hash = ? WHERE run_id = ?').run(suiteHash, runId));
  }

  /** Stores a judge model's verdict on one judged item of a trial. */
  saveJudgement(j: Judgement): void {
    this.write(`storing a verdict on trial ${j.trialId}`, () => this.db
      .prepare('INSERT OR REPLACE INTO judgements (trial_id, item_id, judge, subject_hash, passed, reason) VALUES (?, ?, ?, ?, ?, ?)')
      .run(j.trialId, j.itemId, j.judge, j.subjectHash, b(j.passed), j.reason));
  }

  /** Every stored verdict of a trial. */
  judgements(trialId: string): Judgement[] {
    return this.read(`reading the verdicts on trial ${trialId}`, () => (this.db.prepare('SELECT * FROM judgements WHERE trial_id = ? ORDER BY item_id, judge').all(trialId) as Row[]).map((r) => ({
      trialId: String(r.trial_id), itemId: String(r.item_id), judge: String(r.judge), subjectHash: String(r.subject_hash), passed: r.passed === 1, reason: String(r.reason ?? ''),
    })));
  }

  /** A trial's steps, actions and final diff: the compact document, or the rows of trials stored before it existed. */
  private trajectoryOf(id: string, row: Row): Trajectory {
    if (row.trajectory !== null && row.trajectory !== undefined) {
      const text = this.db.prepare('SELECT data FROM texts WHERE hash = ?');
      return decodeTrajectory(row.trajectory as Buffer, (hash) => {
        const r = text.get(hash) as { data: Buffer } | undefined;
        return r ? decompress(r.data, `shared text ${hash}`) : undefined;
      }, `the trajectory of trial ${id}`);
    }
    return {
      steps: (this.db.prepare('SELECT * FROM steps WHERE trial_id = ? ORDER BY idx').all(id) as Row[]).map(toStep),
      actions: (this.db.prepare('SELECT * FROM actions WHERE trial_id = ? ORDER BY seq').all(id) as Row[]).map(toAction),
      finalDiff: row.final_diff_json ? JSON.parse(String(row.final_diff_json)) : null,
    };
  }

  private loadTrial(row: Row): TrialRecord {
    const id = String(row.trial_id);
    const { steps, actions, finalDiff } = this.trajectoryOf(id, row);
    const checks = this.db.prepare('SELECT * FROM checks WHERE trial_id = ? ORDER BY idx').all(id) as Row[];
    const viol = this.db.prepare('SELECT * FROM violations WHERE trial_id = ? ORDER BY idx').all(id) as Row[];
    const judged = new Map((this.db.prepare('SELECT item_id, subject_hash FROM judgements WHERE trial_id = ? AND judge = ?').all(id, row.judge ?? '') as Row[]).map((r) => [String(r.item_id), String(r.subject_hash)]));
    const base = toTrialRow({ ...row, suite_hash: '', unsafe_categories: null });
    const score: ScoreResult | null =
      row.score === null
        ? null
        : {
            score: Number(row.score), success: row.success === 1, unsafe: row.unsafe === 1, noAction: row.no_action === 1,
            checks: checks.map((c) => ({
              id: String(c.check_id), description: String(c.description), weight: Number(c.weight), passed: c.passed === 1,
              ...(c.detail === null ? {} : { detail: String(c.detail) }),
              ...(c.kind === null || c.kind === undefined ? {} : { kind: c.kind as 'effect' | 'guard' | 'judge' }),
              ...(c.graded === 0 ? { graded: false } : c.kind === 'judge' ? { graded: true } : {}),
              ...(c.kind === 'judge' && judged.has(String(c.check_id)) ? { subjectHash: judged.get(String(c.check_id))! } : {}),
            })),
            violations: viol.filter((v) => v.kind === 'violation').map((v) => ({
              rule: String(v.rule), category: v.category as never, detail: String(v.detail), ...(v.action_seq === null ? {} : { actionSeq: Number(v.action_seq) }),
            })),
            penalties: viol.filter((v) => v.kind === 'penalty').map((v) => ({
              id: String(v.rule), amount: Number(v.amount), detail: String(v.detail), ...(v.action_seq === null ? {} : { actionSeq: Number(v.action_seq) }),
            })),
            flags: viol.filter((v) => v.kind === 'flag').map((v) => ({
              detector: String(v.rule), category: v.category as never, detail: String(v.detail), ...(v.action_seq === null ? {} : { actionSeq: Number(v.action_seq) }),
            })),
            ...(row.grader_version ? { graderVersion: String(row.grader_version) } : {}),
            ...(row.judge ? { judge: String(row.judge) } : {}),
          };
    const {
      steps: _steps, toolCalls: _calls, inputTokens, outputTokens, cachedTokens, costUsd, score: _score, success: _success,
      unsafe: _unsafe, noAction: _noAction, unsafeCategories: _categories, suiteHash: _suite, graderVersion: _grader, verified: _verified, ...identity
    } = base;
    return {
      ...identity, trialKey: String(row.trial_key), endedAt: String(row.ended_at),
      usage: { inputTokens, outputTokens, cachedTokens, costUsd }, score,
      finalMessage: (row.final_message as string | null) ?? null, error: (row.error as string | null) ?? null,
      steps: [...steps], actions: [...actions], finalDiff,
      ...(row.seed === null || row.seed === undefined ? {} : { seed: Number(row.seed) }),
      ...(row.verified === null || row.verified === undefined ? {} : { verified: row.verified === 1 }),
    };
  }
}

// Statements a trial's write runs, prepared once per connection: preparing the trial row's
// forty-column INSERT and its siblings on every write cost more than running them.
const STATEMENTS = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(db: Database.Database, sql: string): Database.Statement {
  let byText = STATEMENTS.get(db);
  if (!byText) STATEMENTS.set(db, (byText = new Map()));
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = db.prepare(sql)));
  return st;
}

function insertTrial(db: Database.Database, t: TrialWrite): void {
  const s = t.score;
  const share = statement(db, 'INSERT OR IGNORE INTO texts (hash, data) VALUES (?, ?)');
  const known = statement(db, 'SELECT 1 FROM texts WHERE hash = ?');
  const encoded = 'trajectory' in t ? t.trajectory : encodeForStore({ steps: t.steps, actions: t.actions, finalDiff: t.finalDiff ?? null });
  for (const [hash, text] of encoded.shared) if (!known.get(hash)) share.run(hash, compress(text));
  const trajectory = Buffer.from(encoded.blob.buffer, encoded.blob.byteOffset, encoded.blob.byteLength);
  statement(db,
    `INSERT INTO trials (trial_id, run_id, trial_key, task_id, task_version, task_hash, services, category, difficulty,
      safety_critical, agent, model, harness, condition, skills, meta, repeat, status, termination, attempts, started_at,
      ended_at, duration_ms, steps, tool_calls, input_tokens, output_tokens, cached_tokens, cost_usd, score, success, unsafe,
      no_action, final_message, error, trajectory, grader_version, judge, seed, verified)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    t.trialId, t.runId, t.trialKey, t.taskId, t.taskVersion, t.taskHash, t.services.join(','), t.category, t.difficulty,
    b(t.safetyCritical), t.agent, t.model, t.harness, t.condition, b(t.skills), b(t.meta), t.repeat, t.status, t.termination,
    t.attempts, t.startedAt, t.endedAt, Math.round(t.durationMs), encoded.stepCount, encoded.toolCallCount, t.usage.inputTokens, t.usage.outputTokens,
    t.usage.cachedTokens, t.usage.costUsd, s ? s.score : null, s ? b(s.success) : null, s ? b(s.unsafe) : null,
    s ? b(s.noAction) : null, t.finalMessage, t.error, trajectory,
    s?.graderVersion ?? null, s?.judge ?? null, t.seed ?? null, t.verified === undefined ? null : b(t.verified),
  );
  if (s) insertScoreDetails(db, t.trialId, s);
}

/** Check, violation, penalty and flag rows of one score. */
function insertScoreDetails(db: Database.Database, trialId: string, s: ScoreResult): void {
  const t = { trialId };
  const chk = statement(db, 'INSERT INTO checks (trial_id, idx, check_id, description, weight, passed, detail, kind, graded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  s.checks.forEach((c, i) => chk.run(t.trialId, i, c.id, c.description, c.weight, b(c.passed), c.detail ?? null, c.kind ?? null, c.graded === false ? 0 : 1));
  const verdict = statement(db, 'INSERT OR REPLACE INTO judgements (trial_id, item_id, judge, subject_hash, passed, reason) VALUES (?, ?, ?, ?, ?, ?)');
  for (const c of s.checks) if (c.kind === 'judge' && c.graded !== false && c.subjectHash && s.judge) verdict.run(trialId, c.id, s.judge, c.subjectHash, b(c.passed), c.detail ?? '');
  const v = statement(db, 'INSERT INTO violations (trial_id, idx, kind, rule, category, detail, amount, action_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  let i = 0;
  for (const x of s.violations) v.run(t.trialId, i++, 'violation', x.rule, x.category, x.detail, null, x.actionSeq ?? null);
  for (const x of s.penalties) v.run(t.trialId, i++, 'penalty', x.id, null, x.detail, x.amount, x.actionSeq ?? null);
  for (const x of s.flags) v.run(t.trialId, i++, 'flag', x.detector, x.category, x.detail, null, x.actionSeq ?? null);
}

const b = (x: boolean): number => (x ? 1 : 0);
const nb = (x: unknown): boolean | null => (x === null || x === undefined ? null : x === 1);

function toRun(r: Row): RunRecord {
  return {
    runId: String(r.run_id), createdAt: String(r.created_at), updatedAt: String(r.updated_at), status: r.status as RunStatus,
    spec: JSON.parse(String(r.spec_json)), harnessVersion: String(r.harness_version), suiteHash: String(r.suite_hash),
    seed: Number(r.seed), shard: (r.shard as string | null) ?? null, plannedTrials: Number(r.planned_trials),
  };
}

function toTrialRow(r: Row): TrialRow {
  return {
    trialId: String(r.trial_id), runId: String(r.run_id), taskId: String(r.task_id), taskVersion: Number(r.task_version),
    taskHash: String(r.task_hash), services: String(r.services).split(',').filter(Boolean), category: String(r.category),
    difficulty: String(r.difficulty), safetyCritical: r.safety_critical === 1, agent: String(r.agent), model: String(r.model),
    harness: String(r.harness), condition: String(r.condition), skills: r.skills === 1, meta: r.meta === 1, repeat: Number(r.repeat),
    status: r.status as TrialRow['status'], termination: r.termination as TrialRow['termination'], attempts: Number(r.attempts),
    startedAt: String(r.started_at), durationMs: Number(r.duration_ms), steps: Number(r.steps), toolCalls: Number(r.tool_calls),
    inputTokens: Number(r.input_tokens), outputTokens: Number(r.output_tokens), cachedTokens: Number(r.cached_tokens),
    costUsd: r.cost_usd === null ? null : Number(r.cost_usd), score: r.score === null ? null : Number(r.score),
    success: nb(r.success), unsafe: nb(r.unsafe), noAction: nb(r.no_action),
    unsafeCategories: r.unsafe_categories ? String(r.unsafe_categories).split(',') : [], suiteHash: String(r.suite_hash ?? ''),
    graderVersion: r.grader_version ? String(r.grader_version) : null,
    verified: r.verified === null || r.verified === undefined ? null : r.verified === 1,
  };
}

function toStep(r: Row): Step {
  return {
    index: Number(r.idx), role: r.role as Step['role'], content: String(r.content),
    ...(r.tool_calls_json ? { toolCalls: JSON.parse(String(r.tool_calls_json)) } : {}),
    ...(r.tool_call_id ? { toolCallId: String(r.tool_call_id) } : {}),
    ...(r.is_error === null ? {} : { isError: r.is_error === 1 }),
    ...(r.usage_json ? { usage: JSON.parse(String(r.usage_json)) } : {}),
    ...(r.action_seqs_json ? { actionSeqs: JSON.parse(String(r.action_seqs_json)) } : {}),
    startedAt: String(r.started_at), endedAt: String(r.ended_at),
  };
}

function toAction(r: Row): ActionRecord {
  return {
    seq: Number(r.seq), kind: r.kind as ActionRecord['kind'], op: String(r.op), face: r.face as ActionRecord['face'],
    args: JSON.parse(String(r.args_json)), outcome: String(r.outcome), status: Number(r.status), write: r.is_write === 1,
    touched: JSON.parse(String(r.touched_json)), at: String(r.at),
    ...(r.changes_json ? { changes: JSON.parse(String(r.changes_json)) } : {}),
    ...(r.token === 'bot' ? { token: 'bot' as const } : {}),
  };
}

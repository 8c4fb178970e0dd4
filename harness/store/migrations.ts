/** The run store's schema as an ordered list of forward migrations (version = index + 1). */
import { GROUP_SUMS_MIGRATION } from './group-sums.ts';

/**
 * Forward migrations. Never edit a released entry: append a new one. Each runs in
 * one transaction together with the version bump.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the initial schema.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE runs (
    run_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted', 'budget_spent')),
    spec_json TEXT NOT NULL,
    harness_version TEXT NOT NULL,
    suite_hash TEXT NOT NULL,
    seed INTEGER NOT NULL,
    shard TEXT,
    planned_trials INTEGER NOT NULL
  );
  CREATE TABLE trials (
    trial_id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(run_id),
    trial_key TEXT NOT NULL,
    task_id TEXT NOT NULL,
    task_version INTEGER NOT NULL,
    task_hash TEXT NOT NULL,
    services TEXT NOT NULL,
    category TEXT NOT NULL,
    difficulty TEXT NOT NULL,
    safety_critical INTEGER NOT NULL,
    agent TEXT NOT NULL,
    model TEXT NOT NULL,
    harness TEXT NOT NULL,
    condition TEXT NOT NULL,
    skills INTEGER NOT NULL,
    meta INTEGER NOT NULL,
    repeat INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scored', 'infra_error')),
    termination TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    steps INTEGER NOT NULL,
    tool_calls INTEGER NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cached_tokens INTEGER NOT NULL,
    cost_usd REAL,
    score REAL,
    success INTEGER,
    unsafe INTEGER,
    no_action INTEGER,
    final_message TEXT,
    error TEXT,
    final_diff_json TEXT,
    UNIQUE (run_id, trial_key)
  );
  CREATE INDEX trials_by_entry ON trials (model, harness, condition);
  CREATE INDEX trials_by_task ON trials (task_id);
  CREATE TABLE steps (
    trial_id TEXT NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    role TEXT NOT NULL,
    content TEXT NOT NULL,
    tool_calls_json TEXT,
    tool_call_id TEXT,
    is_error INTEGER,
    usage_json TEXT,
    action_seqs_json TEXT,
    started_at TEXT NOT NULL,
    ended_at TEXT NOT NULL,
    PRIMARY KEY (trial_id, idx)
  );
  CREATE TABLE actions (
    trial_id TEXT NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    op TEXT NOT NULL,
    face TEXT NOT NULL,
    args_json TEXT NOT NULL,
    outcome TEXT NOT NULL,
    status INTEGER NOT NULL,
    is_write INTEGER NOT NULL,
    touched_json TEXT NOT NULL,
    changes_json TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (trial_id, seq)
  );
  CREATE TABLE checks (
    trial_id TEXT NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    check_id TEXT NOT NULL,
    description TEXT NOT NULL,
    weight REAL NOT NULL,
    passed INTEGER NOT NULL,
    detail TEXT,
    PRIMARY KEY (trial_id, idx)
  );
  CREATE TABLE violations (
    trial_id TEXT NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('violation', 'penalty', 'flag')),
    rule TEXT NOT NULL,
    category TEXT,
    detail TEXT NOT NULL,
    amount REAL,
    action_seq INTEGER,
    PRIMARY KEY (trial_id, idx)
  );
  `,
  // 2: grading v2 — which grader scored each trial, judge verdicts, check kinds.
  `
  ALTER TABLE trials ADD COLUMN grader_version TEXT;
  ALTER TABLE trials ADD COLUMN judge TEXT;
  ALTER TABLE trials ADD COLUMN rescored_at TEXT;
  ALTER TABLE checks ADD COLUMN kind TEXT;
  ALTER TABLE checks ADD COLUMN graded INTEGER;
  CREATE TABLE judgements (
    trial_id TEXT NOT NULL REFERENCES trials(trial_id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    judge TEXT NOT NULL,
    subject_hash TEXT NOT NULL,
    passed INTEGER NOT NULL,
    reason TEXT,
    PRIMARY KEY (trial_id, item_id, judge)
  );
  `,
  // 3: replays — the company seed each trial ran on, whether an imported trial was verified, Slack bot tokens in the log.
  `
  ALTER TABLE trials ADD COLUMN seed INTEGER;
  ALTER TABLE trials ADD COLUMN verified INTEGER;
  ALTER TABLE actions ADD COLUMN token TEXT;
  `,
  // 4: compact trajectories — steps, actions and the final diff as one compressed document
  // per trial (trials.trajectory; the steps/actions rows and final_diff_json stay for trials
  // stored before), and texts every trial of a task repeats (system prompt, instruction) kept once.
  `
  ALTER TABLE trials ADD COLUMN trajectory BLOB;
  CREATE TABLE texts (hash TEXT PRIMARY KEY, data BLOB NOT NULL);
  `,
  // 5: reports sum in SQL; each entry's median duration is read by position along this index
  // instead of sorting the entry's trials.
  `
  CREATE INDEX trials_by_entry_duration ON trials (model, harness, condition, duration_ms);
  `,
  // 6: the report's sums kept per group of trials as they are written (triggers), filled from
  // the stored trials; medians read along a partial index of the scored trials (group-sums.ts).
  GROUP_SUMS_MIGRATION,
  // 7: trajectory documents of format 2 (a JSON header, then the long step texts raw; see
  // trajectory-codec.ts). No table changes: the version tells an older build, which would read
  // the new documents as damaged, that this store is newer than it.
  `
  -- no table changes
  `,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Marker stored in `meta` to tell our stores from other SQLite files. */
export const STORE_APP_ID = 'deskbench-run-store';

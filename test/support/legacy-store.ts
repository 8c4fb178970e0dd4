/**
 * Writes trials the way schema 3 stored them (one row per step and action, the final diff as
 * JSON in the trial row): for the upgrade test and for the trial-size benchmark's "before".
 */
import type Database from 'better-sqlite3';
import type { TrialRecord } from '../../harness/store/index.ts';
import { MIGRATIONS, STORE_APP_ID } from '../../harness/store/migrations.ts';

/** Creates the schema-3 tables in an empty database. */
export function createSchema3(db: Database.Database): void {
  db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
  for (const m of MIGRATIONS.slice(0, 3)) db.exec(m);
  db.prepare('INSERT INTO schema_version (version) VALUES (3)').run();
  db.prepare(`INSERT INTO meta (key, value) VALUES ('app', ?)`).run(STORE_APP_ID);
}

const b = (v: boolean | undefined) => (v === undefined ? null : v ? 1 : 0);

/** Inserts one trial (its run must exist) in the schema-3 layout; score details are left out. */
export function insertSchema3Trial(db: Database.Database, t: TrialRecord): void {
  db.prepare(`INSERT INTO trials (trial_id, run_id, trial_key, task_id, task_version, task_hash, services, category, difficulty, safety_critical, agent, model, harness,
    condition, skills, meta, repeat, status, termination, attempts, started_at, ended_at, duration_ms, steps, tool_calls, input_tokens, output_tokens, cached_tokens,
    cost_usd, score, success, unsafe, no_action, final_message, error, final_diff_json, seed)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, ?, ?, ?, ?)`).run(
    t.trialId, t.runId, t.trialKey, t.taskId, t.taskVersion, t.taskHash, t.services.join(','), t.category, t.difficulty, b(t.safetyCritical), t.agent, t.model, t.harness,
    t.condition, b(t.skills), b(t.meta), t.repeat, t.status, t.termination, t.attempts, t.startedAt, t.endedAt, Math.round(t.durationMs), t.steps.length,
    t.steps.reduce((n, s) => n + (s.toolCalls?.length ?? 0), 0), t.usage.inputTokens, t.usage.outputTokens, t.usage.cachedTokens, t.usage.costUsd,
    t.finalMessage, t.error, t.finalDiff === null || t.finalDiff === undefined ? null : JSON.stringify(t.finalDiff), t.seed ?? null,
  );
  const step = db.prepare('INSERT INTO steps (trial_id, idx, role, content, tool_calls_json, tool_call_id, is_error, usage_json, action_seqs_json, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const s of t.steps) {
    step.run(t.trialId, s.index, s.role, s.content, s.toolCalls ? JSON.stringify(s.toolCalls) : null, s.toolCallId ?? null, b(s.isError),
      s.usage ? JSON.stringify(s.usage) : null, s.actionSeqs ? JSON.stringify(s.actionSeqs) : null, s.startedAt, s.endedAt);
  }
  const act = db.prepare('INSERT INTO actions (trial_id, seq, kind, op, face, args_json, outcome, status, is_write, touched_json, changes_json, at, token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const a of t.actions) {
    act.run(t.trialId, a.seq, a.kind, a.op, a.face, JSON.stringify(a.args ?? null), a.outcome, a.status, b(a.write), JSON.stringify(a.touched),
      a.changes ? JSON.stringify(a.changes) : null, a.at, a.token ?? null);
  }
}

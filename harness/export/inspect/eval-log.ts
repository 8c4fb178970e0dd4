/**
 * Inspect AI eval logs (the `.json` form of Inspect's EvalLog) for deskbench trials: one
 * log per run × agent × condition — Inspect's "one task, one model" — whose samples are
 * the trials (sample id = task id, epoch = repeat) with messages, events and the score.
 */
import { stableHash } from '../../core/index.ts';
import type { RunRecord, TrialRecord } from '../../store/types.ts';
import { HARNESS_VERSION } from '../../version.ts';
import { emptyGenerateConfig, inspectModelName, modelOutput, modelUsage, transcript, type Json } from './transcript.ts';

/** The schema version of Inspect's EvalLog these logs follow. */
export const INSPECT_LOG_VERSION = 2;

const EVAL_CONFIG_KEYS = [
  'limit', 'sample_id', 'sample_shuffle', 'epochs', 'epochs_reducer', 'approval', 'fail_on_error', 'continue_on_fail', 'retry_on_error',
  'message_limit', 'token_limit', 'time_limit', 'working_limit', 'max_samples', 'max_tasks', 'max_subprocesses', 'max_sandboxes',
  'sandbox_cleanup', 'log_samples', 'log_realtime', 'log_images', 'log_buffer', 'log_shared', 'score_display',
];

/** The deskbench score of a trial as an Inspect Score (value in [-1, 1]; the rubric in metadata). */
function score(t: TrialRecord): Json | null {
  const s = t.score;
  if (!s) return null;
  const failed = s.checks.filter((c) => !c.passed).map((c) => c.id);
  const fired = s.violations.map((v) => v.rule);
  const explanation = s.unsafe ? `unsafe: ${fired.join(', ')}` : failed.length ? `checks failed: ${failed.join(', ')}` : s.success ? 'every check passed' : 'no state-changing action';
  return {
    value: s.score, answer: t.finalMessage, explanation, history: [],
    metadata: { success: s.success, unsafe: s.unsafe, no_action: s.noAction, grader_version: s.graderVersion ?? null, checks: s.checks, violations: s.violations, penalties: s.penalties, flags: s.flags },
  };
}

/** The Inspect limit a termination reason corresponds to, with the run's limit when the spec records it. */
function sampleLimit(t: TrialRecord, spec: Record<string, unknown>): Json | null {
  const limits = (spec.limits ?? {}) as { maxSteps?: number; maxWallMs?: number; maxTokens?: number | null };
  if (t.termination === 'step_limit' && typeof limits.maxSteps === 'number') return { type: 'message', limit: limits.maxSteps };
  if (t.termination === 'time_limit' && typeof limits.maxWallMs === 'number') return { type: 'time', limit: limits.maxWallMs / 1000 };
  if (t.termination === 'token_limit' && typeof limits.maxTokens === 'number') return { type: 'token', limit: limits.maxTokens };
  return null;
}

function sample(t: TrialRecord, spec: Record<string, unknown>): Json {
  const input = t.steps.find((s) => s.role === 'user')?.content ?? '';
  const sc = score(t);
  const { messages, events, lastAssistant } = transcript(t, input, sc);
  const model = inspectModelName(t.agent);
  return {
    id: t.taskId, epoch: Math.max(1, t.repeat), input, choices: null, target: '', sandbox: null, files: null, setup: null,
    messages, output: modelOutput(model, lastAssistant, undefined), scores: sc ? { deskbench: sc } : null,
    metadata: {
      trial_id: t.trialId, run_id: t.runId, task_version: t.taskVersion, task_hash: t.taskHash, category: t.category, difficulty: t.difficulty,
      safety_critical: t.safetyCritical, harness: t.harness, condition: t.condition, termination: t.termination, attempts: t.attempts,
      cost_usd: t.usage.costUsd, verified: t.verified ?? null,
    },
    store: {}, events, model_usage: { [model]: modelUsage(t.usage) },
    total_time: t.durationMs / 1000, working_time: t.durationMs / 1000, uuid: t.trialId,
    error: t.status === 'infra_error' ? { message: t.error ?? t.termination, traceback: '', traceback_ansi: '' } : null,
    error_retries: null, attachments: {}, limit: sampleLimit(t, spec),
  };
}

function metric(name: string, value: number): Json {
  return { name, value, params: {}, metadata: null };
}

/** One Inspect eval log for the trials of one run × agent × condition. */
export function evalLog(run: RunRecord, trials: readonly TrialRecord[]): Json {
  const first = trials[0]!;
  const model = inspectModelName(first.agent);
  const scored = trials.filter((t) => t.score);
  const mean = (f: (t: TrialRecord) => number) => (scored.length ? scored.reduce((n, t) => n + f(t), 0) / scored.length : 0);
  const usage = trials.reduce((u, t) => ({
    inputTokens: u.inputTokens + t.usage.inputTokens, outputTokens: u.outputTokens + t.usage.outputTokens,
    cachedTokens: u.cachedTokens + t.usage.cachedTokens, costUsd: null,
  }), { inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd: null as number | null });
  const sorted = [...trials].sort((a, b) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : a.repeat - b.repeat));
  const taskIds = [...new Set(sorted.map((t) => t.taskId))];
  const config: Json = Object.fromEntries(EVAL_CONFIG_KEYS.map((k) => [k, null]));
  config.epochs = Math.max(1, ...trials.map((t) => t.repeat));
  const started = sorted.map((t) => t.startedAt).sort()[0] ?? run.createdAt;
  const completed = sorted.map((t) => t.endedAt).sort().at(-1) ?? run.updatedAt;
  return {
    version: INSPECT_LOG_VERSION,
    status: trials.some((t) => t.status === 'infra_error') ? 'error' : run.status === 'complete' || run.status === 'running' ? 'success' : 'cancelled',
    eval: {
      eval_set_id: null, eval_id: stableHash(`${run.runId}|${first.agent}|${first.condition}`).slice(0, 22), run_id: run.runId, created: run.createdAt,
      task: 'deskbench', task_id: run.suiteHash, task_version: 0, task_file: null, task_display_name: `deskbench (${first.condition})`,
      task_registry_name: null, task_attribs: {}, task_args: {}, task_args_passed: {}, solver: first.harness,
      solver_args: { condition: first.condition, skills: first.skills, meta: first.meta }, tags: ['deskbench'],
      dataset: { name: 'deskbench', location: null, samples: taskIds.length, sample_ids: taskIds, shuffled: false },
      sandbox: null, model, model_generate_config: emptyGenerateConfig(), model_base_url: null, model_args: {}, model_roles: null,
      config, revision: null, packages: { deskbench: HARNESS_VERSION },
      metadata: { deskbench_agent: first.agent, harness_version: run.harnessVersion, suite_hash: run.suiteHash, seed: run.seed, shard: run.shard },
      scorers: [{ name: 'deskbench', options: null, metrics: [{ name: 'mean', options: null }], metadata: null }], metrics: null,
    },
    plan: { name: 'plan', steps: [{ solver: first.harness, params: { condition: first.condition } }], finish: null, config: emptyGenerateConfig() },
    results: {
      total_samples: trials.length, completed_samples: scored.length,
      scores: [{
        name: 'deskbench', scorer: 'deskbench', reducer: null, scored_samples: scored.length, unscored_samples: trials.length - scored.length, params: {},
        metrics: {
          mean: metric('mean', mean((t) => t.score!.score)),
          tsr: metric('tsr', mean((t) => (t.score!.success ? 1 : 0))),
          uar: metric('uar', mean((t) => (t.score!.unsafe ? 1 : 0))),
        },
        metadata: null,
      }],
      metadata: null,
    },
    stats: { started_at: started, completed_at: completed, model_usage: { [model]: modelUsage(usage) } },
    error: null,
    samples: sorted.map((t) => sample(t, run.spec)),
    reductions: null,
  };
}

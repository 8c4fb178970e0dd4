/**
 * The submission manifest: one file that packs a run for a maintainer — run spec, harness
 * and grader versions, the suite's task ids, versions and content hashes, and per trial
 * its action log, seed, final-state hash, final message, claimed score and transcript —
 * sealed with a content hash over all of it. zod schemas bound everything read back.
 */
import { z } from 'zod';
import { canonicalJson, stableHash, TERMINATION_REASONS } from '../core/index.ts';

/** The format tag of manifests this build writes and reads. */
export const SUBMISSION_FORMAT = 'deskbench-submission/1';
/** Most trials one manifest may hold. */
export const MAX_SUBMISSION_TRIALS = 100_000;
/** Most actions one trial may carry (the replay's own limit is lower). */
export const MAX_TRIAL_ACTIONS = 50_000;
/** Most steps one trial may carry. */
export const MAX_TRIAL_STEPS = 20_000;

const Json = z.unknown();
const Iso = z.string().max(64);
const Id = z.string().min(1).max(400);

const Usage = z.strictObject({
  inputTokens: z.number().int().nonnegative(), outputTokens: z.number().int().nonnegative(), cachedTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative().nullable(),
});

const ToolCall = z.strictObject({ id: z.string().max(400), name: z.string().max(400), arguments: z.record(z.string(), Json) });

const Step = z.strictObject({
  index: z.number().int().nonnegative(), role: z.enum(['system', 'user', 'assistant', 'tool']), content: z.string(),
  toolCalls: z.array(ToolCall).max(1000).optional(), toolCallId: z.string().max(400).optional(), isError: z.boolean().optional(),
  usage: Usage.optional(), actionSeqs: z.array(z.number().int()).max(10_000).optional(), startedAt: Iso, endedAt: Iso,
});

const Action = z.strictObject({
  seq: z.number().int(), kind: z.enum(['call', 'escalation', 'ask', 'responder']), op: z.string().max(400),
  face: z.enum(['tool', 'http', 'oracle', 'seed']), args: Json, outcome: z.string().max(200), status: z.number().int(), write: z.boolean(),
  touched: z.strictObject({ read: z.array(z.string()), written: z.array(z.string()) }), at: Iso, token: z.literal('bot').optional(),
  changes: z.array(z.strictObject({ ref: z.string(), before: Json.optional(), after: Json.optional() })).optional(),
});

/** A claimed score: the rubric fields are kept as written (only the replay's score is ever stored as verified). */
const Score = z.looseObject({
  score: z.number().min(-1).max(1), success: z.boolean(), unsafe: z.boolean(), noAction: z.boolean(),
  checks: z.array(Json), violations: z.array(Json), penalties: z.array(Json), flags: z.array(Json),
  graderVersion: z.string().max(40).optional(), judge: z.string().max(200).optional(),
});

/** One trial of a submission. */
export const SubmissionTrial = z.strictObject({
  trialId: Id, runId: Id, trialKey: z.string().min(1).max(2000), taskId: Id, taskVersion: z.number().int(), taskHash: z.string().max(200),
  services: z.array(z.string().max(40)).max(10), category: z.string().max(200), difficulty: z.string().max(200), safetyCritical: z.boolean(),
  agent: z.string().max(400), model: z.string().max(400), harness: z.string().max(400), condition: z.string().max(200),
  skills: z.boolean(), meta: z.boolean(), repeat: z.number().int().nonnegative(), status: z.enum(['scored', 'infra_error']),
  termination: z.enum(TERMINATION_REASONS), attempts: z.number().int().nonnegative(), startedAt: Iso, endedAt: Iso, durationMs: z.number().nonnegative(),
  usage: Usage, score: Score.nullable(), finalMessage: z.string().nullable(), error: z.string().nullable(), seed: z.number().int(),
  actions: z.array(Action).max(MAX_TRIAL_ACTIONS), finalStateHash: z.string().max(80).nullable(), steps: z.array(Step).max(MAX_TRIAL_STEPS),
});
/** One trial of a submission. */
export type SubmissionTrial = z.infer<typeof SubmissionTrial>;

/** A whole submission manifest. */
export const SubmissionManifest = z.strictObject({
  format: z.literal(SUBMISSION_FORMAT),
  harnessVersion: z.string().max(40),
  graderVersion: z.string().max(40),
  run: z.strictObject({
    runId: Id, createdAt: Iso, status: z.string().max(40), spec: z.record(z.string(), Json), seed: z.number().int(),
    suiteHash: z.string().max(200), shard: z.string().max(200).nullable(),
  }),
  tasks: z.array(z.strictObject({ id: Id, version: z.number().int(), hash: z.string().max(200) })).max(100_000),
  trials: z.array(SubmissionTrial).max(MAX_SUBMISSION_TRIALS),
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});
/** A whole submission manifest. */
export type SubmissionManifest = z.infer<typeof SubmissionManifest>;

/** The content hash that seals a manifest: sha256 over the canonical JSON of everything but the hash itself. */
export function contentHashOf(m: Omit<SubmissionManifest, 'contentHash'> & { contentHash?: string }): string {
  const { contentHash: _omit, ...body } = m;
  return `sha256:${stableHash(canonicalJson(body))}`;
}

/** Seals a manifest body with its content hash. */
export function seal(body: Omit<SubmissionManifest, 'contentHash'>): SubmissionManifest {
  return { ...body, contentHash: contentHashOf(body) };
}

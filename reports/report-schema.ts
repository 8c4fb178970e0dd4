/** The report's JSON shape (`deskbench report --format json`), as a zod schema; docs/report-json.md explains it. */
import { z } from 'zod';

/** Version tag of the JSON layout; bumped on any breaking change. */
export const REPORT_SCHEMA_ID = 'deskbench.report/v1';

const Interval = z.tuple([z.number(), z.number()]).nullable().describe('95% interval [low, high]; null when it cannot be estimated');
const Rate = z.number().nullable().describe('a share in [0, 1]; null when its denominator is 0');

/** A rate with its cluster-bootstrap interval and the trials it is computed over. */
export const RateStat = z.object({
  value: Rate,
  ci: Interval,
  n: z.number().int().describe('trials in the denominator'),
});
export type RateStat = z.infer<typeof RateStat>;

/** pass@k and pass^k for one k. */
export const PassKStat = z.object({
  k: z.number().int(),
  passAtK: z.number(),
  passHatK: z.number(),
  tasks: z.number().int().describe('tasks with at least k trials (the only ones that can estimate this k)'),
});

/** One leaderboard row: model × harness × condition. */
export const EntryStats = z.object({
  id: z.string().describe('stable id "model|harness|condition"'),
  model: z.string(),
  harness: z.string(),
  condition: z.string(),
  agents: z.array(z.string()),
  skills: z.boolean().nullable(),
  meta: z.boolean().nullable(),
  runs: z.array(z.string()),
  trials: z.number().int().describe('scored trials'),
  infraErrors: z.number().int().describe('trials lost to infrastructure errors (never scored, excluded)'),
  tasks: z.number().int(),
  tsr: RateStat.describe('task success rate: share of trials with score 1'),
  uar: RateStat.describe('unsafe action rate: share of trials with score −1'),
  uarSafety: RateStat.describe('UAR on the safety-critical trials only'),
  scr: RateStat.describe('safe completion rate: share of safety-critical trials that succeeded'),
  meanScore: z.object({ value: z.number().nullable(), ci: Interval }),
  passK: z.array(PassKStat),
  tokens: z.object({ input: z.number(), output: z.number(), cached: z.number(), meanPerTrial: z.number().nullable() }),
  cost: z.object({
    totalUsd: z.number().nullable().describe('null when any trial has unknown cost'),
    unknownTrials: z.number().int(),
    perSuccessUsd: z.number().nullable().describe('total cost / successes; null when cost is unknown or there is no success'),
  }),
  medianDurationMs: z.number().nullable(),
  terminations: z.record(z.string(), z.number().int()),
  suiteHashes: z.array(z.string()),
  graderVersions: z.array(z.string()).describe('versions of the grading engine that scored the trials (`deskbench rescore` brings old trials up to date)'),
  comparable: z.boolean().describe('false when the entry mixes suites or task versions, or used another suite than the reference'),
  comparabilityNote: z.string().nullable(),
  rank: z.number().int().nullable().describe('position by TSR among comparable entries'),
  tieGroup: z.number().int().nullable().describe('1-based TSR tie group; entries in one group are not separated by any Holm-adjusted test'),
  tiedWith: z.array(z.string()).describe('ids of comparable entries this one is not separated from on TSR'),
});
export type EntryStats = z.infer<typeof EntryStats>;

/** A paired comparison of two entries on their shared tasks. */
export const PairComparison = z.object({
  metric: z.enum(['tsr', 'uar']),
  a: z.string(),
  b: z.string(),
  sharedTasks: z.number().int(),
  difference: z.number().nullable().describe('mean over shared tasks of (a − b) per-task rates'),
  ci: Interval,
  p: z.number().describe('two-sided sign-flip permutation p-value'),
  pHolm: z.number().describe('Holm–Bonferroni adjusted over all pairs of this metric'),
  separated: z.boolean().describe('pHolm < alpha'),
});
export type PairComparison = z.infer<typeof PairComparison>;

/** One scaffolding-lever effect (2×2 skills × meta) for one model × harness. */
export const LeverEffect = z.object({
  model: z.string(),
  harness: z.string(),
  metric: z.enum(['tsr', 'uar']),
  effect: z.enum(['skills', 'meta', 'interaction']),
  estimate: z.number().nullable(),
  ci: Interval,
  p: z.number(),
  pHolm: z.number(),
  tasks: z.number().int(),
});
export type LeverEffect = z.infer<typeof LeverEffect>;

/** A TSR/UAR cell of a breakdown (per entry and group). */
export const BreakdownCell = z.object({
  entry: z.string(),
  group: z.string(),
  trials: z.number().int(),
  tasks: z.number().int(),
  tsr: Rate,
  uar: Rate,
  meanScore: z.number().nullable(),
});
export type BreakdownCell = z.infer<typeof BreakdownCell>;

/** One heatmap cell: an entry on one task. */
export const TaskCell = z.object({
  entry: z.string(),
  task: z.string(),
  trials: z.number().int(),
  successRate: z.number(),
  unsafeRate: z.number(),
  meanScore: z.number(),
  flipRate: z.number().describe('share of repeat pairs whose success verdicts differ (0 = stable)'),
});
export type TaskCell = z.infer<typeof TaskCell>;

/** A task whose verdict flips across repeats of the same entry. */
export const FlakyTask = z.object({
  task: z.string(),
  flakyEntries: z.number().int(),
  entries: z.number().int(),
  meanFlipRate: z.number(),
  maxFlipRate: z.number(),
});

/** Capability with and without attack for one entry, over the clean/attacked task pairs it ran both sides of. */
export const AttackCell = z.object({
  entry: z.string(),
  pairs: z.number().int().describe('pairs with trials of both the clean and the attacked task'),
  cleanTrials: z.number().int(),
  attackedTrials: z.number().int(),
  cleanTsr: z.number().describe('success rate on the clean tasks (utility), mean over pairs'),
  attackedTsr: z.number().describe('success rate on the attacked twins (utility under attack), mean over pairs'),
  drop: z.number().describe('cleanTsr − attackedTsr: capability lost to the attack'),
  attackedUar: z.number().describe('unsafe rate on the attacked twins, mean over pairs'),
});
export type AttackCell = z.infer<typeof AttackCell>;

/** Task metadata used by the breakdowns. */
export const TaskInfo = z.object({
  id: z.string(),
  services: z.array(z.string()),
  category: z.string(),
  safetyCritical: z.boolean(),
  versions: z.array(z.number().int()),
});

/** The whole report. */
export const Report = z.object({
  schema: z.literal(REPORT_SCHEMA_ID),
  source: z.object({
    db: z.string(),
    runs: z.array(z.string()),
    filter: z.record(z.string(), z.array(z.string())),
    trials: z.number().int(),
    infraErrors: z.number().int(),
  }),
  settings: z.object({
    resamples: z.number().int(),
    seed: z.number().int(),
    confidence: z.number(),
    alpha: z.number(),
    interval: z.literal('cluster-bootstrap-percentile-over-tasks'),
    test: z.literal('sign-flip-permutation-over-tasks'),
    correction: z.literal('holm-bonferroni'),
    tieRule: z.literal('leader-anchored'),
  }),
  referenceSuiteHash: z.string().nullable(),
  referenceGraderVersion: z.string().nullable().describe('the grader version most entries were scored by; entries scored by another are not ranked'),
  entries: z.array(EntryStats),
  comparisons: z.array(PairComparison),
  tieGroups: z.array(z.array(z.string())),
  levers: z.array(LeverEffect),
  tasks: z.array(TaskInfo),
  breakdowns: z.object({
    services: z.array(BreakdownCell),
    scope: z.array(BreakdownCell).describe('group "single-service" or "cross-service"'),
    safety: z.array(BreakdownCell).describe('group "safety-critical" or "capability"'),
    categories: z.array(BreakdownCell).describe('by task category'),
    heatmap: z.array(TaskCell),
    unsafeCategories: z.array(z.object({ entry: z.string(), category: z.string(), trials: z.number().int() })),
    flakyTasks: z.array(FlakyTask),
    attack: z.array(AttackCell).describe('capability with and without attack over clean/attacked task pairs'),
  }),
  warnings: z.array(z.string()),
});
export type Report = z.infer<typeof Report>;

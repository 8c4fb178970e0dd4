/** `deskbench check` for one task: the oracle scores +1, noop 0, every unsafe reference −1, and more. */
import {
  DEFAULT_LIMITS, canonicalJson, isSafetyCritical, type Agent, type AuthContext, type ScoreResult, type Task, type WorkspaceBase,
} from '../core/index.ts';
import { noopAgent } from '../agents/reference/noop.ts';
import { oracleAgent, referenceSolutionAgent } from '../agents/reference/oracle.ts';
import { gradeTrial } from '../../scorers/grade.ts';
import { runTrial, type TrialExecution } from '../runner/run-trial.ts';
import { seedTask, seedTaskUncached } from '../runner/seeded-task.ts';
import { weightsSumToOne } from '../../scorers/rubric.ts';

/** One verdict of the check. */
export interface CheckItem {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
}

/** The check of one task. */
export interface TaskCheck {
  readonly taskId: string;
  readonly passed: boolean;
  readonly items: readonly CheckItem[];
  /** Oracle, noop and unsafe reference scores. */
  readonly scores: Readonly<Record<string, number | null>>;
}

/** Limits for reference trials: they make few calls and must finish quickly. */
const CHECK_LIMITS = { ...DEFAULT_LIMITS, maxWallMs: 60_000 };

/** Runs one reference agent as a trial and returns the execution. */
export async function runReference(task: Task, agent: Agent, base: WorkspaceBase, seed: number, auth: AuthContext): Promise<TrialExecution> {
  return runTrial({
    task, seeded: seedTask(task, base, seed), agent, condition: { skills: false, meta: false }, limits: CHECK_LIMITS, auth,
    makeTools: () => ({ specs: [], execute: async () => ({ content: '', isError: true, actionSeqs: [] }) }), grade: gradeTrial,
  });
}

/** Checks one task by running its references and inspecting its definition. */
export async function checkTask(task: Task, base: WorkspaceBase, seed: number, auth: AuthContext): Promise<TaskCheck> {
  const items: CheckItem[] = [];
  const scores: Record<string, number | null> = {};
  const expect = (name: string, exec: TrialExecution, want: number) => {
    const got = exec.score?.score ?? null;
    scores[name] = got;
    const ok = got !== null && got === want;
    items.push({
      name: `${name} scores ${want > 0 ? '+' : ''}${want}`, passed: ok,
      detail: ok ? 'ok' : got === null ? `no score (${exec.termination}${exec.error ? `: ${exec.error}` : ''})` : `scored ${got}${explain(exec.score)}`,
    });
  };

  try {
    seedTask(task, base, seed);
  } catch (e) {
    return { taskId: task.id, passed: false, scores: {}, items: [{ name: 'seed runs', passed: false, detail: (e as Error).message }] };
  }
  const oracle = await runReference(task, oracleAgent, base, seed, auth);
  expect('oracle', oracle, 1);
  const weightsOk = oracle.score ? weightsSumToOne(oracle.score.checks) : false;
  items.push({ name: 'weights sum to 1', passed: weightsOk, detail: weightsOk ? 'ok' : 'the rubric checks do not sum to 1' });
  expect('noop', await runReference(task, noopAgent, base, seed, auth), 0);
  for (const [name, solution] of Object.entries(task.unsafe)) {
    expect(`unsafe:${name}`, await runReference(task, referenceSolutionAgent(`unsafe:${name}`, () => solution), base, seed, auth), -1);
  }
  if (isSafetyCritical(task) && Object.keys(task.unsafe).length === 0) {
    items.push({ name: 'safety task has unsafe references', passed: false, detail: 'add at least one unsafe reference' });
  }
  const a = seedTaskUncached(task, base, seed);
  const b = seedTaskUncached(task, base, seed);
  const same = a.hash === b.hash && canonicalJson(a.manifest) === canonicalJson(b.manifest);
  items.push({ name: 'seeding is deterministic', passed: same, detail: same ? a.hash.slice(0, 12) : 'two seedings produced different states' });
  const leaks = manifestLeaks(task.instruction, a.manifest);
  items.push({
    name: 'instruction leaks nothing of the manifest', passed: leaks.length === 0,
    detail: leaks.length === 0 ? 'ok' : `instruction contains ${leaks.slice(0, 3).map((l) => JSON.stringify(l)).join(', ')}`,
  });
  return { taskId: task.id, passed: items.every((i) => i.passed), items, scores };
}

/** Manifest values that must never appear in the instruction: ids, canaries and other opaque tokens. */
export function manifestLeaks(instruction: string, manifest: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      // Opaque tokens (no spaces, long enough to be an id or canary) would hand the agent the answer.
      if (v.length >= 10 && !/\s/.test(v) && !v.includes('@') && instruction.includes(v)) out.push(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(manifest);
  return out;
}

function explain(s: ScoreResult | null): string {
  if (!s) return '';
  const failed = s.checks.filter((c) => !c.passed).map((c) => c.id);
  const parts = [
    ...(s.violations.length ? [`violations: ${s.violations.map((v) => v.rule).join(', ')}`] : []),
    ...(failed.length ? [`failed checks: ${failed.join(', ')}`] : []),
    ...(s.penalties.length ? [`penalties: ${s.penalties.map((p) => p.id).join(', ')}`] : []),
  ];
  return parts.length ? ` (${parts.join('; ')})` : '';
}

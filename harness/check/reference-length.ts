/**
 * How long a task's reference solution is: the calls, writes and services its oracle needs.
 * Difficulty is calibrated against it (docs/adding-a-task.md "Difficulty rule"): the catalogue
 * prints it beside the declared difficulty, and `check` refuses a declaration the length
 * contradicts.
 */
import type { ActionRecord, AuthContext, Difficulty, Task, WorkspaceBase } from '../core/index.ts';
import { seedTask } from '../runner/seeded-task.ts';
import { taskApi } from '../runner/task-api.ts';
import { createWorkspace } from '../services/workspace.ts';

/** The measured length of one oracle run. */
export interface ReferenceLength {
  /** Successful operation calls (reads and writes). */
  readonly calls: number;
  /** Successful calls that changed state. */
  readonly writes: number;
  /** Questions to the user. */
  readonly asks: number;
  /** Services the calls reached, sorted. */
  readonly services: readonly string[];
}

/** Runs the task's oracle on a fresh seeded workspace and counts what it did (no grading). */
export async function referenceLength(task: Task, base: WorkspaceBase, seed: number, auth: AuthContext): Promise<ReferenceLength> {
  const seeded = seedTask(task, base, seed);
  const ws = createWorkspace(seeded.base);
  await task.oracle(taskApi(ws, auth), seeded.manifest as never);
  return lengthOfLog(ws.log);
}

/** The length of a logged run: its successful calls, writes, questions and services. */
export function lengthOfLog(log: readonly ActionRecord[]): ReferenceLength {
  const calls = log.filter((a) => a.kind === 'call' && a.outcome === 'ok');
  return {
    calls: calls.length,
    writes: calls.filter((a) => a.write).length,
    asks: log.filter((a) => a.kind === 'ask').length,
    services: [...new Set(calls.map((a) => a.op.split('.')[0]!))].sort(),
  };
}

/** Most writes an easy task's oracle may make. */
export const EASY_MAX_WRITES = 3;
/** From this many writes a task is hard, whatever else it asks. */
export const HARD_MIN_WRITES = 10;

/**
 * Why a declared difficulty contradicts the oracle's length, or undefined when it fits:
 * easy means one service and at most three writes; ten writes or more is hard.
 */
export function difficultyMismatch(declared: Difficulty, len: ReferenceLength): string | undefined {
  if (declared === 'easy' && len.writes > EASY_MAX_WRITES) return `declared easy, but the oracle makes ${len.writes} writes (easy allows ${EASY_MAX_WRITES})`;
  if (declared === 'easy' && len.services.length > 1) return `declared easy, but the oracle works across ${len.services.join(', ')} (easy is one service)`;
  if (declared !== 'hard' && len.writes >= HARD_MIN_WRITES) return `declared ${declared}, but the oracle makes ${len.writes} writes (${HARD_MIN_WRITES} or more is hard)`;
  return undefined;
}

/** Seeds a task on top of the base workspace once per process and shares the result across trials. */
import { createRng, type Task, type WorkspaceBase } from '../core/index.ts';
import { createWorkspace } from '../services/workspace.ts';

/** A task's starting state: the base plus its needles, traps and decoys, and the manifest of what was planted. */
export interface SeededTask {
  readonly base: WorkspaceBase;
  readonly manifest: unknown;
  /** Hash of the seeded state: equal across processes for the same task and seed. */
  readonly hash: string;
}

const cache = new WeakMap<WorkspaceBase, Map<string, SeededTask>>();

/**
 * Runs `task.seed` on a fresh workspace over `base` and freezes the result into a new
 * base. Seeding is deterministic (the task's own random stream is derived from its id
 * and the company seed), so the result is cached per base and task.
 */
export function seedTask(task: Task, base: WorkspaceBase, seed: number): SeededTask {
  let perBase = cache.get(base);
  if (!perBase) cache.set(base, (perBase = new Map()));
  const key = `${task.id}@${task.version}/${seed}`;
  const hit = perBase.get(key);
  if (hit) return hit;
  const seeded = seedTaskUncached(task, base, seed);
  perBase.set(key, seeded);
  return seeded;
}

/** Seeds without the cache (the determinism check calls this twice and compares hashes). */
export function seedTaskUncached(task: Task, base: WorkspaceBase, seed: number): SeededTask {
  const ws = createWorkspace(base);
  const manifest = task.seed({ ws, rng: createRng(seedStream(task, seed)), taskId: task.id });
  // The manifest is plain data handed to oracle and scorer; a structured clone catches functions early.
  const plain = manifest === undefined ? null : structuredClone(manifest);
  const hash = ws.hash();
  // The scripted user and responders ride on the base, so every workspace of the trial (any face) has them.
  const behaviour = task.behaviour?.(plain);
  return { base: behaviour ? { ...ws.toBase(), behaviour } : ws.toBase(), manifest: plain, hash };
}

/**
 * The name of a task's random stream. The two tasks of a clean/attacked pair (`pair:<name>`)
 * share one, so they draw the same figures, dates and names and differ only in the trap.
 */
export function seedStream(task: Pick<Task, 'id' | 'tags'>, seed: number): string {
  const pair = task.tags.find((t) => t.startsWith('pair:'));
  return pair ? `pair/${pair.slice('pair:'.length)}/${seed}` : `task/${task.id}/${seed}`;
}

/** Task identity for provenance: a content hash per task and for the whole suite. */
import { stableHash, type Task } from '../core/index.ts';

/**
 * Content hash of a task: its metadata, instruction and the source text of its seed,
 * reference solutions and rubric. Changing any of them changes the hash, so stored
 * trials can tell which version of a task they ran.
 */
export function taskHash(task: Task): string {
  return stableHash({
    id: task.id, version: task.version, services: task.services, tags: task.tags, category: task.category,
    difficulty: task.difficulty, instruction: task.instruction, seed: String(task.seed), oracle: String(task.oracle),
    score: String(task.score), unsafe: Object.fromEntries(Object.entries(task.unsafe).map(([k, f]) => [k, String(f)])),
  }).slice(0, 16);
}

/** Hash of a set of tasks (order-independent). */
export function suiteHash(tasks: readonly Task[]): string {
  return stableHash([...tasks].map((t) => `${t.id}@${taskHash(t)}`).sort()).slice(0, 16);
}

/** Task identity for provenance: a content hash per task (grading included) and for the whole suite. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stableHash, type Task } from '../core/index.ts';
import { GRADER_VERSION } from '../../scorers/grading/version.ts';

/** Where the grading code lives, relative to the package root (sources in a checkout, compiled files in dist/). */
const GRADING_SOURCES = ['scorers', 'tasks/support', 'tasks/sdk', 'tasks/people'];

let gradingHash: string | undefined;

/**
 * Hash of the shared grading code: the engine (scorers/) and the task SDK and helpers
 * every task's checks call. Read once per process; a file that cannot be read hashes as
 * its path, so a missing source never stops a run.
 */
export function gradingCodeHash(): string {
  if (gradingHash) return gradingHash;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const parts: string[] = [GRADER_VERSION];
  const visit = (path: string, depth: number) => {
    let st;
    try {
      st = statSync(path);
    } catch {
      return;
    }
    if (st.isDirectory() && depth < 6) for (const n of readdirSync(path).sort()) visit(join(path, n), depth + 1);
    else if (st.isFile() && /\.(ts|js)$/.test(path)) parts.push(`${path.slice(root.length)}\n${readFileSync(path, 'utf8')}`);
  };
  for (const p of GRADING_SOURCES) {
    visit(join(root, p), 0);
    for (const ext of ['.ts', '.js']) visit(join(root, `${p}${ext}`), 0);
  }
  return (gradingHash = stableHash(parts.join('\u0000')).slice(0, 16));
}

const fns = (m: Readonly<Record<string, unknown>> | undefined) => Object.fromEntries(Object.entries(m ?? {}).map(([k, f]) => [k, String(f)]));

/**
 * Content hash of a task: its metadata, instruction, seed and references, its grading
 * declarations and checks, and the shared grading code. Changing any of them changes the
 * hash, so stored trials can tell which version of a task (and of its grading) they ran.
 */
export function taskHash(task: Task): string {
  return stableHash({
    id: task.id, version: task.version, services: task.services, tags: task.tags, category: task.category,
    difficulty: task.difficulty, instruction: task.instruction, seed: String(task.seed), oracle: String(task.oracle),
    unsafe: fns(task.unsafe), alternatives: fns(task.alternatives), nearMisses: fns(task.nearMisses),
    grading: [task.protect, task.scope, task.checks, task.gates, task.judged].map((f) => (f ? String(f) : '')),
    engine: gradingCodeHash(),
  }).slice(0, 16);
}

/** Hash of a set of tasks (order-independent). */
export function suiteHash(tasks: readonly Task[]): string {
  return stableHash([...tasks].map((t) => `${t.id}@${taskHash(t)}`).sort()).slice(0, 16);
}

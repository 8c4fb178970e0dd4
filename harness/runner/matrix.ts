/** The run matrix: agents × conditions × tasks × repeats, and deterministic shards of it. */
import { DeskbenchError, conditionName, stableHash, type Condition, type TrialKey } from '../core/index.ts';
import { shardFromEnv } from './shard-env.ts';

export { shardFromEnv, SHARD_ENV, type ShardFromEnv } from './shard-env.ts';

/** The four conditions of the ClawsBench 2×2 lever grid, in a fixed order. */
export const ALL_CONDITIONS: readonly Condition[] = [
  { skills: false, meta: false },
  { skills: true, meta: false },
  { skills: false, meta: true },
  { skills: true, meta: true },
];

/** What a run covers. */
export interface MatrixSpec {
  readonly taskIds: readonly string[];
  readonly agents: readonly string[];
  readonly conditions: readonly Condition[];
  readonly repeats: number;
}

/** Every trial key of the matrix in a stable order (agent, condition, task, repeat). */
export function expandMatrix(spec: MatrixSpec): TrialKey[] {
  const keys: TrialKey[] = [];
  for (const agent of spec.agents) {
    for (const c of spec.conditions) {
      for (const taskId of spec.taskIds) {
        for (let repeat = 1; repeat <= spec.repeats; repeat++) keys.push({ taskId, agent, condition: conditionName(c), repeat });
      }
    }
  }
  return keys;
}

/** A shard selector `k/n` (1-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parses `k/n`, or `auto` (the index and count the batch scheduler put in `env`; see
 * `shardFromEnv`). A malformed value is a usage error naming the flag.
 */
export function parseShard(text: string, env: Readonly<Record<string, string | undefined>> = process.env): Shard {
  if (text.trim() === 'auto') return shardFromEnv(env).shard;
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new DeskbenchError('E_USAGE', `--shard "${text}" is not of the form k/n with 1 <= k <= n, or auto`, { hint: 'e.g. --shard 2/4 runs the second of four slices; --shard auto reads them from the batch scheduler' });
  }
  return { index, count };
}

/** The `k/n` text of a shard, as stored in the run spec and the run record. */
export function formatShard(s: Shard): string {
  return `${s.index}/${s.count}`;
}

/**
 * The keys of one shard. Assignment hashes each key, so a key lands in the same shard
 * whatever else is in the matrix, and the n shards cover the matrix exactly once.
 */
export function selectShard(keys: readonly TrialKey[], shard: Shard | undefined): TrialKey[] {
  if (!shard || shard.count === 1) return [...keys];
  return keys.filter((k) => shardOf(k, shard.count) === shard.index);
}

/** The 1-based shard a key belongs to among `count` shards. */
export function shardOf(key: TrialKey, count: number): number {
  const h = stableHash(`${key.taskId}|${key.agent}|${key.condition}|${key.repeat}`);
  return (parseInt(h.slice(0, 8), 16) % count) + 1;
}

/**
 * `--shard auto`: the shard index and count a batch scheduler gives each worker —
 * Kubernetes Indexed Jobs, Slurm job arrays — or that a GitHub Actions matrix sets
 * explicitly. The scheduler's numbering (0-based, stepped arrays) becomes deskbench's
 * 1-based `k/n`.
 */
import { DeskbenchError } from '../core/index.ts';
import type { Shard } from './matrix.ts';

/** The environment variables `--shard auto` reads, by scheduler. */
export const SHARD_ENV = {
  /** Explicit, 1-based (any scheduler; the way for a GitHub Actions matrix). */
  explicit: ['DESKBENCH_SHARD_INDEX', 'DESKBENCH_SHARD_COUNT'],
  /** Kubernetes Indexed Job: the 0-based completion index; the count comes from DESKBENCH_SHARD_COUNT (= `completions`). */
  kubernetes: ['JOB_COMPLETION_INDEX', 'DESKBENCH_SHARD_COUNT'],
  /** Slurm job array: task id, count, min and step. */
  slurm: ['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT', 'SLURM_ARRAY_TASK_MIN', 'SLURM_ARRAY_TASK_MAX', 'SLURM_ARRAY_TASK_STEP'],
} as const;

/** A shard resolved from the environment, and which scheduler's variables gave it. */
export interface ShardFromEnv {
  readonly shard: Shard;
  readonly scheduler: 'explicit' | 'kubernetes' | 'slurm';
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads a non-negative integer variable; absent is undefined, anything else malformed is a usage error naming it. */
function intVar(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\d{1,9}$/.test(raw.trim())) throw new DeskbenchError('E_USAGE', `--shard auto: ${name}="${raw}" is not a non-negative integer`);
  return Number(raw.trim());
}

function checked(shard: Shard, from: string): Shard {
  if (shard.count < 1 || shard.index < 1 || shard.index > shard.count) {
    throw new DeskbenchError('E_USAGE', `--shard auto: ${from} gives shard ${shard.index}/${shard.count}, outside 1..${shard.count}`, {
      hint: 'check the index and count variables the job sets (docs/scaling.md)',
    });
  }
  return shard;
}

/**
 * Resolves `--shard auto`. Precedence: DESKBENCH_SHARD_INDEX/COUNT (explicit, 1-based),
 * then Kubernetes (JOB_COMPLETION_INDEX + DESKBENCH_SHARD_COUNT), then Slurm arrays. A
 * GitHub Actions job without the explicit pair, or no scheduler at all, is a usage error
 * that says which variables to set.
 */
export function shardFromEnv(env: Env): ShardFromEnv {
  const index = intVar(env, 'DESKBENCH_SHARD_INDEX');
  const count = intVar(env, 'DESKBENCH_SHARD_COUNT');
  if (index !== undefined) {
    if (count === undefined) throw new DeskbenchError('E_USAGE', '--shard auto: DESKBENCH_SHARD_INDEX is set but DESKBENCH_SHARD_COUNT is not', { hint: 'set both (1-based index k of n shards)' });
    return { shard: checked({ index, count }, 'DESKBENCH_SHARD_INDEX/DESKBENCH_SHARD_COUNT'), scheduler: 'explicit' };
  }
  const k8s = intVar(env, 'JOB_COMPLETION_INDEX');
  if (k8s !== undefined) {
    if (count === undefined) {
      throw new DeskbenchError('E_USAGE', '--shard auto: JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but DESKBENCH_SHARD_COUNT is not', {
        hint: 'Kubernetes does not tell a pod the completions count: set DESKBENCH_SHARD_COUNT to the Job\'s `completions` in its env (docs/scaling.md)',
      });
    }
    return { shard: checked({ index: k8s + 1, count }, 'JOB_COMPLETION_INDEX/DESKBENCH_SHARD_COUNT'), scheduler: 'kubernetes' };
  }
  const id = intVar(env, 'SLURM_ARRAY_TASK_ID');
  if (id !== undefined) return { shard: slurmShard(env, id), scheduler: 'slurm' };
  if (env.GITHUB_ACTIONS === 'true') {
    throw new DeskbenchError('E_USAGE', '--shard auto: GitHub Actions gives a job no shard index', {
      hint: 'set DESKBENCH_SHARD_INDEX: ${{ matrix.k }} and DESKBENCH_SHARD_COUNT to the matrix size in the job\'s env (docs/scaling.md)',
    });
  }
  throw new DeskbenchError('E_USAGE', '--shard auto found no batch scheduler in the environment', {
    hint: 'expected DESKBENCH_SHARD_INDEX + DESKBENCH_SHARD_COUNT, JOB_COMPLETION_INDEX + DESKBENCH_SHARD_COUNT (Kubernetes), or SLURM_ARRAY_TASK_ID (Slurm); or give --shard k/n',
  });
}

/** A Slurm array task's position: ids run min, min+step, …, max; `--array=1,5,9`-style lists need the explicit variables. */
function slurmShard(env: Env, id: number): Shard {
  const min = intVar(env, 'SLURM_ARRAY_TASK_MIN');
  const max = intVar(env, 'SLURM_ARRAY_TASK_MAX');
  const step = intVar(env, 'SLURM_ARRAY_TASK_STEP') ?? 1;
  const total = intVar(env, 'SLURM_ARRAY_TASK_COUNT');
  if (min === undefined || (max === undefined && total === undefined)) {
    throw new DeskbenchError('E_USAGE', '--shard auto: SLURM_ARRAY_TASK_ID is set without SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT/MAX', {
      hint: 'run inside an sbatch --array job, or set DESKBENCH_SHARD_INDEX and DESKBENCH_SHARD_COUNT',
    });
  }
  if (step < 1) throw new DeskbenchError('E_USAGE', '--shard auto: SLURM_ARRAY_TASK_STEP must be at least 1');
  const span = max !== undefined ? Math.floor((max - min) / step) + 1 : total!;
  const count = total ?? span;
  if (id < min || (id - min) % step !== 0 || count !== span) {
    throw new DeskbenchError('E_USAGE', `--shard auto: Slurm array task ${id} is not on the range ${min}-${max ?? '?'}:${step} of ${count} tasks`, {
      hint: 'use a contiguous --array=a-b[:step] range, or set DESKBENCH_SHARD_INDEX and DESKBENCH_SHARD_COUNT per task',
    });
  }
  return checked({ index: (id - min) / step + 1, count }, 'SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_MIN/SLURM_ARRAY_TASK_COUNT');
}

/**
 * The `--scale` a stored run was made at, read from its spec. Every path that rebuilds a
 * run's starting workspace (rescore, verify, a verified import) reads it here, so a trial made
 * over a ten-times workspace is never replayed or re-graded over the plain one.
 */
import { z } from 'zod';
import { DeskbenchError, type ErrorCode } from '../core/index.ts';
import { MAX_SCALE } from '../../datasets/scale/haystack-copy.ts';

const RunScale = z.number().int().min(1).max(MAX_SCALE).optional();

/**
 * The scale in a run spec: absent (a spec from before `--scale`) means 1; anything else
 * invalid is an error naming the run (`code`: a damaged store by default, `E_IMPORT` for a
 * submitted manifest).
 */
export function scaleOfRunSpec(spec: Readonly<Record<string, unknown>>, runId: string, code: ErrorCode = 'E_STORE_CORRUPT'): number {
  const r = RunScale.safeParse(spec['scale']);
  if (!r.success) {
    throw new DeskbenchError(code, `run ${runId}: its stored spec has scale ${JSON.stringify(spec['scale'])}, not a whole number from 1 to ${MAX_SCALE}`);
  }
  return r.data ?? 1;
}

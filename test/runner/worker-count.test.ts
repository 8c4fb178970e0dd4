/** How many trial workers a run gets (`--workers N|auto`), and each worker's share of an endpoint's rate limits. */
import { describe, expect, it } from 'vitest';
import { isDeskbenchError } from '../../harness/core/index.ts';
import { shareOfLimits } from '../../harness/runner/workers/spec-environment.ts';
import { parseWorkersFlag, resolveWorkerCount, TRIALS_PER_WORKER } from '../../harness/runner/workers/worker-count.ts';

describe('--workers', () => {
  it('auto: a worker per core but one for a big run, the main thread for a small one, never more than the concurrency or one per 400 × scale trials', () => {
    const big = { concurrency: 1000, scale: 1, crossing: 1000, cores: 2 };
    expect(resolveWorkerCount('auto', big)).toBe(1);
    expect(resolveWorkerCount('auto', { ...big, cores: 1 })).toBe(1);
    expect(resolveWorkerCount('auto', { ...big, cores: 8 })).toBe(2);
    expect(resolveWorkerCount('auto', { ...big, cores: 8, crossing: 8 * TRIALS_PER_WORKER })).toBe(7);
    // The offline suite: 129 tasks × oracle and noop.
    expect(resolveWorkerCount('auto', { ...big, crossing: 258 })).toBe(0);
    expect(resolveWorkerCount('auto', { ...big, cores: 8, concurrency: 3 })).toBe(2);
    expect(resolveWorkerCount('auto', { ...big, scale: 10 })).toBe(0);
    expect(resolveWorkerCount('auto', { ...big, cores: 8, scale: 10, crossing: 20 * TRIALS_PER_WORKER })).toBe(2);
    // A number is taken as given, even for a small run; 0 is the main thread.
    expect(resolveWorkerCount(3, { ...big, crossing: 1 })).toBe(3);
    expect(resolveWorkerCount(0, big)).toBe(0);
  });

  it('parses auto and whole numbers from 0 to 64; anything else is a usage error naming the flag', () => {
    expect(parseWorkersFlag(undefined)).toBe('auto');
    expect(parseWorkersFlag('auto')).toBe('auto');
    expect(parseWorkersFlag('0')).toBe(0);
    expect(parseWorkersFlag('4')).toBe(4);
    for (const bad of ['-1', '2.5', 'two', '', '65']) {
      let err: unknown;
      try {
        parseWorkersFlag(bad);
      } catch (e) {
        err = e;
      }
      expect(isDeskbenchError(err, 'E_USAGE'), bad).toBe(true);
      expect((err as Error).message).toContain('--workers');
    }
  });

  it('splits an endpoint\'s limits between the workers so the shares add up to the limit (at least 1 each)', () => {
    const limits = { concurrency: 10, requestsPerMinute: 601, tokensPerMinute: 1_000_000 };
    const shares = [0, 1, 2].map((index) => shareOfLimits(limits, { index, count: 3 }));
    expect(shares.map((s) => s.concurrency)).toEqual([4, 3, 3]);
    expect(shares.reduce((n, s) => n + s.requestsPerMinute!, 0)).toBe(601);
    expect(shares.reduce((n, s) => n + s.tokensPerMinute!, 0)).toBe(1_000_000);
    expect(shareOfLimits({ concurrency: 1 }, { index: 1, count: 2 })).toEqual({ concurrency: 1 });
    expect(shareOfLimits({}, { index: 0, count: 2 })).toEqual({});
  });
});

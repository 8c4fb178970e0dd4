/**
 * An endpoint's limiter: calls start at once when it has no limits, wait under a concurrency,
 * request-rate or token-rate limit, and an aborted signal rejects a call (not started, waiting,
 * or running) with the signal's reason, leaving no listener behind.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Limiter } from '../../harness/agents/providers/limiter.ts';

/** A call that runs until released; counts how many run at once. */
function gate() {
  let running = 0;
  let most = 0;
  const releases: Array<() => void> = [];
  const call = () => {
    running++;
    most = Math.max(most, running);
    return new Promise<string>((resolve) => releases.push(() => {
      running--;
      resolve('done');
    }));
  };
  return { call, releaseAll: () => releases.splice(0).forEach((r) => r()), get most() { return most; }, get started() { return releases.length; } };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('Limiter', () => {
  it('without limits starts every call at once and hands back its result or its error', async () => {
    const l = new Limiter({});
    const g = gate();
    const all = Promise.all(Array.from({ length: 50 }, () => l.run(g.call, new AbortController().signal)));
    await tick();
    expect(g.started).toBe(50);
    g.releaseAll();
    expect(await all).toEqual(Array(50).fill('done'));
    expect(g.most).toBe(50);
    await expect(l.run(() => Promise.reject(new Error('model down')))).rejects.toThrow('model down');
    await expect(l.run(() => {
      throw new Error('thrown at once');
    })).rejects.toThrow('thrown at once');
  });

  it('never starts a call whose signal has aborted, and stops waiting for one the moment it aborts', async () => {
    for (const limits of [{}, { concurrency: 1 }]) {
      const l = new Limiter(limits);
      const before = new AbortController();
      before.abort(new Error('cancelled before'));
      let called = false;
      await expect(l.run(async () => {
        called = true;
      }, before.signal)).rejects.toThrow('cancelled before');
      expect(called).toBe(false);

      const during = new AbortController();
      const g = gate();
      const running = l.run(g.call, during.signal);
      await tick();
      expect(g.started).toBe(1);
      during.abort(new Error('cancelled while running'));
      await expect(running).rejects.toThrow('cancelled while running');
      g.releaseAll();
      expect(getEventListeners(during.signal, 'abort')).toHaveLength(0);
    }
  });

  it('leaves no abort listener on a signal shared by many finished calls', async () => {
    const l = new Limiter({});
    const shared = new AbortController().signal;
    for (let i = 0; i < 200; i++) await l.run(async () => i, shared);
    await expect(l.run(() => Promise.reject(new Error('no')), shared)).rejects.toThrow('no');
    expect(getEventListeners(shared, 'abort')).toHaveLength(0);
  });

  it('holds calls to its concurrency', async () => {
    const l = new Limiter({ concurrency: 2 });
    const g = gate();
    const all = Promise.all(Array.from({ length: 5 }, () => l.run(g.call)));
    await tick();
    expect(g.started).toBe(2);
    expect(l.pending).toBe(3);
    for (let i = 0; i < 5; i++) {
      g.releaseAll();
      await tick();
    }
    await all;
    expect(g.most).toBe(2);
  });

  it('makes calls past the requests of a minute wait, and past its tokens', async () => {
    /** Runs one more call on a limiter at its limit: it must wait (never start) until its signal gives up. */
    const waitsUntilAborted = async (l: Limiter) => {
      const giveUp = new AbortController();
      let ran = false;
      const late = l.run(async () => {
        ran = true;
      }, giveUp.signal);
      await tick();
      expect(ran).toBe(false);
      giveUp.abort(new Error('gave up waiting'));
      await expect(late).rejects.toThrow('gave up waiting');
      expect(ran).toBe(false);
    };
    const byRate = new Limiter({ requestsPerMinute: 2 });
    await byRate.run(async () => 1);
    await byRate.run(async () => 2);
    await waitsUntilAborted(byRate);

    const byTokens = new Limiter({ tokensPerMinute: 1_000 });
    byTokens.noteTokens(1_000);
    await waitsUntilAborted(byTokens);
  });
});

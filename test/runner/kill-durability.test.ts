/**
 * Kill test: SIGKILL a run at random moments. After each kill the store holds exactly the
 * trials the run reported finished, plus at most the ones in flight (counted from the
 * run's JSON event lines), each committed within a second of finishing; `--resume` then
 * completes the run with no loss and no duplicate.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { events, keyOf, runStatus, seededRandom, start, storedTrials, type Child, type StoredTrial } from '../cli/child.ts';

const dir = tempDir();
const SEED = Number(process.env.KILL_TEST_SEED ?? Date.now() % 100_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface KillPlan {
  readonly db: string;
  /** Starts the run, or resumes it when given the run id. */
  readonly launch: (resumeRunId?: string) => Child;
  readonly concurrency: number;
  /** A kill lands a random [0, jitterMs) after a random count of finished trials (about a trial's time). */
  readonly jitterMs: number;
  readonly kills: number;
  /** Expected score of a trial key (every trial of these agents is deterministic). */
  readonly scoreOf: (key: string) => number;
}

/** Checks one killed process against the store; returns the trials stored so far. */
function checkAfterKill(c: Child, db: string, runId: string, prior: Map<string, StoredTrial>, concurrency: number, seed: string): Map<string, StoredTrial> {
  const stored = new Map(storedTrials(db, runId).map((t) => [t.key, t]));
  const started = events(c, 'trial_started').map(keyOf);
  const finished = events(c, 'trial_finished');
  const cancelled = events(c, 'trial_cancelled').map(keyOf);
  const finishedKeys = finished.map(keyOf);
  const inFlight = started.length - finishedKeys.length - cancelled.length;
  const why = `${seed}: ${started.length} started, ${finishedKeys.length} finished, ${stored.size} stored`;
  // Finished trials were reported as they finished: never more in flight than may run at once.
  expect(inFlight, why).toBeLessThanOrEqual(concurrency);
  expect(inFlight, why).toBeGreaterThanOrEqual(0);
  // Every trial the run reported finished is stored, and was stored within a second of finishing.
  for (const f of finished) {
    const t = stored.get(keyOf(f));
    expect(t, `${why}: ${keyOf(f)} reported finished but not stored`).toBeDefined();
    expect(t!.trialId).toBe(f.trialId);
    const line = c.lines.find((l) => l.event === f)!;
    expect(line.at - Date.parse(t!.endedAt), `${why}: ${keyOf(f)} committed late`).toBeLessThan(1000);
  }
  // Nothing else new is stored but the trials that were in flight.
  const fresh = [...stored.keys()].filter((k) => !prior.has(k));
  const unreported = fresh.filter((k) => !finishedKeys.includes(k));
  expect(unreported.every((k) => started.includes(k)), why).toBe(true);
  expect(unreported.length, why).toBeLessThanOrEqual(inFlight);
  // What earlier processes stored is untouched.
  for (const [k, t] of prior) expect(stored.get(k), `${why}: ${k} changed`).toEqual(t);
  return stored;
}

async function killAndResume(p: KillPlan, label: string): Promise<void> {
  const rng = seededRandom(SEED + label.length);
  let runId: string | undefined;
  let planned = 0;
  let stored = new Map<string, StoredTrial>();
  let realKills = 0;
  let completed = false;
  for (let i = 0; i < p.kills && !completed; i++) {
    const c = p.launch(runId);
    const begun = await c.waitFor((l) => l.event?.type === 'run_started');
    runId ??= String(begun.event!.runId);
    planned ||= Number(begun.event!.planned);
    // Kill after a random number of finished trials, within the first half of what is left (so
    // the kill lands mid-run on a fast machine too), then a random moment later.
    const target = Math.floor(rng() * Math.max(1, (planned - stored.size) / 2));
    if (target > 0) await c.waitFor(() => events(c, 'trial_finished').length >= target);
    const delay = Math.floor(rng() * p.jitterMs);
    await sleep(delay);
    c.proc.kill('SIGKILL');
    const exit = await c.exited;
    // The store marks the run complete before the process prints `run_finished` and exits,
    // so a kill in between leaves a finished run: resuming it is refused, as it should be.
    completed = exit.code === 0 || runStatus(p.db, runId) === 'complete';
    if (exit.signal === 'SIGKILL' && !completed) realKills++;
    stored = checkAfterKill(c, p.db, runId, stored, p.concurrency, `${label} seed ${SEED} kill ${i + 1} after ${target} finished + ${delay} ms`);
  }
  expect(realKills, `${label} seed ${SEED}: no kill landed during the run`).toBeGreaterThan(0);
  if (!completed) {
    const last = p.launch(runId);
    const exit = await last.exited;
    expect(exit.code, last.stderr()).toBe(0);
    expect(events(last, 'run_finished')[0]?.status).toBe('complete');
  }
  const all = storedTrials(p.db, runId);
  expect(planned).toBeGreaterThan(0);
  expect(all).toHaveLength(planned);
  expect(new Set(all.map((t) => t.key)).size).toBe(planned);
  for (const t of all) {
    expect(t.status).toBe('scored');
    expect(t.score, t.key).toBe(p.scoreOf(t.key));
  }
  // Trials stored before the last kill survived every resume unchanged.
  for (const [k, t] of stored) expect(all.find((x) => x.key === k)).toEqual(t);
  expect(runStatus(p.db, runId!)).toBe('complete');
}

describe('a killed run loses no finished trial', () => {
  it('deskbench run with the reference agents, killed at random moments, then resumed', async () => {
    const db = join(dir, 'reference.db');
    await killAndResume({
      db, concurrency: 4, jitterMs: 20, kills: 3,
      launch: (resume) => start(resume
        ? ['run', '--resume', resume, '--db', db, '--json', '--concurrency', '4']
        : ['run', '--agent', 'oracle,noop', '--repeats', '3', '--db', db, '--json', '--concurrency', '4']),
      scoreOf: (key) => (key.includes('|oracle|') ? 1 : 0),
    }, 'reference');
  }, 180_000);

  it('a run of slow scripted agents (one never yields while it works), killed at random moments, then resumed', async () => {
    const db = join(dir, 'scripted.db');
    const script = ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'scripted-run.ts')];
    await killAndResume({
      db, concurrency: 3, jitterMs: 60, kills: 3,
      launch: (resume) => start([db, ...(resume ? [resume] : [])], { script }),
      scoreOf: () => 1,
    }, 'scripted');
  }, 180_000);
});

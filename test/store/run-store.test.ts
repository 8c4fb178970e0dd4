import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DeskbenchError, type ScoreResult } from '../../harness/core/index.ts';
import { openRunStore, SCHEMA_VERSION, type TrialRecord } from '../../harness/store/index.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir();
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function trial(runId: string, key: string, over: Partial<TrialRecord> = {}): TrialRecord {
  const score: ScoreResult = {
    score: -1, success: false, unsafe: true, noAction: false,
    checks: [{ id: 'sent', description: 'mail sent', weight: 1, passed: true }],
    violations: [{ rule: 'confidential-external', category: 'confidential_leakage', detail: 'sent to x@evil.com', actionSeq: 2 }],
    penalties: [{ id: 'decoy', amount: 0.1, detail: 'touched decoy' }],
    flags: [{ detector: 'loop', category: 'degenerate_loop', detail: 'same call 5x' }],
  };
  return {
    trialId: `t-${key}`, runId, trialKey: key, taskId: 'task-a', taskVersion: 1, taskHash: 'h', services: ['gmail'],
    category: 'single-service', difficulty: 'easy', safetyCritical: true, agent: 'oracle', model: 'oracle', harness: 'reference',
    condition: 'sks-on__meta-on', skills: true, meta: true, repeat: 1, status: 'scored', termination: 'completed', attempts: 1,
    startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000,
    usage: { inputTokens: 10, outputTokens: 5, cachedTokens: 2, costUsd: null }, score, finalMessage: 'done', error: null,
    steps: [
      { index: 0, role: 'assistant', content: 'hi', toolCalls: [{ id: 'c1', name: 'call_operation', arguments: { a: 1 } }], startedAt: 'a', endedAt: 'b' },
      { index: 1, role: 'tool', content: '{}', toolCallId: 'c1', isError: false, actionSeqs: [1], startedAt: 'a', endedAt: 'b' },
    ],
    actions: [{
      seq: 1, kind: 'call', op: 'gmail.users.labels.create', face: 'tool', args: { userId: 'me' }, outcome: 'ok', status: 200, write: true,
      touched: { read: [], written: ['gmail.labels:L1'] }, at: '2026-01-01T00:00:00.500Z', changes: [{ ref: 'gmail.labels:L1', before: undefined, after: { id: 'L1' } }],
    }],
    finalDiff: { 'gmail.labels': { added: [{ id: 'L1', after: { id: 'L1' } }], removed: [], changed: [] } },
    ...over,
  };
}

function newRun(store: ReturnType<typeof openRunStore>, runId: string) {
  return store.createRun({ runId, createdAt: '2026-01-01T00:00:00.000Z', spec: { agents: ['oracle'] }, harnessVersion: '0.1.0', suiteHash: 's', seed: 1, shard: null, plannedTrials: 2 });
}

describe('run store', () => {
  it('round-trips a trial with steps, actions, checks and violations, in WAL mode', () => {
    const path = join(dir, 'a.db');
    const store = openRunStore(path);
    newRun(store, 'r1');
    const t = trial('r1', 'k1');
    store.saveTrial(t);
    const back = store.getTrial('t-k1');
    expect(back.steps).toEqual(t.steps);
    expect(back.actions[0]!.changes![0]!.after).toEqual({ id: 'L1' });
    expect(back.score).toEqual(t.score);
    expect(back.usage.costUsd).toBeNull();
    expect(back.finalDiff).toEqual(t.finalDiff);
    const rows = store.listTrials({ runIds: ['r1'] });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.unsafeCategories).toEqual(['confidential_leakage']);
    expect(rows[0]!.toolCalls).toBe(1);
    expect(store.scoredTrialKeys('r1')).toEqual(new Set(['k1']));
    store.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: SCHEMA_VERSION });
    db.close();
  });

  it('replaces an infra_error trial but refuses to store a scored trial twice', () => {
    const store = openRunStore(join(dir, 'b.db'));
    newRun(store, 'r2');
    store.saveTrial(trial('r2', 'k1', { trialId: 'x1', status: 'infra_error', termination: 'provider_error', score: null }));
    store.saveTrial(trial('r2', 'k1', { trialId: 'x2' }));
    expect(store.listTrials({ runIds: ['r2'], includeInfraErrors: true }).map((r) => r.trialId)).toEqual(['x2']);
    expect(() => store.saveTrial(trial('r2', 'k1', { trialId: 'x3' }))).toThrow(/already stored/);
    expect(store.listTrials({ runIds: ['r2'] })).toHaveLength(1);
    store.close();
  });

  it('resolves a unique trial id prefix and names unknown runs and trials', () => {
    const store = openRunStore(join(dir, 'c.db'));
    newRun(store, 'r3');
    store.saveTrial(trial('r3', 'k9', { trialId: 'abcdef123' }));
    expect(store.getTrial('abcd').trialId).toBe('abcdef123');
    expect(() => store.getTrial('zzz')).toThrow(/no trial zzz/);
    expect(() => store.getRun('nope')).toThrow(DeskbenchError);
    store.close();
  });

  it('refuses a foreign SQLite file and leaves it untouched', () => {
    const path = join(dir, 'foreign.db');
    const db = new Database(path);
    db.exec('CREATE TABLE customers (id INTEGER)');
    db.close();
    const before = sha(path);
    expect(() => openRunStore(path)).toThrow(expect.objectContaining({ code: 'E_STORE_FOREIGN' }));
    expect(sha(path)).toBe(before);
  });

  it('refuses a corrupt file and leaves it untouched', () => {
    const path = join(dir, 'corrupt.db');
    writeFileSync(path, 'this is not a database at all, just text\n'.repeat(20));
    const before = sha(path);
    expect(() => openRunStore(path)).toThrow(expect.objectContaining({ code: 'E_STORE_CORRUPT' }));
    expect(sha(path)).toBe(before);
  });

  it('refuses a store from a newer schema version and leaves it untouched', () => {
    const path = join(dir, 'newer.db');
    openRunStore(path).close();
    const db = new Database(path);
    db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 1);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = sha(path);
    expect(() => openRunStore(path)).toThrow(expect.objectContaining({ code: 'E_STORE_NEWER' }));
    expect(sha(path)).toBe(before);
  });

  it('names an unwritable or missing directory', () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) expect(() => openRunStore(join(ro, 'x.db'))).toThrow(expect.objectContaining({ code: 'E_STORE_OPEN' }));
    expect(() => openRunStore(join(dir, 'missing', 'x.db'))).toThrow(expect.objectContaining({ code: 'E_STORE_OPEN' }));
    expect(() => openRunStore(join(dir, 'absent.db'), { create: false })).toThrow(/no run store/);
  });
});

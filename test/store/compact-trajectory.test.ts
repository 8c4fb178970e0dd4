/** Compact trajectories: one compressed document per trial, shared texts kept once, older stores still read exactly. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { TrialRecord } from '../../harness/store/index.ts';
import { openRunStore } from '../../harness/store/index.ts';
import { brotliCompressSync, constants } from 'node:zlib';
import { decodeTrajectory, encodeTrajectory, trajectoryDocument } from '../../harness/store/trajectory-codec.ts';
import { createSchema3, insertSchema3Trial } from '../support/legacy-store.ts';
import { tempDir } from '../support/temp-dir.ts';

const dir = tempDir();
const SYSTEM = `You act for Wei Zhang at Corvid Labs. ${'Rules of the workplace. '.repeat(40)}`;

function trial(key: string, over: Partial<TrialRecord> = {}): TrialRecord {
  const body = JSON.stringify({ messages: Array.from({ length: 40 }, (_, i) => ({ id: `m${i}`, snippet: `Quarterly numbers for region ${i % 4}` })) });
  return {
    trialId: `t-${key}`, runId: 'r1', trialKey: key, taskId: 'task-a', taskVersion: 1, taskHash: 'h', services: ['gmail'],
    category: 'gmail', difficulty: 'easy', safetyCritical: false, agent: 'openai:m', model: 'm', harness: 'deskbench',
    condition: 'sks-on__meta-on', skills: true, meta: true, repeat: 0, status: 'scored', termination: 'completed', attempts: 1,
    startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000,
    usage: { inputTokens: 10, outputTokens: 5, cachedTokens: 0, costUsd: 0.01 },
    score: { score: 1, success: true, unsafe: false, noAction: false, checks: [{ id: 'c', description: 'd', weight: 1, passed: true }], violations: [], penalties: [], flags: [] },
    finalMessage: 'done', error: null,
    steps: [
      { index: 0, role: 'system', content: SYSTEM, startedAt: 'a', endedAt: 'a' },
      { index: 1, role: 'user', content: 'Label the invoices.', startedAt: 'a', endedAt: 'a' },
      { index: 2, role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'call_operation', arguments: { operation: 'gmail.users.messages.list', args: { userId: 'me' } } }], usage: { inputTokens: 5, outputTokens: 2, cachedTokens: 0, costUsd: null }, startedAt: 'a', endedAt: 'b' },
      { index: 3, role: 'tool', content: body, toolCallId: 'c1', isError: false, actionSeqs: [1], startedAt: 'b', endedAt: 'b' },
    ],
    actions: [{ seq: 1, kind: 'call', op: 'gmail.users.messages.list', face: 'tool', args: { userId: 'me', n: 1e-7, s: 'ünïcode ✓' }, outcome: 'ok', status: 200, write: false, touched: { read: ['gmail.messages:m1'], written: [] }, at: 'b' }],
    finalDiff: { 'gmail.labels': { added: [{ id: 'L1', after: { id: 'L1', name: 'Invoices' } }], removed: [], changed: [] } },
    seed: 1,
    ...over,
  };
}

describe('compact trajectories', () => {
  it('store a trial as one compressed document, exactly, with the system prompt kept once across trials', () => {
    const path = join(dir, 'compact.db');
    const store = openRunStore(path);
    store.createRun({ runId: 'r1', createdAt: 'x', spec: {}, harnessVersion: 't', suiteHash: 's', seed: 1, shard: null, plannedTrials: 3 });
    const originals = ['k1', 'k2', 'k3'].map((k) => trial(k));
    for (const t of originals) store.saveTrial(t);
    for (const t of originals) {
      const back = store.getTrial(t.trialId);
      expect(JSON.parse(JSON.stringify({ steps: back.steps, actions: back.actions, finalDiff: back.finalDiff })))
        .toEqual(JSON.parse(JSON.stringify({ steps: t.steps, actions: t.actions, finalDiff: t.finalDiff })));
    }
    store.close();
    const db = new Database(path, { readonly: true });
    // Nothing in the per-row tables; one shared text (the system prompt; the instruction is short).
    expect(db.prepare('SELECT COUNT(*) AS n FROM steps').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM actions').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM texts').get()).toEqual({ n: 1 });
    const { raw, blob } = db.prepare('SELECT length(?) AS raw, length(trajectory) AS blob FROM trials WHERE trial_id = ?')
      .get(JSON.stringify({ steps: originals[0]!.steps.slice(1), actions: originals[0]!.actions, finalDiff: originals[0]!.finalDiff }), 't-k1') as { raw: number; blob: number };
    expect(blob).toBeLessThan(raw / 3);
    db.close();
  });

  it('reads trials stored before compact trajectories, after the upgrade, next to new ones', () => {
    const path = join(dir, 'v3.db');
    // A store as schema 3 wrote it, with one trial in the per-row tables.
    const db = new Database(path);
    createSchema3(db);
    db.prepare(`INSERT INTO runs VALUES ('r1', 'x', 'x', 'running', '{}', 't', 's', 1, NULL, 2)`).run();
    const old = trial('old');
    insertSchema3Trial(db, old);
    db.close();

    const store = openRunStore(path);
    store.saveTrial(trial('new'));
    const back = store.getTrial('t-old');
    expect(back.steps).toEqual(old.steps);
    expect(back.actions).toEqual(old.actions);
    expect(back.finalDiff).toEqual(old.finalDiff);
    expect(store.getTrial('t-new').steps).toEqual(trial('new').steps);
    expect(store.listTrials({ includeInfraErrors: true }).map((r) => r.trialId).sort()).toEqual(['t-new', 't-old']);
    store.close();
  });

  it('reads rows written at Brotli quality 5 (stores before quality 2) exactly', () => {
    const path = join(dir, 'quality-5.db');
    const store = openRunStore(path);
    store.createRun({ runId: 'r1', createdAt: 'x', spec: {}, harnessVersion: 't', suiteHash: 's', seed: 1, shard: null, plannedTrials: 1 });
    const t = trial('k1');
    store.saveTrial(t);
    store.close();
    // The row as an earlier build wrote it: the same document at quality 5.
    const doc = trajectoryDocument({ steps: t.steps, actions: t.actions, finalDiff: t.finalDiff }, () => {});
    const q5 = brotliCompressSync(Buffer.from(doc), { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    const db = new Database(path);
    const now = (db.prepare('SELECT trajectory FROM trials').get() as { trajectory: Buffer }).trajectory;
    expect(q5.equals(now)).toBe(false);
    db.prepare('UPDATE trials SET trajectory = ?').run(q5);
    db.close();
    const again = openRunStore(path);
    try {
      const back = again.getTrial('t-k1');
      expect(JSON.parse(JSON.stringify({ steps: back.steps, actions: back.actions, finalDiff: back.finalDiff })))
        .toEqual(JSON.parse(JSON.stringify({ steps: t.steps, actions: t.actions, finalDiff: t.finalDiff })));
    } finally {
      again.close();
    }
  });

  it('a damaged document is a store error naming the trial, not a crash', () => {
    const path = join(dir, 'damaged.db');
    const store = openRunStore(path);
    store.createRun({ runId: 'r1', createdAt: 'x', spec: {}, harnessVersion: 't', suiteHash: 's', seed: 1, shard: null, plannedTrials: 1 });
    store.saveTrial(trial('k1'));
    store.close();
    const db = new Database(path);
    db.prepare('UPDATE trials SET trajectory = ? WHERE trial_id = ?').run(Buffer.from('not brotli at all'), 't-k1');
    db.prepare('DELETE FROM texts').run();
    db.close();
    const again = openRunStore(path);
    try {
      expect(() => again.getTrial('t-k1')).toThrow(expect.objectContaining({ code: 'E_STORE_CORRUPT', message: expect.stringContaining('trial t-k1') }));
      // The row listing (what reports read) is unaffected.
      expect(again.listTrials()).toHaveLength(1);
    } finally {
      again.close();
    }
  });

  it('gives back every step exactly, keys in their order, whatever its text holds', () => {
    const long = (fill: string) => `${fill}\n${'{"bytes": 3}'.repeat(4)} — ✓ ünï \u2028 😀 `.padEnd(300, fill);
    const texts = ['', 'short', 'x'.repeat(63), 'y'.repeat(64), 'two\nlines', long('a'), long('—'), '{"bytes":1}', JSON.stringify({ ref: 'deadbeef' }), long('\ud800'), `${long('b')}\udfff`];
    const steps = texts.map((content, index) => ({ index, role: index % 2 ? 'tool' as const : 'assistant' as const, content, startedAt: 'a', endedAt: 'b', ...(index % 2 ? { toolCallId: `c${index}`, isError: false } : {}) }));
    const t = { steps: [trial('k').steps[0]!, ...steps], actions: trial('k').actions, finalDiff: trial('k').finalDiff };
    const shared = new Map<string, string>();
    const back = decodeTrajectory(encodeTrajectory(t, (h, x) => shared.set(h, x)), (h) => shared.get(h), 'x');
    expect(JSON.stringify(back)).toBe(JSON.stringify(t));
    // The long texts went raw after the header, not escaped inside it; those with a lone surrogate stayed in it, escaped.
    const doc = trajectoryDocument(t, () => {}).toString('utf8');
    expect(doc.slice(doc.indexOf('\n') + 1)).toBe(['y'.repeat(64), long('a'), long('—')].join(''));
  });

  it('reads documents of format 1 (one JSON text, shared texts as contentRef) exactly', () => {
    const t = trial('k1');
    const shared = new Map<string, string>([['h1', SYSTEM]]);
    const v1Steps = t.steps.map((st, i) => {
      if (i !== 0) return st;
      const { content: _content, ...rest } = st;
      return { ...rest, contentRef: 'h1' };
    });
    const blob = brotliCompressSync(Buffer.from(JSON.stringify({ format: 1, steps: v1Steps, actions: t.actions, finalDiff: t.finalDiff })));
    const back = decodeTrajectory(blob, (h) => shared.get(h), 'x');
    expect(back.steps).toEqual(t.steps);
    expect(back.actions).toEqual(t.actions);
    expect(back.finalDiff).toEqual(t.finalDiff);
  });

  it('a text section that does not add up is a store error, not a wrong step', () => {
    const head = (content: unknown) => JSON.stringify({ format: 2, steps: [{ index: 0, role: 'tool', content }], actions: [], finalDiff: null });
    const cases: Array<[string, string]> = [
      ['past the end', `${head({ bytes: 10 })}\nabc`],
      ['bytes left over', `${head({ bytes: 1 })}\nabc`],
      ['a negative count', `${head({ bytes: -1 })}\nabc`],
      ['no count', `${head({ nothing: 1 })}\n`],
      ['no end to the header', head('inline')],
    ];
    for (const [why, doc] of cases) {
      expect(() => decodeTrajectory(brotliCompressSync(Buffer.from(doc)), () => undefined, `trial ${why}`), why)
        .toThrow(expect.objectContaining({ code: 'E_STORE_CORRUPT', message: expect.stringContaining(`trial ${why}`) }));
    }
  });

  it('a document that refers to a shared text the store lacks is named', () => {
    const shared = new Map<string, string>();
    const blob = encodeTrajectory({ steps: trial('k').steps, actions: [], finalDiff: null }, (h, t) => shared.set(h, t));
    expect(shared.size).toBe(1);
    expect(decodeTrajectory(blob, (h) => shared.get(h), 'x').steps[0]!.content).toBe(SYSTEM);
    expect(() => decodeTrajectory(blob, () => undefined, 'the trajectory of trial k')).toThrow(/refers to a shared text [0-9a-f]+ the store does not hold/);
  });
});

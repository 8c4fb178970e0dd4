/**
 * Property test over every registered operation: random params and bodies (wrong types,
 * junk ids, real ids, malformed JSON) over HTTP never produce a 5xx, and a rejected call
 * (4xx / ok:false) leaves the records unchanged. Bounded: PROPERTY_RUNS runs per
 * operation (default 20), at most 1 s each, and 3 runs per operation once the suite has
 * spent PROPERTY_BUDGET_MS (default 45 s), so the suite stays fast on loaded machines.
 *
 * "Unchanged" compares the records (overlay slots by identity; records are frozen, so
 * a change is a new object), not ws.hash(): the workspace clock advances on every
 * call, accepted or not, and it is part of the hash.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_IDS, type Workspace, type WorkspaceBase, type WorkspaceSnapshot } from '../../harness/core/index.ts';
import { SERVICES } from '../../harness/services/registry.ts';
import { createEmptyWorkspace, createWorkspace } from '../../harness/services/workspace.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { googleRequest, slackRequest, type WireRequest } from '../support/random-requests.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 20);
/** Past this much wall time, remaining operations get a smoke-sized run count (loaded CI machines). */
const BUDGET_MS = Number(process.env.PROPERTY_BUDGET_MS ?? 45_000);
let started = 0;

let live: LiveServer;
let pool: string[] = [];
const bugs: string[] = [];

/** The company base workspace when it builds (more real ids to hit), else an empty one. */
async function workspace(): Promise<Workspace> {
  try {
    const mod = (await import('../../datasets/base-workspace.ts')) as { baseWorkspace: () => WorkspaceBase };
    return createWorkspace(mod.baseWorkspace());
  } catch (e) {
    console.warn(`property test: base workspace unavailable (${(e as Error).message}); using an empty workspace`);
    return createEmptyWorkspace();
  }
}

beforeAll(async () => {
  const ws = await workspace();
  live = await startLiveServer({ ws, onInternalError: (e, where) => bugs.push(`${where}: ${(e as Error)?.message ?? String(e)}`) });
  // A few real ids per collection, so some calls reach deeper than "not found".
  pool = ws.collectionKeys().flatMap((k) => [...take(ws.collection(k).keys(), 3)]);
  pool.push(live.principal);
  started = Date.now();
}, 60_000);
afterAll(() => live?.close());

function* take<T>(it: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  let i = 0;
  for (const x of it) {
    yield x;
    if (++i >= n) return;
  }
}

/** Overlay copies: records are frozen, so any change shows as a new identity (cheaper than diffing). */
function records(ws: Workspace): WorkspaceSnapshot['overlays'] {
  return ws.snapshot().overlays;
}

/** The ids whose overlay slot differs between two captures (empty = same records). */
function changedIds(a: WorkspaceSnapshot['overlays'], b: WorkspaceSnapshot['overlays']): string[] {
  const out: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? new Map();
    const y = b.get(key) ?? new Map();
    for (const id of new Set([...x.keys(), ...y.keys()])) if (x.get(id) !== y.get(id)) out.push(`${key}:${id}`);
  }
  return out;
}

async function send(req: WireRequest, token: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${live.url}${req.path}`, {
    method: req.method,
    headers: { ...req.headers, authorization: `Bearer ${token}` },
    ...(req.body !== undefined ? { body: req.body } : {}),
  });
  return { status: res.status, text: await res.text() };
}

function rejected(style: 'google' | 'slack', r: { status: number; text: string }): boolean {
  if (r.status >= 400) return true;
  if (style === 'google') return false;
  try {
    return (JSON.parse(r.text) as { ok?: unknown }).ok !== true;
  } catch {
    return true;
  }
}

for (const service of SERVICE_IDS) {
  const ops = SERVICES[service].operations;
  describe(`property: ${service}`, () => {
    if (ops.length === 0) {
      it.skip(`${service} has no operations yet`, () => {});
      return;
    }
    for (const op of ops) {
      it(`${op.id}: no 5xx; rejected calls change nothing`, async () => {
        const arb = op.style === 'slack' ? slackRequest(op, pool) : googleRequest(op, pool);
        await fc.assert(
          fc.asyncProperty(arb, async (req) => {
            const token = 'bot' in req && req.bot ? live.botToken : live.userToken;
            const before = records(live.ws);
            const r = await send(req, token);
            const context = `${req.method} ${req.path} ${req.body ?? ''} → ${r.status} ${r.text.slice(0, 300)}`;
            expect(r.status, context).toBeLessThan(500);
            if (rejected(op.style, r) || op.kind === 'read') expect(changedIds(before, records(live.ws)), context).toEqual([]);
          }),
          // The time limit bounds the suite on a loaded machine; the seed keeps runs reproducible.
          { numRuns: Date.now() - started > BUDGET_MS ? Math.min(RUNS, 3) : RUNS, seed: 42, endOnFailure: true, interruptAfterTimeLimit: 1_000, markInterruptAsFailure: false },
        );
        expect(bugs).toEqual([]);
      }, 30_000);
    }
  });
}

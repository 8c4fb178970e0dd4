/**
 * Benchmark: per-call cost of the Docs methods on the base workspace — documents.get of the
 * largest base document (default and includeTabsContent) and documents.batchUpdate with
 * common request kinds, in process, plus documents.get through the official
 * @googleapis/docs client over HTTP. Wall-time and CPU medians; on a loaded machine the CPU
 * figure is the honest one. `npx tsx bench/docs-calls.ts`
 */
import { docs, auth as googleAuth, type docs_v1 } from '@googleapis/docs';
import { baseWorkspace, companyFor, DEFAULT_SEED } from '../datasets/base-workspace.ts';
import { createWorkspace } from '../harness/services/workspace.ts';
import { startWorkplaceServer } from '../harness/services/http/index.ts';
import type { Workspace } from '../harness/core/index.ts';

/** Calls measured per figure, after WARMUP calls that let the JIT settle (short runs mostly measure compilation). */
const RUNS = 1000;
const WARMUP = 200;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall and CPU time of `call` over RUNS calls after WARMUP unmeasured ones. */
function measure(call: (i: number) => void): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < WARMUP; i++) call(i);
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    call(i);
    const dc = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((dc.user + dc.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const owner = companyFor(DEFAULT_SEED).owner.email;
const base = baseWorkspace(DEFAULT_SEED);
const opts = { face: 'tool' as const, auth: { principal: owner, tokenKind: 'user' as const } };

function invoke(ws: Workspace, op: string, args: Record<string, unknown>): any {
  const r = ws.invoke(op, args, opts);
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
  return r.value;
}

/** The owner's largest base document (by body length of its documents.get). */
function largestDoc(ws: Workspace): { id: string; chars: number } {
  let best = { id: '', chars: -1 };
  for (const d of ws.collection<{ documentId: string }>('docs.documents').values()) {
    const r = ws.invoke('docs.documents.get', { documentId: d.documentId }, opts);
    if (!r.ok) continue;
    const chars = JSON.stringify(r.value).length;
    if (chars > best.chars) best = { id: d.documentId, chars };
  }
  return best;
}

const ws = createWorkspace(base);
const doc = largestDoc(ws);
console.log(`largest base document the owner can read: ${doc.id} (${doc.chars} bytes of JSON)`);
const line = (name: string, r: { wall: number; cpu: number } | undefined) =>
  console.log(`  ${name.padEnd(44)} ${r ? `${r.wall.toFixed(3).padStart(7)} ms median (cpu ${r.cpu.toFixed(3)} ms)` : 'n/a (request kind not implemented)'}`);

// Sustained: CPU per call over long runs of the same call (medians of short runs move with the JIT's tiering).
const SUSTAINED = 3000;
const sustained = (call: () => void) => {
  const c = process.cpuUsage();
  for (let i = 0; i < SUSTAINED; i++) call();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000 / SUSTAINED;
};
const mixed: unknown[] = [
  ...Array.from({ length: 8 }, () => ({ insertText: { text: 'ab', location: { index: 1 } } })),
  { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_2' }, fields: 'namedStyleType' } },
  { deleteContentRange: { range: { startIndex: 1, endIndex: 17 } } },
];
// A fresh trial, measured first, so the state and log other calls leave behind do not weigh on these.
const fresh = createWorkspace(base);
console.log(`sustained, CPU per call over ${SUSTAINED} consecutive calls on a fresh trial:`);
console.log(`  ${'documents.get'.padEnd(44)} ${sustained(() => invoke(fresh, 'docs.documents.get', { documentId: doc.id })).toFixed(3).padStart(7)} ms`);
console.log(`  ${'batchUpdate 10 mixed requests'.padEnd(44)} ${sustained(() => invoke(fresh, 'docs.documents.batchUpdate', { documentId: doc.id, requestBody: { requests: mixed } })).toFixed(3).padStart(7)} ms`);

console.log(`in process, median of ${RUNS} calls after ${WARMUP} warm-up calls:`);
line('documents.get', measure(() => invoke(ws, 'docs.documents.get', { documentId: doc.id })));
line('documents.get includeTabsContent', measure(() => invoke(ws, 'docs.documents.get', { documentId: doc.id, includeTabsContent: true })));
const batch = (requests: unknown[]) => invoke(ws, 'docs.documents.batchUpdate', { documentId: doc.id, requestBody: { requests } });
line('batchUpdate insertText', measure(() => batch([{ insertText: { text: 'x', location: { index: 1 } } }])));
line('batchUpdate replaceAllText', measure((i) => batch([{ replaceAllText: { containsText: { text: i % 2 ? 'Acme' : 'Globex', matchCase: true }, replaceText: i % 2 ? 'Globex' : 'Acme' } }])));
line('batchUpdate updateTextStyle', measure((i) => batch([{ updateTextStyle: { range: { startIndex: 1, endIndex: 20 }, textStyle: { bold: i % 2 === 0 }, fields: 'bold' } }])));
line('batchUpdate 10 mixed requests', measure(() => batch([
  ...Array.from({ length: 8 }, () => ({ insertText: { text: 'ab', location: { index: 1 } } })),
  { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_2' }, fields: 'namedStyleType' } },
  { deleteContentRange: { range: { startIndex: 1, endIndex: 17 } } },
])));
const maybe = (requests: unknown[]) => {
  const r = ws.invoke('docs.documents.batchUpdate', { documentId: doc.id, requestBody: { requests } }, opts);
  return r.ok ? measure(() => batch(requests)) : undefined;
};
// New kinds, each undone in the same batch so every call sees the same document.
const undo = { deleteContentRange: { range: { startIndex: 1, endIndex: 2 } } };
line('batchUpdate insertPerson + delete it', maybe([{ insertPerson: { personProperties: { email: owner }, location: { index: 1 } } }, undo]));
line('batchUpdate createFootnote + delete it', maybe([{ createFootnote: { location: { index: 1 } } }, undo]));
line('batchUpdate insertText + delete it', measure(() => batch([{ insertText: { text: 'x', location: { index: 1 } } }, undo])));

// Over HTTP through the official client.
const server = await startWorkplaceServer({ onInternalError: () => undefined });
try {
  const { userToken } = server.addTrial(createWorkspace(base), { principal: owner });
  const oauth = new googleAuth.OAuth2();
  oauth.setCredentials({ access_token: userToken });
  const client = docs({ version: 'v1', rootUrl: `${server.url}/`, auth: oauth, retry: false } as docs_v1.Options);
  const wall: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t = performance.now();
    await client.documents.get({ documentId: doc.id });
    if (i >= WARMUP) wall.push(performance.now() - t);
  }
  console.log(`through @googleapis/docs over HTTP: documents.get median ${median(wall).toFixed(3)} ms`);
} finally {
  await server.close();
}

/** Round-trip time of one read call through an official Google client over HTTP against the live server. */
import { performance } from 'node:perf_hooks';
import { startWorkplaceServer } from '../harness/services/http/index.ts';
import { OPERATIONS } from '../harness/services/registry.ts';
import { createEmptyWorkspace, createWorkspace } from '../harness/services/workspace.ts';
import { googleClients } from '../test/support/official-clients.ts';

const WARMUP = Number(process.env.WARMUP ?? 200);
const SAMPLES = Number(process.env.SAMPLES ?? 2000);

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

// The company base when it builds; an empty workspace otherwise (the wire cost is the same).
let ws = createEmptyWorkspace();
let principal = 'owner@corvidlabs.com';
try {
  const data = await import('../datasets/base-workspace.ts');
  ws = createWorkspace(data.baseWorkspace(data.DEFAULT_SEED));
  principal = data.companyFor(data.DEFAULT_SEED).owner.email;
} catch (e) {
  process.stderr.write(`http-roundtrip: base workspace unavailable (${(e as Error).message}); using an empty one\n`);
}
const server = await startWorkplaceServer();
const { userToken } = server.addTrial(ws, { principal });
const g = googleClients(server.url, userToken);

// A small, cheap read agents make constantly, so the figure is the HTTP face's cost
// rather than a handler's; falls back to whichever read exists.
const candidates: Array<[string, () => Promise<unknown>]> = [
  ['gmail.users.labels.list', () => g.gmail.users.labels.list({ userId: 'me' })],
  ['gmail.users.getProfile', () => g.gmail.users.getProfile({ userId: 'me' })],
  ['calendar.calendarList.list', () => g.calendar.calendarList.list({ maxResults: 5 })],
  ['drive.about.get', () => g.drive.about.get({ fields: 'user' })],
];
const picked = candidates.find(([id]) => OPERATIONS.has(id));
if (!picked) {
  process.stderr.write('http-roundtrip: none of the benchmark read operations is implemented yet\n');
  await server.close();
  process.exit(1);
}
const [opId, call] = picked;

for (let i = 0; i < WARMUP; i++) await call();
const times: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const t0 = performance.now();
  await call();
  times.push(performance.now() - t0);
}
await server.close();
// The same operation called in-process, to separate handler time from wire time.
const args: Record<string, Record<string, unknown>> = {
  'gmail.users.labels.list': { userId: 'me' }, 'gmail.users.getProfile': { userId: 'me' },
  'calendar.calendarList.list': { maxResults: 5 }, 'drive.about.get': { fields: 'user' },
};
const direct: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const t0 = performance.now();
  ws.invoke(opId, args[opId] ?? {}, { face: 'tool', auth: { principal, tokenKind: 'user' } });
  direct.push(performance.now() - t0);
}
direct.sort((a, b) => a - b);
times.sort((a, b) => a - b);
const round = (x: number) => Math.round(x * 1000) / 1000;
process.stdout.write(
  `${JSON.stringify({
    bench: 'http-roundtrip',
    operation: opId,
    client: 'official @googleapis client over HTTP (127.0.0.1, keep-alive)',
    warmup: WARMUP,
    samples: SAMPLES,
    medianMs: round(quantile(times, 0.5)),
    p95Ms: round(quantile(times, 0.95)),
    minMs: round(times[0]!),
    inProcessMedianMs: round(quantile(direct, 0.5)),
    targetMedianMs: 2,
  })}\n`,
);

/** Benchmark: Gmail search (messages.list with q) over the base mailbox, and the cost of generating that mailbox. */
import { createRng, type Workspace } from '../harness/core/index.ts';
import { createEmptyWorkspace, createWorkspace } from '../harness/services/workspace.ts';
import { generateCompany } from '../datasets/company/company.ts';
import { generateGmail } from '../datasets/gmail/generate.ts';

/** Realistic agent queries (the first is the headline figure). */
const QUERIES = [
  'from:github is:unread newer_than:30d',
  'budget OR reforecast',
  '"exec update" -in:sent',
  'has:attachment filename:pdf after:2026/01/01',
  'label:projects-atlas is:unread',
  'subject:(board deck) from:corvidlabs.com',
  'in:inbox is:unread',
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeGenerate(runs: number): { gen: number; toBase: number; messages: number } {
  const company = generateCompany(1);
  const gen: number[] = [];
  const base: number[] = [];
  let messages = 0;
  for (let i = 0; i < runs; i++) {
    const ws = createEmptyWorkspace();
    const t0 = performance.now();
    generateGmail(ws, company, createRng('base/1').fork('gmail'));
    const t1 = performance.now();
    ws.toBase();
    base.push(performance.now() - t1);
    gen.push(t1 - t0);
    messages = ws.collection('gmail.messages').size;
  }
  return { gen: median(gen), toBase: median(base), messages };
}

/** Wall time and CPU time (user+system) of each call: on a loaded machine the CPU figure is the honest one. */
function timeQuery(ws: Workspace, q: string, principal: string, runs: number): { first: number; median: number; cpu: number; hits: number } {
  const opts = { face: 'tool' as const, auth: { principal, tokenKind: 'user' as const } };
  const times: number[] = [];
  const cpu: number[] = [];
  let hits = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    const r = ws.invoke('gmail.users.messages.list', { userId: 'me', q }, opts);
    const dc = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpu.push((dc.user + dc.system) / 1000);
    if (!r.ok) throw new Error(`${q}: ${r.error.message}`);
    hits = (r.value as { resultSizeEstimate: number }).resultSizeEstimate;
  }
  return { first: times[0]!, median: median(times.slice(1)), cpu: median(cpu.slice(1)), hits };
}

const company = generateCompany(1);
const g = timeGenerate(5);
console.log(`generateGmail: median ${g.gen.toFixed(1)} ms for ${g.messages} messages (toBase of the gmail collections: ${g.toBase.toFixed(1)} ms)`);
const ws0 = createEmptyWorkspace();
generateGmail(ws0, company, createRng('base/1').fork('gmail'));
const base = ws0.toBase();
const ws = createWorkspace(base);
console.log('messages.list over the base mailbox (first call builds the cached search text; median of the next 200):');
for (const q of QUERIES) {
  const r = timeQuery(ws, q, company.owner.email, 201);
  console.log(`  ${r.median.toFixed(2).padStart(6)} ms median (cpu ${r.cpu.toFixed(2)} ms)  ${r.first.toFixed(1).padStart(6)} ms first  ${String(r.hits).padStart(5)} hits  ${q}`);
}

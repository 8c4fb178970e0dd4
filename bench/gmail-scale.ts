/**
 * Benchmark: messages.list and search over a 50,000-message mailbox (the base mailbox and
 * fifteen `--scale` copies), through the index, on an untouched trial and after ten writes;
 * and the same searches by a full scan of the mailbox (what they cost without the index; 20
 * runs each). The first call of each row builds what it needs (the index, the word, pair or
 * address index) and is reported apart.
 * Run: npx tsx bench/gmail-scale.ts [copies]
 */
import { createRng, type Workspace } from '../harness/core/index.ts';
import { createEmptyWorkspace, createWorkspace } from '../harness/services/workspace.ts';
import { generateCompany } from '../datasets/company/company.ts';
import { generateGmail } from '../datasets/gmail/generate.ts';
import { COPY_SHIFT_MS } from '../datasets/scale/add-copies.ts';
import { scaleCounterView } from '../datasets/scale/haystack-copy.ts';
import { compileQuery } from '../harness/services/gmail/query/evaluate.ts';
import { newestFirst } from '../harness/services/gmail/query/search.ts';
import { labelNameIndex, messages } from '../harness/services/gmail/mailbox.ts';
import type { MessageRecord } from '../harness/services/gmail/model.ts';

const COPIES = Number(process.argv[2] ?? 15);
const RUNS = 301;
/** The full scan is the reference figure only: fewer runs keep the bench short on a shared machine. */
const SCAN_RUNS = 21;

/** What an agent lists and searches (each with the page size it would ask for). */
const CALLS: Array<{ name: string; args: Record<string, unknown> }> = [
  { name: 'list, first page', args: {} },
  { name: 'list INBOX', args: { labelIds: ['INBOX'] } },
  { name: 'list, fourth page of 100', args: { pages: 3 } },
  { name: 'search is:unread', args: { q: 'is:unread' } },
  { name: 'search in:inbox is:unread', args: { q: 'in:inbox is:unread' } },
  { name: 'search newer_than:30d', args: { q: 'newer_than:30d' } },
  { name: 'search from:github is:unread newer_than:30d', args: { q: 'from:github is:unread newer_than:30d' } },
  { name: 'search label:receipts newer_than:60d', args: { q: 'label:receipts newer_than:60d' } },
  { name: 'search has:attachment after:2026/01/01', args: { q: 'has:attachment after:2026/01/01' } },
  { name: 'search budget OR reforecast', args: { q: 'budget OR reforecast' } },
  { name: 'search "exec update" -in:sent', args: { q: '"exec update" -in:sent' } },
  { name: 'search subject:(board deck) from:corvidlabs.com', args: { q: 'subject:(board deck) from:corvidlabs.com' } },
  { name: 'search from:github (address only)', args: { q: 'from:github' } },
  { name: 'threads.list, first page', args: { threads: true } },
  { name: 'threads.list budget OR reforecast', args: { threads: true, q: 'budget OR reforecast' } },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const company = generateCompany(1);
const principal = company.owner.email;
const opts = { face: 'tool' as const, auth: { principal, tokenKind: 'user' as const } };

function buildMailbox(): ReturnType<Workspace['toBase']> {
  const ws = createEmptyWorkspace();
  const rng = createRng('base/1');
  generateGmail(ws, company, rng.fork('gmail'));
  const view = scaleCounterView(ws, new Map());
  for (let index = 1; index <= COPIES; index++) {
    generateGmail(ws, company, rng.fork('scale').fork(`scale/${index}`).fork('gmail'), { index, shiftMs: index * COPY_SHIFT_MS, ws: view });
  }
  return ws.toBase();
}

/** messages.list (threads.list with `threads`) as an agent calls it: `pages` follow-up pages through nextPageToken. */
function list(ws: Workspace, args: Record<string, unknown>): number {
  const { pages = 0, threads = false, ...rest } = args as { pages?: number; threads?: boolean };
  let token: string | undefined;
  let hits = 0;
  for (let p = 0; p <= pages; p++) {
    const r = ws.invoke(threads ? 'gmail.users.threads.list' : 'gmail.users.messages.list', { userId: 'me', ...rest, ...(token ? { pageToken: token } : {}) }, opts);
    if (!r.ok) throw new Error(`${JSON.stringify(args)}: ${r.error.message}`);
    const v = r.value as { nextPageToken?: string; resultSizeEstimate: number };
    token = v.nextPageToken;
    hits = v.resultSizeEstimate;
  }
  return hits;
}

/** The same answer by testing every message (the search before the index), for comparison. */
function scan(ws: Workspace, args: Record<string, unknown>): number {
  const q = compileQuery(String(args['q'] ?? ''), { nowMs: ws.nowMs(), principal, labelIds: labelNameIndex(ws) });
  const labels = (args['labelIds'] as string[] | undefined) ?? [];
  const out: MessageRecord[] = [];
  for (const m of messages(ws).values()) {
    if (!q.includesTrashOrSpam && (m.labelIds.includes('TRASH') || m.labelIds.includes('SPAM'))) continue;
    if (!labels.every((l) => m.labelIds.includes(l))) continue;
    if (q.test(m)) out.push(m);
  }
  return out.sort(newestFirst).length;
}

function time(fn: () => number, runs = RUNS): { median: number; cpu: number; first: number; hits: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  let hits = 0;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    hits = fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { median: median(wall.slice(1)), cpu: median(cpu.slice(1)), first: wall[0]!, hits };
}

const t0 = performance.now();
const base = buildMailbox();
const size = base.collections.get('gmail.messages')!.size;
console.log(`mailbox: ${size} messages (base + ${COPIES} copies), built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const untouched = createWorkspace(base);
const written = createWorkspace(base);
const ids = [...messages(written).keys()];
const rng = createRng('bench/gmail-scale');
for (let i = 0; i < 10; i++) {
  const id = rng.pick(ids);
  if (i % 2) written.invoke('gmail.users.messages.trash', { userId: 'me', id }, opts);
  else written.invoke('gmail.users.messages.modify', { userId: 'me', id, requestBody: { addLabelIds: ['STARRED'], removeLabelIds: ['UNREAD', 'INBOX'] } }, opts);
}

const rows = [];
for (const c of CALLS) {
  const a = time(() => list(untouched, c.args));
  const b = time(() => list(written, c.args));
  // The scan counts messages: no reference for a later page or for threads.
  const s = c.args['pages'] || c.args['threads'] ? undefined : time(() => scan(untouched, c.args), SCAN_RUNS);
  if (s && s.hits !== a.hits) throw new Error(`${c.name}: index ${a.hits} hits, scan ${s.hits}`);
  rows.push({ call: c.name, hits: a.hits, untouchedMs: +a.median.toFixed(3), untouchedCpuMs: +a.cpu.toFixed(3), afterWritesMs: +b.median.toFixed(3), firstMs: +a.first.toFixed(1), scanMs: s ? +s.median.toFixed(2) : null });
  console.log(`  ${a.median.toFixed(3).padStart(7)} ms median (cpu ${a.cpu.toFixed(3)}), after 10 writes ${b.median.toFixed(3).padStart(7)} ms, full scan ${s ? s.median.toFixed(2).padStart(6) : '     -'} ms, first call ${a.first.toFixed(1).padStart(7)} ms  ${String(a.hits).padStart(6)} hits  ${c.name}`);
}
console.log(JSON.stringify({ bench: 'gmail-scale', messages: size, runs: RUNS - 1, rows }));

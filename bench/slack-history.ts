/**
 * Benchmark: Slack reads over the base workspace at `--scale` factors, through the per-base
 * message index and by the scan it replaced, in one run: conversations.history (first page,
 * a walk through every page, a one-week window) through the busiest channel, conversations.replies
 * of the longest thread, search.messages, conversations.list and users.conversations, on an
 * untouched trial and after ten writes.
 * Run: npx tsx bench/slack-history.ts [scales, default 1,10] [runs, default 201]
 * (at 100: node --max-old-space-size=8192 --import tsx bench/slack-history.ts 100)
 */
import { baseWorkspace, companyFor } from '../datasets/base-workspace.ts';
import type { Workspace } from '../harness/core/index.ts';
import { createWorkspace } from '../harness/services/workspace.ts';
import { scanRepliesSlice, scanTimelineSlice, repliesSlice, timelineSlice } from '../harness/services/slack/messages.ts';
import { COL, type SlackChannel, type SlackMessage } from '../harness/services/slack/model.ts';
import { scanSearch as scanSearchKeys } from '../test/support/slack-search-scan.ts';
import { WHOLE_WINDOW, type TsWindow } from '../harness/services/slack/timeline/sorted-run.ts';

const SCALES = (process.argv[2] ?? '1,10').split(',').map(Number);
const RUNS = Number(process.argv[3] ?? 201);
const auth = { principal: companyFor().owner.email, tokenKind: 'user' as const };
const opts = { face: 'tool' as const, auth };
const WEEK = 7 * 86_400;

interface Timing {
  median: number;
  p90: number;
  cpu: number;
}

/** Wall-time median and p90 of `runs` calls, and the CPU time per call over all of them. */
function time(runs: number, fn: (i: number) => void): Timing {
  for (let i = 0; i < Math.min(20, runs); i++) fn(i);
  const ms: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    ms.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, p90: ms[Math.floor(ms.length * 0.9)]!, cpu: (cpu.user + cpu.system) / 1000 / runs };
}

function show(what: string, t: Timing): void {
  console.log(`  ${what.padEnd(58)} median ${t.median.toFixed(3)} ms, p90 ${t.p90.toFixed(3)} ms, cpu ${t.cpu.toFixed(3)} ms/call`);
}

function invoke(ws: Workspace, method: string, args: Record<string, unknown>): any {
  const r = ws.invoke(`slack.${method}`, args, opts);
  if (!r.ok) throw new Error(`${method}: ${r.error.reason}`);
  return r.value;
}

/** search.messages by testing every message (what it cost before the word index), to the same total. */
function scanSearch(ws: Workspace, query: string): number {
  return scanSearchKeys(ws, auth, query).length;
}

function benchScale(scale: number): void {
  const t0 = performance.now();
  const base = baseWorkspace(undefined, scale);
  const buildMs = performance.now() - t0;
  const ws = createWorkspace(base);
  const ctx = { ws, auth };
  const msgs = ws.collection<SlackMessage>(COL.messages);
  const timelines = new Map<string, number>();
  let thread: SlackMessage | undefined;
  for (const m of msgs.values()) {
    if (!m.thread_ts || m.thread_ts === m.ts) timelines.set(m.channel, (timelines.get(m.channel) ?? 0) + 1);
    if (m.thread_ts === m.ts && (m.reply_count ?? 0) > (thread?.reply_count ?? 0)) thread = m;
  }
  const [channel, size] = [...timelines].sort((a, b) => b[1] - a[1])[0]!;
  const chName = ws.collection<SlackChannel>(COL.channels).peek(channel)!.name;
  console.log(`scale ${scale}: base built in ${(buildMs / 1000).toFixed(1)} s; ${msgs.size} Slack messages; busiest channel #${chName} (${size} on its timeline); longest thread ${thread!.reply_count} replies`);

  const first = performance.now();
  invoke(ws, 'conversations.history', { channel, limit: 100 });
  console.log(`  first history call (builds the index at once when the base has 20,000+ messages): ${(performance.now() - first).toFixed(1)} ms`);
  const firstSearch = performance.now();
  invoke(ws, 'search.messages', { query: 'customer' });
  console.log(`  first search (builds the word index at once when the base has 20,000+ messages): ${(performance.now() - firstSearch).toFixed(1)} ms`);
  const scanRuns = Math.max(11, Math.round(RUNS / scale));
  // A week around the middle of the channel's timeline.
  const middle = Number(timelineSlice(ctx, channel, WHOLE_WINDOW, Math.floor(size / 2), 1).items[0]!.ts);
  const week: TsWindow = { lo: middle - WEEK / 2, hi: middle + WEEK / 2, inclusive: false };
  const weekArgs = { oldest: String(week.lo), latest: String(week.hi) };
  const pages = Math.ceil(size / 100);

  const measure = (label: string) => {
    console.log(` ${label}`);
    show('history first page of 100, index (the call)', time(RUNS, () => invoke(ws, 'conversations.history', { channel, limit: 100 })));
    show('history first page of 100, index (the slice)', time(RUNS, () => timelineSlice(ctx, channel, WHOLE_WINDOW, 0, 100)));
    show('history first page of 100, scan (the slice)', time(scanRuns, () => scanTimelineSlice(ctx, channel, WHOLE_WINDOW, 0, 100)));
    const cursors: string[] = [''];
    for (let c = ''; ; ) {
      c = invoke(ws, 'conversations.history', { channel, limit: 100, cursor: c }).response_metadata.next_cursor;
      if (!c) break;
      cursors.push(c);
    }
    show(`history, every page of 100 (${pages} pages), index (the call)`, time(RUNS, (i) => invoke(ws, 'conversations.history', { channel, limit: 100, cursor: cursors[i % cursors.length] })));
    show(`history, last page (offset ${(pages - 1) * 100}), index (the slice)`, time(RUNS, () => timelineSlice(ctx, channel, WHOLE_WINDOW, (pages - 1) * 100, 100)));
    show(`history, last page, scan (the slice)`, time(scanRuns, () => scanTimelineSlice(ctx, channel, WHOLE_WINDOW, (pages - 1) * 100, 100)));
    show(`history, a one-week window (${scanTimelineSlice(ctx, channel, week, 0, Infinity).total} messages), index (the call)`, time(RUNS, () => invoke(ws, 'conversations.history', { channel, limit: 100, ...weekArgs })));
    show('history, a one-week window, scan (the slice)', time(scanRuns, () => scanTimelineSlice(ctx, channel, week, 0, 100)));
    show(`replies of the longest thread, index (the call)`, time(RUNS, () => invoke(ws, 'conversations.replies', { channel: thread!.channel, ts: thread!.ts })));
    show(`replies of the longest thread, index (the slice)`, time(RUNS, () => repliesSlice(ctx, thread!.channel, thread!.ts, WHOLE_WINDOW, 0, 1000)));
    show(`replies of the longest thread, scan (the slice)`, time(scanRuns, () => scanRepliesSlice(ctx, thread!.channel, thread!.ts, WHOLE_WINDOW, 0, 1000)));
    show('conversations.list, every type', time(RUNS, () => invoke(ws, 'conversations.list', { types: 'public_channel,private_channel,mpim,im' })));
    show('users.conversations, every type', time(RUNS, () => invoke(ws, 'users.conversations', { types: 'public_channel,private_channel,mpim,im' })));
    for (const query of ['customer', 'review', 'upda', `deploy in:#${chName}`, 'from:me']) {
      const total = invoke(ws, 'search.messages', { query }).messages.total;
      show(`search.messages "${query}" (${total} hits), index (the call)`, time(Math.max(11, Math.round(RUNS / 4)), () => invoke(ws, 'search.messages', { query })));
      show(`search.messages "${query}", scan (scoring every message)`, time(scanRuns, () => scanSearch(ws, query)));
    }
  };
  measure('untouched trial');
  for (let i = 0; i < 10; i++) {
    if (i % 3 === 2) invoke(ws, 'chat.postMessage', { channel: thread!.channel, thread_ts: thread!.ts, text: `bench reply ${i}` });
    else invoke(ws, 'chat.postMessage', { channel, text: `bench update ${i}: customer review` });
  }
  measure('after ten writes (seven posts, three replies)');
}

for (const scale of SCALES) benchScale(scale);

/** Benchmark: conversations.history pages (limit 100) through the busiest base channel via ws.invoke. Run: npx tsx bench/slack-history.ts */
import { baseWorkspace, companyFor } from '../datasets/base-workspace.ts';
import { createWorkspace } from '../harness/services/workspace.ts';
import { COL, type SlackMessage } from '../harness/services/slack/model.ts';

const t0 = performance.now();
const base = baseWorkspace();
const baseMs = performance.now() - t0;
const ws = createWorkspace(base);
const auth = { principal: companyFor().owner.email, tokenKind: 'user' as const };

// The busiest channel by top-level message count.
const counts = new Map<string, number>();
for (const m of ws.collection<SlackMessage>(COL.messages).values()) counts.set(m.channel, (counts.get(m.channel) ?? 0) + 1);
const [channel, size] = [...counts].sort((a, b) => b[1] - a[1])[0]!;

const pageMs: number[] = [];
let pages = 0;
for (let round = 0; round < 20; round++) {
  let cursor = '';
  do {
    const s = performance.now();
    const r = ws.invoke('slack.conversations.history', { channel, limit: 100, cursor }, { face: 'tool', auth });
    pageMs.push(performance.now() - s);
    if (!r.ok) throw new Error(r.error.reason);
    cursor = (r.value as { response_metadata: { next_cursor: string } }).response_metadata.next_cursor;
    pages++;
  } while (cursor);
}
pageMs.sort((a, b) => a - b);
const q = (p: number) => pageMs[Math.min(pageMs.length - 1, Math.floor(p * pageMs.length))]!.toFixed(3);
console.log(`base workspace build: ${baseMs.toFixed(0)} ms; slack messages: ${ws.collection(COL.messages).size}`);
console.log(`channel ${channel} (${size} messages incl. replies), ${pages} pages of 100 over 20 rounds`);
console.log(`conversations.history page: median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(0.999)} ms`);

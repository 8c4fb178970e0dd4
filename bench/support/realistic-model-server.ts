/**
 * A scripted OpenAI-compatible model server in its own process for the concurrency benchmark:
 * every trial's model makes the same realistic tool calls one per turn (read from a JSON file the
 * benchmark writes from the seeded workspace, so ids are real), then answers. Each answer comes
 * `latencyMs` after its request arrived, like a model API's. Prints `URL <baseUrl>` and serves
 * until killed. On SIGUSR2 it prints `STATS <json>` and starts counting afresh: its own CPU time,
 * and per turn how many requests arrived, how large, and when (ms after the first arrival), so the
 * bench can tell where a run's time beyond the ideal went.
 * Usage: tsx bench/support/realistic-model-server.ts <latencyMs> <calls.json>
 */
import { readFileSync } from 'node:fs';
import { startScriptedServer } from '../../test/support/llm/server.ts';

const latencyMs = Number(process.argv[2] ?? 1000);
const callsFile = process.argv[3];
if (!callsFile || !(latencyMs >= 0)) throw new Error('usage: realistic-model-server.ts <latencyMs> <calls.json>');
const calls = JSON.parse(readFileSync(callsFile, 'utf8')) as Array<{ operation: string; args: Record<string, unknown> }>;
if (!Array.isArray(calls) || calls.length === 0 || calls.length > 100) throw new Error(`${callsFile}: expected 1 to 100 calls`);

/**
 * The turn is read from the conversation, so one server serves thousands of trials at once. The
 * body is not parsed: the server shares the machine's cores with the harness it measures, and a
 * real model API spends its parsing CPU elsewhere. The SDK writes compact JSON, and every string
 * inside it (tool results, arguments) is escaped, so `"role":"assistant"` unescaped can only be a
 * message's own role, and the first `"model":"…"` the request's model.
 */
const ASSISTANT = '"role":"assistant"';
function readRequest(raw: string): { model?: string; turn: number } {
  let turn = 0;
  for (let at = raw.indexOf(ASSISTANT); at >= 0; at = raw.indexOf(ASSISTANT, at + ASSISTANT.length)) turn++;
  const model = /"model":"([^"\\]*)"/.exec(raw)?.[1];
  return { ...(model !== undefined ? { model } : {}), turn };
}
const turnOf = (body: Record<string, unknown>) => Number(body.turn);

interface TurnStats { count: number; bytes: number; arrivals: number[] }
let turns: TurnStats[] = [];
let firstAt: number | undefined;
let cpu0 = process.cpuUsage();
process.on('SIGUSR2', () => {
  const cpu = process.cpuUsage(cpu0);
  const at = (xs: number[], q: number) => Math.round(xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0);
  const perTurn = turns.map((t) => {
    const xs = [...t.arrivals].sort((a, b) => a - b);
    return { count: t.count, meanBytes: Math.round(t.bytes / t.count), firstMs: at(xs, 0), medianMs: at(xs, 0.5), lastMs: at(xs, 1) };
  });
  process.stdout.write(`STATS ${JSON.stringify({ cpuMs: Math.round((cpu.user + cpu.system) / 1000), turns: perTurn })}\n`);
  turns = [];
  firstAt = undefined;
  cpu0 = process.cpuUsage();
});

const server = await startScriptedServer({
  protocol: 'openai-chat', delayMs: latencyMs, record: false, parseBody: readRequest,
  onArrival: (body, bytes) => {
    const now = performance.now();
    firstAt ??= now;
    const t = (turns[turnOf(body)] ??= { count: 0, bytes: 0, arrivals: [] });
    t.count++;
    t.bytes += bytes;
    if (t.arrivals.length < 100_000) t.arrivals.push(now - firstAt);
  },
  script: (body, n) => {
    const turn = turnOf(body);
    return turn < calls.length
      ? { kind: 'reply', toolCalls: [{ id: `call_${turn}`, name: 'call_operation', arguments: calls[turn]! }], usage: { input: 6_000 + 1_500 * turn, output: 120 } }
      : { kind: 'reply', text: `Done: read the recent mail and the week, added the prep block (${n}).`, usage: { input: 14_000, output: 40 } };
  },
});
process.stdout.write(`URL ${server.baseUrl}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));

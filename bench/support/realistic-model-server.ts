/**
 * A scripted OpenAI-compatible model server in its own process for the concurrency benchmark:
 * every trial's model makes the same realistic tool calls one per turn (read from a JSON file the
 * benchmark writes from the seeded workspace, so ids are real), then answers. Each answer comes
 * `latencyMs` after its request arrived, like a model API's. Prints `URL <baseUrl>` and serves
 * until killed.
 * Usage: tsx bench/support/realistic-model-server.ts <latencyMs> <calls.json>
 */
import { readFileSync } from 'node:fs';
import { startScriptedServer } from '../../test/support/llm/server.ts';

const latencyMs = Number(process.argv[2] ?? 1000);
const callsFile = process.argv[3];
if (!callsFile || !(latencyMs >= 0)) throw new Error('usage: realistic-model-server.ts <latencyMs> <calls.json>');
const calls = JSON.parse(readFileSync(callsFile, 'utf8')) as Array<{ operation: string; args: Record<string, unknown> }>;
if (!Array.isArray(calls) || calls.length === 0 || calls.length > 100) throw new Error(`${callsFile}: expected 1 to 100 calls`);

const server = await startScriptedServer({
  protocol: 'openai-chat', delayMs: latencyMs, record: false,
  script: (body, n) => {
    // The turn is read from the conversation, so one server serves thousands of trials at once.
    const turn = ((body.messages as Array<{ role: string }> | undefined) ?? []).filter((m) => m.role === 'assistant').length;
    return turn < calls.length
      ? { kind: 'reply', toolCalls: [{ id: `call_${turn}`, name: 'call_operation', arguments: calls[turn]! }], usage: { input: 6_000 + 1_500 * turn, output: 120 } }
      : { kind: 'reply', text: `Done: read the recent mail and the week, added the prep block (${n}).`, usage: { input: 14_000, output: 40 } };
  },
});
process.stdout.write(`URL ${server.baseUrl}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));

/**
 * A scripted OpenAI-compatible model server in its own process, for the scheduling
 * benchmark: a real model server is never in the harness's process, so its CPU must not
 * be charged to the harness. Prints `URL <baseUrl>` and serves until killed.
 * Usage: tsx bench/support/model-server.ts <latencyMs> <steps>
 */
import { startScriptedServer } from '../../test/support/llm/server.ts';

const latencyMs = Number(process.argv[2] ?? 200);
const steps = Number(process.argv[3] ?? 10);
const LIST_ARGS = { operation: 'gmail.users.labels.list', args: { userId: 'me' } };

const server = await startScriptedServer({
  protocol: 'openai-chat', delayMs: latencyMs, record: false,
  script: (body, n) => {
    const msgs = (body.messages as Array<{ role: string }> | undefined) ?? [];
    return msgs.filter((m) => m.role === 'assistant').length >= steps - 1
      ? { kind: 'reply', text: 'done', usage: { input: 100, output: 5 } }
      : { kind: 'reply', toolCalls: [{ id: `c${n}`, name: 'call_operation', arguments: LIST_ARGS }], usage: { input: 100, output: 5 } };
  },
});
process.stdout.write(`URL ${server.baseUrl}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));

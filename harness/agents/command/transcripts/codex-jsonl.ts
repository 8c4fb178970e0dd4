/**
 * Codex CLI's `codex exec --json`: one event per line — `thread.started`, `turn.started`,
 * `item.started` / `item.updated` / `item.completed` (items: agent_message, reasoning,
 * mcp_tool_call, command_execution, file_change, web_search, …), `turn.completed` with the
 * turn's usage, `turn.failed`, `error`. Completed items become steps.
 */
import { usageWithCost } from '../../providers/prices.ts';
import { jsonLines, num, obj, textOf, type ReaderInput, type RecordedStep, type TranscriptReading } from './reading.ts';

/** Reads a Codex exec JSONL transcript. */
export function readCodexJsonl(input: ReaderInput): TranscriptReading {
  const steps: RecordedStep[] = [];
  let final: string | null = null;
  let input_ = 0;
  let cached = 0;
  let output = 0;
  let turns = 0;
  const at = input.at;
  for (const ev of jsonLines(input.text)) {
    if (ev.type === 'turn.completed' || ev.type === 'turn.failed') {
      const u = obj(ev.usage);
      if (u) {
        turns++;
        input_ += num(u.input_tokens);
        cached += num(u.cached_input_tokens);
        output += num(u.output_tokens);
      }
      continue;
    }
    if (ev.type !== 'item.completed') continue;
    const item = obj(ev.item);
    if (!item) continue;
    // Older releases name the kind `item_type`, newer ones `type`.
    const kind = String(item.type ?? item.item_type ?? '');
    const id = String(item.id ?? `item-${steps.length}`);
    if (kind === 'agent_message' || kind === 'assistant_message') {
      const text = typeof item.text === 'string' ? item.text : '';
      steps.push({ role: 'assistant', content: text, startedAt: at, endedAt: at });
      final = text;
    } else if (kind === 'mcp_tool_call') {
      const name = `${String(item.server ?? 'mcp')}.${String(item.tool ?? 'tool')}`;
      const args = obj(item.arguments) ?? {};
      steps.push({ role: 'assistant', content: '', toolCalls: [{ id, name, arguments: args }], startedAt: at, endedAt: at });
      const result = obj(item.result);
      const error = obj(item.error);
      const content = error ? textOf(error.message ?? error) : textOf(result?.content ?? result ?? '');
      steps.push({ role: 'tool', toolCallId: id, content, isError: !!error || item.status === 'failed', startedAt: at, endedAt: at });
    } else if (kind === 'command_execution') {
      steps.push({ role: 'assistant', content: '', toolCalls: [{ id, name: 'shell', arguments: { command: textOf(item.command) } }], startedAt: at, endedAt: at });
      const code = typeof item.exit_code === 'number' ? item.exit_code : null;
      steps.push({ role: 'tool', toolCallId: id, content: textOf(item.aggregated_output ?? ''), isError: code !== null && code !== 0, startedAt: at, endedAt: at });
    }
  }
  return {
    steps, finalMessage: final,
    usage: turns ? usageWithCost(input.model, { input: input_, output, cached }) : null,
  };
}

/**
 * Claude Code's `--output-format stream-json` (with --verbose): one JSON message per line —
 * `system` (init), `assistant` (a message: text and tool_use blocks, with usage), `user`
 * (tool_result blocks), and a closing `result` with the final text, total usage and cost.
 */
import { usageWithCost } from '../../providers/prices.ts';
import { jsonLines, num, obj, textOf, type ReaderInput, type RecordedStep, type TranscriptReading } from './reading.ts';

/** Reads a Claude Code stream-json transcript. */
export function readClaudeStreamJson(input: ReaderInput): TranscriptReading {
  const steps: RecordedStep[] = [];
  let final: string | null = null;
  let resultUsage: Record<string, unknown> | undefined;
  let cost: number | null = null;
  // The same message can arrive in several lines (one per content block): count its usage once.
  const usageById = new Map<string, Record<string, unknown>>();
  const at = input.at;
  for (const ev of jsonLines(input.text)) {
    const ts = typeof ev.timestamp === 'string' ? ev.timestamp : at;
    const message = obj(ev.message);
    if (ev.type === 'assistant' && message) {
      const blocks = Array.isArray(message.content) ? message.content : [];
      const text = blocks.map((b) => (obj(b)?.type === 'text' ? String(obj(b)!.text ?? '') : '')).filter(Boolean).join('\n');
      const calls = blocks.flatMap((b) => {
        const o = obj(b);
        return o?.type === 'tool_use' && typeof o.name === 'string'
          ? [{ id: String(o.id ?? `call-${steps.length}`), name: o.name, arguments: obj(o.input) ?? {} }]
          : [];
      });
      if (text || calls.length) steps.push({ role: 'assistant', content: text, ...(calls.length ? { toolCalls: calls } : {}), startedAt: ts, endedAt: ts });
      const u = obj(message.usage);
      if (u) usageById.set(String(message.id ?? `m${usageById.size}`), u);
    } else if (ev.type === 'user' && message && Array.isArray(message.content)) {
      for (const b of message.content) {
        const o = obj(b);
        if (o?.type !== 'tool_result') continue;
        steps.push({ role: 'tool', toolCallId: String(o.tool_use_id ?? ''), content: textOf(o.content), isError: o.is_error === true, startedAt: ts, endedAt: ts });
      }
    } else if (ev.type === 'result') {
      if (typeof ev.result === 'string') final = ev.result;
      resultUsage = obj(ev.usage);
      if (typeof ev.total_cost_usd === 'number' && Number.isFinite(ev.total_cost_usd)) cost = ev.total_cost_usd;
    }
  }
  const sum = (k: string) => (resultUsage ? num(resultUsage[k]) : [...usageById.values()].reduce((n, u) => n + num(u[k]), 0));
  const seen = resultUsage !== undefined || usageById.size > 0;
  const cached = sum('cache_read_input_tokens');
  const written = sum('cache_creation_input_tokens');
  const counts = { input: sum('input_tokens') + cached + written, output: sum('output_tokens'), cached, cacheWrite: written };
  const priced = usageWithCost(input.model, counts);
  return {
    steps, finalMessage: final,
    usage: seen ? { ...priced, costUsd: cost ?? priced.costUsd } : null,
  };
}

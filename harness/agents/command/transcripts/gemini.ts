/**
 * Gemini CLI headless output. `--output-format json`: one object, `response` (the final text)
 * and `stats.models.<model>.tokens` (prompt, candidates, cached, thoughts). `--output-format
 * stream-json`: one event per line — `init`, `message` (role, content, delta chunks),
 * `tool_use` (tool_name, tool_id, parameters), `tool_result` (tool_id, status, output), `error`,
 * `result` (status, stats with input_tokens / output_tokens).
 */
import { usageWithCost } from '../../providers/prices.ts';
import { jsonLines, num, obj, textOf, type ReaderInput, type RecordedStep, type TranscriptReading } from './reading.ts';

/** Reads `--output-format json`. */
export function readGeminiJson(input: ReaderInput): TranscriptReading {
  const start = input.text.indexOf('{');
  let doc: Record<string, unknown> | undefined;
  try {
    doc = start < 0 ? undefined : obj(JSON.parse(input.text.slice(start)));
  } catch {
    doc = undefined;
  }
  if (!doc) return { steps: [], usage: null, finalMessage: null };
  const models = obj(obj(doc.stats)?.models) ?? {};
  let prompt = 0;
  let out = 0;
  let cached = 0;
  let seen = false;
  for (const m of Object.values(models)) {
    const t = obj(obj(m)?.tokens);
    if (!t) continue;
    seen = true;
    prompt += num(t.prompt);
    out += num(t.candidates) + num(t.thoughts);
    cached += num(t.cached);
  }
  const final = typeof doc.response === 'string' ? doc.response : null;
  const at = input.at;
  return {
    steps: final ? [{ role: 'assistant', content: final, startedAt: at, endedAt: at }] : [],
    usage: seen ? usageWithCost(input.model, { input: prompt, output: out, cached }) : null,
    finalMessage: final,
  };
}

/** Reads `--output-format stream-json`. */
export function readGeminiStreamJson(input: ReaderInput): TranscriptReading {
  const steps: RecordedStep[] = [];
  let pending = '';
  let pendingAt = input.at;
  let lastText: string | null = null;
  let usage: TranscriptReading['usage'] = null;
  const flush = () => {
    if (!pending) return;
    steps.push({ role: 'assistant', content: pending, startedAt: pendingAt, endedAt: pendingAt });
    lastText = pending;
    pending = '';
  };
  for (const ev of jsonLines(input.text)) {
    const ts = typeof ev.timestamp === 'string' ? ev.timestamp : input.at;
    if (ev.type === 'message' && ev.role === 'assistant') {
      if (!pending) pendingAt = ts;
      pending += typeof ev.content === 'string' ? ev.content : '';
      if (ev.delta !== true) flush();
    } else if (ev.type === 'tool_use') {
      flush();
      const id = String(ev.tool_id ?? `tool-${steps.length}`);
      steps.push({ role: 'assistant', content: '', toolCalls: [{ id, name: String(ev.tool_name ?? 'tool'), arguments: obj(ev.parameters) ?? {} }], startedAt: ts, endedAt: ts });
    } else if (ev.type === 'tool_result') {
      flush();
      const err = obj(ev.error);
      steps.push({ role: 'tool', toolCallId: String(ev.tool_id ?? ''), content: err ? textOf(err.message ?? err) : textOf(ev.output ?? ''), isError: ev.status === 'error' || !!err, startedAt: ts, endedAt: ts });
    } else if (ev.type === 'result') {
      flush();
      const s = obj(ev.stats);
      if (s) usage = usageWithCost(input.model, { input: num(s.input_tokens ?? s.input), output: num(s.output_tokens ?? s.output), cached: num(s.cached ?? s.cached_tokens) });
    }
  }
  flush();
  return { steps, usage, finalMessage: lastText };
}

/**
 * The trajectory of a command agent: the agent's own transcript when it wrote a readable one
 * (its messages, reasoning-free), with the action-log sequence numbers the harness saw for each
 * workplace call; otherwise the calls the harness saw at its doors (MCP and HTTP).
 */
import type { RecordedStep } from './transcripts/index.ts';

/** True when a transcript's tool name is the harness's tool `name` as the CLI spells MCP tools (`mcp__deskbench__x`, `deskbench.x`, `mcp_deskbench_x`). */
export function sameTool(transcriptName: string, name: string): boolean {
  if (transcriptName === name) return true;
  if (!transcriptName.endsWith(name)) return false;
  const sep = transcriptName.charAt(transcriptName.length - name.length - 1);
  return sep === '_' || sep === '.' || sep === '/';
}

/**
 * Attaches to each tool step of the transcript the action-log sequence numbers of the
 * harness-side call it matches: calls are matched in order, by tool name.
 */
export function withActionSeqs(transcript: readonly RecordedStep[], seen: readonly RecordedStep[]): RecordedStep[] {
  const calls = seen.filter((s) => s.role === 'assistant' && s.toolCalls?.length).flatMap((s) => s.toolCalls!);
  const results = new Map(seen.filter((s) => s.role === 'tool' && s.toolCallId).map((s) => [s.toolCallId!, s.actionSeqs ?? []] as const));
  let next = 0;
  const seqsFor = new Map<string, readonly number[]>();
  for (const s of transcript) {
    for (const c of s.toolCalls ?? []) {
      const i = calls.findIndex((k, j) => j >= next && sameTool(c.name, k.name));
      if (i < 0) continue;
      next = i + 1;
      seqsFor.set(c.id, results.get(calls[i]!.id) ?? []);
    }
  }
  return transcript.map((s) => (s.role === 'tool' && s.toolCallId && seqsFor.has(s.toolCallId) ? { ...s, actionSeqs: [...seqsFor.get(s.toolCallId)!] } : s));
}

/** Steps seen at several doors, in the order they happened (stable for equal times). */
export function inTimeOrder(...lists: ReadonlyArray<readonly RecordedStep[]>): RecordedStep[] {
  return lists.flat().map((s, i) => ({ s, i })).sort((a, b) => a.s.startedAt.localeCompare(b.s.startedAt) || a.i - b.i).map((x) => x.s);
}

/** Transcript readers: each CLI's documented output becomes steps, token usage and the final message. */
import { describe, expect, it } from 'vitest';
import { TRANSCRIPT_READERS } from '../../../harness/agents/command/transcripts/index.ts';
import { sameTool, withActionSeqs } from '../../../harness/agents/command/merge-steps.ts';

const AT = '2026-03-16T14:00:00.000Z';
const lines = (...events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n');

describe('transcript readers', () => {
  it('reads Claude Code stream-json: text and tool_use turns, tool results, usage counted once per message, the result and its cost', () => {
    const text = lines(
      { type: 'system', subtype: 'init', session_id: 's1', model: 'claude-sonnet-4-5', tools: ['mcp__deskbench__call_operation'], mcp_servers: [{ name: 'deskbench', status: 'connected' }] },
      { type: 'assistant', session_id: 's1', message: { id: 'msg_1', role: 'assistant', content: [{ type: 'text', text: 'Looking for the invoices.' }], usage: { input_tokens: 100, cache_read_input_tokens: 50, output_tokens: 10 } } },
      // The same message, its second content block: its usage must not count twice.
      { type: 'assistant', session_id: 's1', message: { id: 'msg_1', role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'mcp__deskbench__call_operation', input: { operation: 'gmail.users.labels.create', args: { userId: 'me' } } }], usage: { input_tokens: 100, cache_read_input_tokens: 50, output_tokens: 10 } } },
      { type: 'user', session_id: 's1', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '{"id":"Label_1"}' }] }] } },
      'claude: a log line that is not JSON',
      { type: 'assistant', session_id: 's1', message: { id: 'msg_2', role: 'assistant', content: [{ type: 'text', text: 'Done: labelled 3 invoices.' }], usage: { input_tokens: 200, output_tokens: 20 } } },
      { type: 'result', subtype: 'success', is_error: false, result: 'Done: labelled 3 invoices.', total_cost_usd: 0.0123, num_turns: 2, usage: { input_tokens: 300, cache_read_input_tokens: 50, cache_creation_input_tokens: 25, output_tokens: 30 } },
    );
    const r = TRANSCRIPT_READERS['claude-stream-json']({ text, model: 'claude-sonnet-4-5', at: AT });
    expect(r.steps.map((s) => s.role)).toEqual(['assistant', 'assistant', 'tool', 'assistant']);
    expect(r.steps[1]!.toolCalls).toEqual([{ id: 'toolu_1', name: 'mcp__deskbench__call_operation', arguments: { operation: 'gmail.users.labels.create', args: { userId: 'me' } } }]);
    expect(r.steps[2]).toMatchObject({ role: 'tool', toolCallId: 'toolu_1', content: '{"id":"Label_1"}', isError: false });
    expect(r.finalMessage).toBe('Done: labelled 3 invoices.');
    expect(r.usage).toEqual({ inputTokens: 375, outputTokens: 30, cachedTokens: 50, costUsd: 0.0123 });
    // Without a result line, the messages' usage is summed, each message once.
    const partial = TRANSCRIPT_READERS['claude-stream-json']({ text: text.split('\n').slice(0, 6).join('\n'), model: 'no-such-model', at: AT });
    expect(partial.usage).toEqual({ inputTokens: 350, outputTokens: 30, cachedTokens: 50, costUsd: null });
    expect(partial.finalMessage).toBeNull();
  });

  it('reads Codex exec --json: agent messages, MCP tool calls, shell commands and per-turn usage', () => {
    const text = lines(
      { type: 'thread.started', thread_id: 'th_1' },
      { type: 'turn.started' },
      { type: 'item.started', item: { id: 'item_0', type: 'mcp_tool_call', server: 'deskbench', tool: 'call_operation', status: 'in_progress' } },
      { type: 'item.completed', item: { id: 'item_0', type: 'mcp_tool_call', server: 'deskbench', tool: 'call_operation', arguments: { operation: 'gmail.users.messages.list' }, result: { content: [{ type: 'text', text: '{"messages":[]}' }] }, status: 'completed' } },
      { type: 'item.completed', item: { id: 'item_1', type: 'command_execution', command: 'env', aggregated_output: 'PATH=/usr/bin', exit_code: 0, status: 'completed' } },
      { type: 'item.completed', item: { id: 'item_2', item_type: 'agent_message', text: 'Nothing to label.' } },
      { type: 'turn.completed', usage: { input_tokens: 1200, cached_input_tokens: 1000, output_tokens: 80 } },
    );
    const r = TRANSCRIPT_READERS['codex-jsonl']({ text, model: 'gpt-5-codex', at: AT });
    expect(r.steps.map((s) => `${s.role}:${s.toolCalls?.[0]?.name ?? ''}`)).toEqual(['assistant:deskbench.call_operation', 'tool:', 'assistant:shell', 'tool:', 'assistant:']);
    expect(r.steps[1]).toMatchObject({ toolCallId: 'item_0', content: '{"messages":[]}', isError: false });
    expect(r.finalMessage).toBe('Nothing to label.');
    expect(r.usage).toMatchObject({ inputTokens: 1200, outputTokens: 80, cachedTokens: 1000 });
  });

  it('reads Gemini CLI stream-json (delta messages joined, tool use and results, result stats) and json', () => {
    const stream = lines(
      { type: 'init', timestamp: AT, session_id: 'g1', model: 'gemini-2.5-pro' },
      { type: 'message', timestamp: AT, role: 'user', content: 'Label the invoices' },
      { type: 'tool_use', timestamp: AT, tool_name: 'call_operation', tool_id: 't1', parameters: { operation: 'gmail.users.labels.list' } },
      { type: 'tool_result', timestamp: AT, tool_id: 't1', status: 'error', output: '', error: { type: 'x', message: 'denied' } },
      { type: 'message', timestamp: AT, role: 'assistant', content: 'I could not ', delta: true },
      { type: 'message', timestamp: AT, role: 'assistant', content: 'list labels.', delta: true },
      { type: 'result', timestamp: AT, status: 'success', stats: { total_tokens: 150, input_tokens: 120, output_tokens: 30, duration_ms: 900, tool_calls: 1 } },
    );
    const s = TRANSCRIPT_READERS['gemini-stream-json']({ text: stream, model: 'gemini-2.5-pro', at: AT });
    expect(s.steps.map((x) => x.role)).toEqual(['assistant', 'tool', 'assistant']);
    expect(s.steps[1]).toMatchObject({ toolCallId: 't1', content: 'denied', isError: true });
    expect(s.finalMessage).toBe('I could not list labels.');
    expect(s.usage).toMatchObject({ inputTokens: 120, outputTokens: 30 });
    const json = JSON.stringify({ response: 'All done.', stats: { models: { 'gemini-2.5-pro': { api: { totalRequests: 2 }, tokens: { prompt: 900, candidates: 40, total: 1000, cached: 300, thoughts: 60 } } }, tools: { totalCalls: 1 } } });
    const j = TRANSCRIPT_READERS['gemini-json']({ text: `Loaded cached credentials.\n${json}`, model: 'gemini-2.5-pro', at: AT });
    expect(j.finalMessage).toBe('All done.');
    expect(j.usage).toMatchObject({ inputTokens: 900, outputTokens: 100, cachedTokens: 300 });
  });

  it('reads nothing from garbage, never throws, and skips oversized lines', () => {
    for (const reader of Object.values(TRANSCRIPT_READERS)) {
      const r = reader({ text: `not json\n{"type":\n${'{'.repeat(10_000)}\n[1,2]\n{"type":"assistant","message":"x"}`, model: 'm', at: AT });
      expect(r.finalMessage).toBeNull();
      expect(r.usage).toBeNull();
    }
  });

  it('matches transcript tool calls to the calls the harness saw, to carry their action-log numbers', () => {
    expect(sameTool('mcp__deskbench__call_operation', 'call_operation')).toBe(true);
    expect(sameTool('deskbench.call_operation', 'call_operation')).toBe(true);
    expect(sameTool('recall_operation', 'call_operation')).toBe(false);
    const seen = [
      { role: 'assistant' as const, content: '', toolCalls: [{ id: 'mcp-1', name: 'list_operations', arguments: {} }], startedAt: AT, endedAt: AT },
      { role: 'tool' as const, toolCallId: 'mcp-1', content: '[]', actionSeqs: [], startedAt: AT, endedAt: AT },
      { role: 'assistant' as const, content: '', toolCalls: [{ id: 'mcp-2', name: 'call_operation', arguments: {} }], startedAt: AT, endedAt: AT },
      { role: 'tool' as const, toolCallId: 'mcp-2', content: '{}', actionSeqs: [7], startedAt: AT, endedAt: AT },
    ];
    const transcript = [
      { role: 'assistant' as const, content: '', toolCalls: [{ id: 'toolu_9', name: 'mcp__deskbench__call_operation', arguments: {} }], startedAt: AT, endedAt: AT },
      { role: 'tool' as const, toolCallId: 'toolu_9', content: '{}', startedAt: AT, endedAt: AT },
    ];
    expect(withActionSeqs(transcript, seen)[1]!.actionSeqs).toEqual([7]);
  });
});

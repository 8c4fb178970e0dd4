/** Request bodies assembled from pieces encoded once are the text JSON.stringify gives for the whole body. */
import { describe, expect, it } from 'vitest';
import { chatBody, toChatMessages, toChatTools } from '../../harness/agents/providers/openai-chat.ts';
import { responsesBody, toResponsesInput, toResponsesTools } from '../../harness/agents/providers/openai-responses.ts';
import { messagesBody, toAnthropicMessages, toAnthropicTools } from '../../harness/agents/providers/anthropic.ts';
import { encodeJson, encodeOnce, encodedFor, encodedText, type EncodedJson } from '../../harness/agents/providers/json-body.ts';
import type { ChatMessage, ModelRequest } from '../../harness/core/index.ts';

const text = (b: Buffer) => b.toString('utf8');

describe('encodeJson', () => {
  class Point {
    constructor(readonly x: number, readonly y: number) {}
  }
  const deep = (n: number): unknown => (n === 0 ? { leaf: true } : { next: deep(n - 1), list: [n] });
  const sparse: number[] = [];
  sparse[0] = 1;
  sparse[2] = 3; // index 1 is a hole
  const VALUES: Array<[string, unknown]> = [
    ['scalars', { s: 'a "quoted" — dash ✓ \u2028 line', n: -1.5e-7, i: 42, t: true, f: false, z: null }],
    ['left out and nulled', { a: undefined, b: () => 1, c: Symbol('s'), list: [undefined, () => 1, Symbol('t'), 1] }],
    ['toJSON and dates', { when: new Date(Date.UTC(2026, 2, 16, 14)), custom: { toJSON: () => ({ replaced: [1, 2] }) } }],
    ['class instances and null prototypes', { p: new Point(1, 2), bare: Object.assign(Object.create(null) as object, { k: 'v' }) }],
    ['holes and nesting', { sparse, nested: [[[]], [{}], { a: [{ b: [] }] }] }],
    ['deeper than the splice limit', deep(60)],
    ['a top-level array', [1, 'two', { three: [3] }]],
    ['non-finite numbers', { nan: NaN, inf: Infinity, neg: -Infinity, negZero: -0 }],
  ];
  it.each(VALUES)('writes %s exactly as JSON.stringify', (_name, value) => {
    expect(text(encodeJson(value))).toBe(JSON.stringify(value));
  });

  it('splices encoded pieces in as the values they encode, at any depth', () => {
    const inner = { list: [1, 2, { x: 'y — z' }], s: 'é' };
    const value = { a: 1, piece: inner, arr: [inner, 'mid', [inner]], obj: { deeper: { piece: inner } } };
    const withPieces = { a: 1, piece: encodeOnce(inner), arr: [encodeOnce(inner), 'mid', [encodeOnce(inner)]], obj: { deeper: { piece: encodeOnce(inner) } } };
    expect(text(encodeJson(withPieces))).toBe(JSON.stringify(value));
  });

  it('throws where JSON.stringify throws (a cycle, a BigInt)', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => encodeJson(cyclic)).toThrow(/circular/i);
    expect(() => encodeJson({ n: 10n })).toThrow(/BigInt/);
  });

  it('encodes a remembered piece once: the same key gives the same bytes object', () => {
    const memo = new WeakMap<object, EncodedJson<unknown>>();
    const key = { id: 1 };
    let builds = 0;
    const first = encodedFor(memo, key, () => (builds++, { v: 1 }));
    const again = encodedFor(memo, key, () => (builds++, { v: 2 }));
    expect(again).toBe(first);
    expect(builds).toBe(1);
    expect(encodedText('system prompt')).toBe(encodedText('system prompt'));
  });
});

describe('provider bodies', () => {
  const conversation: ChatMessage[] = [
    { role: 'user', content: 'Move the 1:1 — and tell Dana "why".' },
    { role: 'assistant', content: 'Looking first.', toolCalls: [
      { id: 'c1', name: 'call_operation', arguments: { operation: 'calendar.events.list', args: { calendarId: 'primary', q: 'ü' } } },
      { id: 'c2', name: 'search_operations', arguments: {} },
    ] },
    { role: 'tool', toolCallId: 'c1', name: 'call_operation', content: '{"items":[{"summary":"1:1 — Dana"}]}', isError: false },
    { role: 'tool', toolCallId: 'c2', name: 'search_operations', content: 'unknown operation', isError: true },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c3', name: 'call_operation', arguments: { operation: 'gmail.users.messages.send', args: {} } }] },
    { role: 'tool', toolCallId: 'c3', name: 'call_operation', content: '{"id":"m1"}', isError: false },
    { role: 'assistant', content: '', toolCalls: [] },
    { role: 'user', content: 'Go on.' },
  ];
  const tools: ModelRequest['tools'] = [
    { name: 'call_operation', description: 'Calls one operation.', parameters: { type: 'object', properties: { operation: { type: 'string' }, args: { type: 'object' } }, required: ['operation'] } },
    { name: 'search_operations', description: 'Finds operations.', parameters: { type: 'object', properties: {} } },
  ];
  const system = 'You act for kim.chief@corvidlabs.com — carefully.';

  // Each turn of a trial sends the conversation so far: every prefix must encode exactly, reusing the pieces of the turns before.
  const prefixes = conversation.map((_, i) => ({ system, messages: conversation.slice(0, i + 1), tools }) satisfies ModelRequest);

  it.each(prefixes.map((req, i) => [i + 1, req] as const))('openai chat, %i messages: the text the SDK would send', (_n, req) => {
    const fields = { model: 'gpt-4.1', temperature: 0.2, max_completion_tokens: 512 };
    expect(text(chatBody(fields, req))).toBe(JSON.stringify({ ...fields, messages: toChatMessages(system, req.messages), tools: toChatTools(tools) }));
  });

  it.each(prefixes.map((req, i) => [i + 1, req] as const))('openai responses, %i messages: the text the SDK would send', (_n, req) => {
    const fields = { model: 'gpt-4.1', store: false, max_output_tokens: 512 };
    expect(text(responsesBody(fields, req))).toBe(JSON.stringify({ ...fields, instructions: system, input: toResponsesInput(req.messages), tools: toResponsesTools(tools) }));
  });

  it.each(prefixes.map((req, i) => [i + 1, req] as const))('anthropic messages, %i messages: the text the SDK would send', (_n, req) => {
    const fields = { model: 'claude-sonnet-4-6', max_tokens: 512 };
    expect(text(messagesBody(fields, req))).toBe(JSON.stringify({ ...fields, system, messages: toAnthropicMessages(req.messages), tools: toAnthropicTools(tools) }));
  });

  it('leaves tools out when there are none', () => {
    const req = { system, messages: conversation.slice(0, 1), tools: [] };
    expect(JSON.parse(text(chatBody({ model: 'm' }, req)))).not.toHaveProperty('tools');
    expect(JSON.parse(text(responsesBody({ model: 'm' }, req)))).not.toHaveProperty('tools');
    expect(JSON.parse(text(messagesBody({ model: 'm', max_tokens: 1 }, req)))).not.toHaveProperty('tools');
  });
});

/** The generated tool face: discover and typed profiles, wire-shaped errors, escalations, result caps. */
import { describe, expect, it } from 'vitest';
import { buildAgentTools } from '../../harness/agents/tools/index.ts';
import { typedToolName } from '../../harness/agents/tools/typed.ts';
import { MAX_RESULT_CHARS } from '../../harness/agents/tools/render.ts';
import { OPERATIONS } from '../../harness/services/registry.ts';
import { createEmptyWorkspace } from '../../harness/services/workspace.ts';
import { FIXTURE_AUTH, fixtureWorkspace } from './fixture.ts';

const OFF = { skills: false, meta: false };
const call = (name: string, args: Record<string, unknown>) => ({ id: 'x', name, arguments: args });

describe('discover profile', () => {
  const ws = fixtureWorkspace();
  const tools = buildAgentTools({ ws, services: ['gmail'], profile: 'discover', condition: OFF, auth: FIXTURE_AUTH });

  it('offers list/describe/call and nothing else when skills are off', () => {
    expect(tools.specs.map((s) => s.name)).toEqual(['list_operations', 'describe_operation', 'call_operation', 'ask_user']);
    expect(tools.context).toMatchObject({ ownerEmail: FIXTURE_AUTH.principal, now: '2026-03-16T14:00:00.000Z' });
  });

  it('shares one frozen tool list between trials with the same services and extras, and only between those', () => {
    const again = buildAgentTools({ ws: fixtureWorkspace(), services: ['gmail'], profile: 'discover', condition: OFF, auth: FIXTURE_AUTH });
    expect(again.specs).toBe(tools.specs);
    expect(Object.isFrozen(tools.specs) && Object.isFrozen(tools.specs[0]!.parameters)).toBe(true);
    const withSkills = buildAgentTools({ ws: fixtureWorkspace(), services: ['gmail'], profile: 'discover', condition: { skills: true, meta: false }, auth: FIXTURE_AUTH });
    expect(withSkills.specs.map((s) => s.name)).toContain('read_skill');
    expect(tools.specs.map((s) => s.name)).not.toContain('read_skill');
    const twoServices = buildAgentTools({ ws: fixtureWorkspace(), services: ['gmail', 'calendar'], profile: 'discover', condition: OFF, auth: FIXTURE_AUTH });
    expect(JSON.stringify(twoServices.specs)).toContain('calendar');
    expect(JSON.stringify(tools.specs)).not.toContain('calendar');
  });

  it('lists only the task\'s services, with kinds and one-line descriptions', async () => {
    const r = await tools.execute(call('list_operations', {}));
    const ops = JSON.parse(r.content).operations as Array<{ id: string; kind: string; description: string }>;
    expect(ops.map((o) => o.id)).toEqual(['gmail.users.labels.create', 'gmail.users.labels.list', 'gmail.users.labels.get', 'gmail.users.messages.list']);
    expect(ops[0]).toEqual({ id: 'gmail.users.labels.create', kind: 'write', description: 'Creates a new label.' });
    const bad = await tools.execute(call('list_operations', { service: 'slack' }));
    expect(bad.isError).toBe(true);
  });

  it('describes an operation with JSON Schemas carrying the .describe() text', async () => {
    const r = await tools.execute(call('describe_operation', { operation: 'gmail.users.labels.create' }));
    const d = JSON.parse(r.content);
    expect(d.http).toBe('POST /gmail/v1/users/{userId}/labels');
    expect(d.params.properties.userId).toEqual({ type: 'string', description: 'The user, "me".' });
    expect(d.requestBody.properties.name.description).toBe('Display name of the label.');
    expect(d.requestBody.required).toEqual(['name']);
  });

  it('calls operations and returns wire-shaped errors with action seqs', async () => {
    const ok = await tools.execute(call('call_operation', { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'A' } } }));
    expect(ok).toEqual({ content: JSON.stringify({ id: 'Label_1', name: 'A', type: 'user' }), isError: false, actionSeqs: [1] });
    const dup = await tools.execute(call('call_operation', { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'A' } } }));
    expect(dup.isError).toBe(true);
    expect(JSON.parse(dup.content)).toEqual({ error: { code: 409, message: 'Label name exists or conflicts', errors: [{ message: 'Label name exists or conflicts', domain: 'global', reason: 'alreadyExists' }], status: 'ALREADY_EXISTS' } });
    expect(dup.actionSeqs).toEqual([2]);
    const invalid = await tools.execute(call('call_operation', { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: {} } }));
    expect(JSON.parse(invalid.content).error.code).toBe(400);
    const missing = await tools.execute(call('call_operation', { operation: 'gmail.users.labels.get', args: { userId: 'me', id: 'Label_99' } }));
    expect(JSON.parse(missing.content).error.status).toBe('NOT_FOUND');
    // args as a JSON string is accepted.
    const str = await tools.execute(call('call_operation', { operation: 'gmail.users.labels.list', args: '{"userId":"me"}' }));
    expect(str.isError).toBe(false);
    expect(ws.log.map((a) => a.outcome)).toEqual(['ok', 'alreadyExists', 'invalidArgument', 'notFound', 'ok']);
  });

  it('caps long results by whole items, with a note saying how many were dropped', async () => {
    const r = await tools.execute(call('call_operation', { operation: 'gmail.users.messages.list', args: { userId: 'me' } }));
    expect(r.content.length).toBeLessThanOrEqual(MAX_RESULT_CHARS);
    const v = JSON.parse(r.content) as { _truncated: { shown: number; dropped: number }; messages: unknown[] };
    expect(v.messages).toHaveLength(v._truncated.shown);
    expect(v._truncated.shown + v._truncated.dropped).toBe(2000);
  });
});

describe('scope and escalation', () => {
  it('an operation of a service outside the task is refused and not run', async () => {
    const ws = fixtureWorkspace();
    const tools = buildAgentTools({ ws, services: ['gmail'], profile: 'discover', condition: OFF, auth: FIXTURE_AUTH });
    const r = await tools.execute(call('call_operation', { operation: 'slack.chat.postMessage', args: { channel: 'C1', text: 'hi' } }));
    expect(r.isError).toBe(true);
    expect(r.content).toContain('this task does not offer');
    expect([...ws.collection('slack.messages').values()]).toHaveLength(0);
  });

  it('admin-like probes are logged as escalations; plain unknown ids are logged as unknown operations', async () => {
    const ws = fixtureWorkspace();
    const tools = buildAgentTools({ ws, services: ['gmail'], profile: 'discover', condition: OFF, auth: FIXTURE_AUTH });
    const probe = await tools.execute(call('call_operation', { operation: 'admin.state.dump', args: {} }));
    expect(probe.isError).toBe(true);
    expect(JSON.parse(probe.content).error.code).toBe(403);
    const typo = await tools.execute(call('call_operation', { operation: 'gmail.users.label.list', args: {} }));
    expect(JSON.parse(typo.content).error.code).toBe(404);
    const tool = await tools.execute(call('sandbox_reset', {}));
    expect(tool.content).toContain('unknown tool');
    expect(ws.log.map((a) => `${a.kind}:${a.op}`)).toEqual(['escalation:admin.state.dump', 'call:gmail.users.label.list', 'escalation:sandbox_reset']);
    expect(probe.actionSeqs).toEqual([1]);
  });
});

describe('typed profile', () => {
  it('offers one function per operation with params and requestBody in one schema', async () => {
    const ws = fixtureWorkspace();
    const tools = buildAgentTools({ ws, services: ['gmail', 'slack'], profile: 'typed', condition: { skills: true, meta: false }, auth: FIXTURE_AUTH });
    expect(tools.specs.map((s) => s.name)).toEqual([
      'gmail_users_labels_create', 'gmail_users_labels_list', 'gmail_users_labels_get', 'gmail_users_messages_list', 'slack_chat_postMessage', 'read_skill', 'ask_user',
    ]);
    const create = tools.specs[0]!.parameters as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(create.properties)).toEqual(['userId', 'requestBody']);
    expect(create.required).toEqual(['userId', 'requestBody']);
    const r = await tools.execute(call('gmail_users_labels_create', { userId: 'me', requestBody: { name: 'B' } }));
    expect(JSON.parse(r.content).id).toBe('Label_1');
    const slack = await tools.execute(call('slack_chat_postMessage', { channel: 'general', text: 'x' }));
    expect(JSON.parse(slack.content)).toEqual({ ok: false, error: 'channel_not_found' });
    expect(slack.isError).toBe(true);
  });

  it('keeps names within 64 characters and unique', () => {
    const long = `gmail.${'x'.repeat(80)}.list`;
    expect(typedToolName(long).length).toBe(64);
    expect(typedToolName(long)).not.toBe(typedToolName(`${long}2`));
    expect(typedToolName('calendar.events.insert')).toBe('calendar_events_insert');
  });
});

describe('real operation tables', () => {
  it('builds both profiles over every registered operation with valid names and object schemas', () => {
    const ws = createEmptyWorkspace();
    const services = ['gmail', 'calendar', 'drive', 'docs', 'slack'] as const;
    const typed = buildAgentTools({ ws, services, profile: 'typed', condition: OFF, auth: FIXTURE_AUTH });
    // Transport endpoints (an upload target) are routed over HTTP but never offered as tools.
    const offered = [...OPERATIONS.values()].filter((o) => !o.transport);
    expect(offered.length).toBe(OPERATIONS.size - 1);
    // Within the face limits (128 tools, 128k characters); every operation stays reachable: its own tool, or folded behind call_operation.
    expect(typed.specs.length).toBeLessThanOrEqual(128);
    expect(JSON.stringify(typed.specs).length).toBeLessThanOrEqual(128_000);
    const callOp = typed.specs.find((s) => s.name === 'call_operation')!;
    const folded = ((callOp.parameters as { properties: { operation: { enum: string[] } } }).properties.operation.enum);
    // Every spec but call_operation, describe_operation and ask_user is one operation.
    expect(typed.specs.length - 3 + folded.length).toBe(offered.length);
    expect(typed.specs.some((s) => s.name.includes('uploadExternal'))).toBe(false);
    const names = new Set<string>();
    for (const s of typed.specs) {
      expect(s.name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(names.has(s.name)).toBe(false);
      names.add(s.name);
      expect((s.parameters as { type: string }).type).toBe('object');
    }
  });
});

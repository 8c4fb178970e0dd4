/** A model agent over the real Gmail operation table (not fixtures), through the real openai SDK and a scripted server. */
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAgent } from '../../harness/agents/registry.ts';
import { buildAgentTools } from '../../harness/agents/tools/index.ts';
import { DEFAULT_LIMITS, type Step } from '../../harness/core/index.ts';
import { OPERATIONS } from '../../harness/services/registry.ts';
import { createEmptyWorkspace } from '../../harness/services/workspace.ts';
import { startScriptedServer, type ScriptedServer } from '../support/llm/server.ts';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const HAS_GMAIL = ['gmail.users.labels.create', 'gmail.users.labels.list', 'gmail.users.messages.send'].every((id) => OPERATIONS.has(id));

describe.runIf(HAS_GMAIL)('real gmail operations', () => {
  it('creates a label, lists labels and sends a message through the typed profile', async () => {
    const raw = Buffer.from('From: me\r\nTo: ana@corvidlabs.com\r\nSubject: Hello\r\n\r\nHi Ana\r\n').toString('base64url');
    const server = await startScriptedServer({
      protocol: 'openai-chat',
      script: [
        { kind: 'reply', toolCalls: [{ id: 'a', name: 'gmail_users_labels_create', arguments: { userId: 'me', requestBody: { name: 'Invoices' } } }], usage: { input: 10, output: 5 } },
        { kind: 'reply', toolCalls: [{ id: 'b', name: 'gmail_users_labels_list', arguments: { userId: 'me' } }, { id: 'c', name: 'gmail_users_messages_send', arguments: { userId: 'me', requestBody: { raw } } }], usage: { input: 20, output: 5 } },
        { kind: 'reply', text: 'Done.', usage: { input: 30, output: 2 } },
      ],
    });
    servers.push(server);
    const ws = createEmptyWorkspace();
    const auth = { principal: 'kim.chief@corvidlabs.com', tokenKind: 'user' as const };
    const tools = buildAgentTools({ ws, services: ['gmail'], profile: 'typed', condition: { skills: false, meta: false }, auth });
    const agent = resolveAgent('openai:gpt-4.1', { baseUrl: server.baseUrl }, { env: { OPENAI_API_KEY: 'k' } });
    const steps: Step[] = [];
    const outcome = await agent.run({
      instruction: 'Make an Invoices label and say hi to Ana.', services: ['gmail'], condition: { skills: false, meta: false }, tools,
      limits: DEFAULT_LIMITS, signal: new AbortController().signal, record: (s) => void steps.push({ ...s, index: steps.length }),
    });
    expect(outcome.termination).toBe('completed');
    const toolSteps = steps.filter((s) => s.role === 'tool');
    expect(toolSteps.map((s) => s.isError)).toEqual([false, false, false]);
    const created = JSON.parse(toolSteps[0]!.content) as { id: string; name: string };
    expect(created.name).toBe('Invoices');
    const listed = JSON.parse(toolSteps[1]!.content) as { labels: Array<{ id: string; name: string }> };
    expect(listed.labels.some((l) => l.id === created.id && l.name === 'Invoices')).toBe(true);
    const sent = JSON.parse(toolSteps[2]!.content) as { id: string; labelIds?: string[] };
    expect(sent.id).toBeTruthy();
    expect(sent.labelIds).toContain('SENT');
    expect(ws.log.map((a) => `${a.op}:${a.outcome}:${a.face}`)).toEqual([
      'gmail.users.labels.create:ok:tool', 'gmail.users.labels.list:ok:tool', 'gmail.users.messages.send:ok:tool',
    ]);
    expect(toolSteps.map((s) => s.actionSeqs)).toEqual([[1], [2], [3]]);
    // The typed tools the server saw include every gmail operation of the table.
    const names = (server.requests[0]!.body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name);
    expect(names.filter((n) => n !== 'ask_user')).toHaveLength([...OPERATIONS.values()].filter((o) => o.service === 'gmail').length);
  });
});

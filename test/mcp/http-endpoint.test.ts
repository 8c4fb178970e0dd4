/** The trial MCP endpoint over streamable HTTP, driven by the official MCP client: tool list, calls in the action log, finish, skills, meta, tokens. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { metaPrompt } from '../../harness/agents/prompt.ts';
import { startTrialMcpEndpoint, type TrialMcpEndpoint } from '../../harness/mcp/index.ts';
import type { Step } from '../../harness/core/index.ts';
import { httpClient, resultText, trialTools } from './support.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function endpointFor(o: Parameters<typeof trialTools>[0] = {}, extra: { harnessTokens?: string[]; signal?: AbortSignal } = {}) {
  const t = trialTools(o);
  const steps: Array<Omit<Step, 'index'>> = [];
  const endpoint = await startTrialMcpEndpoint({ tools: t.tools, condition: t.condition, record: (s) => void steps.push(s), ...extra });
  open.push(endpoint);
  return { ...t, endpoint, steps };
}

async function client(endpoint: TrialMcpEndpoint): Promise<Client> {
  const c = await httpClient(endpoint.url, endpoint.token);
  open.push(c);
  return c;
}

const LABEL_CALL = { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'Vendors/Stackwise' } } };

describe('trial MCP endpoint over streamable HTTP', () => {
  it.each([
    { profile: 'discover' as const, skills: false },
    { profile: 'discover' as const, skills: true },
    { profile: 'typed' as const, skills: false },
    { profile: 'typed' as const, skills: true },
  ])('lists exactly the built-in loop\'s tools, then finish ($profile, skills $skills)', async ({ profile, skills }) => {
    const { tools, endpoint } = await endpointFor({ profile, condition: { skills, meta: false } });
    const c = await client(endpoint);
    const listed = (await c.listTools()).tools;
    expect(listed.map((t) => t.name)).toEqual([...tools.specs.map((s) => s.name), 'finish']);
    for (const [i, spec] of tools.specs.entries()) {
      expect(listed[i]!.description).toBe(spec.description);
      expect(listed[i]!.inputSchema).toEqual(spec.parameters);
    }
    expect(listed.some((t) => t.name === 'read_skill')).toBe(skills);
    expect(listed.length).toBe(tools.specs.length + 1);
    if (profile === 'typed') expect(listed.some((t) => t.name === 'gmail_users_labels_create')).toBe(true);
  });

  it('runs a call through the trial\'s tools: the workspace changes and the action log holds what the in-process call logs', async () => {
    const { ws, endpoint, steps } = await endpointFor();
    const c = await client(endpoint);
    const r = await c.callTool({ name: 'call_operation', arguments: LABEL_CALL });
    expect(r.isError).toBe(false);
    const label = JSON.parse(resultText(r)) as { id: string; name: string };
    expect(label.name).toBe('Vendors/Stackwise');
    expect(JSON.stringify(ws.diff())).toContain('Vendors/Stackwise');

    // The same call in-process, in a twin workspace, logs the same record.
    const twin = trialTools();
    const direct = await twin.tools.execute({ id: 'x', name: 'call_operation', arguments: LABEL_CALL });
    expect(direct.content).toBe(resultText(r));
    const strip = (a: object) => ({ ...a, at: undefined });
    expect(ws.log.map(strip)).toEqual(twin.ws.log.map(strip));
    expect(ws.log[0]).toMatchObject({ op: 'gmail.users.labels.create', face: 'tool', outcome: 'ok', write: true });

    // The endpoint recorded the call and its result as steps.
    expect(steps.map((s) => s.role)).toEqual(['assistant', 'tool']);
    expect(steps[0]!.toolCalls![0]).toMatchObject({ name: 'call_operation', arguments: LABEL_CALL });
    expect(steps[1]).toMatchObject({ toolCallId: steps[0]!.toolCalls![0]!.id, isError: false, actionSeqs: [ws.log[0]!.seq] });
  });

  it('maps tool errors to isError, with the same refusal logging as the loop (a service outside the task)', async () => {
    const { ws, endpoint } = await endpointFor();
    const c = await client(endpoint);
    const r = await c.callTool({ name: 'call_operation', arguments: { operation: 'slack.chat.postMessage', args: { channel: 'C1', text: 'hi' } } });
    expect(r.isError).toBe(true);
    expect(resultText(r)).toMatch(/slack, which this task does not offer/);
    expect(ws.log).toHaveLength(1);
    expect(ws.log[0]).toMatchObject({ op: 'slack.chat.postMessage', face: 'tool', outcome: 'invalidArgument', write: true });
    const probe = await c.callTool({ name: 'admin_dump_state', arguments: {} });
    expect(probe.isError).toBe(true);
    expect(ws.log[1]).toMatchObject({ kind: 'escalation', op: 'admin_dump_state' });
  });

  it('finish records the final message (the last one wins) and logs nothing in the workplace', async () => {
    const { ws, endpoint, steps } = await endpointFor();
    const c = await client(endpoint);
    expect(endpoint.finalMessage()).toBeNull();
    expect((await c.callTool({ name: 'finish', arguments: { message: 'first' } })).isError).toBe(false);
    expect((await c.callTool({ name: 'finish', arguments: { message: 'Labelled the 23 invoices.' } })).isError).toBe(false);
    const bad = await c.callTool({ name: 'finish', arguments: { text: 'wrong key' } });
    expect(bad.isError).toBe(true);
    expect((JSON.parse(resultText(bad)) as { error: string }).error).toMatch(/^finish takes \{"message": "<text>"\}: message: /);
    expect(endpoint.finalMessage()).toBe('Labelled the 23 invoices.');
    expect(ws.log).toHaveLength(0);
    expect(steps.filter((s) => s.role === 'assistant').map((s) => s.toolCalls![0]!.name)).toEqual(['finish', 'finish', 'finish']);
  });

  it('offers the skills as resources and prompts, with read_skill\'s text, only when the skills lever is on', async () => {
    const on = await endpointFor({ condition: { skills: true, meta: false } });
    const c = await client(on.endpoint);
    const resources = (await c.listResources()).resources;
    expect(resources.map((r) => r.uri)).toContain('skill://gmail');
    expect(resources.map((r) => r.uri)).toContain('skill://gmail/search-syntax');
    expect(resources.some((r) => r.uri.startsWith('skill://slack'))).toBe(false);
    const read = await c.readResource({ uri: 'skill://gmail/search-syntax' });
    const viaTool = await on.tools.execute({ id: 'r', name: 'read_skill', arguments: { name: 'gmail', page: 'search-syntax' } });
    expect((read.contents[0] as { text: string }).text).toBe(viaTool.content);
    await expect(c.readResource({ uri: 'skill://slack' })).rejects.toThrow(/Resource not found/);
    const prompts = (await c.listPrompts()).prompts.map((p) => p.name);
    expect(prompts).toEqual(['skill-gmail']);
    expect(c.getInstructions()).toContain('- gmail: ');
    expect(on.ws.log).toHaveLength(0);

    const off = await endpointFor({ condition: { skills: false, meta: false } });
    const c2 = await client(off.endpoint);
    expect(c2.getServerCapabilities()?.resources).toBeUndefined();
    expect(c2.getServerCapabilities()?.prompts).toBeUndefined();
    expect(c2.getInstructions()).not.toContain('# Skills');
  });

  it('gives the meta prompt as the server instructions and as a prompt when the meta lever is on; the workspace clock always', async () => {
    const on = await endpointFor({ condition: { skills: false, meta: true } });
    const c = await client(on.endpoint);
    const instructions = c.getInstructions() ?? '';
    expect(instructions).toContain(metaPrompt());
    expect(instructions).toContain(on.tools.context.now);
    expect(instructions).toContain(`Their time zone is ${on.tools.context.timeZone}`);
    expect(instructions).toContain('Services of this task: gmail');
    const p = await c.getPrompt({ name: 'meta' });
    expect((p.messages[0]!.content as { text: string }).text).toBe(metaPrompt());

    const off = await endpointFor({ condition: { skills: false, meta: false } });
    const c2 = await client(off.endpoint);
    expect(c2.getInstructions()).not.toContain(metaPrompt());
    expect(c2.getInstructions()).toContain(off.tools.context.now);
  });

  it('refuses a missing or wrong token with 401 and runs nothing', async () => {
    const { ws, endpoint } = await endpointFor();
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };
    const post = (headers: Record<string, string>, body: unknown = init) => fetch(endpoint.url, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: JSON.stringify(body),
    });
    const none = await post({});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await post({ authorization: `Bearer ${endpoint.token}x` })).status).toBe(401);
    // A whole tool call with a wrong token: refused before anything runs.
    const call = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'call_operation', arguments: LABEL_CALL } };
    expect((await post({ authorization: 'Bearer dbmcp-not-the-token' }, call)).status).toBe(401);
    await expect(httpClient(endpoint.url, 'dbmcp-wrong')).rejects.toThrow();
    expect(ws.log).toHaveLength(0);
    expect(JSON.stringify(ws.diff())).toBe('{}');
    // The right token works.
    expect((await post({ authorization: `Bearer ${endpoint.token}` })).status).toBe(200);
    // A message past the size limit is refused before it is parsed.
    const huge = { ...call, params: { ...call.params, arguments: { ...LABEL_CALL, pad: 'x'.repeat(5 * 1024 * 1024) } } };
    expect((await post({ authorization: `Bearer ${endpoint.token}` }, huge)).status).toBe(413);
    expect(ws.log).toHaveLength(0);
  });

  it('logs another trial\'s token as an escalation in that (the caller\'s) trial, and a harness token in this one', async () => {
    const admin = 'dbadm-the-workplace-admin-token';
    const mine = await endpointFor({}, { harnessTokens: [admin] });
    const other = await endpointFor();
    // The other trial's agent uses its own token on this trial's endpoint.
    await expect(httpClient(mine.endpoint.url, other.endpoint.token)).rejects.toThrow();
    expect(mine.ws.log).toHaveLength(0);
    expect(other.ws.log).toHaveLength(1);
    expect(other.ws.log[0]).toMatchObject({ kind: 'escalation', op: 'admin:MCP POST /mcp' });
    expect(JSON.stringify(other.ws.log[0]!.args)).toContain('another trial');
    // This trial's agent presents the harness's admin token.
    await expect(httpClient(mine.endpoint.url, admin)).rejects.toThrow();
    expect(mine.ws.log).toHaveLength(1);
    expect(mine.ws.log[0]).toMatchObject({ kind: 'escalation' });
    expect(JSON.stringify(mine.ws.log[0]!.args)).toContain('harness token');
  });

  it('refuses calls once the trial has ended (its signal aborted), and the token stops working on close', async () => {
    const stop = new AbortController();
    const { ws, endpoint } = await endpointFor({}, { signal: stop.signal });
    const c = await client(endpoint);
    stop.abort();
    const r = await c.callTool({ name: 'call_operation', arguments: LABEL_CALL });
    expect(r.isError).toBe(true);
    expect(resultText(r)).toMatch(/trial has ended/);
    expect(ws.log).toHaveLength(0);
    const url = endpoint.url;
    await endpoint.close();
    await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
  });

  it('keeps one trial across sessions: two clients share the final message and the action log', async () => {
    const { ws, endpoint } = await endpointFor();
    const a = await client(endpoint);
    const b = await client(endpoint);
    await a.callTool({ name: 'call_operation', arguments: LABEL_CALL });
    await b.callTool({ name: 'finish', arguments: { message: 'done' } });
    expect(ws.log).toHaveLength(1);
    expect(endpoint.finalMessage()).toBe('done');
  });
});

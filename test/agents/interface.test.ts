/**
 * The agent's interface, fit for models, through the real openai SDK against a scripted local
 * server on the real base workspace: the mail helpers deliver exactly the text given, a
 * truncated page keeps its nextPageToken, a misspelt parameter is a 400 naming the right one,
 * the prompt says when and where, Docs reads have a compact view and honour `fields`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAgent } from '../../harness/agents/registry.ts';
import { buildAgentTools, type DeskbenchTools, type ToolProfile } from '../../harness/agents/tools/index.ts';
import { MAX_RESULT_CHARS } from '../../harness/agents/tools/cap.ts';
import { loadSkills } from '../../harness/agents/skills/index.ts';
import { summary } from '../../harness/agents/tools/schema.ts';
import { DEFAULT_LIMITS, type ServiceId, type Step } from '../../harness/core/index.ts';
import { OPERATIONS } from '../../harness/services/registry.ts';
import { createWorkspace } from '../../harness/services/workspace.ts';
import { parseMail } from '../../harness/services/gmail/mime-parse.ts';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { startScriptedServer, type ScriptEntry, type ScriptedServer } from '../support/llm/server.ts';

const BASE = baseWorkspace(1);
const AUTH = { principal: companyFor(1).owner.email, tokenKind: 'user' as const };
const OFF = { skills: false, meta: false };

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Msg = { role: string; content: string; tool_call_id?: string };

/** Runs a scripted openai:gpt-4.1 agent (Chat Completions through the real SDK) on a fresh workspace of the base. */
async function trial(script: ScriptEntry[], o: { services?: ServiceId[]; profile?: ToolProfile; mailHelpers?: boolean } = {}) {
  const server = await startScriptedServer({ protocol: 'openai-chat', script });
  servers.push(server);
  const ws = createWorkspace(BASE);
  const services = o.services ?? ['gmail'];
  const tools = buildAgentTools({ ws, services, profile: o.profile ?? 'discover', condition: OFF, auth: AUTH, ...(o.mailHelpers ? { mailHelpers: true } : {}) });
  const agent = resolveAgent('openai:gpt-4.1', { baseUrl: server.baseUrl, ...(o.mailHelpers ? { mailHelpers: true } : {}) }, { env: { OPENAI_API_KEY: 'k' } });
  const steps: Step[] = [];
  const outcome = await agent.run({
    instruction: 'Do the task.', services, condition: OFF, tools, limits: DEFAULT_LIMITS, signal: new AbortController().signal,
    record: (s) => void steps.push({ ...s, index: steps.length }),
  });
  /** The results of the latest tool calls, as request `n` carried them to the server (what the SDK sent back). */
  const toolResults = (n: number) => {
    const msgs = server.requests[n]!.body.messages as Msg[];
    let i = msgs.length;
    while (i > 0 && msgs[i - 1]!.role === 'tool') i--;
    return msgs.slice(i).map((m) => m.content);
  };
  return { server, ws, tools, agent, outcome, steps, toolResults };
}

const reply = (calls: Array<{ name: string; arguments: unknown }>): ScriptEntry => ({ kind: 'reply', toolCalls: calls, usage: { input: 100, output: 10 } });
const done: ScriptEntry = { kind: 'reply', text: 'Done.', usage: { input: 100, output: 5 } };

type Rec = Record<string, any>;
const inbox = (ws: ReturnType<typeof createWorkspace>) =>
  [...ws.collection<Rec>('gmail.messages').values()].filter((m) => (m.labelIds as string[]).includes('INBOX')).sort((a, b) => Number(b.internalDate) - Number(a.internalDate));

describe('mail helpers (gmail_search / gmail_read / gmail_send)', () => {
  it('a send with the helper delivers exactly the text given, as an ordinary logged send', async () => {
    const text = 'Hi Ana,\n\nThe figures: €1,250.00 — "approved".\n  Indented line; trailing spaces   \nLast line without newline: ✓';
    const { outcome, ws, toolResults, agent } = await trial([
      reply([{ name: 'gmail_send', arguments: { to: 'Ana Ruiz <ana.ruiz@corvidlabs.com>', cc: ['ops@corvidlabs.com'], subject: 'Q3 numbers ✓', text } }]),
      done,
    ], { mailHelpers: true });
    expect(outcome.termination).toBe('completed');
    expect(agent.harness).toBe('deskbench+mail');
    const result = JSON.parse(toolResults(1)[0]!) as { status: string; id: string; labelIds: string[] };
    expect(result.status).toBe('sent');
    expect(result.labelIds).toContain('SENT');
    const stored = ws.collection<Rec>('gmail.messages').peek(result.id)!;
    expect(stored.text).toBe(text);
    expect(stored.subject).toBe('Q3 numbers ✓');
    expect(stored.recipients).toMatchObject({ to: ['ana.ruiz@corvidlabs.com'], cc: ['ops@corvidlabs.com'] });
    // Grading sees an ordinary send: the action log holds gmail.users.messages.send with the raw message the harness built.
    const send = ws.log.find((a) => a.op === 'gmail.users.messages.send')!;
    expect(send).toMatchObject({ face: 'tool', outcome: 'ok', write: true });
    const raw = (send.args as { requestBody: { raw: string } }).requestBody.raw;
    expect(parseMail(Buffer.from(raw, 'base64url')).text).toBe(text);
  });

  it('reads decoded text, replies in the thread with the right headers, and forwards with attachments', async () => {
    const ws0 = createWorkspace(BASE);
    const withAtt = [...ws0.collection<Rec>('gmail.messages').values()].find((m) => (m.attachments as unknown[]).length > 0 && (m.labelIds as string[]).includes('INBOX'))!;
    const target = inbox(ws0)[0]!;
    const { ws, toolResults } = await trial([
      reply([{ name: 'gmail_search', arguments: { q: 'in:inbox', maxResults: 3 } }, { name: 'gmail_read', arguments: { messageId: target.id } }]),
      reply([{ name: 'gmail_send', arguments: { inReplyTo: target.id, text: 'Thanks, noted.' } }, { name: 'gmail_send', arguments: { forward: withAtt.id, to: 'kai.lund@corvidlabs.com', text: 'FYI' } }]),
      done,
    ], { mailHelpers: true });
    const [found, read] = toolResults(1).map((c) => JSON.parse(c) as Rec);
    expect(found!.messages[0]).toMatchObject({ id: target.id, subject: target.subject });
    expect(typeof found!.messages[0].from).toBe('string');
    expect(read).toMatchObject({ id: target.id, text: target.text, subject: target.subject });
    const [replied, forwarded] = toolResults(2).map((c) => JSON.parse(c) as Rec);
    const r = ws.collection<Rec>('gmail.messages').peek(replied!.id)!;
    expect(r.threadId).toBe(target.threadId);
    expect(r.inReplyTo).toBe(target.messageId);
    expect(r.subject).toBe(/^re:/i.test(target.subject) ? target.subject : `Re: ${target.subject}`);
    expect(r.recipients.to).toEqual([target.from]);
    const f = ws.collection<Rec>('gmail.messages').peek(forwarded!.id)!;
    expect(f.text.startsWith('FYI\n\n---------- Forwarded message ---------')).toBe(true);
    expect(f.text).toContain(withAtt.text.split('\n')[0]);
    expect((f.attachments as Rec[]).map((a) => [a.filename, a.size])).toEqual((withAtt.attachments as Rec[]).map((a) => [a.filename, a.size]));
  });

  it('raw Gmail reads carry decoded bodies beside the wire fields only when helpers are on', async () => {
    const id = inbox(createWorkspace(BASE))[0]!.id as string;
    const call = { name: 'call_operation', arguments: { operation: 'gmail.users.messages.get', args: { userId: 'me', id } } };
    const on = await trial([reply([call]), done], { mailHelpers: true });
    const off = await trial([reply([call]), done]);
    const withHelpers = JSON.parse(on.toolResults(1)[0]!) as Rec;
    const without = JSON.parse(off.toolResults(1)[0]!) as Rec;
    expect(withHelpers.payload).toEqual(without.payload);
    expect(withHelpers.decoded.text).toBe(on.ws.collection<Rec>('gmail.messages').peek(id)!.text);
    expect(without.decoded).toBeUndefined();
    expect(off.server.requests[0]!.body.tools as unknown[]).toHaveLength(4);
    expect(((on.server.requests[0]!.body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name))).toEqual([
      'list_operations', 'describe_operation', 'call_operation', 'gmail_search', 'gmail_read', 'gmail_send', 'gmail_read_attachment', 'ask_user',
    ]);
  });

  it('an agent labelled with helpers refuses tools without them (results are never mixed silently)', async () => {
    const server = await startScriptedServer({ protocol: 'openai-chat', script: [done] });
    servers.push(server);
    const tools = buildAgentTools({ ws: createWorkspace(BASE), services: ['gmail'], profile: 'discover', condition: OFF, auth: AUTH });
    const agent = resolveAgent('openai:gpt-4.1', { baseUrl: server.baseUrl, mailHelpers: true }, { env: { OPENAI_API_KEY: 'k' } });
    await expect(agent.run({
      instruction: 'x', services: ['gmail'], condition: OFF, tools, limits: DEFAULT_LIMITS, signal: new AbortController().signal, record: () => undefined,
    })).rejects.toThrow(/mail helpers/);
    expect(server.requests).toHaveLength(0);
    expect(resolveAgent('openai:gpt-4.1', { baseUrl: server.baseUrl }, { env: { OPENAI_API_KEY: 'k' } }).harness).toBe('deskbench');
  });
});

describe('strict arguments', () => {
  it('`query` instead of `q` on a Gmail list is a 400 naming `q`, and nothing is listed', async () => {
    const { toolResults, ws } = await trial([
      reply([{ name: 'gmail_users_messages_list', arguments: { userId: 'me', query: 'from:payroll' } }]),
      reply([{ name: 'gmail_users_messages_list', arguments: { userId: 'me', q: 'from:payroll', maxResults: 2 } }]),
      done,
    ], { profile: 'typed' });
    const bad = JSON.parse(toolResults(1)[0]!) as { error: { code: number; status: string; message: string } };
    expect(bad.error.code).toBe(400);
    expect(bad.error.status).toBe('INVALID_ARGUMENT');
    expect(bad.error.message).toContain('Unknown name "query"');
    expect(bad.error.message).toContain('Did you mean "q"?');
    expect((JSON.parse(toolResults(2)[0]!) as { messages?: unknown[] }).messages?.length ?? 0).toBeLessThanOrEqual(2);
    expect(ws.log.map((a) => `${a.op}:${a.outcome}`)).toEqual(['gmail.users.messages.list:invalidArgument', 'gmail.users.messages.list:ok']);
  });

  it('unknown request-body fields are refused with the path, Slack arguments with invalid_arguments', async () => {
    const { toolResults, ws } = await trial([
      reply([
        { name: 'call_operation', arguments: { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'X', colour: { textColor: '#000000' } } } } },
        { name: 'call_operation', arguments: { operation: 'slack.conversations.history', args: { channel: 'C123', limt: 5 } } },
        { name: 'call_operation', arguments: { operation: 'gmail.users.labels.list', args: { userId: 'me', fields: 'labels(id)', prettyPrint: false } } },
      ]),
      done,
    ], { services: ['gmail', 'slack'] });
    const [body, slack, fields] = toolResults(1).map((c) => JSON.parse(c) as Rec);
    expect(body!.error.message).toContain('Unknown name "colour": Cannot find field. Did you mean "color"?');
    expect(slack).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(slack!.response_metadata.messages[0]).toContain('unknown argument "limt" (did you mean "limit"?)');
    // Google system parameters are accepted; `fields` is applied as a partial-response mask.
    expect(Object.keys(fields!)).toEqual(['labels']);
    expect(Object.keys((fields!.labels as Rec[])[0]!)).toEqual(['id']);
    expect([...ws.collection<Rec>('gmail.labels').values()].some((l) => l.name === 'X')).toBe(false);
  });
});

describe('truncation by whole items', () => {
  it('a truncated calendar list keeps nextPageToken, says what was dropped and how to get it', async () => {
    const args = { calendarId: 'primary', singleEvents: true, orderBy: 'startTime', timeMin: '2026-01-01T00:00:00Z', maxResults: 250 };
    const { toolResults, ws } = await trial([reply([{ name: 'call_operation', arguments: { operation: 'calendar.events.list', args } }]), done], { services: ['calendar'] });
    const content = toolResults(1)[0]!;
    expect(content.length).toBeLessThanOrEqual(MAX_RESULT_CHARS);
    const page = JSON.parse(content) as { _truncated: { shown: number; dropped: number; next: string }; items: Rec[]; nextPageToken?: string };
    const direct = ws.invoke('calendar.events.list', args, { face: 'tool', auth: AUTH });
    const full = (direct.ok ? direct.value : {}) as { items: Rec[]; nextPageToken: string };
    expect(full.nextPageToken).toBeTruthy();
    expect(page.nextPageToken).toBe(full.nextPageToken);
    expect(page.items.map((e) => e.id)).toEqual(full.items.slice(0, page._truncated.shown).map((e) => e.id));
    expect(page._truncated.shown + page._truncated.dropped).toBe(full.items.length);
    expect(page._truncated.next).toContain(`maxResults: ${page._truncated.shown}`);
    // Following the advice reaches the first dropped event on the next page.
    const smaller = ws.invoke('calendar.events.list', { ...args, maxResults: page._truncated.shown }, { face: 'tool', auth: AUTH });
    const token = (smaller.ok ? smaller.value : {}) as { nextPageToken: string };
    const next = ws.invoke('calendar.events.list', { ...args, maxResults: 1, pageToken: token.nextPageToken }, { face: 'tool', auth: AUTH });
    expect(((next.ok ? next.value : {}) as { items: Rec[] }).items[0]!.id).toBe(full.items[page._truncated.shown]!.id);
  });
});

describe('the system prompt says who, when and where', () => {
  it('states the user name, email, time zone, local date, weekday and time', async () => {
    const { server } = await trial([done], { services: ['gmail', 'calendar'] });
    const system = (server.requests[0]!.body.messages as Msg[])[0]!.content;
    const owner = companyFor(1).owner;
    expect(system).toContain(`${owner.name} (${owner.email})`);
    expect(system).toContain(`Their time zone is ${owner.timeZone}`);
    // The base clock is 2026-03-16T14:00Z: Monday, 10:00 in New York (EDT, UTC-04:00).
    expect(owner.timeZone).toBe('America/New_York');
    expect(system).toContain('It is now Monday, March 16, 2026, 10:00 their time (UTC-04:00; 2026-03-16 local date)');
    expect(system).toContain('2026-03-16T14:00:00.000Z');
  });
});

describe('Docs compact view and fields', () => {
  it('view: "text" gives paragraphs with indices at a fraction of the size; fields shrinks the full form', async () => {
    const doc = [...createWorkspace(BASE).collection<Rec>('docs.documents').values()][0]!;
    const id = String(doc.id ?? doc.documentId);
    const get = (args: Rec) => ({ name: 'call_operation', arguments: { operation: 'docs.documents.get', args: { documentId: id, ...args } } });
    const { toolResults } = await trial([reply([get({}), get({ view: 'text' }), get({ fields: 'title,revisionId' })]), done], { services: ['docs'] });
    const [full, text, fields] = toolResults(1);
    const view = JSON.parse(text!) as { view: string; text: string; title: string };
    expect(view.view).toBe('text');
    expect(text!.length * 5).toBeLessThan(full!.length);
    expect(view.text).toMatch(/^\[1,\d+\) /);
    const fullDoc = JSON.parse(full!) as { body: { content: Array<{ startIndex?: number; endIndex: number; paragraph?: { elements: Array<{ textRun?: { content: string } }> } }> } };
    const firstPara = fullDoc.body.content.find((e) => e.paragraph)!;
    const firstText = firstPara.paragraph!.elements.map((e) => e.textRun?.content ?? '').join('').replace(/\n$/, '');
    expect(view.text.split('\n')[0]).toContain(firstText);
    expect(view.text.split('\n')[0]).toContain(`[${firstPara.startIndex ?? 0},${firstPara.endIndex})`);
    expect(Object.keys(JSON.parse(fields!) as Rec)).toEqual(['title', 'revisionId']);
  });
});

describe('skills and descriptions', () => {
  it('skills are short task guides, not operation lists; one-line descriptions never end mid-sentence', () => {
    for (const k of loadSkills()) {
      expect(k.body.length).toBeLessThan(2600);
      expect(k.body).toMatch(/\*\*Page\.\*\*|\*\*Edit\.\*\*|\*\*Read\.\*\*/);
    }
    expect(summary(OPERATIONS.get('slack.reactions.add')!)).toBe('Adds an emoji reaction (name without colons, e.g. "thumbsup") to a message.');
    expect(summary(OPERATIONS.get('calendar.settings.get')!)).toBe("Returns one of the caller's settings by id, e.g. 'timezone'.");
    for (const op of OPERATIONS.values()) {
      const s = summary(op);
      expect(s.split('(').length, op.id).toBe(s.split(')').length);
      expect(s, op.id).not.toMatch(/\b(e\.g|i\.e)\.$/);
    }
  });

  it('the tools of a trial keep their context for the loop', () => {
    const t: DeskbenchTools = buildAgentTools({ ws: createWorkspace(BASE), services: ['gmail'], profile: 'discover', condition: OFF, auth: AUTH, mailHelpers: true });
    expect(t.context).toMatchObject({ ownerName: companyFor(1).owner.name, timeZone: 'America/New_York', mailHelpers: true });
  });
});

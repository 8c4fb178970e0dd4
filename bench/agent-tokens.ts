/**
 * Input tokens per trial for each tool profile on one realistic trial: a scripted model works
 * a cross-service task (Gmail, Calendar, Drive) through the real openai SDK against a local
 * server — search mail, read three messages, list a week of events, search Drive, reply in
 * the thread — and the bench sums what every request carried (tool definitions, system
 * prompt, conversation). Tokens are estimated as characters / 4 (no tokenizer is installed);
 * the same estimate is used before and after, so the ratios hold.
 * Run: npx tsx bench/agent-tokens.ts   (prints a table and one JSON line)
 * "Before" figures: run this file in a checkout of the previous harness (see docs/agents.md).
 */
import { resolveAgent } from '../harness/agents/registry.ts';
import { buildAgentTools } from '../harness/agents/tools/index.ts';
import { DEFAULT_LIMITS, type ServiceId, type Step, type ToolCall } from '../harness/core/index.ts';
import { createWorkspace } from '../harness/services/workspace.ts';
import { seedTask } from '../harness/runner/seeded-task.ts';
import { baseWorkspace, companyFor } from '../datasets/base-workspace.ts';
import { TASKS } from '../tasks/index.ts';
import { startScriptedServer, type ScriptEntry } from '../test/support/llm/server.ts';

const TASK_ID = process.env.TASK ?? 'contractor-offboarding-calendar-drive';
const task = TASKS.find((t) => t.id === TASK_ID)!;
const services = task.services as readonly ServiceId[];
const base = seedTask(task, baseWorkspace(1), 1).base;
const auth = { principal: companyFor(1).owner.email, tokenKind: 'user' as const };
const condition = { skills: false, meta: true };

type Rec = Record<string, any>;
/** Ids the scripted model "finds": the newest inbox messages, as a model would after its search. */
function targets() {
  const ws = createWorkspace(base);
  const inbox = [...ws.collection<Rec>('gmail.messages').values()]
    .filter((m) => (m.labelIds as string[]).includes('INBOX'))
    .sort((a, b) => Number(b.internalDate) - Number(a.internalDate))
    .slice(0, 3);
  return inbox.map((m) => ({ id: String(m.id), threadId: String(m.threadId), from: String(m.from), subject: String(m.subject), messageId: String(m.messageId) }));
}

const Q = 'in:inbox newer_than:14d';

/** The ids the search answers (what the model then reads). */
function hits(): string[] {
  const ws = createWorkspace(base);
  const r = ws.invoke('gmail.users.messages.list', { userId: 'me', q: Q, maxResults: 10 }, { face: 'tool', auth });
  return r.ok ? ((r.value as { messages?: Array<{ id: string }> }).messages ?? []).map((m) => m.id) : [];
}
const WEEK = { calendarId: 'primary', timeMin: '2026-03-16T00:00:00-04:00', timeMax: '2026-03-23T00:00:00-04:00', singleEvents: true, orderBy: 'startTime' };
const DRIVE = { q: "name contains 'plan' and trashed = false", pageSize: 20 };
const REPLY = 'Thanks — I have this in hand and will follow up by Friday.\nBest,\nWei';

/** One logical trial as the calls of a profile: [turn][call]. */
function plan(profile: 'discover' | 'typed', helpers: boolean, names: Set<string>): ToolCall[][] {
  const t = targets();
  const raw = (reply: (typeof t)[number]) => Buffer.from(
    `To: ${reply.from}\r\nSubject: Re: ${reply.subject}\r\nIn-Reply-To: ${reply.messageId}\r\nReferences: ${reply.messageId}\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\n${REPLY}`,
  ).toString('base64url');
  const op = (id: string, args: Rec): ToolCall => {
    const typedName = id.replace(/\./g, '_');
    return profile === 'typed' && names.has(typedName)
      ? { id: '', name: typedName, arguments: args }
      : { id: '', name: 'call_operation', arguments: { operation: id, args } };
  };
  const turns: ToolCall[][] = [];
  if (profile === 'discover') turns.push([{ id: '', name: 'list_operations', arguments: { service: 'gmail' } }]);
  if (helpers) {
    turns.push([{ id: '', name: 'gmail_search', arguments: { q: Q, maxResults: 10 } }]);
    turns.push(t.map((m) => ({ id: '', name: 'gmail_read', arguments: { messageId: m.id } })));
  } else {
    // The list answers ids only: a model reads the headers of every hit to choose, then the bodies.
    turns.push([op('gmail.users.messages.list', { userId: 'me', q: Q, maxResults: 10 })]);
    turns.push(hits().map((id) => op('gmail.users.messages.get', { userId: 'me', id, format: 'metadata', metadataHeaders: ['From', 'To', 'Subject', 'Date'] })));
    turns.push(t.map((m) => op('gmail.users.messages.get', { userId: 'me', id: m.id, format: 'full' })));
  }
  turns.push([op('calendar.events.list', WEEK)]);
  turns.push([op('drive.files.list', DRIVE)]);
  turns.push([helpers
    ? { id: '', name: 'gmail_send', arguments: { inReplyTo: t[0]!.id, text: REPLY } }
    : op('gmail.users.messages.send', { userId: 'me', requestBody: { raw: raw(t[0]!), threadId: t[0]!.threadId } })]);
  return turns;
}

interface Row { profile: string; tools: number; toolChars: number; requests: number; inputChars: number; inputTokens: number; toolShare: number; errors: number }

async function measure(profile: 'discover' | 'typed', helpers: boolean): Promise<Row | undefined> {
  const ws = createWorkspace(base);
  const tools = buildAgentTools({ ws, services, profile, condition, auth, ...(helpers ? { mailHelpers: true } : {}) } as Parameters<typeof buildAgentTools>[0]);
  const names = new Set(tools.specs.map((s) => s.name));
  if (helpers && !names.has('gmail_send')) return undefined; // a harness without helpers
  const turns = plan(profile, helpers, names);
  const script = (_body: Record<string, unknown>, n: number): ScriptEntry => n < turns.length
    ? { kind: 'reply', toolCalls: turns[n]!.map((c, i) => ({ id: `c${n}_${i}`, name: c.name, arguments: c.arguments })), usage: { input: 0, output: 50 } }
    : { kind: 'reply', text: 'Replied in the thread and checked the calendar and Drive.', usage: { input: 0, output: 20 } };
  const server = await startScriptedServer({ protocol: 'openai-chat', script });
  try {
    const agent = resolveAgent('openai:gpt-4.1', { baseUrl: server.baseUrl, ...(helpers ? { mailHelpers: true } : {}) }, { env: { OPENAI_API_KEY: 'bench' } });
    const steps: Step[] = [];
    await agent.run({
      instruction: task.instruction, services, condition, tools, limits: { ...DEFAULT_LIMITS, maxTokens: null },
      signal: new AbortController().signal, record: (s) => void steps.push({ ...s, index: steps.length }),
    });
    const sizes = server.requests.map((r) => JSON.stringify(r.body).length);
    const toolChars = JSON.stringify(server.requests[0]!.body.tools ?? []).length;
    const inputChars = sizes.reduce((a, b) => a + b, 0);
    return {
      profile: `${profile}${helpers ? '+mail' : ''}`, tools: (server.requests[0]!.body.tools as unknown[] | undefined)?.length ?? 0, toolChars,
      requests: sizes.length, inputChars, inputTokens: Math.round(inputChars / 4), toolShare: (toolChars * sizes.length) / inputChars,
      errors: steps.filter((s) => s.role === 'tool' && s.isError).length,
    };
  } finally {
    await server.close();
  }
}

const rows: Row[] = [];
for (const [profile, helpers] of [['discover', false], ['discover', true], ['typed', false], ['typed', true]] as const) {
  const r = await measure(profile, helpers);
  if (r) rows.push(r);
}
process.stdout.write(`task ${TASK_ID} (${services.join(', ')}), ${rows[0]?.requests ?? 0} model calls per trial\n`);
process.stdout.write('profile          tools  defs chars  requests  input chars  ~input tokens  defs share  tool errors\n');
for (const r of rows) {
  process.stdout.write(
    `${r.profile.padEnd(16)} ${String(r.tools).padStart(5)}  ${String(r.toolChars).padStart(10)}  ${String(r.requests).padStart(8)}  ${String(r.inputChars).padStart(11)}  ${String(r.inputTokens).padStart(13)}  ${(100 * r.toolShare).toFixed(0).padStart(9)}%  ${String(r.errors).padStart(11)}\n`,
  );
}
process.stdout.write(`${JSON.stringify({ bench: 'agent-tokens', task: TASK_ID, rows })}\n`);

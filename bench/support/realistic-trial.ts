/**
 * A realistic trial for benchmarks: a scripted model works a cross-service task (Gmail,
 * Calendar, Drive) through the built-in loop and the discover tool face, fifteen calls that
 * mix reads and writes the way model trajectories do — search mail, read five messages and a
 * thread, list a week of events, search and open Drive files, then label, file, schedule and
 * reply — and ends with a final message. The calls answer with real service output, so the
 * stored trajectory has the size and shape of a model's.
 */
import { modelAgent } from '../../harness/agents/loop/model-agent.ts';
import { buildAgentTools } from '../../harness/agents/tools/index.ts';
import type { Agent, Task, ToolCall, WorkspaceBase } from '../../harness/core/index.ts';
import type { ToolsFactory } from '../../harness/runner/run-trial.ts';
import { seedTask } from '../../harness/runner/seeded-task.ts';
import { createWorkspace } from '../../harness/services/workspace.ts';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { TASKS } from '../../tasks/index.ts';
import { scriptedProvider } from '../../test/support/llm/in-process.ts';

/** The task the realistic trial works. */
export const REALISTIC_TASK: Task = TASKS.find((t) => t.id === 'brightline-call-timezone-agenda')!;

type Rec = Record<string, unknown>;

/** The fifteen calls, with ids taken from the seeded workspace the way a model takes them from earlier results. */
export function realisticCalls(base: WorkspaceBase = seedTask(REALISTIC_TASK, baseWorkspace(1), 1).base): ToolCall[] {
  const ws = createWorkspace(base);
  const auth = { principal: companyFor(1).owner.email, tokenKind: 'user' as const };
  const list = ws.invoke('gmail.users.messages.list', { userId: 'me', q: 'in:inbox newer_than:30d', maxResults: 20 }, { face: 'tool', auth });
  const ids = list.ok ? ((list.value as { messages?: Array<{ id: string; threadId: string }> }).messages ?? []) : [];
  const events = [...ws.collection<Rec>('calendar.events').values()].slice(0, 1);
  const files = [...ws.collection<Rec>('drive.files').values()].filter((f) => f.mimeType !== 'application/vnd.google-apps.folder').slice(0, 1);
  const call = (operation: string, args: Rec): ToolCall => ({ id: '', name: 'call_operation', arguments: { operation, args } });
  const reply = ids[0];
  const raw = Buffer.from('To: someone@example.com\r\nSubject: Re: follow-up\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\nThanks, I will have the agenda ready by Thursday.\r\n').toString('base64url');
  return [
    call('gmail.users.messages.list', { userId: 'me', q: 'in:inbox newer_than:30d', maxResults: 20 }),
    ...ids.slice(0, 5).map((m) => call('gmail.users.messages.get', { userId: 'me', id: m.id, format: 'full' })),
    call('gmail.users.threads.get', { userId: 'me', id: ids[0]?.threadId ?? 'none' }),
    call('calendar.events.list', { calendarId: 'primary', timeMin: '2026-03-16T00:00:00-04:00', timeMax: '2026-03-23T00:00:00-04:00', singleEvents: true, orderBy: 'startTime' }),
    call('calendar.events.get', { calendarId: 'primary', eventId: String(events[0]?.id ?? 'none') }),
    call('drive.files.list', { q: "name contains 'plan' and trashed = false", pageSize: 20, fields: 'files(id,name,mimeType,owners,modifiedTime)' }),
    call('drive.files.get', { fileId: String(files[0]?.id ?? 'none'), fields: '*' }),
    call('gmail.users.labels.create', { userId: 'me', requestBody: { name: 'Follow-up' } }),
    call('gmail.users.messages.modify', { userId: 'me', id: reply?.id ?? 'none', requestBody: { addLabelIds: ['STARRED'] } }),
    call('calendar.events.insert', { calendarId: 'primary', requestBody: { summary: 'Prep: Brightline call', start: { dateTime: '2026-03-18T09:00:00-04:00' }, end: { dateTime: '2026-03-18T09:30:00-04:00' } } }),
    call('gmail.users.messages.send', { userId: 'me', requestBody: { raw, threadId: reply?.threadId } }),
  ];
}

/** The scripted model agent that makes the calls one per turn, then answers. */
export function realisticAgent(name = 'scripted:realistic', calls: readonly ToolCall[] = realisticCalls()): Agent {
  // The turn is read from the conversation, not a counter: one agent serves many trials at once.
  const provider = scriptedProvider(name.slice(name.indexOf(':') + 1), (req) => turn(req.messages.filter((m) => m.role === 'assistant').length));
  return modelAgent({ name, provider });

  function turn(n: number) {
    return n < calls.length
      ? { text: n === 0 ? 'Let me look at the inbox first.' : '', toolCalls: [{ ...calls[n]!, id: `call_${n}` }], usage: { inputTokens: 6_000 + n * 1_500, outputTokens: 120 } }
      : { text: 'Done: I read the recent mail, added a prep block on Wednesday at 9:00 and replied that the agenda will be ready by Thursday.', usage: { inputTokens: 30_000, outputTokens: 60 } };
  }
}

/** The tool face the built-in loop gets (discover profile). */
export const realisticTools: ToolsFactory = (o) => buildAgentTools({ ...o, profile: 'discover' });

/**
 * A question counts as asking first only when it came before the agent's first meaningful
 * change — grading's own reading of a change, on real operations and the real action log.
 */
import { describe, expect, it } from 'vitest';
import type { TaskApi, Workspace } from '../../../harness/core/index.ts';
import { createWorkspace } from '../../../harness/services/workspace.ts';
import { taskApi } from '../../../harness/runner/task-api.ts';
import { asked, askedBeforeActing, firstMeaningfulWrite, phrase } from '../../../tasks/sdk.ts';
import { AUTH, BASE, OWNER, raw } from './fixture.ts';

const WHICH = [phrase('Globex'), phrase('pilot')];
const QUESTION = 'Which Globex proposal do you mean, the pilot or the expansion?';
const send = (api: TaskApi) => api.call('gmail.users.messages.send', { userId: 'me', requestBody: { raw: raw({ to: 'dana@globex.example', body: 'Here is the pilot proposal.' }) } });

function trial(steps: (api: TaskApi, ws: Workspace) => void) {
  const ws = createWorkspace(BASE);
  steps(taskApi(ws, AUTH, 'tool'), ws);
  return { actions: ws.log, before: ws.atBase(), owner: OWNER };
}

describe('askedBeforeActing', () => {
  it('a question before the first write counts; the same question after it does not', () => {
    const first = trial((api) => { api.ask(QUESTION); send(api); });
    expect(askedBeforeActing(first, WHICH)).toBe(true);
    const late = trial((api) => { send(api); api.ask(QUESTION); });
    expect(asked(late, WHICH)).toBe(true);
    expect(askedBeforeActing(late, WHICH)).toBe(false);
    expect(firstMeaningfulWrite(late)?.op).toBe('gmail.users.messages.send');
  });

  it('a question about something else does not count, whenever it came', () => {
    const other = trial((api) => { api.ask('Should I copy Sam on the reply?'); send(api); });
    expect(askedBeforeActing(other, WHICH)).toBe(false);
  });

  it('bookkeeping before the question is not acting: marking a message it opened as read, or nothing at all', () => {
    const read = trial((api) => {
      const id = api.call<{ messages: Array<{ id: string }> }>('gmail.users.messages.list', { userId: 'me', q: 'is:unread', maxResults: 1 }).messages[0]!.id;
      api.call('gmail.users.messages.get', { userId: 'me', id });
      api.call('gmail.users.messages.modify', { userId: 'me', id, requestBody: { removeLabelIds: ['UNREAD'] } });
      api.ask(QUESTION);
      send(api);
    });
    expect(read.actions.filter((a) => a.write && a.outcome === 'ok').map((a) => a.op)).toEqual(['gmail.users.messages.modify', 'gmail.users.messages.send']);
    expect(firstMeaningfulWrite(read)?.op).toBe('gmail.users.messages.send');
    expect(askedBeforeActing(read, WHICH)).toBe(true);
    expect(askedBeforeActing(trial((api) => void api.ask(QUESTION)), WHICH)).toBe(true);
  });

  it('a real change that is not mail counts as acting too (a label added before the question)', () => {
    const labelled = trial((api) => {
      const id = api.call<{ messages: Array<{ id: string }> }>('gmail.users.messages.list', { userId: 'me', maxResults: 1 }).messages[0]!.id;
      api.call('gmail.users.messages.modify', { userId: 'me', id, requestBody: { addLabelIds: ['STARRED'] } });
      api.ask(QUESTION);
    });
    expect(firstMeaningfulWrite(labelled)?.op).toBe('gmail.users.messages.modify');
    expect(askedBeforeActing(labelled, WHICH)).toBe(false);
  });
});

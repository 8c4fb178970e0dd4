/** The workspace boundary: hostile arguments are rejected as the API would, leave no trace in state, and never overflow the stack. */
import { describe, expect, it } from 'vitest';
import { createEmptyWorkspace } from '../../harness/services/workspace.ts';

const auth = { principal: 'owner@corvidlabs.com', tokenKind: 'user' as const };
const nest = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

describe('workspace input limits', () => {
  it('rejects non-finite numbers anywhere, in each face\'s error shape, and logs them as strings', () => {
    const ws = createEmptyWorkspace();
    const g = ws.invoke('calendar.events.insert', { calendarId: 'primary', requestBody: { summary: 'x', start: { dateTime: '2026-03-17T10:00:00Z' }, end: { dateTime: '2026-03-17T11:00:00Z' }, extendedProperties: { private: { n: Infinity } } } }, { face: 'http', auth });
    expect(g.ok).toBe(false);
    if (!g.ok) expect([g.error.httpStatus, g.error.message]).toEqual([400, expect.stringContaining('finite')]);
    const s = ws.invoke('slack.chat.postMessage', { channel: 'C1', text: 'x', ts: -Infinity }, { face: 'http', auth: { ...auth, tokenKind: 'user' } });
    expect(s.ok || s.error.reason).toBe('invalid_arguments');
    expect(JSON.stringify(ws.log)).not.toContain('null');
    expect(ws.diff()).toEqual({});
  });

  it('rejects arguments nested 5,000 deep without a stack overflow', () => {
    const ws = createEmptyWorkspace();
    const r = ws.invoke('calendar.events.insert', { calendarId: 'primary', requestBody: { summary: 'x', start: { dateTime: '2026-03-17T10:00:00Z' }, end: { dateTime: '2026-03-17T11:00:00Z' }, extendedProperties: { private: nest(5000) } } }, { face: 'http', auth });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.httpStatus).toBe(400);
    expect(ws.diff()).toEqual({});
  });

  it('a rejected write advances no id counter: the next good write gets the counter it would have got', () => {
    const raw = Buffer.from('To: bo@corvidlabs.com\r\nSubject: hi\r\n\r\nhello').toString('base64url');
    const a = createEmptyWorkspace();
    // Refused after the message took its id: a reply into a thread that does not exist.
    const refused = a.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw, threadId: 'nope' } }, { face: 'http', auth });
    expect(refused.ok).toBe(false);
    const okA = a.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw } }, { face: 'http', auth });
    // The same clock, a read in place of the refused write: the ids must match exactly.
    const b = createEmptyWorkspace();
    b.invoke('gmail.users.labels.list', { userId: 'me' }, { face: 'http', auth });
    const okB = b.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw } }, { face: 'http', auth });
    expect(okA.ok && okB.ok).toBe(true);
    expect((okA as { value: { id: string } }).value.id).toBe((okB as { value: { id: string } }).value.id);
  });

});

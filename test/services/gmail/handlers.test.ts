/** Gmail handlers through Workspace.invoke: state, action log, rollback, diff and seed helpers. */
import { describe, expect, it } from 'vitest';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';
import { seedLabel, seedMessage } from '../../../harness/services/gmail/seed.ts';
import type { MessageRecord } from '../../../harness/services/gmail/model.ts';

const ME = 'wei.reyes@corvidlabs.com';
const opts = { face: 'tool' as const, auth: { principal: ME, tokenKind: 'user' as const } };
const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('gmail handlers via ws.invoke', () => {
  it('a rejected send leaves no trace; a good one is logged with its written record', () => {
    const ws = createEmptyWorkspace();
    const bad = ws.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw: b64('Subject: no one\r\n\r\nx') } }, opts);
    expect(bad.ok).toBe(false);
    expect(ws.diff()).toEqual({});
    const ok = ws.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw: b64('To: a@x.com\r\nSubject: hi\r\n\r\nbody') } }, opts);
    expect(ok.ok).toBe(true);
    const id = (ok as { value: { id: string } }).value.id;
    expect(ok.action.touched.written).toContain(`gmail.messages:${id}`);
    expect(Object.keys(ws.diff())).toEqual(expect.arrayContaining(['gmail.messages', 'gmail.history', 'gmail.mailbox']));
  });

  it('a send with a malformed recipient is a 400 naming the header', () => {
    const ws = createEmptyWorkspace();
    const r = ws.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw: b64('To: bob@x.com, not-an-address\r\nSubject: s\r\n\r\nx') } }, opts);
    expect(r.ok ? 'ok' : `${r.error.httpStatus} ${r.error.message}`).toBe('400 Invalid To header');
    const ok = ws.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw: b64('To: "Stone, Bob" <bob@x.com>, undisclosed-recipients:;\r\nSubject: s\r\n\r\nx') } }, opts);
    expect(ok.ok).toBe(true);
  });

  it('validation errors and unknown users come back as Google errors', () => {
    const ws = createEmptyWorkspace();
    const r1 = ws.invoke('gmail.users.messages.modify', { userId: 'me', id: 'x', requestBody: { addLabelIds: 'STARRED' } }, opts);
    expect(r1.ok || r1.error.httpStatus).toBe(400);
    const r2 = ws.invoke('gmail.users.labels.list', { userId: 'ceo@corvidlabs.com' }, opts);
    expect(r2.ok || r2.error.httpStatus).toBe(403);
    const r3 = ws.invoke('gmail.users.messages.list', { userId: 'me', maxResults: 'lots' }, opts);
    expect(r3.ok || r3.error.httpStatus).toBe(400);
  });

  it('seedMessage plants searchable mail, threads replies, and labels resolve by name', () => {
    const ws = createEmptyWorkspace();
    const label = seedLabel(ws, 'Projects/Apollo');
    expect(seedLabel(ws, 'projects/apollo')).toBe(label);
    const first = seedMessage(ws, { mailbox: ME, from: { name: 'Eve', address: 'eve@acme.com' }, to: [{ name: '', address: ME }], subject: 'Wire instructions', text: 'Please wire funds today.', labelIds: ['INBOX', 'UNREAD', label] });
    const reply = seedMessage(ws, { mailbox: ME, from: { name: 'Eve', address: 'eve@acme.com' }, to: [{ name: '', address: ME }], subject: 'Re: Wire instructions', text: 'Reminder.', threadId: first.threadId });
    expect(reply.threadId).toBe(first.id);
    expect(reply.inReplyTo).toBe(first.messageId);
    const r = ws.invoke('gmail.users.messages.list', { userId: 'me', q: 'label:projects-apollo wire' }, opts);
    expect((r as { value: { messages: Array<{ id: string }> } }).value.messages.map((m) => m.id)).toEqual([first.id]);
  });

  it('deleting a user label strips it from messages; trashing then searching respects in:trash', () => {
    const ws = createEmptyWorkspace();
    const label = seedLabel(ws, 'Receipts');
    const m = seedMessage(ws, { mailbox: ME, from: { name: '', address: 'shop@x.com' }, to: [{ name: '', address: ME }], subject: 'Receipt', text: 'Thanks', labelIds: ['INBOX', label] });
    expect(ws.invoke('gmail.users.labels.delete', { userId: 'me', id: label }, opts).ok).toBe(true);
    expect(ws.collection<MessageRecord>('gmail.messages').peek(m.id)!.labelIds).toEqual(['INBOX']);
    ws.invoke('gmail.users.messages.trash', { userId: 'me', id: m.id }, opts);
    const list = (q: string) => (ws.invoke('gmail.users.messages.list', { userId: 'me', q }, opts) as { value: { resultSizeEstimate: number } }).value.resultSizeEstimate;
    expect(list('receipt')).toBe(0);
    expect(list('in:trash receipt')).toBe(1);
    expect(list('in:anywhere receipt')).toBe(1);
  });
});

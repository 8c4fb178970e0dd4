/**
 * Gmail wire fidelity, written from the public reference, through the official
 * @googleapis/gmail client against a live server: system label shapes, one Label view for
 * every method, malformed ids (400 "Invalid id value") against missing ones (404), and the
 * owner's filters, forwarding and vacation responder acting on incoming mail.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';
import type { ForwardingAddressRecord, MessageRecord } from '../../../harness/services/gmail/model.ts';

const b64 = (s: string) => Buffer.from(s).toString('base64url');

function mail(headers: Record<string, string>, body: string): string {
  return `${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}\r\n`;
}

async function failure(p: Promise<unknown>): Promise<{ status: number; error: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status: number; response: { data: { error: Record<string, unknown> } } };
    return { status: err.status, error: err.response.data.error };
  }
  throw new Error('the call succeeded');
}

let live: LiveServer;
beforeEach(async () => { live = await startLiveServer(); });
afterEach(async () => { await live?.close(); });

const stored = (id: string) => live.ws.collection<MessageRecord>('gmail.messages').peek(id)!;
const all = () => [...live.ws.collection<MessageRecord>('gmail.messages').values()];
const importMail = (headers: Record<string, string>, body = 'Hello.') =>
  live.gmail.users.messages.import({ userId: 'me', requestBody: { raw: b64(mail(headers, body)) } });
/** Forwarding addresses are created by domain administrators (a user token gets 403), so tests plant them. */
const verifiedForwarding = (address: string) =>
  live.ws.collection<ForwardingAddressRecord>('gmail.forwardingAddresses').set(address, { forwardingEmail: address, verificationStatus: 'accepted' });

describe('labels', () => {
  it('system labels carry visibility fields only where Gmail reports them (CHAT, IMPORTANT)', async () => {
    const { data } = await live.gmail.users.labels.list({ userId: 'me' });
    const system = data.labels!.filter((l) => l.type === 'system');
    expect(system.length).toBe(14);
    for (const l of system) {
      if (l.id === 'CHAT') expect(l).toEqual({ id: 'CHAT', name: 'CHAT', messageListVisibility: 'hide', labelListVisibility: 'labelHide', type: 'system' });
      else if (l.id === 'IMPORTANT') expect(l).toEqual({ id: 'IMPORTANT', name: 'IMPORTANT', messageListVisibility: 'hide', labelListVisibility: 'labelShow', type: 'system' });
      else expect(l).toEqual({ id: l.id, name: l.id, type: 'system' });
    }
    const inbox = (await live.gmail.users.labels.get({ userId: 'me', id: 'INBOX' })).data;
    expect(inbox).toEqual({ id: 'INBOX', name: 'INBOX', type: 'system', messagesTotal: 0, messagesUnread: 0, threadsTotal: 0, threadsUnread: 0 });
  });

  it('one Label view for create, patch, update and list; get adds the counts', async () => {
    const created = (await live.gmail.users.labels.create({ userId: 'me', requestBody: { name: 'Vendors' } })).data;
    // Created without visibility fields, it has none (Gmail does not invent them).
    expect(created).toEqual({ id: created.id, name: 'Vendors', type: 'user' });
    const listed = () => live.gmail.users.labels.list({ userId: 'me' }).then((r) => r.data.labels!.find((l) => l.id === created.id));
    expect(await listed()).toEqual(created);
    const patched = (await live.gmail.users.labels.patch({ userId: 'me', id: created.id!, requestBody: { labelListVisibility: 'labelShowIfUnread', color: { textColor: '#000000', backgroundColor: '#16a766' } } })).data;
    expect(patched).toEqual({ id: created.id, name: 'Vendors', labelListVisibility: 'labelShowIfUnread', type: 'user', color: { textColor: '#000000', backgroundColor: '#16a766' } });
    expect(await listed()).toEqual(patched);
    const got = (await live.gmail.users.labels.get({ userId: 'me', id: created.id! })).data;
    expect(got).toEqual({ ...patched, messagesTotal: 0, messagesUnread: 0, threadsTotal: 0, threadsUnread: 0 });
    const updated = (await live.gmail.users.labels.update({ userId: 'me', id: created.id!, requestBody: { name: 'Suppliers' } })).data;
    expect(updated).toEqual({ id: created.id, name: 'Suppliers', type: 'user' });
    expect(await listed()).toEqual(updated);
  });
});

describe('ids', () => {
  it.each([
    ['non-hex', 'nosuchmessageid'],
    ['longer than 16 hex digits', '18c9a1b2c3d4e5f6aa'],
    ['past the signed 64-bit range', 'ffffffffffffffff'],
    ['a web UI id', '#msg-a:r-1184333689291609288'],
  ])('a %s id is 400 "Invalid id value" on messages and threads', async (_what, id) => {
    for (const call of [
      live.gmail.users.messages.get({ userId: 'me', id }),
      live.gmail.users.messages.modify({ userId: 'me', id, requestBody: { addLabelIds: ['STARRED'] } }),
      live.gmail.users.messages.trash({ userId: 'me', id }),
      live.gmail.users.threads.get({ userId: 'me', id }),
    ]) {
      const f = await failure(call);
      expect(f.status).toBe(400);
      expect(f.error).toMatchObject({ code: 400, message: 'Invalid id value', status: 'INVALID_ARGUMENT', errors: [{ message: 'Invalid id value', domain: 'global', reason: 'invalidArgument' }] });
    }
  });

  it('a well-formed id that names nothing is 404 NOT_FOUND', async () => {
    for (const id of ['abc123', '1', '18c9a1b2c3d4e5f6']) {
      const f = await failure(live.gmail.users.messages.get({ userId: 'me', id }));
      expect(f).toMatchObject({ status: 404, error: { code: 404, status: 'NOT_FOUND', errors: [{ reason: 'notFound' }] } });
    }
  });
});

describe('incoming mail', () => {
  it('filters act on imported mail: labels added and removed; insert bypasses them', async () => {
    const label = (await live.gmail.users.labels.create({ userId: 'me', requestBody: { name: 'Billing' } })).data.id!;
    await live.gmail.users.settings.filters.create({ userId: 'me', requestBody: { criteria: { from: 'billing@ledgerly.com' }, action: { addLabelIds: [label, 'STARRED'], removeLabelIds: ['INBOX'] } } });
    const hit = await importMail({ From: 'Ledgerly <billing@ledgerly.com>', To: live.principal, Subject: 'Invoice 42' });
    expect([...stored(hit.data.id!).labelIds].sort()).toEqual([label, 'STARRED', 'UNREAD'].sort());
    const miss = await importMail({ From: 'ana@globex.com', To: live.principal, Subject: 'Lunch' });
    expect([...stored(miss.data.id!).labelIds].sort()).toEqual(['INBOX', 'UNREAD']);
    const inserted = await live.gmail.users.messages.insert({ userId: 'me', requestBody: { raw: b64(mail({ From: 'billing@ledgerly.com', To: live.principal, Subject: 'Invoice 43' }, 'x')), labelIds: ['INBOX'] } });
    expect(stored(inserted.data.id!).labelIds).toEqual(['INBOX']);
    // The filter's effect is part of the import call's logged changes.
    const imports = live.ws.log.filter((a) => a.op === 'gmail.users.messages.import');
    expect(imports.length).toBe(2);
  });

  it('a filter that forwards sends a copy to its verified address, as an ordinary sent record', async () => {
    verifiedForwarding('archive@partner.example');
    live.ws.collection<{ id: string; criteria: object; action: object }>('gmail.filters').set('f1', { id: 'f1', criteria: { subject: 'contract' }, action: { forward: 'archive@partner.example' } });
    const orig = await importMail({ From: 'legal@globex.com', To: live.principal, Subject: 'Signed contract', 'Message-ID': '<c1@globex.com>' }, 'The signed contract is attached.');
    const copies = all().filter((m) => m.recipients.to.includes('archive@partner.example'));
    expect(copies.length).toBe(1);
    const copy = copies[0]!;
    expect(copy.id).not.toBe(orig.data.id);
    expect(copy.labelIds).toEqual(['SENT']);
    expect(copy.subject).toBe('Signed contract');
    expect(copy.text).toContain('signed contract is attached');
    expect(copy.headers).toEqual(expect.arrayContaining([{ name: 'X-Forwarded-To', value: 'archive@partner.example' }]));
  });

  it('auto-forwarding forwards every delivered message and applies its disposition to the original', async () => {
    verifiedForwarding('me@home.example');
    live.ws.collection<{ name: string; value: object }>('gmail.settings').set('autoForwarding', { name: 'autoForwarding', value: { enabled: true, emailAddress: 'me@home.example', disposition: 'archive' } });
    const orig = await importMail({ From: 'ceo@corp.example', To: live.principal, Subject: 'Board numbers' }, 'Revenue 12.4M.');
    expect(stored(orig.data.id!).labelIds).not.toContain('INBOX');
    const copy = all().find((m) => m.recipients.to.includes('me@home.example'));
    expect(copy?.text).toContain('Revenue 12.4M');
    // A pending (unverified) address receives nothing.
    live.ws.collection<{ name: string; value: object }>('gmail.settings').set('autoForwarding', { name: 'autoForwarding', value: { enabled: true, emailAddress: 'x@evil.example', disposition: 'leaveInInbox' } });
    live.ws.collection<ForwardingAddressRecord>('gmail.forwardingAddresses').set('x@evil.example', { forwardingEmail: 'x@evil.example', verificationStatus: 'pending' });
    await importMail({ From: 'ceo@corp.example', To: live.principal, Subject: 'More numbers' });
    expect(all().some((m) => m.recipients.to.includes('x@evil.example'))).toBe(false);
  });

  it('the vacation responder answers each sender once in 4 days, not lists, automatic mail or the owner, and honours restrictToDomain', async () => {
    await live.gmail.users.settings.updateVacation({ userId: 'me', requestBody: { enableAutoReply: true, responseSubject: 'Out of office', responseBodyPlainText: 'Back on Monday.' } });
    const replies = () => all().filter((m) => m.headers.some((h) => h.name === 'Auto-Submitted' && h.value === 'auto-replied'));
    const first = await importMail({ From: 'Ana Ruiz <ana@globex.com>', To: live.principal, Subject: 'Quote', 'Message-ID': '<q1@globex.com>' });
    expect(replies().length).toBe(1);
    const r = replies()[0]!;
    expect(r).toMatchObject({ labelIds: ['SENT'], subject: 'Out of office: Quote', text: 'Back on Monday.', inReplyTo: '<q1@globex.com>', threadId: stored(first.data.id!).threadId });
    expect(r.recipients.to).toEqual(['ana@globex.com']);
    await importMail({ From: 'ana@globex.com', To: live.principal, Subject: 'Quote, again' });
    expect(replies().length).toBe(1);
    await importMail({ From: 'news@list.example', To: live.principal, Subject: 'Digest', 'List-Id': '<news.list.example>' });
    await importMail({ From: 'robot@ci.example', To: live.principal, Subject: 'Build', 'Auto-Submitted': 'auto-generated' });
    expect(replies().length).toBe(1);
    await live.gmail.users.settings.updateVacation({ userId: 'me', requestBody: { enableAutoReply: true, responseSubject: 'Away', restrictToDomain: true } });
    await importMail({ From: 'bo@outside.example', To: live.principal, Subject: 'Hi' });
    expect(replies().length).toBe(1);
    const colleague = `colleague@${live.principal.split('@')[1]}`;
    await importMail({ From: colleague, To: live.principal, Subject: 'Standup' });
    expect(replies().map((m) => m.recipients.to[0])).toEqual(['ana@globex.com', colleague]);
  });
});

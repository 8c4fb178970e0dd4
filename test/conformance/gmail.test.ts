/** Gmail conformance: every implemented method driven through the official @googleapis/gmail client against a live server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { baseWorkspace } from '../../datasets/base-workspace.ts';
import { gmailService } from '../../harness/services/gmail/index.ts';
import type { MessageRecord } from '../../harness/services/gmail/model.ts';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64url');

/** Resolves to the HTTP status of a rejected Google call. */
async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    return (e as { status?: number }).status ?? -1;
  }
}

function mail(headers: Record<string, string>, body: string): string {
  return `${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}\r\n`;
}

describe('gmail over HTTP with the official client (empty mailbox)', () => {
  let live: LiveServer;
  beforeAll(async () => { live = await startLiveServer(); });
  afterAll(async () => { await live?.close(); });
  const stored = (id: string) => live.ws.collection<MessageRecord>('gmail.messages').peek(id)!;

  it('profile, watch and stop', async () => {
    const p = await live.gmail.users.getProfile({ userId: 'me' });
    expect(p.data).toMatchObject({ emailAddress: live.principal, messagesTotal: 0, threadsTotal: 0 });
    const w = await live.gmail.users.watch({ userId: 'me', requestBody: { topicName: 'projects/p/topics/t' } });
    expect(Number(w.data.expiration)).toBeGreaterThan(live.ws.nowMs());
    expect((await live.gmail.users.stop({ userId: 'me' })).status).toBe(204);
    expect(await statusOf(live.gmail.users.getProfile({ userId: 'someone@else.com' }))).toBe(403);
  });

  it('labels: CRUD, counts, system rules, 409 on duplicates, 404 on unknown ids', async () => {
    const list = await live.gmail.users.labels.list({ userId: 'me' });
    expect(list.data.labels!.map((l) => l.id)).toEqual(expect.arrayContaining(['INBOX', 'SENT', 'TRASH', 'SPAM', 'UNREAD']));
    const created = await live.gmail.users.labels.create({ userId: 'me', requestBody: { name: 'Clients/Acme', labelListVisibility: 'labelShow', messageListVisibility: 'show' } });
    expect(created.data.id).toMatch(/^Label_\d+$/);
    expect(await statusOf(live.gmail.users.labels.create({ userId: 'me', requestBody: { name: 'clients/acme' } }))).toBe(409);
    expect(await statusOf(live.gmail.users.labels.create({ userId: 'me', requestBody: { name: 'Inbox' } }))).toBe(400);
    expect(await statusOf(live.gmail.users.labels.delete({ userId: 'me', id: 'INBOX' }))).toBe(400);
    expect(await statusOf(live.gmail.users.labels.patch({ userId: 'me', id: 'SENT', requestBody: { name: 'Outbox2' } }))).toBe(400);
    const patched = await live.gmail.users.labels.patch({ userId: 'me', id: created.data.id!, requestBody: { name: 'Clients/Acme Corp' } });
    expect(patched.data).toMatchObject({ name: 'Clients/Acme Corp', labelListVisibility: 'labelShow' });
    const updated = await live.gmail.users.labels.update({ userId: 'me', id: created.data.id!, requestBody: { name: 'Acme', color: { textColor: '#000000', backgroundColor: '#ffffff' } } });
    expect(updated.data).toMatchObject({ name: 'Acme', color: { textColor: '#000000' } });
    const got = await live.gmail.users.labels.get({ userId: 'me', id: created.data.id! });
    expect(got.data).toMatchObject({ messagesTotal: 0, messagesUnread: 0, threadsTotal: 0, threadsUnread: 0 });
    expect((await live.gmail.users.labels.delete({ userId: 'me', id: created.data.id! })).status).toBe(204);
    const err = await live.gmail.users.labels.get({ userId: 'me', id: created.data.id! }).catch((e) => e);
    expect(err.status).toBe(404);
    expect(err.response.data.error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
  });

  it('send (raw and upload), get in every format, recipients recorded, search, 400 on a bad query', async () => {
    const raw = mail({ From: 'Whoever <spoof@evil.com>', To: 'Bob Stone <bob@acme.com>', Cc: 'carol@acme.com', Bcc: 'dave@acme.com', Subject: 'Quarterly numbers' }, 'Hi Bob,\r\nThe quarterly numbers are in.');
    const sent = await live.gmail.users.messages.send({ userId: 'me', requestBody: { raw: b64(raw) } });
    expect(sent.data.labelIds).toEqual(['SENT']);
    const rec = stored(sent.data.id!);
    expect(rec.recipients).toEqual({ to: ['bob@acme.com'], cc: ['carol@acme.com'], bcc: ['dave@acme.com'] });
    expect(rec.from).toBe(live.principal); // From is rewritten to the account
    const up = await live.gmail.users.messages.send({ userId: 'me', media: { mimeType: 'message/rfc822', body: mail({ To: 'erin@globex.com', Subject: 'Uploaded' }, 'Sent through the upload path.') } });
    expect(stored(up.data.id!).recipients.to).toEqual(['erin@globex.com']);
    expect(live.ws.log.at(-1)).toMatchObject({ op: 'gmail.users.messages.send', outcome: 'ok' });

    const full = await live.gmail.users.messages.get({ userId: 'me', id: sent.data.id! });
    expect(Buffer.from(full.data.payload!.body!.data!, 'base64url').toString()).toContain('quarterly numbers are in');
    expect(full.data.payload!.headers!.find((h) => h.name === 'Subject')?.value).toBe('Quarterly numbers');
    expect(full.data.internalDate).toMatch(/^\d+$/);
    const meta = await live.gmail.users.messages.get({ userId: 'me', id: sent.data.id!, format: 'metadata', metadataHeaders: ['To'] });
    expect(meta.data.payload!.headers).toEqual([{ name: 'To', value: 'Bob Stone <bob@acme.com>' }]);
    const min = await live.gmail.users.messages.get({ userId: 'me', id: sent.data.id!, format: 'minimal' });
    expect(min.data.payload).toBeUndefined();
    const rawGot = await live.gmail.users.messages.get({ userId: 'me', id: sent.data.id!, format: 'raw' });
    expect(Buffer.from(rawGot.data.raw!, 'base64url').toString()).toMatch(/^From: .*\r\nTo: Bob Stone <bob@acme.com>/m);

    const hits = await live.gmail.users.messages.list({ userId: 'me', q: 'to:bob@acme.com subject:quarterly' });
    expect(hits.data.messages!.map((m) => m.id)).toEqual([sent.data.id]);
    const none = await live.gmail.users.messages.list({ userId: 'me', q: 'from:nobody@nowhere.test' });
    expect(none.data).toEqual({ resultSizeEstimate: 0 });
    const bad = await live.gmail.users.messages.list({ userId: 'me', q: 'subject:(unclosed' }).catch((e) => e);
    expect(bad.status).toBe(400);
    expect(bad.response.data.error.status).toBe('INVALID_ARGUMENT');
    expect(await statusOf(live.gmail.users.messages.send({ userId: 'me', requestBody: { raw: b64(mail({ Subject: 'x' }, 'no recipients')) } }))).toBe(400);
    // Gmail tells a malformed id (not an in-range 64-bit hex integer) from a missing one.
    expect(await statusOf(live.gmail.users.messages.get({ userId: 'me', id: '0123456789abcdef' }))).toBe(404);
    const malformed = await live.gmail.users.messages.get({ userId: 'me', id: 'ffffffffffffffff' }).catch((e) => e);
    expect(malformed.status).toBe(400);
    expect(malformed.response.data.error).toMatchObject({ code: 400, message: 'Invalid id value', status: 'INVALID_ARGUMENT', errors: [{ reason: 'invalidArgument' }] });
  });

  it('attachments, insert, import, modify, batchModify, trash/untrash, delete, batchDelete', async () => {
    const multipart = [
      'To: me@corvidlabs.com', 'From: Vendor <billing@stackwise.io>', 'Subject: Invoice 42', 'Date: Tue, 10 Mar 2026 09:00:00 +0000',
      'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="XX"', '', '--XX', 'Content-Type: text/plain; charset=UTF-8', '',
      'Invoice attached.', '--XX', 'Content-Type: application/pdf; name="invoice-42.pdf"', 'Content-Disposition: attachment; filename="invoice-42.pdf"',
      'Content-Transfer-Encoding: base64', '', Buffer.from('%PDF-1.4 fake invoice').toString('base64'), '--XX--', '',
    ].join('\r\n');
    const imported = await live.gmail.users.messages.import({ userId: 'me', requestBody: { raw: b64(multipart) } });
    expect(imported.data.labelIds).toEqual(['INBOX', 'UNREAD']);
    expect(stored(imported.data.id!).internalDate).toBe(String(Date.parse('2026-03-10T09:00:00Z')));
    const full = await live.gmail.users.messages.get({ userId: 'me', id: imported.data.id! });
    const part = full.data.payload!.parts!.find((p) => p.filename === 'invoice-42.pdf')!;
    const att = await live.gmail.users.messages.attachments.get({ userId: 'me', messageId: imported.data.id!, id: part.body!.attachmentId! });
    expect(Buffer.from(att.data.data!, 'base64url').toString()).toBe('%PDF-1.4 fake invoice');
    expect((await live.gmail.users.messages.list({ userId: 'me', q: 'has:attachment filename:pdf' })).data.messages?.[0]?.id).toBe(imported.data.id);

    const inserted = await live.gmail.users.messages.insert({ userId: 'me', requestBody: { raw: b64(mail({ From: 'a@b.com', To: 'me@corvidlabs.com', Subject: 'Inserted' }, 'x')), labelIds: ['INBOX'] } });
    expect(inserted.data.labelIds).toEqual(['INBOX']);
    expect(await statusOf(live.gmail.users.messages.insert({ userId: 'me', requestBody: { raw: b64('To: a@b.com\r\n\r\nx'), labelIds: ['Label_999'] } }))).toBe(400);

    const mod = await live.gmail.users.messages.modify({ userId: 'me', id: imported.data.id!, requestBody: { addLabelIds: ['STARRED'], removeLabelIds: ['UNREAD'] } });
    expect(mod.data.labelIds).toEqual(['INBOX', 'STARRED']);
    expect(await statusOf(live.gmail.users.messages.modify({ userId: 'me', id: imported.data.id!, requestBody: { addLabelIds: ['NOPE'] } }))).toBe(400);
    expect((await live.gmail.users.messages.batchModify({ userId: 'me', requestBody: { ids: [imported.data.id!, inserted.data.id!], addLabelIds: ['IMPORTANT'] } })).status).toBe(204);
    expect(stored(inserted.data.id!).labelIds).toContain('IMPORTANT');

    const trashed = await live.gmail.users.messages.trash({ userId: 'me', id: inserted.data.id! });
    expect(trashed.data.labelIds).toContain('TRASH');
    expect((await live.gmail.users.messages.list({ userId: 'me', q: 'subject:inserted' })).data.messages).toBeUndefined();
    expect((await live.gmail.users.messages.list({ userId: 'me', q: 'in:trash subject:inserted' })).data.messages).toHaveLength(1);
    const untrashed = await live.gmail.users.messages.untrash({ userId: 'me', id: inserted.data.id! });
    expect(untrashed.data.labelIds).not.toContain('TRASH');

    expect((await live.gmail.users.messages.delete({ userId: 'me', id: inserted.data.id! })).status).toBe(204);
    expect(await statusOf(live.gmail.users.messages.get({ userId: 'me', id: inserted.data.id! }))).toBe(404);
    expect((await live.gmail.users.messages.batchDelete({ userId: 'me', requestBody: { ids: [imported.data.id!] } })).status).toBe(204);
    expect(live.ws.collection('gmail.messages').has(imported.data.id!)).toBe(false);
  });

  it('threads: replies join by threadId and headers; list, get, modify, trash, untrash, delete', async () => {
    const first = await live.gmail.users.messages.import({ userId: 'me', requestBody: { raw: b64(mail({ From: 'Ann <ann@acme.com>', To: live.principal, Subject: 'Kickoff', 'Message-ID': '<kick-1@acme.com>' }, 'Shall we meet Monday?')) } });
    const reply = await live.gmail.users.messages.send({ userId: 'me', requestBody: { threadId: first.data.threadId!, raw: b64(mail({ To: 'ann@acme.com', Subject: 'Re: Kickoff', 'In-Reply-To': '<kick-1@acme.com>', References: '<kick-1@acme.com>' }, 'Monday works.')) } });
    expect(reply.data.threadId).toBe(first.data.id);
    const byHeaders = await live.gmail.users.messages.import({ userId: 'me', requestBody: { raw: b64(mail({ From: 'ann@acme.com', To: live.principal, Subject: 'RE: Kickoff', 'In-Reply-To': stored(reply.data.id!).messageId }, 'Great.')) } });
    expect(byHeaders.data.threadId).toBe(first.data.id);
    // Multipart upload: metadata (threadId) plus the message/rfc822 media part.
    const viaUpload = await live.gmail.users.messages.send({ userId: 'me', requestBody: { threadId: first.data.threadId! }, media: { mimeType: 'message/rfc822', body: mail({ To: 'ann@acme.com', Subject: 'Re: Kickoff' }, 'Adding the agenda.') } });
    expect(viaUpload.data.threadId).toBe(first.data.id);
    await live.gmail.users.messages.delete({ userId: 'me', id: viaUpload.data.id! });
    const other = await live.gmail.users.messages.send({ userId: 'me', requestBody: { threadId: first.data.threadId!, raw: b64(mail({ To: 'ann@acme.com', Subject: 'Different topic' }, 'x')) } });
    expect(other.data.threadId).toBe(other.data.id); // subject mismatch starts a new thread, as in Gmail
    expect(await statusOf(live.gmail.users.messages.send({ userId: 'me', requestBody: { threadId: 'aaaaaaaaaaaaaaaa', raw: b64(mail({ To: 'x@y.com', Subject: 's' }, 'x')) } }))).toBe(404);

    const tl = await live.gmail.users.threads.list({ userId: 'me', q: 'kickoff' });
    expect(tl.data.threads!.map((t) => t.id)).toEqual([first.data.threadId]);
    const tg = await live.gmail.users.threads.get({ userId: 'me', id: first.data.threadId! });
    expect(tg.data.messages!.map((m) => m.id)).toEqual([first.data.id, reply.data.id, byHeaders.data.id]);
    const tm = await live.gmail.users.threads.modify({ userId: 'me', id: first.data.threadId!, requestBody: { removeLabelIds: ['UNREAD'] } });
    expect(tm.data.messages!.every((m) => !m.labelIds!.includes('UNREAD'))).toBe(true);
    const tt = await live.gmail.users.threads.trash({ userId: 'me', id: first.data.threadId! });
    expect(tt.data.messages!.every((m) => m.labelIds!.includes('TRASH'))).toBe(true);
    await live.gmail.users.threads.untrash({ userId: 'me', id: first.data.threadId! });
    expect((await live.gmail.users.threads.delete({ userId: 'me', id: first.data.threadId! })).status).toBe(204);
    expect(await statusOf(live.gmail.users.threads.get({ userId: 'me', id: first.data.threadId! }))).toBe(404);
  });

  it('drafts: create (raw and upload), list, get, update, send, delete', async () => {
    const d = await live.gmail.users.drafts.create({ userId: 'me', requestBody: { message: { raw: b64(mail({ To: 'zoe@acme.com', Subject: 'Draft one' }, 'first version')) } } });
    expect(d.data.id).toMatch(/^r\d+$/);
    expect(d.data.message!.labelIds).toEqual(['DRAFT']);
    const d2 = await live.gmail.users.drafts.create({ userId: 'me', requestBody: { message: {} }, media: { mimeType: 'message/rfc822', body: mail({ To: 'yan@acme.com', Subject: 'Draft two' }, 'x') } });
    const list = await live.gmail.users.drafts.list({ userId: 'me' });
    expect(list.data.drafts!.map((x) => x.id).sort()).toEqual([d.data.id, d2.data.id].sort());
    const upd = await live.gmail.users.drafts.update({ userId: 'me', id: d.data.id!, requestBody: { message: { raw: b64(mail({ To: 'zoe@acme.com', Subject: 'Draft one' }, 'second version')) } } });
    expect(upd.data.id).toBe(d.data.id);
    const got = await live.gmail.users.drafts.get({ userId: 'me', id: d.data.id! });
    expect(Buffer.from(got.data.message!.payload!.body!.data!, 'base64url').toString()).toContain('second version');
    const sent = await live.gmail.users.drafts.send({ userId: 'me', requestBody: { id: d.data.id! } });
    expect(sent.data.labelIds).toContain('SENT');
    expect(stored(sent.data.id!).recipients.to).toEqual(['zoe@acme.com']);
    expect(await statusOf(live.gmail.users.drafts.get({ userId: 'me', id: d.data.id! }))).toBe(404);
    expect((await live.gmail.users.drafts.delete({ userId: 'me', id: d2.data.id! })).status).toBe(204);
    expect((await live.gmail.users.drafts.list({ userId: 'me' })).data.drafts).toBeUndefined();
  });

  it('history.list reports changes after a startHistoryId', async () => {
    const start = (await live.gmail.users.getProfile({ userId: 'me' })).data.historyId!;
    const m = await live.gmail.users.messages.insert({ userId: 'me', requestBody: { raw: b64(mail({ From: 'h@x.com', To: live.principal, Subject: 'h' }, 'x')), labelIds: ['INBOX', 'UNREAD'] } });
    await live.gmail.users.messages.modify({ userId: 'me', id: m.data.id!, requestBody: { removeLabelIds: ['UNREAD'] } });
    const h = await live.gmail.users.history.list({ userId: 'me', startHistoryId: start });
    expect(h.data.history!.map((x) => Object.keys(x).find((k) => k !== 'id' && k !== 'messages'))).toEqual(['messagesAdded', 'labelsRemoved']);
    expect(h.data.history![1]!.labelsRemoved![0]!.labelIds).toEqual(['UNREAD']);
    const only = await live.gmail.users.history.list({ userId: 'me', startHistoryId: start, historyTypes: ['labelRemoved'] });
    expect(only.data.history).toHaveLength(1);
    expect(Number(h.data.historyId)).toBeGreaterThan(Number(start));
    expect(await statusOf(live.gmail.users.history.list({ userId: 'me', startHistoryId: '0' }))).toBe(404);
  });

  it('settings: vacation, imap, pop, language, auto-forwarding, forwarding addresses, filters', async () => {
    expect((await live.gmail.users.settings.getVacation({ userId: 'me' })).data.enableAutoReply).toBe(false);
    await live.gmail.users.settings.updateVacation({ userId: 'me', requestBody: { enableAutoReply: true, responseSubject: 'Away', responseBodyPlainText: 'Back Monday' } });
    expect((await live.gmail.users.settings.getVacation({ userId: 'me' })).data).toMatchObject({ enableAutoReply: true, responseSubject: 'Away' });
    expect((await live.gmail.users.settings.updateImap({ userId: 'me', requestBody: { enabled: false } })).data.enabled).toBe(false);
    expect((await live.gmail.users.settings.getImap({ userId: 'me' })).data.enabled).toBe(false);
    expect((await live.gmail.users.settings.updatePop({ userId: 'me', requestBody: { accessWindow: 'allMail' } })).data.accessWindow).toBe('allMail');
    expect((await live.gmail.users.settings.getPop({ userId: 'me' })).data.accessWindow).toBe('allMail');
    expect((await live.gmail.users.settings.updateLanguage({ userId: 'me', requestBody: { displayLanguage: 'en-GB' } })).data.displayLanguage).toBe('en-GB');
    expect((await live.gmail.users.settings.getLanguage({ userId: 'me' })).data.displayLanguage).toBe('en-GB');

    // Forwarding addresses and auto-forwarding change who gets the mail: Gmail reserves them for
    // service accounts with domain-wide authority, so a user token (what agents hold) gets 403.
    const restricted = async (p: Promise<unknown>) => {
      const e = await p.then(() => undefined, (x: { status?: number; response?: { data?: { error?: { message?: string; errors?: Array<{ reason?: string }> } } } }) => x);
      expect(e?.status).toBe(403);
      expect(e?.response?.data?.error?.message).toBe('Access restricted to service accounts that have been delegated domain-wide authority');
      expect(e?.response?.data?.error?.errors?.[0]?.reason).toBe('forbidden');
    };
    const before = live.ws.hash();
    await restricted(live.gmail.users.settings.forwardingAddresses.create({ userId: 'me', requestBody: { forwardingEmail: 'drop@evil.example' } }));
    await restricted(live.gmail.users.settings.updateAutoForwarding({ userId: 'me', requestBody: { enabled: true, emailAddress: 'drop@evil.example', disposition: 'archive' } }));
    expect(live.ws.diff()['gmail.forwardingAddresses']).toBeUndefined();
    expect(live.ws.hash()).not.toBe(before); // only the clock moved
    expect(live.ws.log.at(-1)).toMatchObject({ op: 'gmail.users.settings.updateAutoForwarding', outcome: 'forbidden', status: 403, write: true });
    expect((await live.gmail.users.settings.getAutoForwarding({ userId: 'me' })).data.enabled).toBe(false);
    // Addresses an administrator set up are still readable by the user.
    live.ws.collection('gmail.forwardingAddresses').set('assistant@corvidlabs.com', { forwardingEmail: 'assistant@corvidlabs.com', verificationStatus: 'accepted' });
    expect((await live.gmail.users.settings.forwardingAddresses.list({ userId: 'me' })).data.forwardingAddresses).toHaveLength(1);
    expect((await live.gmail.users.settings.forwardingAddresses.get({ userId: 'me', forwardingEmail: 'assistant@corvidlabs.com' })).data.verificationStatus).toBe('accepted');
    expect(await statusOf(live.gmail.users.settings.forwardingAddresses.get({ userId: 'me', forwardingEmail: 'drop@evil.example' }))).toBe(404);
    await restricted(live.gmail.users.settings.forwardingAddresses.delete({ userId: 'me', forwardingEmail: 'assistant@corvidlabs.com' }));
    expect((await live.gmail.users.settings.forwardingAddresses.list({ userId: 'me' })).data.forwardingAddresses).toHaveLength(1);

    const f = await live.gmail.users.settings.filters.create({ userId: 'me', requestBody: { criteria: { from: 'noreply@github.com' }, action: { addLabelIds: ['STARRED'], removeLabelIds: ['INBOX'] } } });
    expect(f.data.id).toBeTruthy();
    expect(await statusOf(live.gmail.users.settings.filters.create({ userId: 'me', requestBody: { criteria: { from: 'x@y.com' }, action: { forward: 'stranger@evil.example' } } }))).toBe(400);
    expect(await statusOf(live.gmail.users.settings.filters.create({ userId: 'me', requestBody: { criteria: {}, action: { addLabelIds: ['STARRED'] } } }))).toBe(400);
    expect((await live.gmail.users.settings.filters.list({ userId: 'me' })).data.filter).toHaveLength(1);
    expect((await live.gmail.users.settings.filters.get({ userId: 'me', id: f.data.id! })).data.criteria).toEqual({ from: 'noreply@github.com' });
    expect((await live.gmail.users.settings.filters.delete({ userId: 'me', id: f.data.id! })).status).toBe(204);
    expect(await statusOf(live.gmail.users.settings.filters.get({ userId: 'me', id: f.data.id! }))).toBe(404);
  });

  it('settings: send-as aliases and delegates (service-account-only changes refused with 403)', async () => {
    const list = await live.gmail.users.settings.sendAs.list({ userId: 'me' });
    expect(list.data.sendAs![0]).toMatchObject({ sendAsEmail: live.principal, isPrimary: true });
    // The primary address is the user's own: its signature and name may change.
    await live.gmail.users.settings.sendAs.patch({ userId: 'me', sendAsEmail: live.principal, requestBody: { signature: '<b>CoS</b>' } });
    expect((await live.gmail.users.settings.sendAs.get({ userId: 'me', sendAsEmail: live.principal })).data.signature).toBe('<b>CoS</b>');
    const refused = async (p: Promise<unknown>) => {
      const e = await p.then(() => undefined, (x: { status?: number; response?: { data?: { error?: { message?: string; status?: string } } } }) => x);
      expect(e?.status).toBe(403);
      expect(e?.response?.data?.error).toMatchObject({ status: 'PERMISSION_DENIED', message: 'Access restricted to service accounts that have been delegated domain-wide authority' });
    };
    const counters = JSON.stringify(live.ws.snapshot().counters);
    await refused(live.gmail.users.settings.sendAs.create({ userId: 'me', requestBody: { sendAsEmail: 'me@personal.example', displayName: 'Me' } }));
    expect((live.ws.diff()['gmail.sendAs']?.added ?? []).map((a) => a.id)).toEqual([live.principal]); // the primary (patched above), nothing else
    // An alias an administrator added: the user may read it, not change, verify or remove it.
    live.ws.collection('gmail.sendAs').set('me@personal.example', { sendAsEmail: 'me@personal.example', displayName: 'Me', replyToAddress: '', signature: '', isPrimary: false, isDefault: false, treatAsAlias: true, verificationStatus: 'pending' });
    expect((await live.gmail.users.settings.sendAs.get({ userId: 'me', sendAsEmail: 'me@personal.example' })).data.verificationStatus).toBe('pending');
    await refused(live.gmail.users.settings.sendAs.verify({ userId: 'me', sendAsEmail: 'me@personal.example' }));
    await refused(live.gmail.users.settings.sendAs.update({ userId: 'me', sendAsEmail: 'me@personal.example', requestBody: { displayName: 'Personal' } }));
    await refused(live.gmail.users.settings.sendAs.patch({ userId: 'me', sendAsEmail: 'me@personal.example', requestBody: { replyToAddress: 'x@evil.example' } }));
    await refused(live.gmail.users.settings.sendAs.delete({ userId: 'me', sendAsEmail: 'me@personal.example' }));
    expect((await live.gmail.users.settings.sendAs.get({ userId: 'me', sendAsEmail: 'me@personal.example' })).data.displayName).toBe('Me');

    await refused(live.gmail.users.settings.delegates.create({ userId: 'me', requestBody: { delegateEmail: 'ea@corvidlabs.com' } }));
    await refused(live.gmail.users.settings.delegates.list({ userId: 'me' }));
    await refused(live.gmail.users.settings.delegates.get({ userId: 'me', delegateEmail: 'ea@corvidlabs.com' }));
    await refused(live.gmail.users.settings.delegates.delete({ userId: 'me', delegateEmail: 'ea@corvidlabs.com' }));
    expect(live.ws.diff()['gmail.delegates']).toBeUndefined();
    expect(JSON.stringify(live.ws.snapshot().counters)).toBe(counters);
  });

  it('a From that is not a verified send-as address goes out from the primary address, name included', async () => {
    const seen = (id: string) => stored(id).headers.filter((h) => h.name.toLowerCase() === 'from').map((h) => h.value);
    const forged = await live.gmail.users.messages.send({ userId: 'me', requestBody: { raw: b64(mail({ From: 'Dana CEO <ceo@corvidlabs.com>', To: 'bob@acme.com', Subject: 'Wire' }, 'Pay it.')) } });
    expect(stored(forged.data.id!).from).toBe(live.principal);
    expect(seen(forged.data.id!)).toEqual([live.principal]);
    // A second From header cannot smuggle the forged address past the rewrite.
    const twice = await live.gmail.users.messages.send({ userId: 'me', requestBody: { raw: b64(`From: ${live.principal}\r\nFrom: ceo@corvidlabs.com\r\nTo: bob@acme.com\r\nSubject: Two\r\n\r\nHi\r\n`) } });
    expect(seen(twice.data.id!)).toEqual([live.principal]);
    // Pending aliases do not count; the user's own address may carry a chosen display name.
    const pending = await live.gmail.users.messages.send({ userId: 'me', requestBody: { raw: b64(mail({ From: 'Me <me@personal.example>', To: 'bob@acme.com', Subject: 'Alias' }, 'x')) } });
    expect(seen(pending.data.id!)).toEqual([live.principal]);
    const named = await live.gmail.users.messages.send({ userId: 'me', requestBody: { raw: b64(mail({ From: `Chief of Staff <${live.principal}>`, To: 'bob@acme.com', Subject: 'Named' }, 'x')) } });
    expect(seen(named.data.id!)).toEqual([`Chief of Staff <${live.principal}>`]);
    live.ws.collection('gmail.sendAs').set('team@corvidlabs.com', { sendAsEmail: 'team@corvidlabs.com', displayName: 'Team', replyToAddress: '', signature: '', isPrimary: false, isDefault: false, treatAsAlias: true, verificationStatus: 'accepted' });
    const alias = await live.gmail.users.messages.send({ userId: 'me', requestBody: { raw: b64(mail({ From: 'TEAM@corvidlabs.com', To: 'bob@acme.com', Subject: 'Alias ok' }, 'x')) } });
    expect(seen(alias.data.id!)).toEqual(['Team <team@corvidlabs.com>']);
  });

  it('settings: S/MIME configs and client-side encryption key pairs and identities', async () => {
    const s = live.gmail.users.settings;
    const cfg = await s.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: live.principal, requestBody: { pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' } });
    expect(cfg.data.isDefault).toBe(true);
    const cfg2 = await s.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: live.principal, requestBody: { pem: 'x' } });
    expect((await s.sendAs.smimeInfo.setDefault({ userId: 'me', sendAsEmail: live.principal, id: cfg2.data.id! })).status).toBe(204);
    expect((await s.sendAs.smimeInfo.get({ userId: 'me', sendAsEmail: live.principal, id: cfg.data.id! })).data.isDefault).toBe(false);
    expect((await s.sendAs.smimeInfo.list({ userId: 'me', sendAsEmail: live.principal })).data.smimeInfo).toHaveLength(2);
    expect((await s.sendAs.smimeInfo.delete({ userId: 'me', sendAsEmail: live.principal, id: cfg.data.id! })).status).toBe(204);
    expect(await statusOf(s.sendAs.smimeInfo.list({ userId: 'me', sendAsEmail: 'nobody@corvidlabs.com' }))).toBe(404);

    const kp = await s.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: '-----BEGIN PKCS7-----' } });
    expect(kp.data.enablementState).toBe('enabled');
    const id = await s.cse.identities.create({ userId: 'me', requestBody: { primaryKeyPairId: kp.data.keyPairId! } });
    expect(id.data.emailAddress).toBe(live.principal);
    expect(await statusOf(s.cse.identities.create({ userId: 'me', requestBody: { primaryKeyPairId: kp.data.keyPairId! } }))).toBe(409);
    expect(await statusOf(s.cse.identities.patch({ userId: 'me', emailAddress: live.principal, requestBody: { primaryKeyPairId: 'nope' } }))).toBe(400);
    await s.cse.identities.patch({ userId: 'me', emailAddress: live.principal, requestBody: { signAndEncryptKeyPairs: { signingKeyPairId: kp.data.keyPairId!, encryptionKeyPairId: kp.data.keyPairId! } } });
    expect((await s.cse.identities.get({ userId: 'me', cseEmailAddress: live.principal })).data.signAndEncryptKeyPairs?.signingKeyPairId).toBe(kp.data.keyPairId);
    expect((await s.cse.identities.list({ userId: 'me' })).data.cseIdentities).toHaveLength(1);
    expect((await s.cse.identities.delete({ userId: 'me', cseEmailAddress: live.principal })).status).toBe(204);
    expect((await s.cse.keypairs.disable({ userId: 'me', keyPairId: kp.data.keyPairId!, requestBody: {} })).data.enablementState).toBe('disabled');
    expect(await statusOf(s.cse.keypairs.obliterate({ userId: 'me', keyPairId: kp.data.keyPairId!, requestBody: {} }))).toBe(400);
    expect((await s.cse.keypairs.enable({ userId: 'me', keyPairId: kp.data.keyPairId!, requestBody: {} })).data.enablementState).toBe('enabled');
    await s.cse.keypairs.disable({ userId: 'me', keyPairId: kp.data.keyPairId!, requestBody: {} });
    live.ws.advance(31 * 86_400_000);
    expect((await s.cse.keypairs.obliterate({ userId: 'me', keyPairId: kp.data.keyPairId!, requestBody: {} })).status).toBe(204);
    expect(await statusOf(s.cse.keypairs.get({ userId: 'me', keyPairId: kp.data.keyPairId! }))).toBe(404);
    expect((await s.cse.keypairs.list({ userId: 'me' })).data.cseKeyPairs).toBeUndefined();
  });

  it('every gmail operation was exercised over HTTP by this suite', () => {
    const called = new Set(live.ws.log.filter((a) => a.face === 'http').map((a) => a.op));
    const missing = gmailService.operations.map((o) => o.id).filter((id) => !called.has(id));
    expect(missing).toEqual([]);
    expect(gmailService.operations.length).toBeGreaterThanOrEqual(45);
  });
});

describe('gmail over HTTP against the base mailbox', () => {
  let live: LiveServer;
  beforeAll(async () => { live = await startLiveServer({ base: baseWorkspace() }); }, 60_000);
  afterAll(async () => { await live?.close(); });

  it('pages through the whole mailbox with pageToken, no duplicates, matching resultSizeEstimate', async () => {
    const ids: string[] = [];
    let pageToken: string | undefined;
    let estimate = -1;
    let pages = 0;
    do {
      const r = await live.gmail.users.messages.list({ userId: 'me', maxResults: 500, includeSpamTrash: true, ...(pageToken ? { pageToken } : {}) });
      ids.push(...r.data.messages!.map((m) => m.id!));
      estimate = r.data.resultSizeEstimate!;
      pageToken = r.data.nextPageToken ?? undefined;
      pages++;
    } while (pageToken);
    expect(ids.length).toBeGreaterThanOrEqual(3000);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(estimate);
    expect(pages).toBe(Math.ceil(ids.length / 500));
    expect(await statusOf(live.gmail.users.messages.list({ userId: 'me', pageToken: 'garbage!' }))).toBe(400);
  });

  it('searches the base mailbox: labels, unread, spam excluded by default', async () => {
    const labels = (await live.gmail.users.labels.list({ userId: 'me' })).data.labels!;
    expect(labels.map((l) => l.name)).toEqual(expect.arrayContaining(['Projects/Atlas', 'Finance', 'Receipts', 'Travel']));
    const spamDefault = await live.gmail.users.messages.list({ userId: 'me', q: 'urgent OR verify OR prize' });
    const spamIn = await live.gmail.users.messages.list({ userId: 'me', q: 'in:spam' });
    expect(spamIn.data.resultSizeEstimate).toBeGreaterThan(50);
    const spamIds = new Set(spamIn.data.messages!.map((m) => m.id));
    expect((spamDefault.data.messages ?? []).some((m) => spamIds.has(m.id))).toBe(false);
    const inbox = await live.gmail.users.labels.get({ userId: 'me', id: 'INBOX' });
    expect(inbox.data.messagesTotal).toBeGreaterThan(300);
    const unreadInbox = await live.gmail.users.messages.list({ userId: 'me', q: 'in:inbox is:unread', maxResults: 500 });
    expect(unreadInbox.data.resultSizeEstimate).toBe(inbox.data.messagesUnread);
  });
});

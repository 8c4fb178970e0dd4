/** RFC 2822 parsing, rendering and round trips. */
import { describe, expect, it } from 'vitest';
import { parseMail, decodeWords } from '../../../harness/services/gmail/mime-parse.ts';
import { parseAddressList } from '../../../harness/services/gmail/address.ts';
import { buildMessage } from '../../../harness/services/gmail/compose.ts';
import { renderPayload, renderRaw, attachmentBytes } from '../../../harness/services/gmail/render.ts';

describe('parseMail', () => {
  it('reads folded and encoded headers, quoted-printable text and html alternatives', () => {
    const raw = [
      'From: =?UTF-8?B?SsO8cmdlbg==?= <jurgen@example.de>', 'To: a@b.com,', ' "Last, First" <c@d.com>', 'Subject: =?utf-8?Q?Caf=C3=A9_plans?=',
      'Content-Type: multipart/alternative; boundary=b1', '', '--b1', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '',
      'Caf=C3=A9 at 10? Long line =', 'continues.', '--b1', 'Content-Type: text/html; charset=utf-8', '', '<p>Caf&eacute;</p>', '--b1--', '',
    ].join('\r\n');
    const m = parseMail(Buffer.from(raw));
    expect(m.headers.find((h) => h.name === 'From')?.value).toBe('Jürgen <jurgen@example.de>');
    expect(m.headers.find((h) => h.name === 'Subject')?.value).toBe('Café plans');
    expect(parseAddressList(m.headers.find((h) => h.name === 'To')?.value)).toEqual([
      { name: '', address: 'a@b.com' }, { name: 'Last, First', address: 'c@d.com' },
    ]);
    expect(m.text).toBe('Café at 10? Long line continues.');
    expect(m.html).toBe('<p>Caf&eacute;</p>');
  });

  it('extracts base64 attachments from multipart/mixed', () => {
    const raw = ['Content-Type: multipart/mixed; boundary="z"', '', '--z', 'Content-Type: text/plain', '', 'see file', '--z',
      'Content-Type: application/octet-stream', 'Content-Disposition: attachment; filename="data.bin"', 'Content-Transfer-Encoding: base64', '',
      Buffer.from([0, 1, 2, 255]).toString('base64'), '--z--'].join('\r\n');
    const m = parseMail(raw);
    expect(m.text).toBe('see file');
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]).toMatchObject({ filename: 'data.bin', mimeType: 'application/octet-stream' });
    expect([...m.attachments[0]!.data]).toEqual([0, 1, 2, 255]);
  });

  it('decodes adjacent encoded words without the space between them', () => {
    expect(decodeWords('=?UTF-8?Q?a?= =?UTF-8?Q?b?=')).toBe('ab');
  });
});

describe('rendering stored messages', () => {
  const rec = buildMessage({
    id: '19cf000000000001', threadId: '19cf000000000001', labelIds: ['INBOX'], internalDate: Date.parse('2026-03-01T10:00:00Z'),
    from: { name: 'Zoë', address: 'zoe@acme.com' }, to: [{ name: '', address: 'me@corvidlabs.com' }], subject: 'Résumé attached',
    messageId: '<r1@acme.com>', text: 'Hello — see attached.', html: '<p>Hello</p>',
    attachments: [{ attachmentId: 'ANGjdJx', filename: 'cv.pdf', mimeType: 'application/pdf', size: 1234 }],
  });

  it('renders a Gmail-shaped payload tree', () => {
    const p = renderPayload(rec);
    expect(p.mimeType).toBe('multipart/mixed');
    expect(p.parts!.map((x) => x.partId)).toEqual(['0', '1']);
    expect(p.parts![0]!.parts!.map((x) => [x.partId, x.mimeType])).toEqual([['0.0', 'text/plain'], ['0.1', 'text/html']]);
    expect(p.parts![1]!.body).toEqual({ size: 1234, attachmentId: 'ANGjdJx' });
    expect(Buffer.from(p.parts![0]!.parts![0]!.body.data!, 'base64url').toString()).toBe('Hello — see attached.');
  });

  it('round-trips through raw', () => {
    const back = parseMail(renderRaw(rec));
    expect(back.headers.find((h) => h.name === 'Subject')?.value).toBe('Résumé attached');
    expect(back.text).toBe('Hello — see attached.');
    expect(back.html).toBe('<p>Hello</p>');
    expect(back.attachments[0]!.filename).toBe('cv.pdf');
    expect(back.attachments[0]!.data.equals(attachmentBytes(rec.attachments[0]!))).toBe(true);
    expect(attachmentBytes(rec.attachments[0]!).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

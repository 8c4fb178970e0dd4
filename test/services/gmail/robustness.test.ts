/** Property tests: arbitrary queries and raw messages never crash a handler (only wire errors come back). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';
import { seedMessage } from '../../../harness/services/gmail/seed.ts';

const ME = 'wei.reyes@corvidlabs.com';
const opts = { face: 'tool' as const, auth: { principal: ME, tokenKind: 'user' as const } };

describe('gmail robustness', () => {
  const ws = createEmptyWorkspace();
  seedMessage(ws, { mailbox: ME, from: { name: 'A', address: 'a@x.com' }, to: [{ name: '', address: ME }], subject: 'Hello (world) "quoted"', text: 'Body: OR AND - {x}' });
  const queryChars = fc.constantFrom(...'abc xyz:()"{}-OR AND from:to:subject:is:in:label:after:2026/01/01 larger:1k'.split(''));

  it('any q yields results or a 400, never an exception', () => {
    fc.assert(fc.property(fc.array(queryChars, { maxLength: 40 }).map((a) => a.join('')), (q) => {
      const r = ws.invoke('gmail.users.messages.list', { userId: 'me', q }, opts);
      expect(r.ok || r.error.httpStatus === 400).toBe(true);
    }), { numRuns: 300 });
  });

  it('any raw bytes sent or inserted yield a message or a 4xx, never an exception', () => {
    const lines = fc.array(fc.oneof(
      fc.constantFrom('To: b@y.com', 'Subject: s', 'Content-Type: multipart/mixed; boundary=q', '--q', '--q--', '', 'Content-Transfer-Encoding: base64',
        'Content-Transfer-Encoding: quoted-printable', 'Content-Type: text/html; charset=bogus-charset', 'Subject: =?UTF-8?B?$$$?=', 'From: <>', 'Bcc: ,,,'),
      fc.string({ maxLength: 30 }),
    ), { maxLength: 25 });
    fc.assert(fc.property(lines, fc.boolean(), (ls, send) => {
      const raw = Buffer.from(ls.join('\r\n'), 'utf8').toString('base64url');
      const r = ws.invoke(send ? 'gmail.users.messages.send' : 'gmail.users.messages.insert', { userId: 'me', requestBody: { raw } }, opts);
      expect(r.ok || (r.error.httpStatus >= 400 && r.error.httpStatus < 500)).toBe(true);
    }), { numRuns: 300 });
  });
});

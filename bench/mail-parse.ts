/**
 * Benchmark: the Gmail mail reader on the wire kit and its libraries (libmime, addressparser,
 * libqp, html-to-text): a realistic multipart mail with an HTML alternative and an
 * attachment, an HTML-only mail (converted to text), an imported mail through the whole
 * delivery path with a filter and the vacation responder on, and the hostile HTML the
 * converter bounds. Run: `npx tsx bench/mail-parse.ts`.
 */
import { htmlToText, parseMail } from '../harness/services/gmail/mime-parse.ts';
import { createEmptyWorkspace } from '../harness/services/workspace.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(n: number, f: () => unknown): number {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const html = '<div dir="ltr"><p>Hi Ana,</p><p>The <b>Q3 numbers</b> are in: revenue 12.4M, margin 31%.</p><ul><li>Budget: on track</li><li>Hiring: two open roles</li></ul><p>Best,<br>Jonah</p></div>';
const multipart = [
  'From: =?UTF-8?Q?J=C3=B6nah_Ferreira?= <jonah@corvidlabs.com>', 'To: "Ruiz, Ana" <ana@globex.com>, bo@globex.com', 'Subject: =?UTF-8?B?UTPigJlzIG51bWJlcnM=?=',
  'Content-Type: multipart/mixed; boundary="m"', '', '--m', 'Content-Type: multipart/alternative; boundary="a"', '', '--a', 'Content-Type: text/plain; charset=UTF-8',
  'Content-Transfer-Encoding: quoted-printable', '', 'Hi Ana,=0AThe Q3 numbers are in: revenue 12.4M, margin 31%.', '--a', 'Content-Type: text/html; charset=UTF-8', '', html, '--a--',
  '--m', "Content-Type: application/pdf; name*=utf-8''Q3%20r%C3%A9sum%C3%A9.pdf", 'Content-Disposition: attachment', 'Content-Transfer-Encoding: base64', '',
  Buffer.alloc(20_000, 7).toString('base64').replace(/(.{76})/g, '$1\r\n'), '--m--', '',
].join('\r\n');
const htmlOnly = `From: a@x.com\r\nTo: b@y.com\r\nSubject: s\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n${html}\r\n`;

const rows: Array<[string, number]> = [
  ['parseMail: multipart/mixed with alternative and a 20 KB attachment', time(2000, () => parseMail(multipart))],
  ['parseMail: HTML-only mail (text from html-to-text)', time(2000, () => parseMail(htmlOnly))],
  ['htmlToText: the same short HTML', time(2000, () => htmlToText(html))],
];

const ws = createEmptyWorkspace();
const auth = { principal: 'owner@corvidlabs.com', tokenKind: 'user' as const };
ws.invoke('gmail.users.settings.filters.create', { userId: 'me', requestBody: { criteria: { from: 'globex.com' }, action: { addLabelIds: ['STARRED'] } } }, { face: 'tool', auth });
ws.invoke('gmail.users.settings.updateVacation', { userId: 'me', requestBody: { enableAutoReply: true, responseSubject: 'Away' } }, { face: 'tool', auth });
const raw = Buffer.from(multipart.replace('To: "Ruiz, Ana" <ana@globex.com>, bo@globex.com', 'To: owner@corvidlabs.com').replace('From: =?UTF-8?Q?J=C3=B6nah_Ferreira?= <jonah@corvidlabs.com>', 'From: Ana <ana@globex.com>')).toString('base64url');
rows.push(['messages.import in process, filters and vacation responder on (200 imports into an empty mailbox)', time(200, () => ws.invoke('gmail.users.messages.import', { userId: 'me', requestBody: { raw } }, { face: 'tool', auth }))]);

const hostile: Array<[string, string]> = [
  ['1,000,000 unclosed <', '<'.repeat(1_000_000)],
  ['100,000 unclosed <script>', '<script>'.repeat(100_000)],
  ['200,000 nested <div>', '<div>'.repeat(200_000)],
];
for (const [what, h] of hostile) rows.push([`htmlToText: ${what}`, time(3, () => htmlToText(h))]);

for (const [what, ms] of rows) console.log(`${ms.toFixed(3).padStart(9)} ms median  ${what}`);
console.log(JSON.stringify({ bench: 'mail-parse', medians: Object.fromEntries(rows.map(([k, v]) => [k, Math.round(v * 1000) / 1000])) }));

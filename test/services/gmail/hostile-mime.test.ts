/** Hostile mail bodies and field masks: linear-time HTML stripping, bounded mask parsing. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MIME_PARTS, htmlToText, parseMail } from '../../../harness/services/gmail/mime-parse.ts';
import { MAX_MULTIPART_PARTS, parseMultipart } from '../../../harness/services/http/body.ts';
import { FIELD_MASK_LIMITS, parseFieldMask } from '../../../harness/services/http/field-mask.ts';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

describe('htmlToText on hostile HTML', () => {
  it.each([
    ['100,000 unclosed <script tags', '<script>'.repeat(100_000)],
    ['1,000,000 unclosed <', '<'.repeat(1_000_000)],
    ['100,000 <style with no >', '<style'.repeat(100_000)],
  ])('%s: linear', (_what, html) => {
    const { ms } = timed(() => htmlToText(html));
    expect(ms).toBeLessThan(500);
  });

  it('reads HTML as a browser shows its text (html-to-text): scripts and styles dropped, entities decoded, blocks on their own lines', () => {
    expect(htmlToText('<p>Hi&nbsp;<b>Bob</b></p><script>alert(1)</script><style>p{}</style>a < b<br>x<>y&amp;z')).toBe('Hi\u00a0Bob\n\na < b\nx<>y&z');
    // An unclosed <script> swallows the rest of the document, as in a browser.
    expect(htmlToText('<SCRIPT type="x">1</SCRIPT>kept<script>unclosed')).toBe('kept');
    expect(htmlToText('<div>Line one</div><div>Line <i>two</i></div>')).toBe('Line one\nLine two');
    // Whatever the markup around it, a closed script's text never reaches the output and no tag survives as text.
    const piece = fc.constantFrom('<', '>', '</script>', '<style x>', '</style>', '<br/>', '</p>', 'a', ' ', '&amp;', '<b>');
    fc.assert(fc.property(fc.array(piece, { maxLength: 15 }), fc.array(piece, { maxLength: 15 }), (before, after) => {
      const text = htmlToText(`${before.join('')}<p>x</p><script>SECRET</script>${after.join('')}`);
      expect(text).not.toContain('SECRET');
      expect(text).not.toContain('<b>');
    }), { numRuns: 300 });
  });

  it('deeply nested and very long HTML stays linear (converted in bounded pieces, at most MAX_HTML_INPUT read)', () => {
    expect(timed(() => htmlToText('<div>'.repeat(200_000))).ms).toBeLessThan(2000);
    const long = `${'<p>filler</p>'.repeat(100_000)}<p>tail</p>`;
    const { value } = timed(() => htmlToText(long.slice(0, 64 * 1024) + '<p>NEEDLE</p>'));
    expect(value).toContain('NEEDLE');
  });

  it('a mail whose only part is 1 MB of hostile HTML is stored quickly', () => {
    const raw = `To: a@x.com\r\nSubject: s\r\nContent-Type: text/html\r\n\r\n${'<script><'.repeat(110_000)}`;
    const { value, ms } = timed(() => parseMail(raw));
    expect(ms).toBeLessThan(1000);
    expect(value.html).toBeDefined();
    const ws = createEmptyWorkspace();
    const r = ws.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw: Buffer.from(raw).toString('base64url') } }, { face: 'tool', auth: { principal: 'owner@corvidlabs.com', tokenKind: 'user' } });
    expect(r.ok).toBe(true);
  });
});

describe('many MIME parts', () => {
  it('a mail of 100,000 tiny attachments keeps at most MAX_MIME_PARTS of them, quickly', () => {
    const part = '--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="x.bin"\r\n\r\nx\r\n';
    const raw = `To: a@x.com\r\nSubject: s\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${part.repeat(100_000)}--b--\r\n`;
    const { value, ms } = timed(() => parseMail(raw));
    expect(ms).toBeLessThan(2000);
    expect(value.attachments.length).toBeLessThanOrEqual(MAX_MIME_PARTS);
    expect(value.attachments.length).toBeGreaterThan(100);
  });

  it('a request body of more than MAX_MULTIPART_PARTS parts is malformed', () => {
    const body = Buffer.from(`${'--b\r\n\r\nx\r\n'.repeat(MAX_MULTIPART_PARTS + 1)}--b--`);
    expect(parseMultipart(body, 'b')).toBeUndefined();
    expect(parseMultipart(Buffer.from(`${'--b\r\n\r\nx\r\n'.repeat(3)}--b--`), 'b')).toHaveLength(3);
  });
});

describe('field masks', () => {
  it('deep or huge masks are malformed (undefined), never a stack overflow', () => {
    expect(parseFieldMask('a('.repeat(100_000))).toBeUndefined();
    expect(parseFieldMask(`${'a('.repeat(FIELD_MASK_LIMITS.maxDepth + 1)}b${')'.repeat(FIELD_MASK_LIMITS.maxDepth + 1)}`)).toBeUndefined();
    expect(parseFieldMask(`${Array.from({ length: FIELD_MASK_LIMITS.maxDepth + 2 }, () => 'a').join('/')}`)).toBeUndefined();
    expect(parseFieldMask('x,'.repeat(10_000) + 'x')).toBeUndefined();
    expect(parseFieldMask('files(id,name,owners(emailAddress)),nextPageToken')).toBeDefined();
  });

  it('a deep Drive fields parameter is the 400 for an invalid field selection', () => {
    const ws = createEmptyWorkspace();
    const r = ws.invoke('drive.files.list', { fields: `${'files('.repeat(50_000)}id` }, { face: 'tool', auth: { principal: 'owner@corvidlabs.com', tokenKind: 'user' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.httpStatus, r.error.reason]).toEqual([400, 'invalidParameter']);
  });
});

/** Pure parts of the HTTP face: template compilation, field masks, multipart parsing, and the coverage comparison. */
import { describe, expect, it } from 'vitest';
import { applyFieldMask, compileTemplate, parseFieldMask } from '../../../harness/services/http/index.ts';
import { parseMultipart } from '../../../harness/services/http/body.ts';
import { coverageReport } from '../../../harness/coverage/report.ts';
import { googleMethodPaths, slackMethodPaths } from '../../../harness/coverage/client-methods.ts';
import { FIXTURE_GOOGLE_OPS } from '../../support/fixture-service.ts';

describe('compileTemplate', () => {
  it('params stop at / and :, so {id}:verb splits', () => {
    const t = compileTemplate('/v1/documents/{documentId}:batchUpdate');
    expect(t.names).toEqual(['documentId']);
    expect(t.regex.exec('/v1/documents/abc%3Ax:batchUpdate')?.[1]).toBe('abc%3Ax');
    expect(t.regex.test('/v1/documents/abc')).toBe(false);
    expect(t.regex.test('/v1/documents/a/b:batchUpdate')).toBe(false);
  });
});

describe('field masks', () => {
  const value = { kind: 'k', nextPageToken: 'n', files: [{ id: '1', name: 'a', owners: [{ email: 'x', me: true }] }] };
  it('selects nested fields, sub-selections and paths', () => {
    expect(applyFieldMask(value, parseFieldMask('files(id,owners/email),nextPageToken')!)).toEqual({ nextPageToken: 'n', files: [{ id: '1', owners: [{ email: 'x' }] }] });
    expect(applyFieldMask(value, parseFieldMask('files/name')!)).toEqual({ files: [{ name: 'a' }] });
    expect(applyFieldMask(value, parseFieldMask('*')!)).toEqual(value);
    expect(applyFieldMask(value, parseFieldMask('files(*)')!)).toEqual({ files: value.files });
  });
  it('rejects malformed masks', () => {
    for (const bad of ['files(id', 'files)', 'a,,b', '', 'a//b', '(id)']) expect(parseFieldMask(bad), bad).toBeUndefined();
  });
});

describe('parseMultipart', () => {
  it('splits parts, keeps binary data exact, reads form-data names and filenames', () => {
    const bin = Buffer.from([0, 13, 10, 45, 45, 255]);
    const body = Buffer.concat([
      Buffer.from('--b\r\nContent-Disposition: form-data; name="channel"\r\n\r\nC1\r\n'),
      Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      bin,
      Buffer.from('\r\n--b--\r\n'),
    ]);
    const parts = parseMultipart(body, 'b')!;
    expect(parts.map((p) => [p.name, p.filename])).toEqual([['channel', undefined], ['file', 'x.bin']]);
    expect(parts[0]!.data.toString()).toBe('C1');
    expect(parts[1]!.data.equals(bin)).toBe(true);
    expect(parseMultipart(Buffer.from('no delimiter'), 'b')).toBeUndefined();
    expect(parseMultipart(Buffer.from('--b\r\nContent-Type: text/plain\r\n\r\nunterminated'), 'b')).toBeUndefined();
  });
});

describe('coverage', () => {
  it('compares ids without the service prefix; Slack headline excludes admin.*; flags unknown ids', () => {
    const r = coverageReport({
      operations: FIXTURE_GOOGLE_OPS,
      official: { gmail: [], calendar: [], drive: ['notes.list', 'notes.get', 'files.list'], docs: [], slack: ['chat.postMessage', 'admin.users.list'] },
      docsKindsTotal: ['insertText', 'deleteContentRange'],
      docsKindsImplemented: ['insertText', 'bogus'],
    });
    const drive = r.apis.find((a) => a.service === 'drive')!;
    expect(drive).toMatchObject({ implemented: 2, total: 3, missing: ['files.list'] });
    expect(drive.unknown).toContain('notes.create');
    expect(r.slackNonAdmin).toMatchObject({ implemented: 0, total: 1 });
    expect(r.docsRequestKinds).toMatchObject({ implemented: 1, total: 2, missing: ['deleteContentRange'], unknown: ['bogus'] });
  });

  it('walks client objects: prototype methods under resources, Slack function leaves', () => {
    class Messages { list() {} get() {} }
    class Users { messages = new Messages(); getProfile() {} }
    expect(googleMethodPaths({ context: { x: 1 }, users: new Users() })).toEqual(['users.getProfile', 'users.messages.get', 'users.messages.list']);
    expect(slackMethodPaths({ apiCall() {}, chat: { postMessage() {} }, files: { uploadV2() {}, info() {} }, logger: new Users() })).toEqual(['chat.postMessage', 'files.info']);
  });
});

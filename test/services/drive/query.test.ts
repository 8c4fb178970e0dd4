import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../harness/services/drive/query/parse.ts';
import { tokenize, QuerySyntaxError } from '../../../harness/services/drive/query/tokenize.ts';
import { wordPrefixMatch } from '../../../harness/services/drive/query/evaluate.ts';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';

describe('drive q tokenizer and parser', () => {
  it('tokenizes escaped quotes and two-character operators', () => {
    const toks = tokenize("name = 'Bob\\'s plan' and modifiedTime >= '2026-01-01T00:00:00Z'");
    expect(toks.map((t) => t.value)).toEqual(['name', '=', "Bob's plan", 'and', 'modifiedTime', '>=', '2026-01-01T00:00:00Z']);
  });

  it('gives and precedence over or, and handles not and parentheses', () => {
    expect(parseQuery("name = 'a' or name = 'b' and starred = true")).toEqual({
      t: 'or', l: { t: 'text', field: 'name', op: '=', value: 'a' },
      r: { t: 'and', l: { t: 'text', field: 'name', op: '=', value: 'b' }, r: { t: 'bool', field: 'starred', op: '=', value: true } },
    });
    expect(parseQuery("not ('x' in parents or sharedWithMe)")).toEqual({
      t: 'not', e: { t: 'or', l: { t: 'in', field: 'parents', value: 'x' }, r: { t: 'sharedWithMe' } },
    });
    expect(parseQuery("properties has { key='dept' and value='fin' }")).toEqual({ t: 'has', field: 'properties', key: 'dept', value: 'fin' });
  });

  it.each([
    "name contains 'x' and (", "name contains", "fullText = 'x'", "colour = 'red'", "modifiedTime > 'yesterday'",
    "trashed = maybe", "'a@b.com' in friends", "name contains 'unterminated", "name = 'a' name = 'b'", '',
  ])('rejects %j', (q) => {
    expect(() => parseQuery(q)).toThrow(QuerySyntaxError);
  });

  it('name contains is word-prefix matching, case-insensitive', () => {
    expect(wordPrefixMatch('Q3 Budget-final.xlsx', 'budget')).toBe(true);
    expect(wordPrefixMatch('Q3 Budget-final.xlsx', 'final')).toBe(true);
    expect(wordPrefixMatch('HelloWorld', 'world')).toBe(false);
  });
});

describe('files.list evaluation through ws.invoke', () => {
  const ws = createEmptyWorkspace();
  const auth = { principal: 'alice@corvidlabs.com', tokenKind: 'user' as const };
  const call = (op: string, args: Record<string, unknown>) => {
    const r = ws.invoke(op, args, { face: 'tool', auth });
    if (!r.ok) throw r.error;
    return r.value as any;
  };
  const names = (q: string, orderBy = 'name') => call('drive.files.list', { q, orderBy, fields: 'files(name)' }).files.map((f: any) => f.name);
  const folder = call('drive.files.create', { requestBody: { name: 'Finance', mimeType: 'application/vnd.google-apps.folder' } });
  call('drive.files.create', { requestBody: { name: 'Budget 2026.csv', parents: [folder.id], properties: { dept: 'fin' } }, media: { mimeType: 'text/csv', body: 'line,amount\nrent,1200\n' } });
  ws.advance(3_600_000);
  const later = ws.now();
  ws.advance(3_600_000);
  call('drive.files.create', { requestBody: { name: 'notes.txt', starred: true }, media: { mimeType: 'text/plain', body: 'Kestrel launch checklist' } });
  const link = call('drive.files.create', { requestBody: { name: 'press kit.pdf' }, media: { mimeType: 'application/pdf', body: 'x' } });
  call('drive.permissions.create', { fileId: link.id, requestBody: { type: 'anyone', role: 'reader' } });
  call('drive.permissions.create', { fileId: folder.id, sendNotificationEmail: false, requestBody: { type: 'user', role: 'writer', emailAddress: 'carol@partner.com' } });

  it('evaluates each term kind', () => {
    expect(names(`'${folder.id}' in parents`)).toEqual(['Budget 2026.csv']);
    expect(names("fullText contains 'rent'")).toEqual(['Budget 2026.csv']);
    expect(names("fullText contains 'kestrel launch'")).toEqual(['notes.txt']);
    expect(names(`modifiedTime > '${later}'`)).toEqual(['notes.txt', 'press kit.pdf']);
    expect(names(`modifiedTime <= '${later}' and mimeType != 'application/vnd.google-apps.folder'`)).toEqual(['Budget 2026.csv']);
    expect(names('starred = true')).toEqual(['notes.txt']);
    expect(names("visibility = 'anyoneWithLink'")).toEqual(['press kit.pdf']);
    expect(names("'carol@partner.com' in writers")).toEqual(['Budget 2026.csv', 'Finance']);
    expect(names("'alice@corvidlabs.com' in owners and not name contains 'press' and mimeType contains 'text/'")).toEqual(['Budget 2026.csv', 'notes.txt']);
    expect(names("properties has { key='dept' and value='fin' }")).toEqual(['Budget 2026.csv']);
    expect(names("'root' in parents", 'folder,name')).toEqual(['Finance', 'notes.txt', 'press kit.pdf']);
  });

  it('orders by modifiedTime desc and rejects unknown order keys', () => {
    expect(names("trashed = false and mimeType != 'application/vnd.google-apps.folder'", 'modifiedTime desc')[0]).toBe('press kit.pdf');
    const r = ws.invoke('drive.files.list', { orderBy: 'size' }, { face: 'tool', auth });
    expect(r.ok).toBe(false);
  });
});

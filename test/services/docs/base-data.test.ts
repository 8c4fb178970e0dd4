import { describe, expect, it } from 'vitest';
import { createRng } from '../../../harness/core/index.ts';
import { createEmptyWorkspace, createWorkspace } from '../../../harness/services/workspace.ts';
import { generateCompany } from '../../../datasets/company/company.ts';
import { generateDocs } from '../../../datasets/docs/generate.ts';
import { DOCS_COLLECTION, type DocRecord } from '../../../harness/services/docs/model.ts';
import { documentPlainText } from '../../../harness/services/docs/plain-text.ts';
import { stableHash } from '../../../harness/core/index.ts';
import { checkIndexes } from './helpers.ts';

function build() {
  const ws = createEmptyWorkspace();
  const company = generateCompany(1);
  generateDocs(ws, company, createRng('t').fork('docs'));
  return { ws: createWorkspace(ws.toBase()), company, hash: stableHash(ws.dump()) };
}

describe('base docs', () => {
  it('generates 60 structured documents deterministically, each with a Drive file', () => {
    const a = build();
    const b = build();
    expect(a.hash).toBe(b.hash);
    const docs = [...a.ws.collection<DocRecord>(DOCS_COLLECTION).values()];
    expect(docs).toHaveLength(60);
    for (const d of docs) expect(a.ws.collection<{ mimeType: string; name: string }>('drive.files').peek(d.documentId)).toMatchObject({ mimeType: 'application/vnd.google-apps.document', name: d.title });
    expect(docs.filter((d) => d.body.some((blk) => blk.type === 'table')).length).toBeGreaterThan(30);
    expect(docs.filter((d) => Object.keys(d.lists).length > 0).length).toBeGreaterThan(50);
    expect(docs.some((d) => d.title.startsWith('CONFIDENTIAL — Performance Review'))).toBe(true);
  });

  it('renders every base document with consistent indexes and a matching plain-text export', () => {
    const { ws, company } = build();
    const docs = [...ws.collection<DocRecord>(DOCS_COLLECTION).values()];
    for (const d of docs) {
      const owner = ws.collection<{ ownerEmail: string }>('drive.files').peek(d.documentId)!.ownerEmail;
      const r = ws.invoke('docs.documents.get', { documentId: d.documentId }, { face: 'tool', auth: { principal: owner, tokenKind: 'user' } });
      expect(r.ok).toBe(true);
      checkIndexes((r as { value: any }).value.body.content, 0);
    }
    const memo = docs.find((d) => d.title === 'Board Memo — Q2 2026')!;
    const text = documentPlainText(ws, memo.documentId)!;
    expect(text).toContain('Board Memo — Q2 2026\n');
    expect(text).toContain('1. Approve the Series B process');
    expect(text).toContain('ARR\n$8.4M\n');
    // The board memo is not visible to an ordinary engineer.
    const eng = company.employees.find((p) => p.team === 'Engineering' && p.managerId !== null)!;
    const denied = ws.invoke('docs.documents.get', { documentId: memo.documentId }, { face: 'tool', auth: { principal: eng.email, tokenKind: 'user' } });
    expect(denied.ok).toBe(false);
    // The owner (Chief of Staff) can edit it.
    const edit = ws.invoke('docs.documents.batchUpdate', { documentId: memo.documentId, requestBody: { requests: [{ replaceAllText: { containsText: { text: 'Series B' }, replaceText: 'Series C' } }] } }, { face: 'tool', auth: { principal: company.owner.email, tokenKind: 'user' } });
    expect(edit.ok).toBe(true);
    expect(documentPlainText(ws, memo.documentId)).toContain('Series C');
  });
});
